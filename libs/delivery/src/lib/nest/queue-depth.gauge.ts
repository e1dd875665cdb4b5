import { Gauge } from 'prom-client';
import type { JetStreamJobQueue } from './jetstream-job-queue';

let gauge: Gauge | null = null;

/** Jobs per lane in JetStream: pending (waiting) and ack_pending (handed to a worker), read at scrape time. */
export function registerQueueDepthGauge(queue: JetStreamJobQueue): void {
  if (gauge) return;
  gauge = new Gauge({
    name: 'hookrelay_delivery_queue_jobs',
    help: 'Delivery jobs in JetStream by lane: pending (waiting for a worker) and ack_pending (being worked)',
    labelNames: ['lane', 'state'] as const,
    async collect() {
      try {
        for (const { lane, pending, ackPending } of await queue.depth()) {
          this.set({ lane, state: 'pending' }, pending);
          this.set({ lane, state: 'ack_pending' }, ackPending);
        }
      } catch {
        // NATS unavailable during a scrape: keep the last values.
      }
    },
  });
}
