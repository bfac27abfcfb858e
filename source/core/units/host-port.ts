// A server's address as URLs and messages write it.

/** `host:port`, an IPv6 address in brackets (`[::1]:6379`), as a URL writes it. */
export function hostPort(host: string, port: number): string {
	return `${host.includes(':') ? `[${host}]` : host}:${port}`;
}
