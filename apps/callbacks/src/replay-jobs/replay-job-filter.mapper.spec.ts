import { DeliveryFilter, parseDeliveryFilter } from '@hookrelay/filtering';
import { toReplayFilterView, toStoredReplayFilter } from './replay-job-filter.mapper';

const BOUND = new Date('2026-11-30T02:00:00.000Z');

describe('replay job filter: stored form and view', () => {
  it.each<[string, DeliveryFilter, Record<string, string | number>, Record<string, string>]>([
    ['nothing: the view still names the snapshot bound', {}, {}, { created_to: '2026-11-30T02:00:00.000Z' }],
    ['every part', { state: 'CLOSED', applicationState: 'CLOSED', source: 'integration_point', closeReason: 'EXHAUSTED', subscriptionId: '7', id: 'd-1', createdFrom: 1000, createdTo: 2000 },
      { state: 'CLOSED', application_state: 'CLOSED', source: 'integration_point', close_reason: 'EXHAUSTED', subscription_id: '7', id: 'd-1', created_from: 1000, created_to: 2000 },
      { state: 'CLOSED', application_state: 'CLOSED', source: 'integration_point', close_reason: 'EXHAUSTED', subscription_id: '7', id: 'd-1', created_from: '1970-01-01T00:00:01.000Z', created_to: '2026-11-30T02:00:00.000Z' }],
  ])('%s', (_name, filter, stored, view) => {
    expect(toStoredReplayFilter(filter)).toEqual(stored);
    expect(toReplayFilterView(stored, BOUND)).toEqual(view);
    // The runner reads the stored form back with the same strict parser: it means the same filter.
    expect(parseDeliveryFilter(stored, { strict: true })).toEqual(filter);
  });
});
