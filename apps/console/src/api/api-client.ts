import { ApiError } from './api-error';
import { errorMessageOf } from '../lib/error-message.util';
import { readApiKey } from '../lib/session.util';

export type QueryValue = string | number | boolean | undefined | null;

export interface RequestOptions {
  query?: Record<string, QueryValue>;
  body?: unknown;
  headers?: Record<string, string>;
  /** A key to use instead of the signed-in one (the sign-in form checks a key before keeping it). */
  apiKey?: string;
}

/** The query string of `query` without empty values, e.g. "?state=OPEN&limit=50" ("" when nothing is set). */
export function toQueryString(query: Record<string, QueryValue> = {}): string {
  const params = new URLSearchParams();
  for (const [name, value] of Object.entries(query)) {
    if (value === undefined || value === null || value === '') continue;
    params.set(name, String(value));
  }
  const text = params.toString();
  return text ? `?${text}` : '';
}

/**
 * One call to the gateway's public API, same origin, with the signed-in key in Authorization.
 * Resolves with the parsed JSON body; rejects with ApiError carrying the API's own message.
 */
export async function apiRequest<T>(method: 'GET' | 'POST' | 'PUT' | 'DELETE', path: string, options: RequestOptions = {}): Promise<T> {
  const key = options.apiKey ?? readApiKey();
  const headers: Record<string, string> = { accept: 'application/json', ...options.headers };
  if (key) headers['authorization'] = key;
  let body: string | undefined;
  if (options.body !== undefined) {
    headers['content-type'] = 'application/json';
    body = JSON.stringify(options.body);
  }
  let res: Response;
  try {
    res = await fetch(`${path}${toQueryString(options.query)}`, { method, headers, body, credentials: 'omit', cache: 'no-store' });
  } catch (error) {
    throw new ApiError(0, `the gateway did not answer (${error instanceof Error ? error.message : String(error)})`);
  }
  const text = await res.text();
  let json: unknown = undefined;
  if (text) {
    try {
      json = JSON.parse(text);
    } catch {
      json = undefined;
    }
  }
  if (!res.ok) throw new ApiError(res.status, errorMessageOf(res.status, json, res.statusText));
  return json as T;
}
