// A saga definition as data (YAML in the config or a --sagas file), checked into the form the tracker runs: every
// problem names where it is written (file:line:column, or the config key) and what is expected.
import {parseDuration} from '../../source/plugin-api/index.js';

/** One step: the event that marks it done, what must follow a failure after it, and how soon it is due. */
export type SagaStep = {
	event: string;
	/** Events that undo this step; each must arrive after a failure that follows this step. */
	compensations: string[];
	/** Event time allowed from the step before (the saga's start for the first step) to this one. */
	dueMs: number;
};

/** A checked saga definition. */
export type SagaDefinition = {
	name: string;
	/** A value field (dotted path, e.g. `checkout_id` or `data.rideId`) naming the instance, or the store's transaction join (every correlation id). */
	correlation: {field: string} | {transaction: true};
	/** Ordered steps; the first starts an instance. */
	steps: SagaStep[];
	/** The event that completes the saga. */
	success: string;
	/** Events that fail it. */
	failures: string[];
	/** Event time allowed from the last step to the success event. */
	successDueMs: number;
	/** Event time allowed from a failure to the last compensation it needs. */
	compensationDueMs: number;
	/** Value fields (dotted paths) read, in order, for a failure's reason. */
	reasonFields: string[];
	/**
	 * Applies only once the input showed one of its end events (success or a failure): true for the built-in
	 * definitions, so a stream that merely shares their first steps' names shows no saga; a user's own applies at once.
	 */
	needsEnd: boolean;
};

/** Where a part of the input is written, for error messages. */
export type Locate = (path: ReadonlyArray<string | number>) => string;

/** A definition that cannot be used; the message says where and why. */
export class DefinitionError extends Error {}

/** Default due time of a step when neither it nor its saga sets one. */
const defaultDueMs = 5 * 60_000;
/** Reason fields read when a definition names none. */
const defaultReasonFields = ['reason', 'failureReason', 'failure_reason', 'errorCode', 'error_code', 'error', 'data.reason', 'data.error', 'data.errorCode', 'data.error_code'];

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

/** Check one definition (`raw`, written at `at` in the input) and return it in the tracker's form. */
function checkDefinition(raw: unknown, at: ReadonlyArray<string | number>, locate: Locate): SagaDefinition {
	const fail = (path: ReadonlyArray<string | number>, message: string): never => {
		throw new DefinitionError(`${locate([...at, ...path])}: ${message}`);
	};

	if (!isRecord(raw)) fail([], 'a saga definition must be a mapping with name, steps and success');
	const value = raw as Record<string, unknown>;
	const known = ['name', 'correlation', 'steps', 'success', 'failures', 'due', 'compensationDue', 'successDue', 'reason'];
	for (const key of Object.keys(value)) if (!known.includes(key)) fail([key], `unknown key "${key}" (expected one of ${known.join(', ')})`);
	const text = (path: ReadonlyArray<string | number>, item: unknown, what: string): string => {
		if (typeof item !== 'string' || item.trim() === '') fail(path, `${what} must be a non-empty string`);
		return (item as string).trim();
	};

	const texts = (path: ReadonlyArray<string | number>, item: unknown, what: string): string[] => {
		if (item === undefined || item === null) return [];
		if (typeof item === 'string') return [text(path, item, what)];
		if (!Array.isArray(item)) fail(path, `${what} must be an event type or a list of them`);
		return (item as unknown[]).map((entry, index) => text([...path, index], entry, what));
	};

	const duration = (path: ReadonlyArray<string | number>, item: unknown, otherwise: number): number => {
		if (item === undefined || item === null) return otherwise;
		if (typeof item === 'number' && item > 0) return item * 1000;
		try {
			const ms = parseDuration(String(item), 'due');
			if (ms > 0) return ms;
		} catch {
			// Not a duration: the failure below says what was expected.
		}

		return fail(path, `expected a duration like 30s, 5m or 2h, got ${JSON.stringify(item)}`);
	};

	const name = text(['name'], value.name, 'name');
	const correlationText = value.correlation === undefined ? 'transaction' : text(['correlation'], value.correlation, 'correlation');
	const correlation = correlationText === 'transaction' ? {transaction: true as const} : {field: correlationText};
	const dueMs = duration(['due'], value.due, defaultDueMs);
	if (!Array.isArray(value.steps) || value.steps.length === 0) fail(['steps'], 'steps must be a non-empty list of event types (or of {event, compensation, due})');
	const steps = (value.steps as unknown[]).map((step, index): SagaStep => {
		if (typeof step === 'string') return {event: text(['steps', index], step, 'a step'), compensations: [], dueMs};
		if (!isRecord(step)) return fail(['steps', index], 'a step is an event type or a mapping {event, compensation, due}');
		for (const key of Object.keys(step)) {
			if (!['event', 'compensation', 'due'].includes(key)) fail(['steps', index, key], `unknown key "${key}" in a step (expected event, compensation, due)`);
		}

		return {
			event: text(['steps', index, 'event'], step.event, 'a step\'s event'),
			compensations: texts(['steps', index, 'compensation'], step.compensation, 'a compensation'),
			dueMs: duration(['steps', index, 'due'], step.due, dueMs),
		};
	});
	const success = text(['success'], value.success, 'success (the event that completes the saga)');
	const failures = texts(['failures'], value.failures, 'a failure');
	const reasonFields = value.reason === undefined ? defaultReasonFields : texts(['reason'], value.reason, 'a reason field');
	const roles = new Map<string, string>();
	const claim = (event: string, role: string, path: ReadonlyArray<string | number>) => {
		const earlier = roles.get(event);
		if (earlier !== undefined && !(earlier.startsWith('compensation') && role.startsWith('compensation'))) {
			fail(path, `event type "${event}" is both ${earlier} and ${role}; each event type has one role in a saga`);
		}

		roles.set(event, role);
	};

	steps.forEach((step, index) => claim(step.event, `step ${index + 1}`, ['steps', index]));
	claim(success, 'the success event', ['success']);
	failures.forEach((failure, index) => claim(failure, 'a failure', ['failures', index]));
	steps.forEach((step, index) => step.compensations.forEach(event => claim(event, 'a compensation', ['steps', index, 'compensation'])));
	if (steps.length > 30) fail(['steps'], 'at most 30 steps');
	return {
		name,
		correlation,
		steps,
		success,
		failures,
		successDueMs: duration(['successDue'], value.successDue, dueMs),
		compensationDueMs: duration(['compensationDue'], value.compensationDue, dueMs),
		reasonFields,
		needsEnd: false,
	};
}

/** Check a list of definitions (`raw` at `at`); names must be unique among them and `taken`. */
export function checkDefinitions(raw: unknown, at: ReadonlyArray<string | number>, locate: Locate, taken: readonly string[] = []): SagaDefinition[] {
	const list = Array.isArray(raw) ? raw : isRecord(raw) && Array.isArray(raw.sagas) ? raw.sagas as unknown[] : undefined;
	const base = Array.isArray(raw) ? at : [...at, 'sagas'];
	if (!list) throw new DefinitionError(`${locate(at)}: expected a list of saga definitions (or a mapping with a "sagas:" list)`);
	const names = [...taken];
	return list.map((item, index) => {
		const definition = checkDefinition(item, [...base, index], locate);
		if (names.includes(definition.name)) throw new DefinitionError(`${locate([...base, index, 'name'])}: a saga named "${definition.name}" is already defined`);
		names.push(definition.name);
		return definition;
	});
}
