import { SOURCES, type Source, type Subscription } from '../api/console-api.types';

const TITLES: Record<Source, string> = {
  envelope_callback: 'Envelope callbacks (per mailbox)',
  application_webhook: 'Application webhooks',
  integration_point: 'Integration points',
  operational_webhook: 'Operational webhook',
};

export interface SubscriptionGroup {
  source: Source;
  title: string;
  items: Subscription[];
}

/** Subscriptions grouped by source (in SOURCES order), each group sorted by group then label then id. */
export function groupSubscriptions(list: readonly Subscription[]): SubscriptionGroup[] {
  return SOURCES.map((source) => ({
    source,
    title: TITLES[source],
    items: list
      .filter((s) => s.source === source)
      .sort((a, b) => (a.group ?? '').localeCompare(b.group ?? '') || (a.label ?? '').localeCompare(b.label ?? '') || a.subscription_id.localeCompare(b.subscription_id)),
  })).filter((g) => g.items.length > 0);
}
