import { connect, createInbox, headers as natsHeaders, Msg, MsgHdrs, NatsConnection, Subscription } from 'nats';
import { TimeoutError } from 'rxjs';
import { NatsClientOptions, natsConnectionOptions } from './nats-client-options';

interface Pending {
  resolve: (value: unknown) => void;
  reject: (error: unknown) => void;
  timer: NodeJS.Timeout;
  /** Re-sends of an idempotent request while no reply has come (see `request`). */
  resend: NodeJS.Timeout | null;
}

/** What a Nest NATS microservice answers: `{id, response, isDisposed}` or `{id, err, isDisposed}`. */
interface NestReply {
  id?: string;
  response?: unknown;
  err?: unknown;
  isDisposed?: boolean;
}

/**
 * Request/reply to Nest NATS microservices over ONE wildcard inbox subscription. Nest's own ClientNats
 * subscribes and unsubscribes a fresh inbox for every request (two protocol messages and an interest-graph
 * change on the server each time) — a large share of the gateway's and nats-server's CPU per request at
 * our rates. The wire format is Nest's (`{pattern, data, id}` out; `{id, response|err, isDisposed}` back),
 * so the services are unchanged. Failures reject with what ServiceClient's error mapping knows: the
 * service's error body, rxjs TimeoutError, "no responders", or the connection's error.
 */
export class NatsRequester {
  private nc: NatsConnection | null = null;
  private connecting: Promise<NatsConnection> | null = null;
  private subscription: Subscription | null = null;
  private prefix = '';
  private next = 0;
  private readonly pending = new Map<number, Pending>();

  constructor(private readonly options: NatsClientOptions) {}

  async connect(): Promise<NatsConnection> {
    this.connecting ??= (async () => {
      const nc = await connect(natsConnectionOptions(this.options));
      // Under the app's own prefix: its NATS user may read no other inbox.
      this.prefix = createInbox(this.options.inboxPrefix);
      this.subscription = nc.subscribe(`${this.prefix}.*`, { callback: (error, msg) => (error ? undefined : this.settle(msg)) });
      this.nc = nc;
      void nc.closed().then(() => this.failAll(new Error('CONNECTION_CLOSED')));
      return nc;
    })();
    return this.connecting;
  }

  /**
   * One request. `resendAfterMs` (only for a request the service may receive twice, e.g. one carrying an
   * idempotency key): while no reply has come, the same message is published again every `resendAfterMs`, on
   * the same reply subject, until the timeout. A message or its reply lost with a NATS node (a connection to it,
   * or a route through it, dies) then costs one interval, not the whole timeout; the first reply wins.
   */
  async request(subject: string, data: unknown, timeoutMs: number, headers?: MsgHdrs, resendAfterMs?: number): Promise<unknown> {
    const nc = this.nc ?? (await this.connect());
    const seq = ++this.next;
    const body = Buffer.from(JSON.stringify({ pattern: subject, data, id: String(seq) }));
    const options = { reply: `${this.prefix}.${seq}`, headers: headers ?? natsHeaders() };
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        const pending = this.pending.get(seq);
        if (pending) this.finish(seq, pending);
        reject(new TimeoutError());
      }, timeoutMs);
      const resend = resendAfterMs !== undefined && resendAfterMs > 0 && resendAfterMs < timeoutMs
        ? setInterval(() => {
          try {
            nc.publish(subject, body, options);
          } catch {
            // Closed: the timeout (or failAll) answers.
          }
        }, resendAfterMs)
        : null;
      this.pending.set(seq, { resolve, reject, timer, resend });
      try {
        nc.publish(subject, body, options);
      } catch (error) {
        this.finish(seq, this.pending.get(seq)!);
        reject(error);
      }
    });
  }

  async close(): Promise<void> {
    this.subscription?.unsubscribe();
    if (this.nc && !this.nc.isClosed()) await this.nc.drain().catch(() => this.nc?.close());
    this.failAll(new Error('CONNECTION_CLOSED'));
  }

  private settle(msg: Msg): void {
    const seq = Number(msg.subject.slice(this.prefix.length + 1));
    const pending = this.pending.get(seq);
    if (!pending) return;
    if (msg.headers?.code === 503 || msg.data.length === 0) {
      this.finish(seq, pending);
      pending.reject(new Error(`no responders for this subject`));
      return;
    }
    let reply: NestReply;
    try {
      reply = JSON.parse(Buffer.from(msg.data.buffer, msg.data.byteOffset, msg.data.byteLength).toString('utf8')) as NestReply;
    } catch {
      this.finish(seq, pending);
      pending.reject(new Error('unreadable reply'));
      return;
    }
    if (reply.err !== undefined && reply.err !== null) {
      this.finish(seq, pending);
      pending.reject(reply.err);
    } else if (reply.isDisposed || 'response' in reply) {
      this.finish(seq, pending);
      pending.resolve(reply.response);
    }
  }

  private finish(seq: number, pending: Pending): void {
    clearTimeout(pending.timer);
    if (pending.resend) clearInterval(pending.resend);
    this.pending.delete(seq);
  }

  private failAll(error: Error): void {
    for (const [seq, pending] of this.pending) {
      this.finish(seq, pending);
      pending.reject(error);
    }
  }
}
