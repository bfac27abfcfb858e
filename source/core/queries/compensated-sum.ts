// Neumaier's compensated addition: what adding `amount` to `sum` lost to rounding, to be added back at the end. A
// million amounts such as 12.34 then add up to the sum of their decimals as nearly as a double holds it, in any order.
import {numericValue} from '../fields.js';

/** What `sum + amount` (= `total`) lost to rounding; 0 when the total is infinite (nothing left to compensate). */
export function lostAdding(sum: number, amount: number, total: number): number {
	if (!Number.isFinite(total)) return 0;
	return Math.abs(sum) >= Math.abs(amount) ? (sum - total) + amount : (amount - total) + sum;
}

/** elementsSum's running figures (sums do not nest): the sum, what it lost to rounding, and how many numbers it holds. */
const running = {sum: 0, lost: 0, numbers: 0};

/** Add the numbers among `items` (and the arrays within them) to `running`. */
function addElements(items: readonly unknown[]): void {
	for (const item of items) {
		if (Array.isArray(item)) {
			addElements(item);
			continue;
		}

		const amount = numericValue(item);
		if (amount === undefined) continue;
		const total = running.sum + amount;
		running.lost += lostAdding(running.sum, amount, total);
		running.sum = total;
		running.numbers++;
	}
}

/**
 * What `--sum` adds of a field inside arrays: the numbers among the elements findPathThrough reached (arrays within
 * arrays too), each read as a plain field's is (numericValue: numbers and numeric strings), added with compensation;
 * undefined when no element is a number. An order whose items hold qty 2 and 3 adds 5, as `[.items[].qty] | add`.
 */
export function elementsSum(elements: readonly unknown[]): number | undefined {
	running.sum = 0;
	running.lost = 0;
	running.numbers = 0;
	addElements(elements);
	return running.numbers === 0 ? undefined : running.sum + running.lost;
}
