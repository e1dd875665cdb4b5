import { MAX_ENVELOPE_EVENTS_PER_REQUEST } from '@hookrelay/contracts';

/** How many events a request offers: what the ingest quota counts (events, not requests). */
export type IngestEventCount = (body: unknown) => number;

/** Conpeek `POST /application/{id}/events`: one event per request. */
export const oneEvent: IngestEventCount = () => 1;

/**
 * DocStudio `POST /api/v1/envelope/events`: one envelope or an array of them. An array the service will refuse
 * whole (empty, or over the per-request maximum) counts as one: it costs a validation, not a batch.
 */
export const envelopeEvents: IngestEventCount = (body) =>
  Array.isArray(body) && body.length >= 1 && body.length <= MAX_ENVELOPE_EVENTS_PER_REQUEST ? body.length : 1;
