import { Injectable } from '@nestjs/common';
import { OperationalEventCursor, OperationalEventEntity, OperationalEventRepository } from '@hookrelay/persistence';

/** The read side of operational events (the console's list); only the engine's store writes them (its outbox). */
@Injectable()
export class OperationalEventLog {
  constructor(private readonly events: OperationalEventRepository) {}

  newestFirst(tenantId: string, limit: number, before: OperationalEventCursor | null): Promise<OperationalEventEntity[]> {
    return this.events.pageNewestFirst(tenantId, limit, before);
  }
}
