import {describe, expect, it} from 'vitest';
import {footerItems, helpLines, helpSections} from '../../source/ui/keys/help.js';
import {actionFor, globalBindings, listBindings} from '../../source/ui/keys/bindings.js';
import {messagesBindings} from '../../source/ui/panes/built-in.js';
import {setUpPlugins} from '../../source/commands/support/plugin-setup.js';
import {builtInPanes} from '../../source/ui/panes/built-in.js';

describe('help and footer', () => {
	it('the help screen lists every key of every pane with its description', () => {
		const panes = setUpPlugins([builtInPanes], []).panes;
		const lines = helpLines(helpSections(panes), 200);
		const text = lines.join('\n');
		for (const binding of [...globalBindings, ...listBindings, ...panes.flatMap(pane => pane.bindings)]) {
			expect(text).toContain(binding.description);
		}

		expect(lines).toContain('3 Messages');
		// At 80 columns a long description goes on under itself: every word is there, no line is cut.
		const narrow = helpLines(helpSections(panes), 80);
		for (const line of narrow) expect([...line].length).toBeLessThanOrEqual(80);
		expect(narrow.filter(line => line.endsWith('…'))).toEqual([]);
		const words = narrow.join(' ').split(/\s+/);
		for (const binding of panes.flatMap(pane => pane.bindings)) for (const word of binding.description.split(/\s+/)) expect(words).toContain(word);
	});

	it('the footer merges bindings that share a hint', () => {
		expect(footerItems([...listBindings, ...messagesBindings])).toEqual(['↑ k ↓ j PgUp PgDn g G move', 'Enter transaction', 'c copy']);
	});

	it('finds the action of a key', () => {
		expect(actionFor(globalBindings, 'ctrl+c')).toBe('quit');
		expect(actionFor(globalBindings, 'shift+tab')).toBe('previous-pane');
		expect(actionFor(listBindings, 'G')).toBe('bottom');
		expect(actionFor(listBindings, 'x')).toBeUndefined();
	});
});
