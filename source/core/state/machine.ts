// State machines as data (config `state.machines`), compiled for folding: event type → state, allowed moves.
import type {StateConfig, StateMachineConfig} from '../config.js';

/** A compiled state machine. */
export type Machine = {
	name: string;
	/** The state an event type puts the aggregate in; undefined when the machine does not know the type. */
	stateOf(type: string): string | undefined;
	isInitial(state: string): boolean;
	isFinal(state: string): boolean;
	/** The states `from` may move to. */
	next(from: string): readonly string[];
};

/** Compile one machine of the configuration. */
function compileMachine(name: string, config: StateMachineConfig): Machine {
	const events = new Map(Object.entries(config.events));
	const initial = new Set(config.initial);
	const final = new Set(config.final);
	const transitions = new Map(Object.entries(config.transitions));
	return {
		name,
		stateOf: type => events.get(type),
		isInitial: state => initial.has(state),
		isFinal: state => final.has(state),
		next: from => transitions.get(from) ?? [],
	};
}

/** Compile every machine of the configuration, in its order. */
export function compileMachines(config: StateConfig): Machine[] {
	return Object.entries(config.machines).map(([name, machine]) => compileMachine(name, machine));
}

/**
 * The machine an aggregate follows: decided by its first event whose type some machine knows; the first machine
 * for which that event's state is an initial state, else the first machine that knows the type at all.
 */
export function machineFor(machines: readonly Machine[], types: Iterable<string>): Machine | undefined {
	for (const type of types) {
		const knowing = machines.filter(machine => machine.stateOf(type) !== undefined);
		if (knowing.length > 0) return knowing.find(machine => machine.isInitial(machine.stateOf(type)!)) ?? knowing[0];
	}

	return undefined;
}
