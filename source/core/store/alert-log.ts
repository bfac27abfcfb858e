// Alert history across restarts: alerts by id (insert or update), mirrored in memory for cheap listing.
import type {Alert} from '../alerts/types.js';
import type {Databases} from './databases.js';
import type {Job} from './job.js';

/** Most alerts kept; the oldest go first. There is one alert per (rule, key) at a time, but keys are unbounded. */
const alertLimit = 10_000;

/** Stored alerts, oldest (by firing time) first. */
export class AlertLog {
	private readonly byId = new Map<string, Alert>();
	private ordered: Alert[] | undefined;

	constructor(private readonly dbs: Databases) {
		for (const {value} of dbs.alerts.getRange()) this.byId.set(value.id, value);
	}

	/** Plan storing one alert, replacing the one with the same id. */
	plan(alert: Alert): Job<void> {
		const copy: Alert = {...alert, exampleIds: [...alert.exampleIds]};
		const dropped = this.byId.has(alert.id) || this.byId.size < alertLimit ? undefined : this.list()[0];
		return {
			result: undefined,
			write: () => {
				void this.dbs.alerts.put(copy.id, copy);
				if (dropped) void this.dbs.alerts.remove(dropped.id);
			},
			committed: () => {
				if (dropped) this.byId.delete(dropped.id);
				this.byId.set(copy.id, copy);
				this.ordered = undefined;
			},
		};
	}

	/** All alerts, oldest first (a fresh array). */
	list(): Alert[] {
		this.ordered ??= [...this.byId.values()].sort((a, b) => a.firedAt - b.firedAt);
		return [...this.ordered];
	}
}
