// What the App offers panes (open a transaction, filter messages, acknowledge, notify, copy) and the `r` key.
import path from 'node:path';
import {useCallback, useMemo} from 'react';
import {useStdout} from 'ink';
import type {Engine} from '../../core/engine.js';
import type {PaneHost} from '../../plugin-api/index.js';
import type {AppAction, Notice} from '../state/app-state.js';
import {planCopy, type TerminalInfo} from '../clipboard.js';
import type {Recorder} from '../recorder.js';
import {counted} from '../../core/units/format.js';

/** Shows a notice in the footer. */
type Notify = (text: string, kind?: Notice['kind']) => void;

/** The host API panes get; `writeRaw` replaces stdout for control sequences and `terminal` what Ink's stdout is (tests). */
export function usePaneHost(engine: Engine, dispatch: (action: AppAction) => void, notify: Notify, writeRawOption?: (data: string) => void, terminalOption?: TerminalInfo): PaneHost {
	const {stdout} = useStdout();
	const isTTY = terminalOption?.isTTY ?? Boolean(stdout.isTTY);
	const env = terminalOption?.env ?? process.env;
	const writeRaw = useCallback((data: string) => {
		if (writeRawOption) writeRawOption(data);
		else stdout.write(data);
	}, [writeRawOption, stdout]);
	return useMemo<PaneHost>(() => ({
		openTransaction(id, eventSeq) {
			if (engine.transaction(id)) dispatch({type: 'open-transaction', id, seq: eventSeq});
			else notify(`no stored event has the id "${id}"`, 'error');
		},
		showMessages(expression) {
			dispatch({type: 'apply-filter', expression});
		},
		acknowledgeAlert(id) {
			engine.acknowledge(id).catch((error: unknown) => {
				notify(`could not store the acknowledgement: ${error instanceof Error ? error.message : String(error)}`, 'error');
			});
		},
		notify,
		copy(text, what) {
			const plan = planCopy(text, what, {isTTY, env});
			if (plan.sequence !== '') writeRaw(plan.sequence);
			notify(plan.notice, plan.kind);
		},
	}), [engine, dispatch, notify, writeRaw, isTTY, env]);
}

/** Start or stop recording, reporting the outcome in the status bar and the footer. */
export function useRecordingToggle(recorder: Recorder, dispatch: (action: AppAction) => void, notify: Notify): () => void {
	return useCallback(() => {
		recorder.toggle().then(
			outcome => {
				if ('started' in outcome) {
					dispatch({type: 'recording', path: outcome.started});
					notify(`recording to ${path.basename(outcome.started)}; r stops · in ${path.dirname(outcome.started)}`);
				} else {
					dispatch({type: 'recording', path: undefined});
					notify(`recorded ${counted(outcome.written, 'event')} to ${path.basename(outcome.stopped)} in ${path.dirname(outcome.stopped)}`);
				}
			},
			(error: unknown) => {
				dispatch({type: 'recording', path: recorder.path});
				notify(`recording failed: ${error instanceof Error ? error.message : String(error)}`, 'error');
			},
		);
	}, [recorder, dispatch, notify]);
}
