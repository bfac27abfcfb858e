// Ink components of the built-in panes, for plugin panes: import this from the pane's own module (loaded with
// `load`), not from the plugin's index, so headless commands never load Ink.
export {Line, layoutSegments, type Segment} from '../ui/components/line.js';
