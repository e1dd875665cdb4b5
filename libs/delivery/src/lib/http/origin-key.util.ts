/**
 * The origin of a URL as the self-loop check compares it: scheme, host and port as WHATWG URL prints them
 * (lower case, default port dropped, every IPv4 spelling made dotted decimal), and a host name's trailing
 * dot removed, so `https://Hookrelay.example.com.:443/x` and `https://hookrelay.example.com` are the same.
 */
export function originKey(url: URL): string {
  const host = url.hostname.endsWith('.') ? url.hostname.slice(0, -1) : url.hostname;
  return `${url.protocol}//${host}${url.port === '' ? '' : `:${url.port}`}`;
}
