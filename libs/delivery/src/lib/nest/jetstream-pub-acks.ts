import { connectionInbox } from '@hookrelay/messaging';
import { headers as natsHeaders, Msg, NatsConnection, Subscription } from 'nats';

interface Pending {
  resolve: () => void;
  reject: (error: Error) => void;
  deadline: number;
}

const TIMEOUT_MS = 10_000;
const TRACEPARENT_HEADER = 'traceparent';

/**
 * Durable JetStream publishes without nats.js's per-message request machinery: nats.js builds a request
 * object and two Error objects (with stack traces) for every `js.publish`, ~50 µs of CPU per job at our
 * rates. Here one wildcard inbox subscription receives every PubAck; each publish is a plain `publish` with
 * a reply subject, settled when its PubAck (or a no-responders / JetStream error) arrives, or after 10 s.
 */
export class JetStreamPubAcks {
  private readonly prefix: string;
  private readonly pending = new Map<number, Pending>();
  private subscription: Subscription | null = null;
  private sweeper: NodeJS.Timeout | null = null;
  private next = 0;

  constructor(private readonly nc: NatsConnection) {
    // The app's own inbox prefix: its NATS user may subscribe under no other.
    this.prefix = connectionInbox(nc);
  }

  /**
   * Publishes to a stream subject with a de-duplication id (and the W3C trace context the job belongs to,
   * when tracing recorded one); resolves once the stream has stored it.
   */
  publish(subject: string, data: Uint8Array, messageId: string, traceparent: string | null = null): Promise<void> {
    this.start();
    const seq = ++this.next;
    const headers = natsHeaders();
    headers.set('Nats-Msg-Id', messageId);
    if (traceparent) headers.set(TRACEPARENT_HEADER, traceparent);
    return new Promise<void>((resolve, reject) => {
      this.pending.set(seq, { resolve, reject, deadline: Date.now() + TIMEOUT_MS });
      try {
        this.nc.publish(subject, data, { reply: `${this.prefix}.${seq}`, headers });
      } catch (error) {
        this.pending.delete(seq);
        reject(error instanceof Error ? error : new Error(String(error)));
      }
    });
  }

  stop(): void {
    this.subscription?.unsubscribe();
    if (this.sweeper) clearInterval(this.sweeper);
    for (const pending of this.pending.values()) pending.reject(new Error('publisher stopped'));
    this.pending.clear();
  }

  private start(): void {
    if (this.subscription) return;
    this.subscription = this.nc.subscribe(`${this.prefix}.*`, { callback: (error, msg) => (error ? undefined : this.settle(msg)) });
    this.sweeper = setInterval(() => {
      const now = Date.now();
      for (const [seq, pending] of this.pending) {
        if (pending.deadline > now) continue;
        this.pending.delete(seq);
        pending.reject(new Error(`no PubAck within ${TIMEOUT_MS} ms`));
      }
    }, 1_000);
    this.sweeper.unref();
  }

  private settle(msg: Msg): void {
    const seq = Number(msg.subject.slice(this.prefix.length + 1));
    const pending = this.pending.get(seq);
    if (!pending) return;
    this.pending.delete(seq);
    if (msg.headers?.code === 503 || msg.data.length === 0) {
      pending.reject(new Error('no JetStream stream answered (503 no responders)'));
      return;
    }
    try {
      const ack = JSON.parse(Buffer.from(msg.data).toString('utf8')) as { stream?: string; error?: { description?: string } };
      if (ack.error || !ack.stream) pending.reject(new Error(`JetStream refused the message: ${ack.error?.description ?? 'no stream'}`));
      else pending.resolve();
    } catch {
      pending.reject(new Error('unreadable PubAck'));
    }
  }
}
