// `j` then `J` in one packet (typed fast over SSH, where keys arrive together): the J scrolled the JSON of the event
// selected before the j, and the frame then showed the newly selected event from its top, so the J was lost. It now
// scrolls the event the keys before it selected, in Messages and in a transaction's timeline.
import {describe, it} from 'vitest';
import {fixtureSession, renderApp, sessionPerBlock} from './support/app-harness.js';

/** The frame shows event `seq`'s JSON scrolled down. */
const scrolledOn = (seq: number) => (frame: string) => frame.includes(`Event ${seq} `) && frame.includes('lines above (K scrolls up)');

describe('J after a move in the same packet', () => {
	const held = sessionPerBlock(async () => fixtureSession({run: true}));

	it('scrolls the event j selected, in Messages', async () => {
		const app = (held.app = await renderApp(held.session, {columns: 80, rows: 24}));
		await app.press('3');
		await app.waitFor(frame => frame.includes('[3 Messages]') && frame.includes('Event '));
		await app.press('g');
		await app.waitFor(frame => frame.includes('Event 1 on'));
		await app.press('jJ');
		await app.waitFor(scrolledOn(2));
	});

	it('scrolls the step j selected, in a transaction', async () => {
		const app = (held.app = await renderApp(held.session, {columns: 80, rows: 24}));
		await app.press(':', 'tx ORD-1', '\r');
		await app.waitFor(frame => frame.includes('Transaction ORD-1') && frame.includes('Event 1 '));
		await app.press('jJ');
		await app.waitFor(frame => frame.includes('Transaction ORD-1') && scrolledOn(2)(frame));
	});
});
