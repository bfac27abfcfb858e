// The only module plugins import: pane, stage and command types, key names, the sanitizer, and the engine's data types.
export {definePlugin, pluginApiVersion, type Plugin, type PluginContext} from './plugin.js';
export type {PaneBinding, PaneDefinition, PaneEngine, PaneHost, PaneProps, ViewFilter} from './pane.js';
export type {Stage, StageAlert, StageBatch, StageContext, StageDefinition, StageRule} from '../core/stages/stage.js';
export type {Analysis, CommandHost, PluginCommand, PluginFlag} from './command.js';
export type {TransactionInfo, TransactionLine} from './transaction-info.js';
export {parseYaml, keyName} from './checked.js';
export type {YamlDocument, YamlPath} from './yaml.js';
export type {KeyName} from './keys.js';
export {actionFor, usePaneKeys, PaneKeysContext, type ActionBinding, type KeyHandler, type PaneKeyRouter} from './pane-keys.js';
export {sanitize, sanitizeMultiline, findPath, moreMayCome, maskInText, personalDataMask, transactionValues} from './checked.js';
export {yet} from '../core/more-input.js';
export type {AlertArrival, EngineSnapshot, EngineTotals, SourceView} from '../core/engine.js';
export type {Envelope} from '../core/envelope.js';
export type {Alert} from '../core/alerts/types.js';
export type {EdgeView, Hop, HopTrackingSummary, MetricsSummary, MetricsTotals, MetricsView, Percentiles, SeriesView} from '../core/metrics/types.js';
export type {HopTrackerStats} from '../core/metrics/hops.js';
export {correlationNotes} from './checked.js';
export type {CorrelationSummary, IdCandidate} from '../core/metrics/id-coverage.js';
export type {TransactionView, TimelineStep} from '../core/queries/transaction.js';

// What the built-in panes are drawn with, so a plugin pane looks and behaves like one (components that need Ink are
// in ./components.js, so that a plugin's index module can register a pane without loading Ink).
export {useListState} from '../ui/hooks/use-list-state.js';
export {listActionFor, selectedKey, visibleRange, type ListState, type ListStateAction} from '../ui/state/list-state.js';
export {listBindings, detailBindings, type ListKeyAction} from '../ui/keys/bindings.js';
export {useTheme, type Theme} from '../ui/theme.js';
export {displayWidth, fit, truncate, truncateStart, wrap, giveWay, distinctCut, edgeNodeText} from './checked.js';
export type {Piece} from '../ui/text/give-way.js';
export {counted, formatCount, formatDuration, formatMs, formatNumber, formatPercent, formatRate, formatSpan, formatTime} from './checked.js';
// How the built-in commands read a duration flag (`10s`, `5m`) and print a table.
export {parseDuration} from './checked.js';
export {formatTable} from '../commands/support/table.js';
// How the built-in commands say the run's outages in text (`not read: …`).
export {outageLines} from './checked.js';
export type {OutageJson} from '../core/sources/recording/outage-line.js';
