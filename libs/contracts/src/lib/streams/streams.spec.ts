import { APPLICATION_EVENT_SUBJECTS_V1 } from '../application-webhooks/application-event.v1';
import { APPLICATION_WEBHOOK_SUBJECTS_V1 } from '../application-webhooks/application-webhook.commands.v1';
import { CALLBACK_LOG_SUBJECTS_V1 } from '../callback-log/callback-log.v1';
import { DELIVERY_JOB_SUBJECTS_V2, DELIVERY_TARGET_CHANGED_SUBJECT_V1, DELIVERY_WORKER_PRESENCE_SUBJECT_V1 } from '../delivery/delivery-job.v2';
import { ENVELOPE_CALLBACK_SUBJECTS_V1 } from '../envelope-callbacks/envelope-callback.commands.v1';
import { ENVELOPE_EVENT_SUBJECTS_V1 } from '../envelope-callbacks/envelope-event.v1';
import { HEALTH_CHECK_V1 } from '../health/health-check.v1';
import { CHANNEL_SEND_SUBJECT_V1 } from '../integration-points/channel-send.v1';
import { EXEC_SUBJECT_V1 } from '../integration-points/exec.v1';
import { execRequestSubjectV2, execSyncSubjectV2, execTenantRequestsFilterV2 } from '../integration-points/exec-handler.v2';
import { INTEGRATION_POINT_SUBJECTS_V1 } from '../integration-points/integration-point.commands.v1';
import { DELIVERY_SUBSCRIPTION_SUBJECTS_V1 } from '../delivery-subscriptions/delivery-subscriptions.v1';
import { DELIVERY_STATS_SUBJECTS_V1 } from '../delivery-stats/delivery-stats.v1';
import { STREAMS } from './streams';
import { natsSubjectMatches } from '../../testing/nats-subject-matches';

const matches = natsSubjectMatches;

const TENANT = '6f1c2c1e-8a55-4d1e-9a0e-3f1f4b1e2d3c';

const REQUEST_SUBJECTS = [
  ...Object.values(HEALTH_CHECK_V1), ...Object.values(INTEGRATION_POINT_SUBJECTS_V1), ...Object.values(APPLICATION_WEBHOOK_SUBJECTS_V1),
  ...Object.values(APPLICATION_EVENT_SUBJECTS_V1), ...Object.values(ENVELOPE_CALLBACK_SUBJECTS_V1), ...Object.values(ENVELOPE_EVENT_SUBJECTS_V1), ...Object.values(CALLBACK_LOG_SUBJECTS_V1), ...Object.values(DELIVERY_SUBSCRIPTION_SUBJECTS_V1), ...Object.values(DELIVERY_STATS_SUBJECTS_V1),
  EXEC_SUBJECT_V1, CHANNEL_SEND_SUBJECT_V1, execSyncSubjectV2(TENANT, 'ws_hook'), DELIVERY_TARGET_CHANGED_SUBJECT_V1, DELIVERY_WORKER_PRESENCE_SUBJECT_V1,
];

describe('stream subjects', () => {
  it.each(Object.values(STREAMS).flatMap((stream) => stream.subjects.map((subject) => [stream.name, subject])))('%s (%s) captures no request/reply subject', (_name, pattern) => {
    expect(REQUEST_SUBJECTS.filter((subject) => matches(pattern, subject))).toEqual([]);
  });

  it.each([
    [STREAMS.deliveryJobs.subjects[0], DELIVERY_JOB_SUBJECTS_V2.fresh],
    [STREAMS.deliveryJobs.subjects[1], DELIVERY_JOB_SUBJECTS_V2.retry],
    [STREAMS.execRequests.subjects[0], execRequestSubjectV2(TENANT, 'ws_hook')],
  ])('%s holds %s', (pattern, subject) => {
    expect(matches(pattern!, subject)).toBe(true);
  });

  it("a tenant's exec consumer filter holds every code of that tenant and nothing of another tenant", () => {
    const other = '0d5b9a4e-1c2f-4e8a-b7d6-5a4c3b2a1f0e';
    expect(matches(execTenantRequestsFilterV2(TENANT), execRequestSubjectV2(TENANT, 'crm'))).toBe(true);
    expect(matches(execTenantRequestsFilterV2(TENANT), execRequestSubjectV2(TENANT, 'billing'))).toBe(true);
    expect(matches(execTenantRequestsFilterV2(TENANT), execRequestSubjectV2(other, 'crm'))).toBe(false);
    expect(matches(STREAMS.execRequests.subjects[0]!, execTenantRequestsFilterV2(TENANT))).toBe(true);
  });

  it('matches like NATS does', () => {
    expect(matches('a.>', 'a.b.c')).toBe(true);
    expect(matches('a.>', 'a')).toBe(false);
    expect(matches('a.*.c', 'a.b.c')).toBe(true);
    expect(matches('a.*.c', 'a.b.d')).toBe(false);
  });
});
