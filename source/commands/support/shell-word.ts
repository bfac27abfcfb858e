// A word written into a command line the user may copy (`did you mean: pubsub-tools monitor --source …`), quoted
// the POSIX way only when a shell would change it: `?`, `*` and `,` lists glob, `&` ends the command, a space splits.

/** Characters no POSIX shell treats specially anywhere in a word. */
const plain = /^[\w@%+=:,./-]+$/;

/** `word` as one shell word: as it is when it holds only plain characters, else in single quotes (a `'` as `'\''`). */
export function shellWord(word: string): string {
	return plain.test(word) ? word : `'${word.replaceAll('\'', '\'\\\'\'')}'`;
}
