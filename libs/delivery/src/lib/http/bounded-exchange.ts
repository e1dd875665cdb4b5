import type { IncomingHttpHeaders } from 'node:http';
import type { Dispatcher } from 'undici';
import { AttemptDeadline } from './attempt-deadline';
import { readBoundedBody, type BoundedBody } from './read-bounded-body.util';

/** One HTTP request for BoundedExchange. */
export interface BoundedExchangeRequest {
  readonly origin: string;
  /** Path and query, e.g. `/hooks/a?x=1`. */
  readonly path: string;
  readonly method: Dispatcher.HttpMethod;
  readonly headers: IncomingHttpHeaders;
  readonly body: string | Uint8Array | null;
  /** Deadline for the whole exchange: DNS, connect, TLS, sending, response head and body. */
  readonly timeoutMs: number;
  /** At most this many body bytes are read (see readBoundedBody). */
  readonly maxBodyBytes: number;
}

/** A response whose body was read (at most `maxBodyBytes` of it). */
export interface BoundedResponse {
  readonly statusCode: number;
  readonly statusText: string;
  readonly headers: IncomingHttpHeaders;
  readonly body: BoundedBody;
}

/**
 * One request over an undici dispatcher with one deadline over the whole exchange and a bounded body
 * read; redirects are whatever the dispatcher does (the guarded Agent follows none). It is the shared
 * transport of DeliveryHttpClient and the axios adapter (where it is the `request` of responses and
 * errors), and it records how far it got, so a failure can be told apart: the deadline fired
 * (`timedOut`), the caller cancelled, or the network failed before (`status` undefined) or after the
 * response head arrived. The deadline starts when the exchange is created.
 */
export class BoundedExchange {
  private readonly deadline: AttemptDeadline;
  private statusCode: number | undefined;
  private complete = false;

  constructor(
    private readonly dispatcher: Dispatcher,
    private readonly request: BoundedExchangeRequest,
  ) {
    this.deadline = new AttemptDeadline(request.timeoutMs);
  }

  /** The deadline fired before the exchange completed. */
  get timedOut(): boolean {
    return this.deadline.timedOut;
  }

  /** The status of the response head, once it arrived. */
  get status(): number | undefined {
    return this.statusCode;
  }

  /** The whole body was read (false: cut at maxBodyBytes, failed, or not read yet). */
  get bodyComplete(): boolean {
    return this.complete;
  }

  /**
   * Sends the request and reads the response. Rejects with whatever undici or the body stream threw,
   * or with the deadline's error when undici had not noticed the abort yet; call once.
   */
  async run(): Promise<BoundedResponse> {
    const { deadline, request } = this;
    try {
      const pending = this.dispatcher.request({
        origin: request.origin,
        path: request.path,
        method: request.method,
        headers: request.headers,
        body: request.body,
        signal: deadline,
      });
      // undici applies an abort to a request still waiting for its connection (slow DNS, a SYN into a
      // black hole) only once that connection settles — up to the connect timeout — so the deadline is
      // raced here too. Once the socket is up, undici sees the abort and sends nothing.
      pending.then((late) => deadline.aborted && late.body.destroy(), noop);
      const response = await Promise.race([pending, deadline.expired]);
      this.statusCode = response.statusCode;
      const body = await readBoundedBody(response.body, request.maxBodyBytes);
      this.complete = body.complete;
      return { statusCode: response.statusCode, statusText: response.statusText, headers: response.headers, body };
    } finally {
      deadline.clear();
    }
  }

  /** Gives up on the exchange now: run() rejects (with `reason` unless undici's abort error comes first). */
  cancel(reason: Error): void {
    this.deadline.cancel(reason);
  }
}

function noop(): void {
  // a late outcome of a request the deadline already settled
}
