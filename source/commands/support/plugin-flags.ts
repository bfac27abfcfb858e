// `--plugin PATH` and `--config FILE` read from argv before any command is chosen: plugins can add commands.

/** `--plugin PATH` / `--plugin=PATH` anywhere in argv (they apply to every command), and argv without them. */
export function pluginFlags(argv: readonly string[]): {paths: string[]; rest: string[]; config?: string} {
	const paths: string[] = [];
	const rest: string[] = [];
	let config: string | undefined;
	let pluginPathNext = false;
	for (const [i, arg] of argv.entries()) {
		const next = argv[i + 1];
		if (pluginPathNext) {
			paths.push(arg);
			pluginPathNext = false;
		} else if (arg === '--plugin' && next !== undefined) pluginPathNext = true;
		else if (arg.startsWith('--plugin=')) paths.push(arg.slice('--plugin='.length));
		else {
			if (arg === '--config' && next !== undefined) config = next;
			else if (arg.startsWith('--config=')) config = arg.slice('--config='.length);
			rest.push(arg);
		}
	}

	return {paths, rest, config};
}
