import { Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { DeliveryEngine } from '@hookrelay/delivery';
import { ApplicationWebhookRepository } from '@hookrelay/persistence';
import { ApplicationWebhookHeaders } from './application-webhook-headers';
import { subscriptionOf, targetOf } from './application-webhooks.service';

/** Rows sealed per query: bounds one pass's memory on a large table. */
const BATCH = 200;

/**
 * The data half of migration 1763800000210: at start (application bootstrap; requests may already be served,
 * and read either column meanwhile), every webhook whose custom headers are still plaintext (written before
 * they were sealed) gets them sealed, and its delivery target re-written so that copy is sealed too. A
 * migration cannot do it: the encryption key is this service's config. Idempotent and safe with several
 * replicas starting at once (a row is sealed only while it is still unsealed).
 */
@Injectable()
export class ApplicationWebhookHeadersSealer implements OnApplicationBootstrap {
  private readonly logger = new Logger('ApplicationWebhookHeadersSealer');

  constructor(
    private readonly webhooks: ApplicationWebhookRepository,
    private readonly headers: ApplicationWebhookHeaders,
    private readonly engine: DeliveryEngine,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    const sealed = await this.sealAll();
    if (sealed > 0) this.logger.log({ msg: 'sealed the custom headers of webhooks stored before headers were encrypted', webhooks: sealed });
  }

  /** Seals every plaintext row; returns how many this process sealed. */
  async sealAll(): Promise<number> {
    let sealed = 0;
    for (;;) {
      const batch = await this.webhooks.findWithPlaintextHeaders(BATCH);
      let progressed = false;
      for (const entity of batch) {
        const headers = entity.headers;
        const value = this.headers.seal(entity.tenantId, entity.applicationId, headers);
        if (value === null || !(await this.webhooks.sealHeaders(entity.tenantId, entity.applicationId, value))) continue;
        await this.engine.targets.upsert(subscriptionOf(entity.tenantId, entity.applicationId), targetOf(entity, headers));
        sealed += 1;
        progressed = true;
      }
      if (batch.length < BATCH || !progressed) return sealed;
    }
  }
}
