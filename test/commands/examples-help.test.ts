// Every command's `--help` examples run as written (test/support/examples.ts says how).
import {describeExamples} from '../support/examples.js';

describeExamples('--help');
