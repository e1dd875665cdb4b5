// The JSON the console reads and sends: a hand-kept mirror of the contract the gateway documents under
// /hookrelay/v1 (OpenAPI at /openapi.json). The console talks HTTP only and imports nothing of the platform.

export const SOURCES = ['envelope_callback', 'application_webhook', 'integration_point', 'operational_webhook'] as const;
export type Source = (typeof SOURCES)[number];
export const STATES = ['OPEN', 'PROCESSING', 'CLOSED'] as const;
export type DeliveryState = (typeof STATES)[number];
export const APPLICATION_STATES = ['NEW', 'RETRY', 'RECALL', 'CLOSED'] as const;
export type ApplicationState = (typeof APPLICATION_STATES)[number];
export const CLOSE_REASONS = ['DELIVERED', 'EXHAUSTED', 'CANCELLED', 'DISABLED'] as const;
export type CloseReason = (typeof CLOSE_REASONS)[number];
export const OPERATIONAL_EVENT_TYPES = ['subscription.paused', 'subscription.resumed', 'delivery.exhausted'] as const;
export type OperationalEventType = (typeof OPERATIONAL_EVENT_TYPES)[number];
export type Role = 'read' | 'admin';

/** GET /hookrelay/v1/whoami */
export interface Whoami {
  tenant_id: string;
  tenant_name: string;
  role: Role;
}

/** The filter of the delivery log and of a bulk replay (same names as the query parameters). */
export interface DeliveryFilter {
  state?: DeliveryState;
  application_state?: ApplicationState;
  source?: Source;
  close_reason?: CloseReason;
  subscription_id?: string;
  id?: string;
  created_from?: string;
  created_to?: string;
}

export interface DeliverySummary {
  id: string;
  source: Source;
  subscription_id: string;
  url: string | null;
  event: string | null;
  state: DeliveryState;
  application_state: ApplicationState;
  close_reason: CloseReason | null;
  attempts: number;
  created_at: string;
  updated_at: string | null;
  closed_at: string | null;
  next_attempt_at: string | null;
  last_status_code: number | null;
  last_error: string | null;
}

export interface DeliveryAttempt {
  number: number;
  attempted_at: string;
  duration_ms: number | null;
  status_code: number | null;
  error: string | null;
  response_snippet: string | null;
}

export type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };

/** GET /deliveries/{id}: the summary's `attempts` count becomes the list of attempts. */
export interface DeliveryDetail extends Omit<DeliverySummary, 'attempts'> {
  payload: JsonValue;
  headers: Record<string, string>;
  attempts: DeliveryAttempt[];
}

export interface DeliveryPage {
  data: DeliverySummary[];
  next_before: string | null;
}

export type ReplayStatus = 'queued' | 'running' | 'completed' | 'failed';

export interface ReplayJob {
  id: string;
  status: ReplayStatus;
  filter: Omit<DeliveryFilter, 'id'>;
  matched: number;
  replayed: number;
  created_at: string;
  started_at: string | null;
  finished_at: string | null;
  error: string | null;
}

export type StatsWindow = '1h' | '24h';
export const OUTCOMES = ['delivered', 'retrying', 'failed', 'disabled'] as const;
export type Outcome = (typeof OUTCOMES)[number];
export type OutcomeCounts = Record<Outcome, number>;

export interface StatsBucket extends OutcomeCounts {
  t: string;
}

export interface Stats {
  window: StatsWindow;
  step_seconds: number;
  from: string;
  to: string;
  series: StatsBucket[];
  totals: OutcomeCounts;
  success_ratio: number | null;
  latency_ms: { p50: number | null; p99: number | null };
  queue_depth: number;
  queue_depth_capped: boolean;
  paused_subscriptions: number;
}

export interface Subscription {
  source: Source;
  subscription_id: string;
  group: string | null;
  label: string | null;
  url: string | null;
  policy: { [key: string]: JsonValue } | null;
  paused: boolean;
  paused_at: string | null;
  failing_since: string | null;
  last_error: string | null;
  last_success_at: string | null;
  last_failure_at: string | null;
}

export interface SubscriptionPage {
  data: Subscription[];
  next_after: string | null;
}

export interface OperationalWebhook {
  url: string;
  events: OperationalEventType[];
  created_at: string;
  updated_at: string;
  signing_secret?: string;
}

export interface OperationalEvent {
  id: string;
  type: OperationalEventType;
  occurred_at: string;
  data: { source: Source; subscription_id: string; url?: string; reason?: string; delivery_id?: string };
  delivery_id: string | null;
}

export interface OperationalEventPage {
  data: OperationalEvent[];
  next_before: string | null;
}

/** The Hookrelay error body: { statusCode, error, message }. */
export interface ApiErrorBody {
  statusCode: number;
  error: string;
  message: string;
}
