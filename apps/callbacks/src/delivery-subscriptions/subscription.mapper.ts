import { SubscriptionView } from '@hookrelay/contracts';
import type { ListedSubscription } from '@hookrelay/delivery';

const iso = (ms: number | null): string | null => (ms === null ? null : new Date(ms).toISOString());

/** A subscription for the console: its stored policy (no credentials in it), health as ISO times. */
export function toSubscriptionView(s: ListedSubscription): SubscriptionView {
  return {
    source: s.source, subscription_id: s.subscriptionId, group: s.group, label: s.label, url: s.url,
    policy: s.policy ? { ...s.policy } : null, paused: s.pausedAt !== null, paused_at: iso(s.pausedAt), failing_since: iso(s.failingSince),
    last_error: s.lastError, last_success_at: iso(s.lastSuccessAt), last_failure_at: iso(s.lastFailureAt),
  };
}
