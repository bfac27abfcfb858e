// Every command in the README's shell blocks runs as written (test/support/examples.ts says how).
import {describeExamples} from '../support/examples.js';

describeExamples('README.md');
