import { ApplicationWebhookView } from './application-webhooks/application-webhook.input';
import { APPLICATION_EVENT_SUBJECTS_V1, PublishApplicationEventCommand, PublishedApplicationEvent } from './application-webhooks/application-event.v1';
import {
  DELIVERY_LOG_SUBJECTS_V1, DeliveryByIdCommand, DeliveryDetailView, DeliveryLogPage, ListDeliveriesCommand, ReplayedDeliveryView,
} from './delivery-log/delivery-log.v1';
import {
  CreatedReplayJobView, CreateReplayJobCommand, ListReplayJobsCommand, REPLAY_JOB_SUBJECTS_V1, ReplayJobByIdCommand, ReplayJobView,
} from './replay-jobs/replay-job.v1';
import { CALLBACK_LOG_SUBJECTS_V1, CallbackByIdCommand, CallbackView, ListCallbacksCommand } from './callback-log/callback-log.v1';
import {
  DELIVERY_SUBSCRIPTION_SUBJECTS_V1, ListPausedSubscriptionsCommand, ListSubscriptionsCommand, PausedSubscriptionView, ResumedSubscriptionView,
  ResumeSubscriptionCommand, SubscriptionPageView, SubscriptionRefCommand,
} from './delivery-subscriptions/delivery-subscriptions.v1';
import { DELIVERY_STATS_SUBJECTS_V1, DeliveryStatsView, GetDeliveryStatsCommand } from './delivery-stats/delivery-stats.v1';
import {
  ListOperationalEventsCommand, OPERATIONAL_EVENTS_SUBJECTS_V1, OperationalEventPageView, OperationalWebhookRefCommand, OperationalWebhookView,
  PutOperationalWebhookCommand,
} from './operational-events/operational-events.v1';
import {
  APPLICATION_WEBHOOK_SUBJECTS_V1, DeleteApplicationWebhookCommand, GetApplicationWebhookCommand, PutApplicationWebhookCommand,
} from './application-webhooks/application-webhook.commands.v1';
import {
  CreateEnvelopeCallbackCommand, CreatedEnvelopeCallbackView, ENVELOPE_CALLBACK_SUBJECTS_V1, EnvelopeCallbackRefCommand, EnvelopeCallbackSecretView,
  EnvelopeCallbackTestCommand, EnvelopeCheckResultView, EnvelopeSendResultView, ListEnvelopeCallbacksCommand, RemoveEnvelopeCallbackCommand,
  SampleEnvelopePayloadCommand,
} from './envelope-callbacks/envelope-callback.commands.v1';
import {
  ENVELOPE_EVENT_SUBJECTS_V1, EnvelopeCallbackPayload, PublishedEnvelopeEvents, PublishEnvelopeEventsCommand,
} from './envelope-callbacks/envelope-event.v1';
import { EnvelopeCallbackView } from './envelope-callbacks/envelope-callback.input';
import { HEALTH_CHECK_V1, HealthCheckReply, HealthCheckRequest } from './health/health-check.v1';
import {
  CreateIntegrationPointCommand, DeleteIntegrationPointCommand, GetIntegrationPointCommand, INTEGRATION_POINT_SUBJECTS_V1,
  IntegrationTokenView, ListIntegrationPointsCommand, LookupIntegrationPointCommand, ResolveIntegrationTokenCommand,
  UpdateIntegrationPointCommand,
} from './integration-points/integration-point.commands.v1';
import { IntegrationPointProjection } from './integration-points/integration-point.view';
import { EXEC_SUBJECT_V1, ExecCommand, ExecResult } from './integration-points/exec.v1';
import { CHANNEL_SEND_SUBJECT_V1, ChannelSendResult, SendThroughChannelCommand } from './integration-points/channel-send.v1';

interface Contract<Request, Reply> {
  request: Request;
  reply: Reply;
}

/**
 * Every request/reply subject with its request and reply types. The publisher is typed by this map,
 * so sending a wrong payload to a subject, or reading a wrong reply, is a compile error.
 */
export interface RequestMap {
  [HEALTH_CHECK_V1.callbacks]: Contract<HealthCheckRequest, HealthCheckReply>;
  [HEALTH_CHECK_V1.webhooks]: Contract<HealthCheckRequest, HealthCheckReply>;
  [HEALTH_CHECK_V1.integrationPoints]: Contract<HealthCheckRequest, HealthCheckReply>;

  [INTEGRATION_POINT_SUBJECTS_V1.create]: Contract<CreateIntegrationPointCommand, IntegrationPointProjection>;
  [INTEGRATION_POINT_SUBJECTS_V1.get]: Contract<GetIntegrationPointCommand, IntegrationPointProjection>;
  [INTEGRATION_POINT_SUBJECTS_V1.list]: Contract<ListIntegrationPointsCommand, IntegrationPointProjection[]>;
  [INTEGRATION_POINT_SUBJECTS_V1.update]: Contract<UpdateIntegrationPointCommand, IntegrationPointProjection>;
  [INTEGRATION_POINT_SUBJECTS_V1.delete]: Contract<DeleteIntegrationPointCommand, { deleted: true }>;
  [INTEGRATION_POINT_SUBJECTS_V1.lookup]: Contract<LookupIntegrationPointCommand, string[]>;
  [INTEGRATION_POINT_SUBJECTS_V1.resolveToken]: Contract<ResolveIntegrationTokenCommand, IntegrationTokenView>;
  [INTEGRATION_POINT_SUBJECTS_V1.getSecret]: Contract<DeleteIntegrationPointCommand, { signing_secret: string }>;
  [INTEGRATION_POINT_SUBJECTS_V1.rotateSecret]: Contract<DeleteIntegrationPointCommand, { signing_secret: string }>;
  [EXEC_SUBJECT_V1]: Contract<ExecCommand, ExecResult>;
  [CHANNEL_SEND_SUBJECT_V1]: Contract<SendThroughChannelCommand, ChannelSendResult>;

  [APPLICATION_WEBHOOK_SUBJECTS_V1.put]: Contract<PutApplicationWebhookCommand, ApplicationWebhookView>;
  [APPLICATION_WEBHOOK_SUBJECTS_V1.get]: Contract<GetApplicationWebhookCommand, ApplicationWebhookView>;
  [APPLICATION_WEBHOOK_SUBJECTS_V1.delete]: Contract<DeleteApplicationWebhookCommand, { deleted: true }>;
  [APPLICATION_WEBHOOK_SUBJECTS_V1.getSecret]: Contract<GetApplicationWebhookCommand, { signing_secret: string }>;
  [APPLICATION_WEBHOOK_SUBJECTS_V1.rotateSecret]: Contract<GetApplicationWebhookCommand, { signing_secret: string }>;
  [APPLICATION_EVENT_SUBJECTS_V1.publish]: Contract<PublishApplicationEventCommand, PublishedApplicationEvent>;

  [CALLBACK_LOG_SUBJECTS_V1.list]: Contract<ListCallbacksCommand, CallbackView[]>;
  [CALLBACK_LOG_SUBJECTS_V1.get]: Contract<CallbackByIdCommand, CallbackView>;
  [CALLBACK_LOG_SUBJECTS_V1.recall]: Contract<CallbackByIdCommand, { recalled: true }>;
  [DELIVERY_SUBSCRIPTION_SUBJECTS_V1.listPaused]: Contract<ListPausedSubscriptionsCommand, PausedSubscriptionView[]>;
  [DELIVERY_SUBSCRIPTION_SUBJECTS_V1.resume]: Contract<ResumeSubscriptionCommand, ResumedSubscriptionView>;
  [DELIVERY_STATS_SUBJECTS_V1.get]: Contract<GetDeliveryStatsCommand, DeliveryStatsView>;
  [DELIVERY_SUBSCRIPTION_SUBJECTS_V1.list]: Contract<ListSubscriptionsCommand, SubscriptionPageView>;
  [DELIVERY_SUBSCRIPTION_SUBJECTS_V1.pause]: Contract<SubscriptionRefCommand, { paused: true }>;
  [DELIVERY_SUBSCRIPTION_SUBJECTS_V1.rotateSecret]: Contract<SubscriptionRefCommand, { signing_secret: string }>;
  [OPERATIONAL_EVENTS_SUBJECTS_V1.getWebhook]: Contract<OperationalWebhookRefCommand, OperationalWebhookView>;
  [OPERATIONAL_EVENTS_SUBJECTS_V1.putWebhook]: Contract<PutOperationalWebhookCommand, OperationalWebhookView>;
  [OPERATIONAL_EVENTS_SUBJECTS_V1.deleteWebhook]: Contract<OperationalWebhookRefCommand, { deleted: true }>;
  [OPERATIONAL_EVENTS_SUBJECTS_V1.listEvents]: Contract<ListOperationalEventsCommand, OperationalEventPageView>;
  [DELIVERY_LOG_SUBJECTS_V1.list]: Contract<ListDeliveriesCommand, DeliveryLogPage>;
  [DELIVERY_LOG_SUBJECTS_V1.get]: Contract<DeliveryByIdCommand, DeliveryDetailView>;
  [DELIVERY_LOG_SUBJECTS_V1.replay]: Contract<DeliveryByIdCommand, ReplayedDeliveryView>;
  [REPLAY_JOB_SUBJECTS_V1.create]: Contract<CreateReplayJobCommand, CreatedReplayJobView>;
  [REPLAY_JOB_SUBJECTS_V1.list]: Contract<ListReplayJobsCommand, ReplayJobView[]>;
  [REPLAY_JOB_SUBJECTS_V1.get]: Contract<ReplayJobByIdCommand, ReplayJobView>;

  [ENVELOPE_CALLBACK_SUBJECTS_V1.create]: Contract<CreateEnvelopeCallbackCommand, CreatedEnvelopeCallbackView>;
  [ENVELOPE_CALLBACK_SUBJECTS_V1.list]: Contract<ListEnvelopeCallbacksCommand, EnvelopeCallbackView[]>;
  [ENVELOPE_CALLBACK_SUBJECTS_V1.remove]: Contract<RemoveEnvelopeCallbackCommand, { removed: true }>;
  [ENVELOPE_CALLBACK_SUBJECTS_V1.check]: Contract<EnvelopeCallbackTestCommand, EnvelopeCheckResultView>;
  [ENVELOPE_CALLBACK_SUBJECTS_V1.send]: Contract<EnvelopeCallbackTestCommand, EnvelopeSendResultView>;
  [ENVELOPE_CALLBACK_SUBJECTS_V1.samplePayload]: Contract<SampleEnvelopePayloadCommand, EnvelopeCallbackPayload>;
  [ENVELOPE_CALLBACK_SUBJECTS_V1.getSecret]: Contract<EnvelopeCallbackRefCommand, EnvelopeCallbackSecretView>;
  [ENVELOPE_CALLBACK_SUBJECTS_V1.rotateSecret]: Contract<EnvelopeCallbackRefCommand, EnvelopeCallbackSecretView>;
  [ENVELOPE_EVENT_SUBJECTS_V1.publish]: Contract<PublishEnvelopeEventsCommand, PublishedEnvelopeEvents>;
}

export type RequestSubject = keyof RequestMap;
/** Plain data as it crosses the wire: what a caller builds (class instances are not required). */
export type RequestOf<S extends RequestSubject> = { [K in keyof RequestMap[S]['request']]: RequestMap[S]['request'][K] };
export type ReplyOf<S extends RequestSubject> = RequestMap[S]['reply'];

/**
 * Every request/reply subject at run time (the map above is types only): NATS permissions are built from it,
 * and tests drive every subject with it. The check below fails to compile when a subject is missing here.
 */
export const REQUEST_SUBJECTS = [
  ...Object.values(HEALTH_CHECK_V1),
  ...Object.values(INTEGRATION_POINT_SUBJECTS_V1),
  EXEC_SUBJECT_V1,
  CHANNEL_SEND_SUBJECT_V1,
  ...Object.values(APPLICATION_WEBHOOK_SUBJECTS_V1),
  ...Object.values(APPLICATION_EVENT_SUBJECTS_V1),
  ...Object.values(CALLBACK_LOG_SUBJECTS_V1),
  ...Object.values(DELIVERY_SUBSCRIPTION_SUBJECTS_V1),
  ...Object.values(DELIVERY_STATS_SUBJECTS_V1),
  ...Object.values(OPERATIONAL_EVENTS_SUBJECTS_V1),
  ...Object.values(DELIVERY_LOG_SUBJECTS_V1),
  ...Object.values(REPLAY_JOB_SUBJECTS_V1),
  ...Object.values(ENVELOPE_CALLBACK_SUBJECTS_V1),
  ...Object.values(ENVELOPE_EVENT_SUBJECTS_V1),
] as const satisfies readonly RequestSubject[];

type UnlistedSubject = Exclude<RequestSubject, (typeof REQUEST_SUBJECTS)[number]>;
const everySubjectListed: [UnlistedSubject] extends [never] ? true : UnlistedSubject = true;
void everySubjectListed;
