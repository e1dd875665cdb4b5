import type { Subscription } from '../api/console-api.types';
import { groupSubscriptions } from './subscription-groups.util';

describe('groupSubscriptions', () => {
  const sub = (source: Subscription['source'], id: string, group: string | null, label: string | null): Subscription => ({
    source, subscription_id: id, group, label, url: null, policy: null, paused: false, paused_at: null, failing_since: null, last_error: null, last_success_at: null, last_failure_at: null,
  });

  it('groups by source in a fixed order and sorts by group, label, id; empty groups are left out', () => {
    const groups = groupSubscriptions([
      sub('integration_point', 'ip-2', null, 'b'),
      sub('envelope_callback', 'c2', 'mailbox-b', null),
      sub('integration_point', 'ip-1', null, 'a'),
      sub('envelope_callback', 'c1', 'mailbox-a', null),
    ]);
    expect(groups.map((g) => [g.source, g.items.map((i) => i.subscription_id)])).toEqual([
      ['envelope_callback', ['c1', 'c2']],
      ['integration_point', ['ip-1', 'ip-2']],
    ]);
  });
});
