import { statSync } from 'node:fs';
import { join, normalize, resolve, sep } from 'node:path';

/** The headers of every console answer: the page may load only its own scripts and styles and call only its own origin. */
export const CONSOLE_SECURITY_HEADERS: Readonly<Record<string, string>> = {
  'content-security-policy':
    "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; font-src 'self'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'",
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
};

/** Hashed build output never changes under its name: cached for a year. */
export const ASSET_CACHE = 'public, max-age=31536000, immutable';
/** index.html names the current hashed files: always revalidated, so a new build is picked up at once. */
export const PAGE_CACHE = 'no-cache';

export type ConsoleAnswer =
  | { kind: 'file'; path: string; cacheControl: string }
  | { kind: 'missing'; status: 404 | 503; message: string };

/**
 * Maps a request path under /console onto the console's build (vite output: index.html + assets/):
 * existing files are served, any other path is a client-side route and gets index.html, and an unknown
 * asset is a 404 (a stale page asking for an old hash must fail visibly, not get HTML as JavaScript).
 * Framework-free: the controller only sends what this decides.
 */
export class ConsoleFiles {
  readonly root: string;

  constructor(root: string) {
    this.root = resolve(root);
  }

  lookup(requestPath: string): ConsoleAnswer {
    const index = join(this.root, 'index.html');
    if (!isFile(index)) {
      return { kind: 'missing', status: 503, message: `The console is not built: run "npm run build" (no index.html in ${this.root})` };
    }
    const relative = relativeConsolePath(requestPath);
    if (relative === null) return { kind: 'missing', status: 404, message: 'not found' };
    if (relative === '') return { kind: 'file', path: index, cacheControl: PAGE_CACHE };
    const candidate = resolve(this.root, relative);
    if (!candidate.startsWith(this.root + sep)) return { kind: 'missing', status: 404, message: 'not found' };
    if (isFile(candidate)) return { kind: 'file', path: candidate, cacheControl: relative.startsWith('assets/') ? ASSET_CACHE : PAGE_CACHE };
    if (relative.startsWith('assets/') || /\.[A-Za-z0-9]{1,8}$/.test(relative)) return { kind: 'missing', status: 404, message: 'not found' };
    return { kind: 'file', path: index, cacheControl: PAGE_CACHE };
  }
}

/**
 * The path below /console ("" for the page itself), decoded and normalised; null when it is not a console
 * path or tries to leave the directory (an encoded "..", a NUL, a backslash).
 */
export function relativeConsolePath(requestPath: string): string | null {
  if (requestPath !== '/console' && !requestPath.startsWith('/console/')) return null;
  let rest: string;
  try {
    rest = decodeURIComponent(requestPath.slice('/console'.length));
  } catch {
    return null;
  }
  if (rest.includes('\0') || rest.includes('\\')) return null;
  const segments = rest.split('/').filter(Boolean);
  if (segments.some((s) => s === '..' || s.startsWith('.'))) return null;
  return normalize(segments.join('/')).replace(/^\.$/, '');
}

function isFile(path: string): boolean {
  try {
    return statSync(path).isFile();
  } catch {
    return false;
  }
}
