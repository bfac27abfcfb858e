// The only module plugins import: pane, stage and command types, key names, the sanitizer, and the engine's data types.
export {definePlugin, pluginApiVersion, type Plugin, type PluginContext} from './plugin.js';
export type {PaneBinding, PaneDefinition, PaneEngine, PaneHost, PaneProps, ViewFilter} from './pane.js';
export type {Stage, StageAlert, StageBatch, StageContext, StageDefinition} from './stage.js';
export type {Analysis, CommandHost, PluginCommand, PluginFlag} from './command.js';
export {keyName, type KeyName} from './keys.js';
export {actionFor, usePaneKeys, PaneKeysContext, type ActionBinding, type KeyHandler, type PaneKeyRouter} from './pane-keys.js';
export {sanitize, sanitizeMultiline} from '../core/sanitize.js';
export type {EngineSnapshot} from '../core/engine.js';
export type {Envelope} from '../core/envelope.js';
export type {Alert} from '../core/alerts/types.js';
export type {EdgeView, Hop, HopTrackingSummary, MetricsSummary, Percentiles} from '../core/metrics/types.js';
export type {HopTrackerStats} from '../core/metrics/hops.js';
export type {TransactionView, TimelineStep} from '../core/queries/transaction.js';
export {formatCount, formatMs, formatPercent, formatRate, formatTime, formatWindow} from '../ui/format.js';
export {displayWidth, fit, truncate} from '../ui/text/width.js';
export {Line, type Segment} from '../ui/components/line.js';
export {useTheme, type Theme} from '../ui/theme.js';
export {parseDuration} from '../commands/support/parse.js';
