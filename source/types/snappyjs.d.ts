// snappyjs ships no type declarations; this covers the part we call.
declare module 'snappyjs' {
	export function uncompress(compressed: Uint8Array, maxLength?: number): Uint8Array;
}
