// Poison messages for tests: JSON nested far deeper than any walk of it could recurse, among ordinary events.

/** JSON text of arrays nested `depth` levels deep (`[[[…]]]`): valid JSON that any parser accepts. */
export function deepArrayText(depth: number): string {
	return `${'['.repeat(depth)}${']'.repeat(depth)}`;
}

/** An ordinary event value carrying `orderId` ORD-n. */
export function orderValue(n: number): {orderId: string; eventType: string; amount: number} {
	return {orderId: `ORD-${n}`, eventType: 'OrderCreated', amount: n};
}

/** The JSON text of an event value whose `nest` member is `depth` levels deep; its id is `id`. */
export function deepValueText(id: string, depth: number): string {
	return `{"orderId":"${id}","eventType":"OrderCreated","nest":${deepArrayText(depth)}}`;
}
