// snappyjs ships no type declarations; this covers the part we call (compress: in tests, to make snappy input).
declare module 'snappyjs' {
	export function uncompress(compressed: Uint8Array, maxLength?: number): Uint8Array;
	export function compress(uncompressed: Uint8Array): Uint8Array;
}
