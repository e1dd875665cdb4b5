import { type BlockList, isIP } from 'node:net';
import { buildConnector } from 'undici';
import { addressRefusal } from './address-refusal.util';
import { CachingDnsResolver } from './caching-dns.resolver';
import { guardedLookup, type ResolveAll } from './guarded-lookup.util';
import { SsrfBlockedError } from './ssrf-blocked.error';

export interface GuardedConnectorOptions {
  /** undici's connect timeout (TCP + TLS handshake); the attempt's own deadline is usually shorter. */
  readonly connectTimeoutMs?: number;
  /** DNS resolution; tests inject a fake to simulate rebinding. Default: a new CachingDnsResolver. */
  readonly resolveAll?: ResolveAll;
}

/**
 * undici's standard connector (TCP or TLS, keep-alive, session cache) with the SSRF guard in front:
 * - a host name is resolved by guardedLookup, which passes `net.connect` only permitted addresses, so
 *   no SYN — let alone a byte of the request — ever goes to a refused address; TLS keeps the name as
 *   `servername` for SNI and certificate checks because undici still hands `tls.connect` the name;
 * - a literal IP host skips `lookup` in Node, so it is judged here before anything is dialled;
 * - after connecting, `socket.remoteAddress` is checked once more as a backstop (it cannot fail while
 *   the two checks above hold; if it ever did, the socket is destroyed before undici writes to it).
 */
export function guardedConnector(allowList: BlockList, options: GuardedConnectorOptions = {}): buildConnector.connector {
  const connect = buildConnector({
    timeout: options.connectTimeoutMs,
    lookup: guardedLookup(allowList, options.resolveAll ?? new CachingDnsResolver().resolveAll),
  });
  return (target, callback) => {
    const literal = isIP(target.hostname) !== 0 ? addressRefusal(target.hostname, allowList) : null;
    if (literal !== null) {
      process.nextTick(callback, new SsrfBlockedError(literal), null);
      return;
    }
    connect(target, (error, socket) => {
      if (error !== null) {
        callback(error, null);
        return;
      }
      // undefined only when the socket already closed again: undici then reports that as a network error
      const remote = socket.remoteAddress;
      const refusal = remote === undefined ? null : addressRefusal(remote, allowList);
      if (refusal !== null) {
        socket.destroy();
        callback(new SsrfBlockedError(`connected to a refused address: ${refusal}`), null);
        return;
      }
      callback(null, socket);
    });
  };
}
