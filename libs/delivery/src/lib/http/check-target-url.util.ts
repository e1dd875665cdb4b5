import { TargetUrlPolicy } from './target-url.policy';

/** The registration-time verdict on a delivery target URL. */
export type TargetUrlCheck = { readonly ok: true } | { readonly ok: false; readonly reason: string };

/**
 * Registration-time SSRF check of a target URL, pure and synchronous: only http/https, no user:password@,
 * a host that is present, no literal IP in a refused block (in any spelling), no `localhost` name —
 * unless `allowCidrs` (the operator allow-list, e.g. `['127.0.0.0/8']`) permits it — and not one of
 * `publicUrls` (this platform's own origins). Host names are not resolved here: DNS can change after
 * registration, so the connect-time guard of DeliveryHttpClient checks the resolved addresses again.
 * A malformed or too wide `allowCidrs` entry throws CidrListError. Services that check many URLs keep one
 * TargetUrlPolicy instead (this builds one per call).
 */
export function checkTargetUrl(url: string, allowCidrs: readonly string[], publicUrls: readonly string[] = []): TargetUrlCheck {
  const reason = TargetUrlPolicy.fromSettings(allowCidrs, publicUrls).refusalOf(url);
  return reason === null ? { ok: true } : { ok: false, reason };
}
