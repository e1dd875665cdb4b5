import type { LookupAddress, LookupOptions } from 'node:dns';
import type { BlockList, LookupFunction } from 'node:net';
import { addressRefusal } from './address-refusal.util';
import { SsrfBlockedError } from './ssrf-blocked.error';

/**
 * Resolves a host name to all its addresses; `options.family` (4 or 6) narrows them. The default is
 * CachingDnsResolver#resolveAll (c-ares, off the thread pool); tests inject fakes.
 */
export type ResolveAll = (hostname: string, options: LookupOptions) => Promise<LookupAddress[]>;

/**
 * A `lookup` for `net.connect`/`tls.connect` that resolves the name itself and hands the socket only the
 * permitted addresses, so a refused address is never even dialled: the check happens on the very
 * addresses the socket connects to, after DNS, which DNS rebinding cannot slip past. A name whose
 * addresses are all refused fails with SsrfBlockedError; a mixed answer connects to the permitted ones.
 * Serves both call shapes Node uses (`all: true` for Happy Eyeballs, single address otherwise).
 */
export function guardedLookup(allowList: BlockList, resolveAll: ResolveAll): LookupFunction {
  return (hostname, options, callback) => {
    const { all, ...rest } = options;
    resolveAll(hostname, rest).then(
      (addresses) => {
        const refusals: string[] = [];
        const permitted = addresses.filter(({ address }) => {
          const refusal = addressRefusal(address, allowList);
          if (refusal !== null) refusals.push(refusal);
          return refusal === null;
        });
        if (permitted.length === 0) {
          const why = refusals.length === 0 ? 'no addresses' : refusals.join('; ');
          callback(new SsrfBlockedError(`${hostname} resolves to no permitted address: ${why}`), []);
        } else if (all) {
          callback(null, permitted);
        } else {
          callback(null, permitted[0].address, permitted[0].family);
        }
      },
      (error: NodeJS.ErrnoException) => callback(error, []),
    );
  };
}
