/** What `localhost` and `*.localhost` resolve to (RFC 6761: always loopback, never asked of DNS). */
export const LOOPBACK_NAME_ADDRESSES = [
  { address: '127.0.0.1', family: 4 },
  { address: '::1', family: 6 },
] as const;

/**
 * True for `localhost` and `*.localhost` in any case, trailing dot included. The URL pre-check refuses
 * these names unless loopback is allow-listed, and the resolver answers them itself: c-ares does not read
 * /etc/hosts, and a DNS server must not be asked (RFC 6761 §6.3).
 */
export function isLoopbackName(hostname: string): boolean {
  const name = (hostname.endsWith('.') ? hostname.slice(0, -1) : hostname).toLowerCase();
  return name === 'localhost' || name.endsWith('.localhost');
}
