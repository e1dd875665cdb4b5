import { Inject, Injectable, Logger } from '@nestjs/common';
import { execConsumerName, execTenantRequestsFilterV2, STREAMS } from '@hookrelay/contracts';
import { NATS_CONNECTION } from '@hookrelay/messaging';
import { AckPolicy, DeliverPolicy, NatsConnection } from 'nats';

/**
 * One durable pull consumer per tenant on the exec stream, `exec-<tenantId>`, filtered on that tenant's
 * subjects: handler credentials may pull from it and nothing else, so the consumer must exist before a
 * handler's first pull, and handlers cannot create it themselves. Ensured when a channel gets a handler
 * code and before a tenant's first stored request; remembered per process (two replicas adding it at
 * once is harmless: the server takes an identical add as a no-op). A consumer created after requests were
 * stored still gets them (deliver policy all, work-queue retention keeps unconsumed messages).
 */
/** JetStream API error code of "consumer not found". */
const CONSUMER_NOT_FOUND = 10014;

@Injectable()
export class ExecConsumersService {
  private readonly logger = new Logger('ExecConsumers');
  private readonly ensured = new Map<string, Promise<void>>();

  constructor(@Inject(NATS_CONNECTION) private readonly nc: NatsConnection) {}

  ensure(tenantId: string): Promise<void> {
    let pending = this.ensured.get(tenantId);
    if (!pending) {
      pending = this.create(tenantId);
      this.ensured.set(tenantId, pending);
      // A failure is not remembered: the next request tries again.
      pending.catch(() => this.ensured.delete(tenantId));
    }
    return pending;
  }

  /** For channel writes: the request that made the channel must not fail because JetStream is briefly away. */
  async ensureQuietly(tenantId: string): Promise<void> {
    try {
      await this.ensure(tenantId);
    } catch (error) {
      this.logger.warn(`exec consumer of tenant ${tenantId} not created yet (retried before its first stored request): ${(error as Error).message}`);
    }
  }

  private async create(tenantId: string): Promise<void> {
    const jsm = await this.nc.jetstreamManager();
    const name = execConsumerName(tenantId);
    // Looked up first: adding would reset what an operator tuned on an existing one (e.g. a longer ack_wait).
    const exists = await jsm.consumers.info(STREAMS.execRequests.name, name).then(() => true, (error: unknown) => {
      if ((error as { api_error?: { err_code?: number } }).api_error?.err_code === CONSUMER_NOT_FOUND) return false;
      throw error;
    });
    if (!exists) {
      await jsm.consumers.add(STREAMS.execRequests.name, {
        durable_name: name, filter_subject: execTenantRequestsFilterV2(tenantId), ack_policy: AckPolicy.Explicit, deliver_policy: DeliverPolicy.All,
      });
    }
  }
}
