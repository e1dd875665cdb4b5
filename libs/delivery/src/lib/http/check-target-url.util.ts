import { buildAllowList } from './build-allow-list.util';
import { targetUrlRefusal } from './target-url-refusal.util';

/** The registration-time verdict on a delivery target URL. */
export type TargetUrlCheck = { readonly ok: true } | { readonly ok: false; readonly reason: string };

/**
 * Registration-time SSRF check of a target URL, pure and synchronous: only http/https, no user:password@,
 * a host that is present, no literal IP in a refused block (in any spelling), no `localhost` name —
 * unless `allowCidrs` (the operator allow-list, e.g. `['127.0.0.0/8']`) permits it. Host names are not
 * resolved here: DNS can change after registration, so the connect-time guard of DeliveryHttpClient
 * checks the resolved addresses again. A malformed `allowCidrs` entry throws CidrListError.
 */
export function checkTargetUrl(url: string, allowCidrs: readonly string[]): TargetUrlCheck {
  const allowList = buildAllowList(allowCidrs);
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return { ok: false, reason: 'not a valid absolute URL' };
  }
  const reason = targetUrlRefusal(parsed, allowList);
  return reason === null ? { ok: true } : { ok: false, reason };
}
