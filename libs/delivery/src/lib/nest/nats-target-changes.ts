import { DELIVERY_TARGET_CHANGED_SUBJECT_V1, DELIVERY_JOB_SOURCES } from '@hookrelay/contracts';
import { Events, JSONCodec, NatsConnection, Subscription } from 'nats';
import type { SubscriptionKey } from '../core/ports/delivery-store.port';
import type { TargetChangeNotifier } from '../core/ports/target-change-notifier.port';
import type { TargetCache } from '../core/target-cache';

const codec = JSONCodec<SubscriptionKey>();

/**
 * Target-change announcements over plain NATS: every process publishes after its own committed change and
 * listens to everyone's, dropping the cached target. While disconnected it may miss some, so on every
 * reconnect the whole cache is dropped (the next attempts re-read what they need).
 */
export class NatsTargetChanges implements TargetChangeNotifier {
  private subscription: Subscription | null = null;

  constructor(private readonly nc: NatsConnection) {}

  async announce(key: SubscriptionKey): Promise<void> {
    if (this.nc.isClosed()) return;
    this.nc.publish(DELIVERY_TARGET_CHANGED_SUBJECT_V1, codec.encode({ tenantId: key.tenantId, source: key.source, subscriptionId: key.subscriptionId }));
    await this.nc.flush();
  }

  listen(cache: Pick<TargetCache, 'invalidate' | 'clear'>): void {
    this.subscription = this.nc.subscribe(DELIVERY_TARGET_CHANGED_SUBJECT_V1, {
      callback: (error, msg) => {
        if (error) return;
        try {
          const key = codec.decode(msg.data);
          if (typeof key.tenantId === 'string' && typeof key.subscriptionId === 'string' && DELIVERY_JOB_SOURCES.includes(key.source)) cache.invalidate(key);
        } catch {
          // Not an announcement we understand: dropping everything is the safe reading.
          cache.clear();
        }
      },
    });
    void (async () => {
      for await (const status of this.nc.status()) {
        if (status.type === Events.Reconnect || status.type === Events.Disconnect) cache.clear();
      }
    })().catch(() => undefined);
  }

  stop(): void {
    this.subscription?.unsubscribe();
  }
}
