// Compile a --filter flag, turning a syntax error into a usage error that points at the column.
import {compileFilter, FilterSyntaxError, type EventFilter} from '../../core/filter/filter.js';
import {usageError} from './errors.js';

/**
 * The compiled filter, its fields looked for in `containers` (config `fields.containers`), or undefined when no
 * filter was given; `flag` names the flag in a syntax error.
 */
export function filterFrom(expr: string | undefined, containers: readonly string[], flag = 'filter'): EventFilter | undefined {
	if (expr === undefined || expr.trim() === '') return undefined;
	try {
		return compileFilter(expr, containers);
	} catch (error) {
		if (error instanceof FilterSyntaxError) throw usageError(`--${flag}: ${error.message}`);
		throw error;
	}
}
