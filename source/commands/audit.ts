// `pubsub-tools audit query`: a transaction's event chain from the store, hashed, with PII masked.
import {auditNumbers, auditRecord, type AuditRecord} from '../core/queries/audit.js';
import {prettyJson, type NumberText} from '../core/pretty-json.js';
import {sanitize, sanitizeMultiline} from '../core/sanitize.js';
import {defineCommand} from './support/command.js';
import {UserError, usageError} from './support/errors.js';
import {connectTimeoutOf, exitCodesHelp, inputFlags} from './support/inputs.js';
import {openSession} from './support/session.js';
import {runExitCode, runToEnd, stoppedWorkExitCode, unlessStopped, withOutages} from './support/headless.js';
import {inSteps} from '../core/queries/steps.js';
import {counted, formatMs} from '../core/units/format.js';
import {placeholderNote} from '../core/placeholder-id.js';
import {maskedData} from '../core/personal-data.js';

const formats = ['text', 'json', 'compliance-report'] as const;

/** What a capped transaction's audit says of it. */
const cappedNote = '⚠ capped: the transaction reached its size cap (transactions.maxEvents); events sharing its ids are not all in it';

/** The chain as lines: time, topic, type, status, hop, hash prefix. */
export function formatAuditText(record: AuditRecord): string {
	const lines = [
		`Transaction ${sanitize(record.id)} — ${counted(record.events, 'event')}, outcome ${record.outcome}`,
		`ids: ${record.ids.map(id => sanitize(id)).join(', ')}`,
		...(record.capped ? [cappedNote] : []),
		`first ${record.firstEventAt ?? '-'}  last ${record.lastEventAt ?? '-'}  total processing ${formatMs(record.totalProcessingMs)}`,
		'',
		...record.chain.map(entry => `${entry.timestamp ?? '(no event time)'}  ${sanitize(entry.topic ?? '-')}  ${sanitize(entry.type)}  ${entry.status}  ${entry.latencyMs === undefined ? '' : `+${entry.latencyMs}ms  `}${entry.hash.slice(0, 16)}`),
		'',
		`chain SHA-256: ${record.chainSha256}`,
		record.piiMasked ? `PII masked (${maskedData}); --show-pii to show it` : 'PII shown',
	];
	return lines.join('\n');
}

/** A self-contained Markdown report for compliance reviews; `numbers` writes the record's numbers (auditNumbers). */
export function formatComplianceReport(record: AuditRecord, generatedAt: Date, numbers: NumberText = String): string {
	const rows = record.chain.map((entry, index) => `| ${index + 1} | ${entry.timestamp ?? '-'} | ${sanitize(entry.topic ?? '-')} | ${sanitize(entry.type)} | ${entry.status} | ${entry.latencyMs ?? '-'} | \`${entry.hash.slice(0, 16)}\` |`);
	return [
		`# Audit report: transaction ${sanitize(record.id)}`,
		'',
		`- Generated: ${generatedAt.toISOString()}`,
		`- Correlation ids: ${record.ids.map(id => sanitize(id)).join(', ')}`,
		`- Events: ${record.events}${record.capped ? ` (${cappedNote})` : ''}`,
		`- First event: ${record.firstEventAt ?? '-'}; last event: ${record.lastEventAt ?? '-'}`,
		`- Total processing time: ${formatMs(record.totalProcessingMs)}`,
		`- Outcome: ${record.outcome}`,
		`- Integrity: SHA-256 hash chain over the events in event-time order; final hash \`${record.chainSha256}\``,
		`- Personal data: ${record.piiMasked ? `masked (${maskedData})` : 'shown unmasked (--show-pii)'}`,
		'',
		'| # | event time | topic | type | status | hop ms | hash |',
		'|---|---|---|---|---|---|---|',
		...rows,
		'',
		'## Event payloads',
		'',
		...record.chain.map((entry, index) => `${index + 1}. \`${sanitize(entry.type)}\`\n\n\`\`\`json\n${sanitizeMultiline(prettyJson(entry.value, '  ', (value, path) => numbers(value, ['chain', index, 'value', ...path])) ?? 'null')}\n\`\`\`\n`),
	].join('\n');
}

/** The audit query command. */
export const auditCommand = defineCommand({
	name: 'audit query',
	summary: "a transaction's event chain from the store, with a SHA-256 hash chain and PII masked",
	help: `
  Usage: pubsub-tools audit query --id ID [<recording|->] [--format text|json|compliance-report] [--show-pii]

  Reads the store monitor keeps for live sources (--data-dir, default $XDG_STATE_HOME/pubsub-tools), or the
  --data-dir a replay was given (a replay without one uses a temporary store), also while they run: it only
  reads, takes no lock, and sees everything they have stored.
  With a recording argument, that recording is read into a temporary store first.
  Ctrl-C (SIGTERM, SIGHUP) while it reads and hashes the transaction gives it up: nothing on standard output, exit 1.

  Options:
    --id ID            any correlation id of the transaction
    --format text      text (default), json, or compliance-report (Markdown)
    --show-pii         show customer ids, IPs, emails, card numbers and security codes, names, phones,
                       addresses, identity documents, dates of birth, credentials and the fields of config
                       fields.personal unmasked
    --data-dir DIR     the store to read
    --config FILE      configuration (fields.customer, recipient, ip and personal: what is masked)
${exitCodesHelp}

  Examples:
    pubsub-tools audit query --id ORD-5T6H-000042                    # the store of monitor on live sources
    pubsub-tools audit query --id ORD-5T6H-000042 --data-dir store   # the store replay --data-dir store kept
    pubsub-tools audit query recordings/ecommerce.jsonl.gz --id ORD-5T6H-000042 --format compliance-report > audit.md`,
	flags: {config: inputFlags.config, dataDir: inputFlags.dataDir, connectTimeout: inputFlags.connectTimeout, id: {type: 'string'}, format: {type: 'string', default: 'text'}, showPii: {type: 'boolean'}},
	async run(args, input) {
		if (!input.id) throw usageError('audit query: --id ID is required');
		if (!(formats as readonly string[]).includes(input.format)) throw usageError(`--format: expected one of ${formats.join(', ')}, got "${input.format}"`);
		const session = await openSession(args, args.length > 0 ? {ephemeral: true, config: input.config} : {dataDir: input.dataDir, config: input.config, readOnly: true});
		try {
			const end = args.length > 0 ? await runToEnd(session, {connectTimeoutMs: connectTimeoutOf(input)}) : undefined;
			if (end && !end.anyReached) return runExitCode(end);
			const id = input.id;
			const answered = await unlessStopped(() => `auditing transaction ${sanitize(id)} of the ${counted(session.store.stats().events, 'event')} read`, async signal => {
				const view = await inSteps(session.engine.transactionSteps(id), signal);
				if (!view) throw new UserError(`no stored event carries the id "${sanitize(id)}"${placeholderNote(sanitize(id))}`);
				const record = await inSteps(auditRecord(id, view, {showPii: Boolean(input.showPii), fields: session.config.fields}), signal);
				const numbers = auditNumbers(view);
				return {text: input.format === 'json' ? prettyJson(withOutages(record, session, end), '  ', numbers) : input.format === 'compliance-report' ? formatComplianceReport(record, new Date(), numbers) : formatAuditText(record)};
			});
			if (!answered) return stoppedWorkExitCode;
			process.stdout.write(`${answered.text}\n`);
			return end ? runExitCode(end) : 0;
		} finally {
			await session.close();
		}
	},
});
