// Key sequences a terminal sends, for driving the TUI in tests.
export const ARROW_UP = '\u001B[A';
export const ARROW_DOWN = '\u001B[B';
export const PAGE_UP = '\u001B[5~';
export const PAGE_DOWN = '\u001B[6~';
export const ENTER = '\r';
export const ESC = '\u001B';
export const TAB = '\t';
export const SHIFT_TAB = '\u001B[Z';
export const BACKSPACE = '\u007F';
export const CTRL_C = '\u0003';
