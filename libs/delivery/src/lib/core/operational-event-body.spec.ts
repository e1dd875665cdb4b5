import { describe, expect, it } from '@jest/globals';
import { operationalEventBody, operationalEventOf, storedOperationalEvent } from './operational-event-body';
import type { OperationalEvent } from './ports/operational-events.port';

const AT = Date.UTC(2026, 10, 30, 1, 2, 3, 456);

describe('operationalEventBody', () => {
  it.each([
    [
      { type: 'subscription.paused', data: { source: 'application_webhook', subscriptionId: '9', url: 'https://r.example/', reason: 'HTTP 410' } },
      { type: 'subscription.paused', timestamp: '2026-11-30T01:02:03.456Z', data: { source: 'application_webhook', subscription_id: '9', url: 'https://r.example/', reason: 'HTTP 410' } },
    ],
    [
      { type: 'subscription.resumed', data: { source: 'integration_point', subscriptionId: 'ip', url: null } },
      { type: 'subscription.resumed', timestamp: '2026-11-30T01:02:03.456Z', data: { source: 'integration_point', subscription_id: 'ip', url: null } },
    ],
    [
      { type: 'delivery.exhausted', data: { source: 'envelope_callback', subscriptionId: 'cb', deliveryId: 'd-1', reason: 'HTTP 500' } },
      { type: 'delivery.exhausted', timestamp: '2026-11-30T01:02:03.456Z', data: { source: 'envelope_callback', subscription_id: 'cb', delivery_id: 'd-1', reason: 'HTTP 500' } },
    ],
  ] as const)('%j → %j', (event, body) => {
    expect(operationalEventBody({ tenantId: 't', occurredAt: AT, ...event } as Parameters<typeof operationalEventBody>[0])).toEqual(body);
  });

  it.each([
    { type: 'subscription.paused', data: { source: 'application_webhook', subscriptionId: '9', url: 'https://r.example/', reason: 'HTTP 410' } },
    { type: 'subscription.resumed', data: { source: 'integration_point', subscriptionId: 'ip', url: null } },
    { type: 'subscription.paused', data: { source: 'envelope_callback', subscriptionId: 'cb', reason: null } },
    { type: 'delivery.exhausted', data: { source: 'envelope_callback', subscriptionId: 'cb', deliveryId: 'd-1', reason: 'HTTP 500' } },
  ] as const)('the outbox row of %j reads back as the same event', (partial) => {
    const event = { id: '0192f3a4-0000-7000-8000-000000000001', tenantId: 't', occurredAt: AT, ...partial } as OperationalEvent;
    const row = storedOperationalEvent(event);
    expect(JSON.parse(row.data)).toEqual(operationalEventBody(event).data);
    expect(operationalEventOf(row)).toEqual(event);
  });
});
