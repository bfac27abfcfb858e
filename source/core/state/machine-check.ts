// What makes a state machine of the configuration unusable: a state its moves, initial or final states name that no
// event enters (a typo such as "Hold" for "Held" would otherwise flag every aggregate's steps), or nothing to start.
import {nearestName} from '../units/nearest-name.js';

/** A machine as the configuration file writes it (config.ts `state.machines`). */
type MachineSettings = {events: Record<string, string>; initial: readonly string[]; transitions: Record<string, readonly string[]>; final: readonly string[]};

/** One mistake, at its key path within the machine. */
export type MachineProblem = {path: string[]; message: string};

/** Every mistake of one machine; none for a machine every named state of which some event enters. */
export function machineProblems(machine: MachineSettings): MachineProblem[] {
	const states = [...new Set(Object.values(machine.events))];
	if (states.length === 0) return [{path: ['events'], message: 'no event type is mapped to a state: the machine could never apply'}];
	const problems: MachineProblem[] = [];
	const unknown = (names: readonly string[], path: string[]) => {
		for (const name of names.filter(each => !states.includes(each))) {
			const near = nearestName(name, states);
			problems.push({path, message: `"${name}" is no state of this machine: no event enters it (its states: ${states.join(', ')})${near === undefined ? '' : `; did you mean "${near}"?`}`});
		}
	};

	if (machine.initial.length === 0) problems.push({path: ['initial'], message: 'no initial state: every aggregate\'s first event would break the machine'});
	unknown(machine.initial, ['initial']);
	for (const [from, to] of Object.entries(machine.transitions)) {
		unknown([from], ['transitions', from]);
		unknown(to, ['transitions', from]);
	}

	unknown(machine.final, ['final']);
	return problems;
}
