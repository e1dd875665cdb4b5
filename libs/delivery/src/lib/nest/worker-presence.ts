import { DELIVERY_WORKER_PRESENCE_SUBJECT_V1 } from '@hookrelay/contracts';
import { randomUUID } from 'node:crypto';
import { JSONCodec, NatsConnection, Subscription } from 'nats';
import type { WorkerShare } from '../core/concurrency-gate';

const codec = JSONCodec<{ workerId: string; ttlMs: number }>();
const ANNOUNCE_EVERY_MS = 2_000;
const TTL_MS = 7_000;

/**
 * Knows how many delivery worker processes are alive, so caps meant for the whole cluster can be divided
 * among them. Each worker announces itself every 2 s (valid 7 s) and answers a newcomer's first
 * announcement at once, so a joining worker learns its peers within a round trip, not a period.
 */
export class WorkerPresence {
  readonly workerId = randomUUID();
  private readonly peers = new Map<string, number>();
  private subscription: Subscription | null = null;
  private timer: NodeJS.Timeout | null = null;

  constructor(private readonly nc: NatsConnection) {}

  start(): void {
    this.subscription = this.nc.subscribe(DELIVERY_WORKER_PRESENCE_SUBJECT_V1, {
      callback: (error, msg) => {
        if (error) return;
        try {
          const { workerId, ttlMs } = codec.decode(msg.data);
          if (typeof workerId !== 'string' || typeof ttlMs !== 'number' || workerId === this.workerId) return;
          const known = this.peers.has(workerId) && (this.peers.get(workerId) ?? 0) > Date.now();
          this.peers.set(workerId, Date.now() + Math.min(ttlMs, 60_000));
          if (!known) this.announce();
        } catch {
          // Not a presence message: ignored.
        }
      },
    });
    this.announce();
    this.timer = setInterval(() => this.announce(), ANNOUNCE_EVERY_MS);
    this.timer.unref();
  }

  /** This process and every peer heard from within its announcement's lifetime; rank: our place among their ids. */
  share(): WorkerShare {
    const now = Date.now();
    let rank = 0;
    let count = 1;
    for (const [id, until] of this.peers) {
      if (until <= now) {
        this.peers.delete(id);
        continue;
      }
      count++;
      if (id < this.workerId) rank++;
    }
    return { count, rank };
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.subscription?.unsubscribe();
  }

  private announce(): void {
    if (this.nc.isClosed()) return;
    this.nc.publish(DELIVERY_WORKER_PRESENCE_SUBJECT_V1, codec.encode({ workerId: this.workerId, ttlMs: TTL_MS }));
  }
}
