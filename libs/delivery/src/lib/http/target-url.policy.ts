import type { BlockList } from 'node:net';
import { buildAllowList } from './build-allow-list.util';
import { originKey } from './origin-key.util';
import { parsePublicUrls } from './parse-public-urls.parser';
import { targetUrlRefusal } from './target-url-refusal.util';

/**
 * Which delivery target URLs are refused before anything is sent: the SSRF pre-check (targetUrlRefusal,
 * under the operator allow-list) and this platform's own public origins (`HOOKRELAY_PUBLIC_URLS`), where a
 * delivery would come back as a new event and feed itself forever (review M9). The same policy judges a URL
 * when a subscription is registered (the services answer 400) and at every attempt (closed, never sent).
 * Pure and synchronous: host names are not resolved here; the connect-time guard judges the addresses.
 */
export class TargetUrlPolicy {
  private readonly ownOrigins: ReadonlySet<string>;

  /** `publicUrls`: base URLs of this platform (any path; only the origin counts). */
  constructor(
    private readonly allowList: BlockList,
    publicUrls: readonly string[] = [],
  ) {
    this.ownOrigins = new Set(parsePublicUrls(publicUrls.join(',')));
  }

  /** From settings: a malformed or too wide allow-list entry throws CidrListError, a bad public URL an Error. */
  static fromSettings(allowCidrs: readonly string[], publicUrls: readonly string[] = []): TargetUrlPolicy {
    return new TargetUrlPolicy(buildAllowList(allowCidrs), publicUrls);
  }

  /** Why this parsed URL may not be targeted, in plain English, or null. */
  refusal(url: URL): string | null {
    const unsafe = targetUrlRefusal(url, this.allowList);
    if (unsafe !== null) return unsafe;
    const origin = originKey(url);
    return this.ownOrigins.has(origin) ? `${origin} is refused: target is this platform (one of its public URLs), a delivery would feed itself` : null;
  }

  /** The same verdict on URL text: an unparsable URL is refused too. */
  refusalOf(text: string): string | null {
    let url: URL;
    try {
      url = new URL(text);
    } catch {
      return 'not a valid absolute URL';
    }
    return this.refusal(url);
  }
}
