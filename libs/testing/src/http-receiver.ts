import { createServer, type IncomingHttpHeaders, type OutgoingHttpHeaders, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

const HOST = '127.0.0.1';

export interface ReceivedRequest {
  /** 1-based arrival order. */
  readonly n: number;
  readonly method: string;
  /** Path and query as sent. */
  readonly url: string;
  /** Lower-cased header names (Node's parsing). */
  readonly headers: IncomingHttpHeaders;
  /** Header names and values exactly as sent, alternating. */
  readonly rawHeaders: readonly string[];
  /** The body decoded as UTF-8. */
  readonly body: string;
  /** Date.now() when the request head arrived. */
  readonly receivedAt: number;
  /** process.hrtime.bigint() when the request head arrived, for precise intervals. */
  readonly receivedAtNs: bigint;
}

export interface ScriptedResponse {
  /** Default 200. */
  status?: number;
  headers?: OutgoingHttpHeaders;
  body?: string | Buffer;
  /** Wait this long before answering. */
  delayMs?: number;
  /** Never answer: hold the connection open until the client gives up or close() (timeouts). */
  hang?: boolean;
  /** Drop the connection without an answer (connection reset). */
  destroy?: boolean;
}

/** Decides the response to the n-th request (n is 1-based). */
export type ResponseScript = (request: ReceivedRequest, n: number) => ScriptedResponse | Promise<ScriptedResponse>;

export interface ReceiverOptions {
  /** Initial response script; default: 200 with an empty body. */
  respond?: ResponseScript | ScriptedResponse;
}

export interface HttpReceiver {
  readonly port: number;
  /** `http://127.0.0.1:<port>` */
  readonly baseUrl: string;
  /** Every request so far (recorded once its body is complete), in arrival order. */
  readonly requests: readonly ReceivedRequest[];
  /** baseUrl + path, e.g. url('/hooks/a') */
  url(path?: string): string;
  /** Replaces the response script; a plain object is the answer to every request. */
  respondWith(script: ResponseScript | ScriptedResponse): void;
  /** Resolves with the first `count` requests once that many arrived; rejects after timeoutMs (default 5 s). */
  waitForRequests(count: number, timeoutMs?: number): Promise<ReceivedRequest[]>;
  /** Forgets the recorded requests (numbering starts again at 1). */
  clear(): void;
  /** Closes the server and every open connection, held ones included. */
  close(): Promise<void>;
}

/** Starts a real HTTP server on 127.0.0.1 (free port) that records requests and answers as scripted. */
export async function startReceiver(options: ReceiverOptions = {}): Promise<HttpReceiver> {
  const receiver = new RecordingReceiver(options.respond ?? {});
  await receiver.listen();
  return receiver;
}

interface Waiter {
  count: number;
  resolve: (requests: ReceivedRequest[]) => void;
}

class RecordingReceiver implements HttpReceiver {
  private readonly recorded: ReceivedRequest[] = [];
  private readonly waiters = new Set<Waiter>();
  private readonly timers = new Set<NodeJS.Timeout>();
  private readonly server = createServer((req, res) => {
    const receivedAt = Date.now();
    const receivedAtNs = process.hrtime.bigint();
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const request: ReceivedRequest = {
        n: this.recorded.length + 1,
        method: req.method ?? '',
        url: req.url ?? '',
        headers: req.headers,
        rawHeaders: req.rawHeaders,
        body: Buffer.concat(chunks).toString('utf8'),
        receivedAt,
        receivedAtNs,
      };
      this.record(request);
      void this.answer(request, res);
    });
  });
  private script: ResponseScript;

  constructor(respond: ResponseScript | ScriptedResponse) {
    this.script = toScript(respond);
  }

  async listen(): Promise<void> {
    await new Promise<void>((resolve, reject) => {
      this.server.once('error', reject);
      this.server.listen(0, HOST, () => resolve());
    });
  }

  get port(): number {
    return (this.server.address() as AddressInfo).port;
  }

  get baseUrl(): string {
    return `http://${HOST}:${this.port}`;
  }

  get requests(): readonly ReceivedRequest[] {
    return this.recorded;
  }

  url(path = '/'): string {
    return `${this.baseUrl}${path.startsWith('/') ? path : `/${path}`}`;
  }

  respondWith(script: ResponseScript | ScriptedResponse): void {
    this.script = toScript(script);
  }

  waitForRequests(count: number, timeoutMs = 5_000): Promise<ReceivedRequest[]> {
    if (this.recorded.length >= count) return Promise.resolve(this.recorded.slice(0, count));
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.waiters.delete(waiter);
        const seen = this.recorded.map((r) => `${r.method} ${r.url}`).join(', ') || 'none';
        reject(new Error(`timed out after ${timeoutMs} ms waiting for ${count} requests; got ${this.recorded.length}: ${seen}`));
      }, timeoutMs);
      const waiter: Waiter = {
        count,
        resolve: (requests) => {
          clearTimeout(timer);
          resolve(requests);
        },
      };
      this.waiters.add(waiter);
    });
  }

  clear(): void {
    this.recorded.length = 0;
  }

  async close(): Promise<void> {
    for (const timer of this.timers) clearTimeout(timer);
    this.timers.clear();
    if (!this.server.listening) return;
    const closed = new Promise<void>((resolve) => this.server.close(() => resolve()));
    this.server.closeAllConnections();
    await closed;
  }

  private record(request: ReceivedRequest): void {
    this.recorded.push(request);
    for (const waiter of [...this.waiters]) {
      if (this.recorded.length >= waiter.count) {
        this.waiters.delete(waiter);
        waiter.resolve(this.recorded.slice(0, waiter.count));
      }
    }
  }

  private async answer(request: ReceivedRequest, res: ServerResponse): Promise<void> {
    let response: ScriptedResponse;
    try {
      response = await this.script(request, request.n);
    } catch (error) {
      // A broken script is a test bug: make it visible to the client instead of hanging.
      response = { status: 599, body: `response script threw: ${(error as Error).message}` };
    }
    if (response.delayMs) await this.sleep(response.delayMs);
    if (response.hang || res.destroyed) return;
    if (response.destroy) {
      res.socket?.destroy();
      return;
    }
    res.writeHead(response.status ?? 200, response.headers);
    res.end(response.body);
  }

  private sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        this.timers.delete(timer);
        resolve();
      }, ms);
      this.timers.add(timer);
    });
  }
}

function toScript(respond: ResponseScript | ScriptedResponse): ResponseScript {
  return typeof respond === 'function' ? respond : () => respond;
}
