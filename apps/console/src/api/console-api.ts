import { apiRequest } from './api-client';
import type {
  DeliveryDetail, DeliveryFilter, DeliveryPage, OperationalEventPage, OperationalEventType, OperationalWebhook, ReplayJob, Source, Stats,
  StatsWindow, SubscriptionPage, Whoami,
} from './console-api.types';

const BASE = '/hookrelay/v1';
const segment = (value: string): string => encodeURIComponent(value);

/** Every endpoint the console calls, typed after CONSOLE-API (docs/adr/0011-console-front-end.md). */
export const consoleApi = {
  whoami: (apiKey?: string) => apiRequest<{ data: Whoami }>('GET', `${BASE}/whoami`, { apiKey }).then((r) => r.data),

  stats: (window: StatsWindow) => apiRequest<{ data: Stats }>('GET', `${BASE}/stats`, { query: { window } }).then((r) => r.data),

  deliveries: (filter: DeliveryFilter, page: { limit?: number; before?: string | null } = {}) =>
    apiRequest<DeliveryPage>('GET', `${BASE}/deliveries`, { query: { ...filter, limit: page.limit, before: page.before } }),
  delivery: (id: string) => apiRequest<{ data: DeliveryDetail }>('GET', `${BASE}/deliveries/${segment(id)}`).then((r) => r.data),
  replayDelivery: (id: string) => apiRequest<{ data: { replayed: true; id: string } }>('POST', `${BASE}/deliveries/${segment(id)}/replay`).then((r) => r.data),

  replays: (limit = 20) => apiRequest<{ data: ReplayJob[] }>('GET', `${BASE}/replays`, { query: { limit } }).then((r) => r.data),
  replay: (id: string) => apiRequest<{ data: ReplayJob }>('GET', `${BASE}/replays/${segment(id)}`).then((r) => r.data),
  startReplay: (filter: Omit<DeliveryFilter, 'id'>, idempotencyKey: string) =>
    apiRequest<{ data: ReplayJob }>('POST', `${BASE}/replays`, { body: { filter }, headers: { 'idempotency-key': idempotencyKey } }).then((r) => r.data),

  subscriptions: (query: { source?: Source; paused?: boolean; after?: string | null; limit?: number } = {}) =>
    apiRequest<SubscriptionPage>('GET', `${BASE}/subscriptions`, { query: { source: query.source, paused: query.paused, after: query.after, limit: query.limit } }),
  pause: (source: Source, id: string) => apiRequest<{ data: { paused: true } }>('POST', `${BASE}/subscriptions/${segment(source)}/${segment(id)}/pause`).then((r) => r.data),
  resume: (source: Source, id: string) =>
    apiRequest<{ data: { resumed: true; reopened: number } }>('POST', `${BASE}/subscriptions/${segment(source)}/${segment(id)}/resume`).then((r) => r.data),
  rotateSecret: (source: Source, id: string) =>
    apiRequest<{ data: { signing_secret: string } }>('POST', `${BASE}/subscriptions/${segment(source)}/${segment(id)}/secret/rotate`).then((r) => r.data),

  operationalWebhook: () => apiRequest<{ data: OperationalWebhook }>('GET', `${BASE}/operational-webhook`).then((r) => r.data),
  saveOperationalWebhook: (url: string, events: OperationalEventType[]) =>
    apiRequest<{ data: OperationalWebhook }>('PUT', `${BASE}/operational-webhook`, { body: { url, events } }).then((r) => r.data),
  deleteOperationalWebhook: () => apiRequest<{ data: { deleted: true } }>('DELETE', `${BASE}/operational-webhook`).then((r) => r.data),
  operationalEvents: (before?: string | null) => apiRequest<OperationalEventPage>('GET', `${BASE}/operational-events`, { query: { limit: 50, before } }),
};
