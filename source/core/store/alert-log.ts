// Alert history across restarts: alerts by id (insert or update), mirrored in memory for cheap listing.
import type {Alert} from '../alerts/types.js';
import type {Databases} from './databases.js';
import type {Job} from './job.js';
import {storable} from './unpaired-text.js';

/** Most alerts kept; the oldest go first. There is one alert per (rule, key) at a time, but keys are unbounded. */
const alertLimit = 10_000;

/** Stored alerts, oldest (by firing time) first. */
export class AlertLog {
	private readonly byId = new Map<string, Alert>();
	private ordered: Alert[] | undefined;

	constructor(private readonly dbs: Databases) {
		for (const {value} of dbs.alerts.getRange()) this.byId.set(value.id, value);
	}

	/** Plan storing alerts in one commit, in order, each replacing the one with the same id. */
	plan(alerts: readonly Alert[]): Job<void> {
		const copies = alerts.map((alert): Alert => ({...alert, exampleIds: [...alert.exampleIds]}));
		const added = new Set(copies.map(copy => copy.id).filter(id => !this.byId.has(id)));
		const overflow = this.byId.size + added.size - alertLimit;
		const dropped = overflow > 0 ? this.list().slice(0, overflow) : [];
		return {
			result: undefined,
			write: () => {
				for (const copy of copies) void this.dbs.alerts.put(copy.id, storable(copy));
				for (const alert of dropped) void this.dbs.alerts.remove(alert.id);
			},
			committed: () => {
				for (const alert of dropped) this.byId.delete(alert.id);
				for (const copy of copies) this.byId.set(copy.id, copy);
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
