import { ConpeekQuerySchema } from './conpeek-query.types';

/**
 * The query schema of `GET /callback` (the delivery log), kept here so the gateway, the callbacks
 * service and the user docs read one list. The enum values are wire format: changing one breaks clients.
 * Conpeek documents `state`, `application_state` and `created_date`; the rest are our extensions.
 */
export const CONPEEK_CALLBACK_QUERY_SCHEMA: ConpeekQuerySchema = {
  filterable: {
    state: { kind: 'enum', values: ['OPEN', 'PROCESSING', 'CLOSED'] },
    application_state: { kind: 'enum', values: ['NEW', 'RETRY', 'RECALL', 'CLOSED'] },
    created_date: { kind: 'datetime' },
    source: { kind: 'enum', values: ['envelope_callback', 'application_webhook', 'integration_point', 'operational_webhook'] },
    close_reason: { kind: 'enum', values: ['DELIVERED', 'EXHAUSTED', 'CANCELLED', 'DISABLED'] },
    closed_date: { kind: 'datetime' },
    next_attempt_date: { kind: 'datetime' },
    attempts: { kind: 'number' },
    event: { kind: 'string' },
    id: { kind: 'string' },
  },
  sortable: [
    'id',
    'created_date',
    'closed_date',
    'next_attempt_date',
    'state',
    'application_state',
    'source',
    'close_reason',
    'attempts',
    'event',
  ],
  defaultLimit: 1000,
  maxLimit: 1000,
};
