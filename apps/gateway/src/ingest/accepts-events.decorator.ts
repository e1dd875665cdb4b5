import { applyDecorators, SetMetadata, UseGuards } from '@nestjs/common';
import { ACCEPTS_EVENTS } from './accepts-events.metadata';
import { IngestEventCount } from './ingest-event-count.util';
import { IngestGuard } from './ingest.guard';

/**
 * Marks an endpoint that accepts events: our own delivery attempts are refused there (no self-feeding loops)
 * and the tenant's ingest quota is charged `count(body)` events, before the request reaches a service.
 * Runs after the API key guard (global guards first), so the tenant is known.
 */
export const AcceptsEvents = (count: IngestEventCount): MethodDecorator => applyDecorators(SetMetadata(ACCEPTS_EVENTS, count), UseGuards(IngestGuard));
