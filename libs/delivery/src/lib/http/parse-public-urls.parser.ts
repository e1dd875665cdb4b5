import { originKey } from './origin-key.util';

/**
 * Parses `HOOKRELAY_PUBLIC_URLS`, the base URLs this platform's gateway is reached at (comma-separated,
 * spaces around entries ignored), into the origins deliveries may not target (see TargetUrlPolicy). Blank
 * text is an empty list. Throws an Error naming the first entry that is not an absolute http(s) URL with a
 * host and without credentials.
 */
export function parsePublicUrls(text: string): string[] {
  if (text.trim() === '') return [];
  return text.split(',').map((item, index) => {
    const entry = item.trim();
    let url: URL;
    try {
      url = new URL(entry);
    } catch {
      throw new Error(`item ${index + 1} "${entry}" is not an absolute URL; expected e.g. https://hookrelay.example.com`);
    }
    if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new Error(`item ${index + 1} "${entry}" is not an http(s) URL`);
    if (url.hostname === '' || url.username !== '' || url.password !== '') {
      throw new Error(`item ${index + 1} "${entry}" must be scheme://host[:port] without credentials`);
    }
    return originKey(url);
  });
}
