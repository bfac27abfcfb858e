import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {afterEach, beforeEach, describe, expect, it} from 'vitest';
import {ConfigError, configFileName, formatConfig, loadConfig} from '../../source/core/config-file.js';
import {defaultConfig} from '../../source/core/config.js';
import {InputError} from '../../source/core/errors.js';

let dir: string;

beforeEach(() => {
	dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pubsub-config-'));
});

afterEach(() => {
	fs.rmSync(dir, {recursive: true, force: true});
});

/** Write `text` as the working directory's config file and load it. */
function load(text: string, name = configFileName) {
	fs.writeFileSync(path.join(dir, name), text);
	return loadConfig({cwd: dir, path: name === configFileName ? undefined : name});
}

/** The ConfigError message loading `text` gives. */
function problemsOf(text: string): string {
	try {
		load(text);
	} catch (error) {
		expect(error).toBeInstanceOf(ConfigError);
		expect(error).toBeInstanceOf(InputError);
		return (error as Error).message;
	}

	throw new Error('expected a ConfigError');
}

describe('loadConfig', () => {
	it('gives the defaults when there is no file, and never hands out the shared defaults object', () => {
		const config = loadConfig({cwd: dir});
		expect(config).toEqual(defaultConfig);
		config.alerts.rules.lag.enabled = false;
		expect(defaultConfig.alerts.rules.lag.enabled).toBe(true);
		expect(load('')).toEqual(defaultConfig);
		expect(load('# only comments\n')).toEqual(defaultConfig);
	});

	it('merges the file over the defaults: thresholds, windows with units, field lists, disabled rules, per-topic overrides', () => {
		const config = load([
			'fields:',
			'  customer: [clientId, customerId]',
			'latency:',
			'  allowedLatenessMs: 2s',
			'alerts:',
			'  paymentPattern: "pay(ment)?s?\\\\b"',
			'  rules:',
			'    fraud.velocity:',
			'      threshold: 3',
			'      windowMs: 2m',
			'    fraud:                # rule names may also be written nested',
			'      amount: {enabled: false}',
			'    silence: {enabled: false}',
			'    error-rate:',
			'      topics:',
			'        payment.transactions: {threshold: 0.01, minEvents: 50}',
			'        audit.log: {enabled: false}',
			'    slo.latency:',
			'      topics:',
			'        orders.created->payment.transactions: {threshold: 250ms}',
		].join('\n'));
		expect(config.fields.customer).toEqual(['clientId', 'customerId']);
		expect(config.fields.recipient).toEqual(defaultConfig.fields.recipient);
		expect(config.latency).toEqual({allowedLatenessMs: 2000, slowHopMs: 100});
		expect(config.alerts.paymentPattern).toBe('pay(ment)?s?\\b');
		expect(config.alerts.rules['fraud.velocity']).toEqual({...defaultConfig.alerts.rules['fraud.velocity'], threshold: 3, windowMs: 120_000});
		expect(config.alerts.rules['fraud.amount'].enabled).toBe(false);
		expect(config.alerts.rules.silence.enabled).toBe(false);
		expect(config.alerts.rules['error-rate'].topics).toEqual({
			'payment.transactions': {threshold: 0.01, minEvents: 50},
			'audit.log': {enabled: false},
		});
		expect(config.alerts.rules['error-rate'].threshold).toBe(0.05);
		expect(config.alerts.rules['slo.latency'].topics).toEqual({'orders.created->payment.transactions': {threshold: 250}});
	});

	it('reads --config paths relative to the working directory', () => {
		fs.mkdirSync(path.join(dir, 'conf'));
		expect(load('alerts: {rules: {lag: {threshold: 5}}}', 'conf/team.yaml').alerts.rules.lag.threshold).toBe(5);
	});

	it('names the file, line and dotted key of each bad value, and what was expected', () => {
		expect(problemsOf([
			'alerts:',
			'  rules:',
			'    fraud.velocity:',
			'      threshold: five',
			'    error-rate:',
			'      threshold: 5',
			'    silence:',
			'      windowMs: soon',
			'      severity: urgent',
			'  paymentPattern: "pay("',
			'fields:',
			'  customer: customerId',
		].join('\n'))).toBe([
			'pubsub-tools.config.yaml:4: alerts.rules.fraud.velocity.threshold: expected a positive whole number, got "five"',
			'pubsub-tools.config.yaml:6: alerts.rules.error-rate.threshold: expected a fraction from 0 up to 1 (0.05 = 5 %), got 5',
			'pubsub-tools.config.yaml:8: alerts.rules.silence.windowMs: expected a duration above 0: milliseconds, or a number with ms, s, m, h or d (30s, 5m), got "soon"',
			'pubsub-tools.config.yaml:9: alerts.rules.silence.severity: expected one of critical, warning, info, got "urgent"',
			'pubsub-tools.config.yaml:10: alerts.paymentPattern: expected a regular expression, got "pay(" (Invalid regular expression: /pay(/i: Unterminated group)',
			'pubsub-tools.config.yaml:12: fields.customer: expected a list of field names, got "customerId"',
		].join('\n'));
	});

	it('rejects unknown keys, with a "did you mean" when one is close', () => {
		expect(problemsOf([
			'alert:',
			'  rules: {}',
			'latency:',
			'  lateness: 5s',
			'  colour: red',
		].join('\n'))).toBe([
			'pubsub-tools.config.yaml:1: alert: unknown key; did you mean "alerts"?',
			'pubsub-tools.config.yaml:4: latency.lateness: unknown key; known keys: allowedLatenessMs, slowHopMs',
			'pubsub-tools.config.yaml:5: latency.colour: unknown key; known keys: allowedLatenessMs, slowHopMs',
		].join('\n'));
		expect(problemsOf('alerts:\n  rules:\n    fraud:\n      velocty: {threshold: 3}\n')).toBe(
			'pubsub-tools.config.yaml:4: alerts.rules.fraud.velocty: unknown key; did you mean "fraud.velocity"?',
		);
		expect(problemsOf('alerts:\n  rules:\n    error-rate:\n      topics:\n        orders: {treshold: 0.1}\n')).toBe(
			'pubsub-tools.config.yaml:5: alerts.rules.error-rate.topics.orders.treshold: unknown key; did you mean "threshold"?',
		);
	});

	it('asks for every key of a new state machine, and merges a change to a built-in one', () => {
		expect(problemsOf('state:\n  machines:\n    refund:\n      events: {RefundAsked: Asked}\n      initial: [Asked]\n')).toBe([
			'pubsub-tools.config.yaml:3: state.machines.refund.transitions: missing (required)',
			'pubsub-tools.config.yaml:3: state.machines.refund.final: missing (required)',
		].join('\n'));
		const {machines} = load('state:\n  machines:\n    order: {final: [Completed]}\n').state;
		expect(machines.order).toEqual({...defaultConfig.state.machines.order, final: ['Completed']});
		expect(Object.keys(machines)).toEqual(Object.keys(defaultConfig.state.machines));
	});

	it('keeps any topic name, "constructor" included, and rejects such names where only known keys may be', () => {
		expect(load('alerts: {rules: {silence: {topics: {constructor: {threshold: 5s}}}}}').alerts.rules.silence.topics).toEqual({constructor: {threshold: 5000}});
		expect(problemsOf('latency: {constructor: 1, __proto__: 2}')).toBe([
			'pubsub-tools.config.yaml:1: latency.constructor: unknown key; known keys: allowedLatenessMs, slowHopMs',
			'pubsub-tools.config.yaml:1: latency.__proto__: unknown key; known keys: allowedLatenessMs, slowHopMs',
		].join('\n'));
	});

	it('reports YAML syntax errors with line and column, and files that are not a mapping', () => {
		expect(problemsOf('alerts:\n  rules: [1\n')).toMatch(/^pubsub-tools\.config\.yaml:\d+:\d+: not valid YAML: /);
		expect(problemsOf('- 1\n- 2\n')).toBe('pubsub-tools.config.yaml: expected a mapping of settings, got a list');
		expect(problemsOf('alerts: 3\n')).toBe('pubsub-tools.config.yaml:1: alerts: expected a mapping of settings, got 3');
	});

	it('says when an explicit --config file is missing', () => {
		expect(() => loadConfig({cwd: dir, path: 'nope.yaml'})).toThrow(new ConfigError('nope.yaml: cannot read the configuration: no such file'));
	});
});

describe('formatConfig', () => {
	it('prints YAML that loads back to the same configuration', () => {
		const changed = load('alerts:\n  rules:\n    silence:\n      topics:\n        orders.created: {threshold: 1m}\n    lag: {enabled: false}\n');
		const text = formatConfig(changed);
		expect(text).toContain('    fraud.velocity:\n      enabled: true\n      severity: critical\n      windowMs: 60000\n      threshold: 5\n');
		expect(text).toContain('  customer: [ customerId, customer_id, userId, user_id, accountId, cardId ]\n');
		expect(load(text)).toEqual(changed);
		expect(load(formatConfig(defaultConfig))).toEqual(defaultConfig);
	});
});
