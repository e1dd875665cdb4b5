import { DELIVERY_JOB_SOURCES, MAX_BODY_DEPTH, OPERATIONAL_EVENT_TYPES_V1 } from '@hookrelay/contracts';
import { INCOPLAX_INTEGRATION_POINT_SCHEMA, CONPEEK_CALLBACK_QUERY_SCHEMA, DELIVERY_FILTER_VALUES, DELIVERY_LOG_LIMITS } from '@hookrelay/filtering';

/**
 * The OpenAPI 3.1 description of every public endpoint, served at /openapi.json (and rendered at /docs).
 * LOOKUP is not an operation key OpenAPI 3.1 allows; it is described under the path item extension
 * `x-additionalOperations`, named after OpenAPI 3.2's `additionalOperations` (which validators do not
 * support yet), so the document stays valid and the verb is still documented.
 */
type Json = Record<string, unknown>;

const ok = (description: string, schema?: Json, status = '200'): Json => ({
  [status]: { description, ...(schema ? { content: { 'application/json': { schema } } } : {}) },
});
const errors = (api: 'docstudio' | 'conpeek' | 'incoplax' | 'hookrelay', ...codes: number[]): Json =>
  Object.fromEntries(codes.map((code) => [String(code), { description: `error (${code})`, content: { 'application/json': { schema: { $ref: `#/components/schemas/${api}Error` } } } }]));
const body = (schema: Json, required = true): Json => ({ required, content: { 'application/json': { schema } } });
const ref = (name: string): Json => ({ $ref: `#/components/schemas/${name}` });
const pathParam = (name: string, schema: Json = { type: 'string' }): Json => ({ name, in: 'path', required: true, schema });
const query = (name: string, description: string, schema: Json = { type: 'string' }): Json => ({ name, in: 'query', required: false, description, schema });
const mailbox = { name: 'mailbox', in: 'header', required: true, description: 'UUID of the mailbox the callbacks belong to', schema: { type: 'string', format: 'uuid' } };

const INCOPLAX_QUERY = [
  query('filter', 'JSON object of field → value; dotted paths (`{"opts.issync":true}`) or nested objects; an array value means membership. Example: `{"type":["public","telegram"]}`'),
  query('mask', `Comma-separated fields to return (dotted paths; a parent selects the sub-object). Fields: ${Object.keys(INCOPLAX_INTEGRATION_POINT_SCHEMA.fields).join(', ')}; also tokenlocal, tokenremote, tokenremote2.`),
  query('order', 'JSON array of field names (ascending) or `{"field":"asc|desc"}` objects, e.g. `[{"code":"desc"},"type"]`'),
  query('offset', 'Items to skip (default 0)', { type: 'integer', minimum: 0 }),
  query('limit', `Page size (default ${INCOPLAX_INTEGRATION_POINT_SCHEMA.defaultLimit}, max ${INCOPLAX_INTEGRATION_POINT_SCHEMA.maxLimit})`, { type: 'integer', minimum: 1, maximum: INCOPLAX_INTEGRATION_POINT_SCHEMA.maxLimit }),
  query('flat', '`true` turns nested objects into dotted keys (`"opts.title": ""`)', { type: 'boolean' }),
];

const integrationPoint: Json = {
  type: 'object',
  properties: {
    id: { type: 'string' }, code: { type: 'string' }, type: { type: 'string' }, token_local: { type: 'string', pattern: '^[0-9a-f]{32}$' },
    token_remote: { type: 'string' }, token_remote2: { type: 'string' }, url: { type: 'string' }, recv_svcscriptcode: { type: 'string' },
    recv_svcscriptcode_ws: { type: 'string' }, send_svcscriptcode: { type: 'string' }, send_svcscriptcode_ws: { type: 'string' },
    opts: { type: 'object', properties: { title: { type: 'string' }, comment: { type: 'string' }, allow_files_api: { type: 'boolean' }, issync: { type: 'boolean' }, recv_timeout: { type: 'integer', minimum: 100, maximum: 300000 } } },
    ext: { type: 'object', properties: { ct: { type: 'string' }, lwt: { type: 'string' } } },
    signing_secret: { type: 'string', description: 'Only in the create response' },
  },
};

const webhook: Json = {
  type: 'object', required: ['url', 'retry_enabled'],
  properties: {
    url: { type: 'string', format: 'uri' }, retry_enabled: { type: 'integer', enum: [0, 1] },
    retry_config: { type: 'object', properties: { retry_value: { type: 'number', description: 'seconds before the first retry' }, max_retries: { type: 'integer', minimum: 0, maximum: 25 }, backoff_type: { type: 'string', enum: ['constant', 'linear', 'multiplier'] }, backoff_value: { type: 'number' } } },
    headers: { type: 'object', additionalProperties: { type: 'string' } },
  },
};

const callback: Json = {
  type: 'object',
  properties: {
    id: { type: 'string' }, source: { type: 'string', enum: ['envelope_callback', 'application_webhook', 'integration_point', 'operational_webhook'] }, subscription_id: { type: 'string' },
    url: { type: 'string' }, event: { type: 'string' }, payload: { description: 'only in GET /callback/{id}' }, state: { type: 'string', enum: ['OPEN', 'PROCESSING', 'CLOSED'] },
    application_state: { type: 'string', enum: ['NEW', 'RETRY', 'RECALL', 'CLOSED'] }, close_reason: { type: ['string', 'null'], enum: ['DELIVERED', 'EXHAUSTED', 'CANCELLED', 'DISABLED', null] },
    attempts: { type: 'integer' }, next_attempt_date: { type: ['string', 'null'] }, created_date: { type: 'string', description: 'UTC YYYY-MM-DD HH:mm:ss' }, closed_date: { type: ['string', 'null'] },
    call_history: { type: 'array', items: { type: 'object', properties: { attempt: { type: 'integer' }, date: { type: 'string' }, duration_ms: { type: 'integer' }, status_code: { type: ['integer', 'null'] }, error: { type: ['string', 'null'] }, response: { type: 'string' } } } },
  },
};

const envelopeCallback: Json = {
  type: 'object', required: ['filter', 'url', 'retries', 'timeout'],
  properties: {
    filter: { type: 'object', description: 'label, status (WAITING|COMPLETED|CANCELLED|EXPIRED), subject, receiveDateFrom/To, expireDateFrom/To, template, sender, scope (inbox|outbox); all parts AND-ed' },
    url: { type: 'string', format: 'uri' }, retries: { type: 'integer', minimum: 0, maximum: 10 }, timeout: { type: 'integer', minimum: 100, maximum: 60000 },
    successCode: { type: 'integer', default: 200 }, login: { type: 'string', writeOnly: true }, password: { type: 'string', writeOnly: true },
    id: { type: 'string', readOnly: true }, authType: { type: 'string', enum: ['BASIC', 'NONE'], readOnly: true }, signingSecret: { type: 'string', readOnly: true, description: 'Only in the add response' },
  },
};

const incoplax = (summary: string, extra: Json = {}): Json => ({ tags: ['Incoplax integration points'], summary, ...extra });
const EXEC_DESCRIPTION =
  'A sync handler\'s reply is served with its response headers only (no Set-Cookie), plus `X-Content-Type-Options: nosniff` and a sandboxing ' +
  '`Content-Security-Policy`; a reply that cannot be served is a 502. 503: no handler, or too many stored requests (with `Retry-After`).';
const execErrors = (...extra: number[]): Json => {
  const responses = errors('incoplax', 401, ...extra, 502, 503, 504);
  const unavailable = responses['503'] as Json;
  return { ...responses, '503': { ...unavailable, headers: { 'Retry-After': { description: 'seconds, when the exec stream is full', schema: { type: 'integer' } } } } };
};
const conpeek = (summary: string, extra: Json = {}): Json => ({ tags: ['Conpeek'], summary, ...extra });
const docstudio = (summary: string, extra: Json = {}): Json => ({ tags: ['DocStudio envelope callbacks'], summary, parameters: [mailbox], ...extra });
const hookrelay = (summary: string, extra: Json = {}): Json => ({ tags: ['Hookrelay operations'], summary, ...extra });
const idempotencyKey = { name: 'Idempotency-Key', in: 'header', required: false, description: 'Up to 255 visible ASCII characters: a repeat within 24 h gets the first answer and creates nothing new', schema: { type: 'string', maxLength: 255 } };
/** GET /hookrelay/v1/stats: `delivered` closed DELIVERED, `retrying` failed with another attempt scheduled, `failed` closed EXHAUSTED, `disabled` closed DISABLED. */
const deliveryStats: Json = {
  type: 'object',
  properties: {
    window: { type: 'string', enum: ['1h', '24h'] }, step_seconds: { type: 'integer', enum: [60, 600] },
    from: { type: 'string', format: 'date-time' }, to: { type: 'string', format: 'date-time' },
    series: { type: 'array', description: 'every bucket of the window, oldest first, zeros included', items: { type: 'object', properties: { t: { type: 'string', format: 'date-time' }, delivered: { type: 'integer' }, retrying: { type: 'integer' }, failed: { type: 'integer' }, disabled: { type: 'integer' } } } },
    totals: { type: 'object', properties: { delivered: { type: 'integer' }, retrying: { type: 'integer' }, failed: { type: 'integer' }, disabled: { type: 'integer' } } },
    success_ratio: { type: ['number', 'null'], description: 'delivered / (delivered + retrying + failed); null when none' },
    latency_ms: { type: 'object', description: 'attempt duration percentiles (histogram, interpolated)', properties: { p50: { type: ['number', 'null'] }, p99: { type: ['number', 'null'] } } },
    queue_depth: { type: 'integer', description: 'deliveries not closed, counted up to 10,000' }, queue_depth_capped: { type: 'boolean' },
    paused_subscriptions: { type: 'integer' },
  },
};
const sourceSchema: Json = { type: 'string', enum: [...DELIVERY_JOB_SOURCES] };
const pausedSubscription: Json = {
  type: 'object',
  properties: {
    source: sourceSchema, subscription_id: { type: 'string' }, url: { type: ['string', 'null'] },
    paused_date: { type: 'string', description: 'UTC YYYY-MM-DD HH:mm:ss' }, failing_since_date: { type: ['string', 'null'] }, last_error: { type: ['string', 'null'] },
  },
};

const nullableTime: Json = { type: ['string', 'null'], format: 'date-time' };
const subscription: Json = {
  type: 'object',
  properties: {
    source: sourceSchema, subscription_id: { type: 'string' },
    group: { type: ['string', 'null'], description: 'mailbox uuid (envelope_callback), application id (application_webhook), else null; null for subscriptions not saved since this field exists' },
    label: { type: ['string', 'null'], description: 'a human name: "mailbox <uuid>", "application <id>", the integration point\'s code' },
    url: { type: ['string', 'null'] }, policy: { type: ['object', 'null'], description: 'the stored delivery policy (no credentials)' }, paused: { type: 'boolean' },
    paused_at: nullableTime, failing_since: nullableTime, last_error: { type: ['string', 'null'] }, last_success_at: nullableTime, last_failure_at: nullableTime,
  },
};
const operationalWebhook: Json = {
  type: 'object',
  properties: {
    url: { type: 'string', format: 'uri' }, events: { type: 'array', items: { type: 'string', enum: [...OPERATIONAL_EVENT_TYPES_V1] } },
    created_at: { type: 'string', format: 'date-time' }, updated_at: { type: 'string', format: 'date-time' },
    signing_secret: { type: 'string', description: 'Only in the answer to the PUT that created it' },
  },
};
const operationalEvent: Json = {
  type: 'object',
  properties: {
    id: { type: 'string' }, type: { type: 'string', enum: [...OPERATIONAL_EVENT_TYPES_V1] }, occurred_at: { type: 'string', format: 'date-time' },
    data: { type: 'object', properties: { source: sourceSchema, subscription_id: { type: 'string' }, url: { type: ['string', 'null'] }, reason: { type: ['string', 'null'] }, delivery_id: { type: 'string' } } },
    delivery_id: { type: ['string', 'null'], description: 'the delivery made to the operational webhook for it, if one was' },
  },
};
const subscriptionRef = [pathParam('source', sourceSchema), pathParam('subscription_id')];
const isoOrNull = { type: ['string', 'null'], format: 'date-time' };
const deliverySummaryProperties: Json = {
  id: { type: 'string' }, source: { type: 'string', enum: [...DELIVERY_FILTER_VALUES.source] }, subscription_id: { type: 'string' }, url: { type: 'string' }, event: { type: 'string' },
  state: { type: 'string', enum: [...DELIVERY_FILTER_VALUES.state] }, application_state: { type: 'string', enum: [...DELIVERY_FILTER_VALUES.application_state] },
  close_reason: { type: ['string', 'null'], enum: [...DELIVERY_FILTER_VALUES.close_reason, null] }, attempts: { type: 'integer' },
  created_at: { type: 'string', format: 'date-time' }, updated_at: { type: 'string', format: 'date-time' }, closed_at: isoOrNull, next_attempt_at: isoOrNull,
  last_status_code: { type: ['integer', 'null'], description: 'of the latest attempt' }, last_error: { type: ['string', 'null'], description: 'of the latest attempt' },
};
const deliveryDetail: Json = {
  type: 'object',
  properties: {
    ...deliverySummaryProperties,
    payload: { description: 'the body sent (parsed when JSON)' },
    headers: { type: 'object', additionalProperties: { type: 'string' }, description: 'what an attempt sends now; credentials masked ("********" + last 4 when at least 16 characters), webhook-signature as "v1,********"' },
    attempts: {
      type: 'array',
      items: {
        type: 'object',
        properties: {
          number: { type: 'integer' }, attempted_at: { type: 'string', format: 'date-time' }, duration_ms: { type: 'integer' }, status_code: { type: ['integer', 'null'] },
          error: { type: ['string', 'null'] }, response_snippet: { type: 'string' },
        },
      },
    },
  },
};
/** The delivery-log filter: query parameters of GET /deliveries, fields of a replay job's filter. */
const DELIVERY_FILTER_PARAMS: Array<[string, string, Json]> = [
  ['state', 'delivery state', { type: 'string', enum: [...DELIVERY_FILTER_VALUES.state] }],
  ['application_state', 'application state', { type: 'string', enum: [...DELIVERY_FILTER_VALUES.application_state] }],
  ['source', 'source', { type: 'string', enum: [...DELIVERY_FILTER_VALUES.source] }],
  ['close_reason', 'why it closed', { type: 'string', enum: [...DELIVERY_FILTER_VALUES.close_reason] }],
  ['subscription_id', 'the subscription (with or without source)', { type: 'string', maxLength: 64 }],
  ['id', 'one delivery id (exact)', { type: 'string', maxLength: 64 }],
  ['created_from', 'created at or after: ISO-8601 or epoch ms', { type: 'string' }],
  ['created_to', 'created at or before: ISO-8601 or epoch ms', { type: 'string' }],
];
const replayJob: Json = {
  type: 'object',
  properties: {
    id: { type: 'string' }, status: { type: 'string', enum: ['queued', 'running', 'completed', 'failed'] },
    filter: { type: 'object', description: 'the filter as run: ISO times, created_to always set (the snapshot bound)' },
    matched: { type: 'integer', description: 'deliveries found so far' }, replayed: { type: 'integer', description: 'deliveries re-queued so far' },
    created_at: { type: 'string', format: 'date-time' }, started_at: isoOrNull, finished_at: isoOrNull, error: { type: ['string', 'null'] },
  },
};

export function buildOpenApiDocument(serverUrl?: string): Json {
  const secret = { type: 'object', properties: { signing_secret: { type: 'string' } } };
  return {
    openapi: '3.1.0',
    info: {
      title: 'Hookrelay',
      version: '0.1.0',
      description: 'Webhook and callback delivery, wire-compatible with the DocStudio, Conpeek and Incoplax/Era APIs. Deliveries are signed per Standard Webhooks (webhook-id, webhook-timestamp, webhook-signature). ' +
        `Input limits on every API: JSON request bodies may nest at most ${MAX_BODY_DEPTH} levels of objects/arrays, and no URL, query value, body key or string may hold a NUL character (%00, \\u0000); ` +
        'both are refused with a 400 in the API\'s own error shape (/exec bodies are relayed as they are).',
    },
    ...(serverUrl ? { servers: [{ url: serverUrl }] } : {}),
    security: [{ apiKey: [] }],
    components: {
      securitySchemes: { apiKey: { type: 'apiKey', in: 'header', name: 'Authorization', description: 'The API key, as is (Conpeek) or as "Bearer <key>" (DocStudio); both are accepted everywhere' } },
      schemas: {
        docstudioError: { type: 'object', properties: { code: { type: 'integer' }, message: { type: 'string' } } },
        conpeekError: { type: 'object', properties: { success: { const: false }, error: { type: 'object', properties: { code: { type: 'integer' }, message: { type: 'string' } } } } },
        incoplaxError: { type: 'object', properties: { error_code: { type: 'integer', description: '1000 + HTTP status' }, error_message: { type: 'string' } } },
        hookrelayError: { type: 'object', properties: { statusCode: { type: 'integer' }, error: { type: 'string' }, message: { type: 'string' } } },
        IntegrationPoint: integrationPoint, Webhook: webhook, Callback: callback, EnvelopeCallback: envelopeCallback,
      },
    },
    paths: {
      '/health': { get: { tags: ['Operations'], summary: 'Liveness', security: [], responses: ok('alive') } },
      '/health/ready': { get: { tags: ['Operations'], summary: 'Readiness: database, NATS and JetStream of the gateway and every service', security: [], responses: { ...ok('ready'), '503': { description: 'not ready' } } } },
      '/rest/v1/service/integration_points': {
        post: incoplax('Create an integration point', { requestBody: body(ref('IntegrationPoint')), responses: { ...ok('created', ref('IntegrationPoint')), ...errors('incoplax', 400, 401, 403, 409) } }),
        get: incoplax('List integration points (bare array)', { parameters: INCOPLAX_QUERY, responses: { ...ok('the page', { type: 'array', items: ref('IntegrationPoint') }), ...errors('incoplax', 400, 401, 413) } }),
        'x-additionalOperations': {
          LOOKUP: incoplax('Find ids by id, code or token_local (HTTP method LOOKUP)', { requestBody: body({ type: 'string', description: 'the key, as a JSON string' }), responses: { ...ok('matching ids', { type: 'array', items: { type: 'string' } }), ...errors('incoplax', 400, 401, 404) } }),
        },
      },
      '/rest/v1/service/integration_points/{id}': {
        parameters: [pathParam('id')],
        get: incoplax('Get one', { parameters: INCOPLAX_QUERY.filter((p) => ['mask', 'flat'].includes(String(p.name))), responses: { ...ok('the integration point', ref('IntegrationPoint')), ...errors('incoplax', 400, 401, 404) } }),
        patch: incoplax('Change fields (id and token_local are immutable)', { requestBody: body(ref('IntegrationPoint')), responses: { ...ok('changed', ref('IntegrationPoint')), ...errors('incoplax', 400, 401, 403, 404, 409) } }),
        delete: incoplax('Delete (pending outbound sends are cancelled)', { responses: { '204': { description: 'deleted' }, ...errors('incoplax', 401, 403, 404) } }),
      },
      '/rest/v1/service/integration_points/{id}/secret': { parameters: [pathParam('id')], get: incoplax('The signing secret (admin keys only: 403 for a read key)', { responses: { ...ok('secret', secret), ...errors('incoplax', 401, 403, 404) } }) },
      '/rest/v1/service/integration_points/{id}/secret/rotate': { parameters: [pathParam('id')], post: incoplax('Rotate the signing secret (the old one signs too for 24 h)', { responses: { ...ok('new secret', secret), ...errors('incoplax', 401, 403, 404) } }) },
      '/rest/v1/service/integration_tokens/{token}': { parameters: [pathParam('token')], get: incoplax('Resolve a token_local', { responses: { ...ok('the point', { type: 'object' }), ...errors('incoplax', 401, 404) } }) },
      '/exec': {
        post: incoplax('Inbound webhook into a channel (Authorization: Bearer <token_local>)', { security: [], description: EXEC_DESCRIPTION, requestBody: { required: false, content: { '*/*': { schema: {} } } }, responses: { ...ok('stored (async channel) or the handler\'s answer (sync channel)'), ...execErrors(413) } }),
        get: incoplax('Inbound webhook into a channel, GET form', { security: [], description: EXEC_DESCRIPTION, responses: { ...ok('stored or answered'), ...execErrors() } }),
      },
      '/application/{application_id}/webhook': {
        parameters: [pathParam('application_id', { type: 'integer', minimum: 1 })],
        put: conpeek('Create or replace the application webhook', { requestBody: body(ref('Webhook')), responses: { ...ok('saved', { type: 'object', properties: { success: { const: true }, data: ref('Webhook') } }), ...errors('conpeek', 400, 401, 403) } }),
        get: conpeek('Read the application webhook', { responses: { ...ok('the webhook', { type: 'object', properties: { success: { const: true }, data: ref('Webhook') } }), ...errors('conpeek', 400, 401, 404) } }),
        delete: conpeek('Delete it (pending deliveries are cancelled, and stay visible)', { responses: { ...ok('deleted'), ...errors('conpeek', 401, 403, 404) } }),
      },
      '/application/{application_id}/webhook/secret': { parameters: [pathParam('application_id', { type: 'integer' })], get: conpeek('The signing secret (admin keys only: 403 for a read key)', { responses: { ...ok('secret'), ...errors('conpeek', 401, 403, 404) } }) },
      '/application/{application_id}/webhook/secret/rotate': { parameters: [pathParam('application_id', { type: 'integer' })], post: conpeek('Rotate the signing secret', { responses: { ...ok('new secret'), ...errors('conpeek', 401, 403, 404) } }) },
      '/application/{application_id}/events': {
        parameters: [pathParam('application_id', { type: 'integer' })],
        post: conpeek('Deliver an application event ({event_name, event_type, data, event_time?})', { parameters: [idempotencyKey], requestBody: body({ type: 'object', required: ['event_name', 'event_type', 'data'] }), responses: { '202': { description: 'stored durably; the id is the callback id' }, ...errors('conpeek', 400, 401, 403, 404, 413, 429) } }),
      },
      '/callback': {
        get: conpeek('The callback (delivery) log of every source', {
          parameters: [
            query('limit', `default ${CONPEEK_CALLBACK_QUERY_SCHEMA.defaultLimit}`, { type: 'integer', minimum: 1, maximum: CONPEEK_CALLBACK_QUERY_SCHEMA.maxLimit }), query('offset', 'default 0', { type: 'integer', minimum: 0 }),
            query('sort', `one of ${CONPEEK_CALLBACK_QUERY_SCHEMA.sortable.join(', ')}`), query('dir', 'asc | desc'),
            query('filter', `URL-encoded JSON list of {property, operator?, value}; properties: ${Object.keys(CONPEEK_CALLBACK_QUERY_SCHEMA.filterable).join(', ')}; operators gt|gte|lt|lte on dates and numbers; an array value means membership`),
          ],
          responses: { ...ok('the page', { type: 'object', properties: { data: { type: 'array', items: ref('Callback') } } }), ...errors('conpeek', 400, 401, 413) },
        }),
      },
      '/callback/{id}': { parameters: [pathParam('id')], get: conpeek('One callback with its call_history', { responses: { ...ok('the callback', { type: 'object', properties: { success: { const: true }, data: ref('Callback') } }), ...errors('conpeek', 401, 404) } }) },
      '/hookrelay/v1/whoami': {
        get: hookrelay('The tenant and role of the calling API key (the console hides its actions from a read key)', {
          responses: {
            ...ok('the caller', {
              type: 'object',
              properties: { data: { type: 'object', required: ['tenant_id', 'tenant_name', 'role'], properties: { tenant_id: { type: 'string' }, tenant_name: { type: 'string' }, role: { type: 'string', enum: ['read', 'admin'] } } } },
            }),
            ...errors('hookrelay', 401),
          },
        }),
      },
      '/hookrelay/v1/subscriptions/paused': { get: hookrelay('Subscriptions paused by the circuit breaker (410, webhook-delivery: disable, or failing too long)', { responses: { ...ok('the paused subscriptions', { type: 'object', properties: { data: { type: 'array', items: pausedSubscription } } }), ...errors('hookrelay', 401) } }) },
      '/hookrelay/v1/stats': {
        get: hookrelay('Delivery stats over the last hour or day (the console\'s Overview): outcomes per bucket, success ratio, attempt latency, queue depth, paused subscriptions. Pre-aggregated: each worker writes its counts every DELIVERY_STATS_FLUSH_MS, so the latest seconds may be missing', {
          parameters: [query('window', '`1h` (60 buckets of 60 s, the default) or `24h` (144 buckets of 600 s)', { type: 'string', enum: ['1h', '24h'], default: '1h' })],
          responses: { ...ok('the stats', { type: 'object', properties: { data: deliveryStats } }), ...errors('hookrelay', 400, 401) },
        }),
      },
      '/hookrelay/v1/subscriptions/{source}/{subscription_id}/resume': {
        parameters: subscriptionRef,
        post: hookrelay('Resume a paused subscription; deliveries closed DISABLED while it was paused are sent again', { responses: { ...ok('resumed', { type: 'object', properties: { data: { type: 'object', properties: { resumed: { const: true }, reopened: { type: 'integer' } } } } }), ...errors('hookrelay', 400, 401, 403, 404) } }),
      },
      '/hookrelay/v1/subscriptions': {
        get: hookrelay('Every subscription of the tenant (any source), in (source, subscription_id) order', {
          parameters: [
            query('source', 'only this source', sourceSchema), query('paused', 'true: only paused ones; false: only unpaused ones', { type: 'boolean' }),
            query('limit', 'default 200', { type: 'integer', minimum: 1, maximum: 500 }), query('after', 'next_after of the previous page'),
          ],
          responses: { ...ok('the page', { type: 'object', properties: { data: { type: 'array', items: subscription }, next_after: { type: ['string', 'null'] } } }), ...errors('hookrelay', 400, 401) },
        }),
      },
      '/hookrelay/v1/subscriptions/{source}/{subscription_id}/pause': {
        parameters: subscriptionRef,
        post: hookrelay('Pause a subscription: its deliveries close DISABLED until it is resumed (then they are sent again); pausing a paused one changes nothing', { responses: { ...ok('paused', { type: 'object', properties: { data: { type: 'object', properties: { paused: { const: true } } } } }), ...errors('hookrelay', 400, 401, 403, 404) } }),
      },
      '/hookrelay/v1/subscriptions/{source}/{subscription_id}/secret/rotate': {
        parameters: subscriptionRef,
        post: hookrelay('Rotate the signing secret (admin keys only); the previous one stays valid for 24 h', { responses: { ...ok('the new secret', { type: 'object', properties: { data: secret } }), ...errors('hookrelay', 400, 401, 403, 404) } }),
      },
      '/hookrelay/v1/operational-webhook': {
        get: hookrelay('The tenant\'s operational webhook', { responses: { ...ok('the webhook', { type: 'object', properties: { data: operationalWebhook } }), ...errors('hookrelay', 401, 404) } }),
        put: hookrelay('Register or change the operational webhook: subscription.paused, subscription.resumed, delivery.exhausted are POSTed to it as {type, timestamp, data}, signed (Standard Webhooks) and retried like any delivery', {
          requestBody: body({ type: 'object', required: ['url'], properties: { url: { type: 'string', format: 'uri' }, events: { type: 'array', items: { type: 'string', enum: [...OPERATIONAL_EVENT_TYPES_V1] }, description: 'default: all' } } }),
          responses: { ...ok('the webhook (signing_secret only when created)', { type: 'object', properties: { data: operationalWebhook } }), ...errors('hookrelay', 400, 401, 403) },
        }),
        delete: hookrelay('Remove the operational webhook (its pending deliveries are cancelled)', { responses: { ...ok('deleted', { type: 'object', properties: { data: { type: 'object', properties: { deleted: { const: true } } } } }), ...errors('hookrelay', 401, 403, 404) } }),
      },
      '/hookrelay/v1/operational-events': {
        get: hookrelay('The tenant\'s operational events, newest first', {
          parameters: [query('limit', 'default 50', { type: 'integer', minimum: 1, maximum: 200 }), query('before', 'next_before of the previous page')],
          responses: { ...ok('the page', { type: 'object', properties: { data: { type: 'array', items: operationalEvent }, next_before: { type: ['string', 'null'] } } }), ...errors('hookrelay', 400, 401) },
        }),
      },
      '/hookrelay/v1/deliveries': {
        get: hookrelay('The delivery log of every source, newest first (created_at, then id, descending), keyset-paged', {
          parameters: [
            ...DELIVERY_FILTER_PARAMS.map(([name, description, schema]) => query(name, description, schema)),
            query('limit', `page size, 1 to ${DELIVERY_LOG_LIMITS.maxLimit} (default ${DELIVERY_LOG_LIMITS.defaultLimit})`, { type: 'integer', minimum: 1, maximum: DELIVERY_LOG_LIMITS.maxLimit }),
            query('before', 'the next_before of the previous page (opaque)'),
          ],
          responses: {
            ...ok('a page', { type: 'object', properties: { data: { type: 'array', items: { type: 'object', properties: deliverySummaryProperties } }, next_before: { type: ['string', 'null'] } } }),
            ...errors('hookrelay', 400, 401),
          },
        }),
      },
      '/hookrelay/v1/deliveries/{id}': {
        parameters: [pathParam('id')],
        get: hookrelay('One delivery: payload, the headers an attempt sends (masked), every attempt', { responses: { ...ok('the delivery', { type: 'object', properties: { data: deliveryDetail } }), ...errors('hookrelay', 401, 404) } }),
      },
      '/hookrelay/v1/deliveries/{id}/replay': {
        parameters: [pathParam('id')],
        post: hookrelay('Deliver again now on the same record and webhook-id (admin key)', {
          responses: { ...ok('queued', { type: 'object', properties: { data: { type: 'object', properties: { replayed: { const: true }, id: { type: 'string' } } } } }), ...errors('hookrelay', 401, 403, 404) },
        }),
      },
      '/hookrelay/v1/replays': {
        post: hookrelay('Bulk replay: every delivery matching the filter, as a background job (admin key); no cap on how many, paced to at most 1,000 of the tenant\'s replayed deliveries waiting for their attempt', {
          parameters: [idempotencyKey],
          requestBody: body({
            type: 'object', required: ['filter'],
            properties: { filter: { type: 'object', additionalProperties: false, properties: Object.fromEntries(DELIVERY_FILTER_PARAMS.map(([name, description, schema]) => [name, { ...schema, description }])) } },
          }),
          responses: {
            '202': { description: 'the job, queued (also for a repeated Idempotency-Key)', content: { 'application/json': { schema: { type: 'object', properties: { data: replayJob } } } } },
            ...ok('the job already queued or running with the same filter', { type: 'object', properties: { data: replayJob } }),
            ...errors('hookrelay', 400, 401, 403),
          },
        }),
        get: hookrelay('Bulk replay jobs, newest first', {
          parameters: [query('limit', '1 to 100 (default 50)', { type: 'integer', minimum: 1, maximum: 100 })],
          responses: { ...ok('the jobs', { type: 'object', properties: { data: { type: 'array', items: replayJob } } }), ...errors('hookrelay', 400, 401) },
        }),
      },
      '/hookrelay/v1/replays/{id}': {
        parameters: [pathParam('id')],
        get: hookrelay('One bulk replay job with its progress', { responses: { ...ok('the job', { type: 'object', properties: { data: replayJob } }), ...errors('hookrelay', 401, 404) } }),
      },
      '/callback/{id}/recall': { parameters: [pathParam('id')], post: conpeek('Deliver again now on the same record (also resumes a paused subscription)', { responses: { '202': { description: 'queued' }, ...errors('conpeek', 401, 403, 404) } }) },
      '/api/v1/envelope/callback/add': { post: docstudio('Create an envelope callback', { requestBody: body(ref('EnvelopeCallback')), responses: { ...ok('created', ref('EnvelopeCallback'), '201'), ...errors('docstudio', 400, 401, 403) } }) },
      '/api/v1/envelope/callback/list': { get: docstudio('The mailbox\'s callbacks (bare array)', { responses: { ...ok('callbacks', { type: 'array', items: ref('EnvelopeCallback') }), ...errors('docstudio', 400, 401) } }) },
      '/api/v1/envelope/callback/{uuid}/remove': { delete: docstudio('Remove a callback (pending deliveries are cancelled)', { parameters: [mailbox, pathParam('uuid')], responses: { ...ok('removed (empty body)'), ...errors('docstudio', 401, 403, 404) } }) },
      '/api/v1/envelope/callback/{uuid}/check': { get: docstudio('Would this stored envelope match?', { parameters: [mailbox, pathParam('uuid'), query('envelopeUuid', 'the envelope')], responses: { ...ok('{passed, failed}'), ...errors('docstudio', 400, 401, 404) } }) },
      '/api/v1/envelope/callback/{uuid}/send': { get: docstudio('Fire the callback now for a stored envelope', { parameters: [mailbox, pathParam('uuid'), query('envelopeUuid', 'the envelope')], responses: { ...ok('{code, body}'), ...errors('docstudio', 400, 401, 403, 404) } }) },
      '/api/v1/envelope/callback/{uuid}/secret': { get: docstudio('The signing secret (admin keys only: 403 for a read key)', { parameters: [mailbox, pathParam('uuid')], responses: { ...ok('{signingSecret}'), ...errors('docstudio', 401, 403, 404) } }) },
      '/api/v1/envelope/callback/{uuid}/secret/rotate': { post: docstudio('Rotate the signing secret', { parameters: [mailbox, pathParam('uuid')], responses: { ...ok('{signingSecret}'), ...errors('docstudio', 401, 403, 404) } }) },
      '/api/v1/envelope/callback/callbackRequestPayload': { get: docstudio('A sample payload', { responses: ok('the payload posted to callbacks') }) },
      '/api/v1/envelope/events': { post: docstudio('Envelope events (one or an array): matched, then delivered', { parameters: [mailbox, idempotencyKey], requestBody: body({ oneOf: [{ type: 'object' }, { type: 'array', items: { type: 'object' } }] }), responses: { '202': { description: 'stored durably' }, ...errors('docstudio', 400, 401, 403, 413, 429) } }) },
    },
  };
}
