import type { SubscriptionKey } from './delivery-store.port';

/**
 * Tells every process (every replica's TargetCache) that a subscription's stored target changed, after the
 * change is committed. Implemented over the NATS subject DELIVERY_TARGET_CHANGED_SUBJECT_V1.
 */
export interface TargetChangeNotifier {
  announce(key: SubscriptionKey): Promise<void>;
}
