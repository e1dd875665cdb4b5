import { Counter } from 'prom-client';

/** Requests refused on the accept endpoints before anything was stored, by API and reason (low cardinality: no tenant). */
export const ingestRefusals = new Counter({
  name: 'hookrelay_ingest_refused_total',
  help: 'Requests refused on the event-accepting endpoints: rate_limit (429, per-tenant ingest quota) or loop (our own delivery came back)',
  labelNames: ['api', 'reason'] as const,
});
