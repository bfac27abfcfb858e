// Neumaier's compensated addition: what adding `amount` to `sum` lost to rounding, to be added back at the end. A
// million amounts such as 12.34 then add up to the sum of their decimals as nearly as a double holds it, in any order.

/** What `sum + amount` (= `total`) lost to rounding; 0 when the total is infinite (nothing left to compensate). */
export function lostAdding(sum: number, amount: number, total: number): number {
	if (!Number.isFinite(total)) return 0;
	return Math.abs(sum) >= Math.abs(amount) ? (sum - total) + amount : (amount - total) + sum;
}
