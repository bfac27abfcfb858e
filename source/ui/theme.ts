// Colours for the UI, all undefined under NO_COLOR / --no-color; meaning is always in words or symbols too.
import {createContext, useContext} from 'react';

/** Ink colour names per role; undefined means "no colour". */
export type Theme = {
	color: boolean;
	ok?: string;
	warn?: string;
	error?: string;
	accent?: string;
	dim?: string;
};

/** The theme for a terminal with or without colour. */
export function themeFor(color: boolean): Theme {
	return color ? {color, ok: 'green', warn: 'yellow', error: 'red', accent: 'cyan', dim: 'gray'} : {color};
}

/** The current theme (set once by the App). */
export const ThemeContext = createContext<Theme>(themeFor(false));

/** Read the current theme. */
export function useTheme(): Theme {
	return useContext(ThemeContext);
}
