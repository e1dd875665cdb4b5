/** Where the console is served (vite `base`); every route lives under it. */
export const CONSOLE_BASE = '/console';

export type Route =
  | { page: 'sign-in' }
  | { page: 'overview' }
  | { page: 'deliveries' }
  | { page: 'delivery'; id: string }
  | { page: 'subscriptions' }
  | { page: 'replays' }
  | { page: 'events' }
  | { page: 'not-found' };

/** The page a browser path shows ("/console/deliveries/abc" → delivery abc); "/console" and "/console/" are the overview. */
export function matchRoute(pathname: string): Route {
  if (pathname !== CONSOLE_BASE && !pathname.startsWith(`${CONSOLE_BASE}/`)) return { page: 'not-found' };
  const parts = pathname.slice(CONSOLE_BASE.length).split('/').filter(Boolean);
  const [first, second, ...rest] = parts;
  if (rest.length > 0) return { page: 'not-found' };
  if (first === undefined) return { page: 'overview' };
  if (second === undefined) {
    switch (first) {
      case 'sign-in':
        return { page: 'sign-in' };
      case 'deliveries':
        return { page: 'deliveries' };
      case 'subscriptions':
        return { page: 'subscriptions' };
      case 'replays':
        return { page: 'replays' };
      case 'events':
        return { page: 'events' };
      default:
        return { page: 'not-found' };
    }
  }
  if (first === 'deliveries') return { page: 'delivery', id: safeDecode(second) };
  return { page: 'not-found' };
}

/** The browser path of a console page: consolePath('/deliveries') → "/console/deliveries". */
export function consolePath(path: string): string {
  return `${CONSOLE_BASE}${path.startsWith('/') ? path : `/${path}`}`;
}

/** The browser path of one delivery's detail page. */
export function deliveryPath(id: string): string {
  return consolePath(`/deliveries/${encodeURIComponent(id)}`);
}

function safeDecode(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}
