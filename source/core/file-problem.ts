// Why a file could not be read or written, in words (for "cannot read FILE: …" messages), instead of an error code.

/** `no such file`, `is a directory`, `permission denied`, `disk full`, `read-only file system`, a file in the path, or the system's message for any other failure. */
export function fileProblem(error: unknown): string {
	const code = (error as NodeJS.ErrnoException).code;
	if (code === 'ENOENT') return 'no such file';
	if (code === 'EISDIR') return 'is a directory';
	if (code === 'EACCES' || code === 'EPERM') return 'permission denied';
	if (code === 'ENOSPC') return 'disk full';
	if (code === 'ENOTDIR') return 'a part of the path is a file, not a directory';
	if (code === 'EROFS') return 'read-only file system';
	return error instanceof Error ? error.message : String(error);
}
