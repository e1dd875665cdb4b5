import { type BlockList, isIP } from 'node:net';
import { addressRefusal } from './address-refusal.util';
import { isLoopbackName, LOOPBACK_NAME_ADDRESSES } from './loopback-name.util';

/**
 * Why a delivery target URL is refused before any DNS lookup, or null. WHATWG URL parsing has already
 * turned every IPv4 spelling (`2130706433`, `0x7f000001`, `0177.0.0.1`, `127.1`, `127.0.0.1.`) into dotted
 * decimal and every IPv6 literal into its short form, so a literal host is judged by addressRefusal.
 * `localhost` and `*.localhost` (RFC 6761, trailing dot included) are loopback by definition: refused
 * unless the allow-list permits a loopback address. Other names pass; the connect-time guard judges
 * the addresses they resolve to.
 */
export function targetUrlRefusal(url: URL, allowList: BlockList): string | null {
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    return `scheme "${url.protocol.slice(0, -1)}" is not allowed; use http or https`;
  }
  if (url.username !== '' || url.password !== '') return 'credentials in the URL (user:password@) are not allowed';
  const host = url.hostname.startsWith('[') ? url.hostname.slice(1, -1) : url.hostname;
  if (host === '') return 'the URL has no host';
  if (isIP(host) !== 0) return addressRefusal(host, allowList);
  if (isLoopbackName(host)) {
    const allowed = LOOPBACK_NAME_ADDRESSES.some(({ address }) => addressRefusal(address, allowList) === null);
    return allowed ? null : `${host} is refused: a loopback name`;
  }
  return null;
}
