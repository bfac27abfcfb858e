// asciichart ships no type declarations; this covers the part we call.
declare module 'asciichart' {
	export function plot(series: number[] | number[][], config?: {height?: number; format?: (x: number) => string; colors?: string[]; min?: number; max?: number}): string;
	export const green: string;
	export const red: string;
	export const yellow: string;
	export const blue: string;
	export const reset: string;
}
