// The CLI's words agree with what it does: `help`, command groups, monitor's default source, a repeated --source.
import {execFileSync} from 'node:child_process';
import os from 'node:os';
import {describe, expect, it} from 'vitest';
import {runCli} from '../support/cli.js';

describe('help and the words of the CLI', () => {
	it('pubsub-tools help lists the commands; help <command> is that command\'s --help', async () => {
		const overview = await runCli(['help']);
		expect(overview.code).toBe(0);
		expect(overview.stdout).toContain('flow analyze');
		const monitor = await runCli(['help', 'monitor']);
		expect(monitor.code).toBe(0);
		expect(monitor.stdout).toBe((await runCli(['monitor', '--help'])).stdout);
		expect(monitor.stdout).not.toContain('1-6 panes');
		const flow = await runCli(['help', 'flow', 'analyze']);
		expect(flow.stdout).toContain('Usage: pubsub-tools flow analyze');
	});

	it('help "saga visualize" (the command quoted as one word) is help saga visualize', async () => {
		const words = await runCli(['help', 'saga', 'visualize']);
		expect(words.code, words.stderr).toBe(0);
		expect(words.stdout).toContain('pubsub-tools saga visualize');
		for (const quoted of [['saga visualize'], [' saga  visualize '], ['saga\tvisualize']]) {
			const result = await runCli(['help', ...quoted]);
			expect(result.code, `${JSON.stringify(quoted)}: ${result.stderr}`).toBe(0);
			expect(result.stdout).toBe(words.stdout);
		}

		const flow = await runCli(['help', 'flow analyze']);
		expect(flow.code, flow.stderr).toBe(0);
		expect(flow.stdout).toBe((await runCli(['flow', 'analyze', '--help'])).stdout);
	});

	it('a command group lists its subcommands: flow --help exits 0, flow alone exits 2', async () => {
		const asked = await runCli(['flow', '--help']);
		expect(asked.code).toBe(0);
		expect(asked.stdout).toContain('Usage: pubsub-tools flow <subcommand>');
		expect(asked.stdout).toContain('flow analyze');
		const bare = await runCli(['flow']);
		expect(bare.code).toBe(2);
		expect(bare.stderr).toContain('flow analyze');
		expect((await runCli(['audit', '--help'])).stdout).toContain('audit query');
		expect((await runCli(['frobnicate'])).stderr).toContain('unknown command "frobnicate"');
	});

	it('a mistyped command is named alone, with the command it is closest to', async () => {
		const typo = await runCli(['metircs', 'recordings/fraud.jsonl', '--json']);
		expect(typo.code).toBe(2);
		expect(typo.stderr).toBe('pubsub-tools: unknown command "metircs"; did you mean "metrics"? (pubsub-tools --help lists them)\n');
		const sub = await runCli(['flow', 'grph', 'recordings/fraud.jsonl']);
		expect(sub.code).toBe(2);
		expect(sub.stderr.split('\n')[0]).toBe('pubsub-tools: unknown subcommand "flow grph"; did you mean "flow graph"?');
		expect(sub.stderr).toContain('Usage: pubsub-tools flow <subcommand>');
		const far = await runCli(['frobnicate', 'x']);
		expect(far.stderr).toBe('pubsub-tools: unknown command "frobnicate"; pubsub-tools --help lists the commands\n');
	});

	it('a source URL given as the command points to monitor --source, with its credentials masked and said to be put back', async () => {
		const kafka = await runCli(['kafka://reader:s3cret@127.0.0.1:9/orders']);
		expect(kafka.code).toBe(2);
		expect(kafka.stderr).toBe('pubsub-tools: unknown command "kafka://***@127.0.0.1:9/orders"; did you mean: pubsub-tools monitor --source \'kafka://***@127.0.0.1:9/orders\' (with your credentials in place of ***)\n');
		const redis = await runCli(['redis://:s3cret@127.0.0.1:6379', '--headless']);
		expect(redis.code).toBe(2);
		expect(redis.stderr).toBe('pubsub-tools: unknown command "redis://***@127.0.0.1:6379"; did you mean: pubsub-tools monitor --source \'redis://***@127.0.0.1:6379\' (with your credentials in place of ***)\n');
		expect((await runCli(['rediss://127.0.0.1:6380'])).stderr).toContain('did you mean: pubsub-tools monitor --source rediss://127.0.0.1:6380');
	});

	it('a source URL a shell would change is suggested quoted (only then), and its escape sequences are shown, not sent', async () => {
		const url = 'redis://127.0.0.1:6379?streams=orders.*,payments.*&group=on-call\'s';
		const result = await runCli([url]);
		expect(result.code).toBe(2);
		const suggested = /did you mean: pubsub-tools monitor --source (.*)\n$/.exec(result.stderr)?.[1] ?? '';
		expect(suggested).toBe('\'redis://127.0.0.1:6379?streams=orders.*,payments.*&group=on-call\'\\\'\'s\'');
		// A POSIX shell reads the suggestion back as the URL, one word.
		expect(execFileSync('sh', ['-c', `printf '%s\\n' ${suggested}`], {cwd: os.tmpdir()}).toString()).toBe(`${url}\n`);
		expect((await runCli(['kafka://127.0.0.1:9092/orders'])).stderr).toContain('--source kafka://127.0.0.1:9092/orders\n');
		const hostile = await runCli(['redis://127.0.0.1:6379?streams=\u001B]0;owned\u0007\u001B[2J\u009B31m']);
		expect(hostile.stderr).not.toMatch(/[\u0000-\u0009\u000B-\u001F\u007F-\u009F]/);
		expect(hostile.stderr).toContain('streams=\\e]0;owned\\a\\e[2J\\u009b31m');
	});

	it('monitor without --source runs the simulator, as its help says', async () => {
		const result = await runCli(['monitor', '--alerts-out', '-', '--duration', '1s']);
		expect(result.stderr).not.toContain('give a recording');
		expect(result.code).toBe(0);
	});

	it('a source given twice is read once: the same figures as given once, and a note on stderr', async () => {
		const once = await runCli(['metrics', '--source', 'demo', '--duration', '20s', '--json']);
		const twice = await runCli(['metrics', '--source', 'demo', '--source', 'demo', '--duration', '20s', '--json']);
		expect(twice.code).toBe(0);
		expect(twice.stderr).toContain('demo was given more than once; reading it once');
		expect(JSON.parse(twice.stdout).events).toBe(JSON.parse(once.stdout).events);
		expect(JSON.parse(once.stdout).events).toBeGreaterThan(100);
	});
});
