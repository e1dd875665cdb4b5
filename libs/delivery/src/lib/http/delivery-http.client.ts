import type { BlockList } from 'node:net';
import { performance } from 'node:perf_hooks';
import { Agent } from 'undici';
import { DEFAULT_SNIPPET_BYTES } from '../response/response-snippet.util';
import { AttemptDeadline } from './attempt-deadline';
import { attemptFailure } from './attempt-failure.util';
import { attemptSnippet } from './attempt-snippet.util';
import { buildAllowList } from './build-allow-list.util';
import { guardedConnector } from './guarded-connector.util';
import {
  DEFAULT_CONNECTIONS_PER_ORIGIN,
  DEFAULT_KEEP_ALIVE_TIMEOUT_MS,
  DEFAULT_USER_AGENT,
  MAX_BODY_READ_BYTES,
} from './http.constants';
import type { DeliveryHttpClientOptions, HttpAttemptRequest, HttpAttemptResult } from './http-attempt.types';
import { readBoundedBody } from './read-bounded-body.util';
import { targetUrlRefusal } from './target-url-refusal.util';

/**
 * Makes delivery attempts: one POST per call over undici keep-alive pools, guarded against SSRF at
 * connect time (see guardedConnector), with one deadline over the whole exchange, a bounded body read
 * and no redirects (undici's Agent follows none; a 3xx is just a response). Proxy environment variables
 * are ignored, so they cannot route around the guard. Network conditions come back as results; only
 * caller bugs (a bad timeout, a header undici refuses, a malformed allow-list) throw.
 */
export class DeliveryHttpClient {
  private readonly agent: Agent;
  private readonly allowList: BlockList;
  private readonly userAgent: string;

  constructor(options: DeliveryHttpClientOptions = {}) {
    this.allowList = buildAllowList(options.allowCidrs ?? []);
    this.userAgent = options.userAgent ?? DEFAULT_USER_AGENT;
    this.agent = new Agent({
      connections: options.connectionsPerOrigin ?? DEFAULT_CONNECTIONS_PER_ORIGIN,
      keepAliveTimeout: options.keepAliveTimeoutMs ?? DEFAULT_KEEP_ALIVE_TIMEOUT_MS,
      connect: guardedConnector(this.allowList, { resolveAll: options.resolveAll }),
    });
  }

  async attempt(request: HttpAttemptRequest): Promise<HttpAttemptResult> {
    const { timeoutMs, maxResponseBytes = DEFAULT_SNIPPET_BYTES } = request;
    if (!Number.isFinite(timeoutMs) || timeoutMs <= 0) throw new RangeError(`timeoutMs must be > 0; got ${timeoutMs}`);
    if (!Number.isSafeInteger(maxResponseBytes) || maxResponseBytes < 0) {
      throw new RangeError(`maxResponseBytes must be an integer ≥ 0; got ${maxResponseBytes}`);
    }
    const started = performance.now();
    const elapsed = (): number => Math.round(performance.now() - started);
    const url = parseUrl(request.url);
    const refusal = url === null ? 'not a valid absolute URL' : targetUrlRefusal(url, this.allowList);
    if (url === null || refusal !== null) {
      return { result: { kind: 'blocked' }, durationMs: elapsed(), snippet: '', error: refusal ?? undefined };
    }

    const deadline = new AttemptDeadline(timeoutMs);
    let status: number | undefined;
    try {
      const pending = this.agent.request({
        origin: url.origin,
        path: `${url.pathname}${url.search}`,
        method: 'POST',
        headers: this.headersOf(request.headers),
        body: request.body,
        signal: deadline,
      });
      // undici applies an abort to a request still waiting for its connection (slow DNS, a SYN into a
      // black hole) only once that connection settles — up to the connect timeout — so the deadline is
      // raced here too. Once the socket is up, undici sees the abort and sends nothing.
      pending.then((late) => deadline.aborted && late.body.destroy(), noop);
      const response = await Promise.race([pending, deadline.expired]);
      status = response.statusCode;
      const retryAfter = firstValue(response.headers['retry-after']);
      const body = await readBoundedBody(response.body, Math.max(MAX_BODY_READ_BYTES, maxResponseBytes));
      return {
        result: { kind: 'response', status },
        durationMs: elapsed(),
        snippet: attemptSnippet(body, maxResponseBytes),
        ...(retryAfter === undefined ? {} : { retryAfter }),
      };
    } catch (error: unknown) {
      const failure = attemptFailure(error, deadline.aborted, timeoutMs);
      const during = status === undefined ? '' : ` (while reading the body of an HTTP ${status} response)`;
      return { result: failure.result, durationMs: elapsed(), snippet: '', error: `${failure.error}${during}` };
    } finally {
      deadline.clear();
    }
  }

  /**
   * Closes every pooled connection now. Await running attempts first (each ends by its deadline); one
   * still running ends as a `network` result. Not graceful on purpose: a request whose deadline already
   * passed may still wait in undici for a connect that hangs, and shutdown should not wait for it.
   */
  async close(): Promise<void> {
    await this.agent.destroy();
  }

  private headersOf(headers: Readonly<Record<string, string>>): Record<string, string> {
    const hasUserAgent = Object.keys(headers).some((name) => name.toLowerCase() === 'user-agent');
    return hasUserAgent ? { ...headers } : { ...headers, 'user-agent': this.userAgent };
  }
}

function noop(): void {
  // a late outcome of a request the deadline already settled
}

function parseUrl(text: string): URL | null {
  try {
    return new URL(text);
  } catch {
    return null;
  }
}

function firstValue(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}
