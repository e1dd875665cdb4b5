import { Injectable } from '@nestjs/common';
import { OperationalWebhookEntity, OperationalWebhookRepository } from '@hookrelay/persistence';
import { DeliveryEngine } from '../core/delivery-engine';
import type { EnginePolicy } from '../engine/delivery-policy.types';
import { operationalWebhookKey } from './operational-events.dispatcher';

/** How operational events are delivered: 8 attempts over about two hours (the bearer schedule), 10 s each. */
export const OPERATIONAL_WEBHOOK_POLICY: EnginePolicy = { kind: 'bearer', timeoutMs: 10_000, maxAttempts: 8 };

export interface OperationalWebhookRegistration {
  url: string;
  events: string[];
  createdAt: Date;
  updatedAt: Date;
}

/**
 * A tenant's operational webhook: its event list in operational_webhooks, its URL, policy and signing
 * secrets in the engine's delivery target (source operational_webhook, subscription id = tenant id), so it is
 * delivered, retried, paused and signed like any subscription. The caller checks the URL (TargetUrlPolicy).
 */
@Injectable()
export class OperationalWebhooks {
  constructor(private readonly engine: DeliveryEngine, private readonly registrations: OperationalWebhookRepository) {}

  async find(tenantId: string): Promise<OperationalWebhookRegistration | null> {
    const registration = await this.registrations.findByTenant(tenantId);
    if (!registration) return null;
    const target = await this.engine.cache.get(operationalWebhookKey(tenantId));
    return target?.config ? toRegistration(registration, target.config.url) : null;
  }

  /**
   * Creates or replaces it; the signing secret is returned only by the call that created it (of two racing
   * first PUTs, the one whose secret was stored).
   */
  async put(tenantId: string, url: string, events: readonly string[]): Promise<{ registration: OperationalWebhookRegistration; createdSecret: string | null }> {
    const { entity } = await this.registrations.save(tenantId, events, new Date());
    const { createdSecret } = await this.engine.targets.upsert(operationalWebhookKey(tenantId), {
      url, headers: {}, policy: OPERATIONAL_WEBHOOK_POLICY, authorization: null, group: null, label: 'operational webhook',
    });
    return { registration: toRegistration(entity, url), createdSecret };
  }

  /** Removes it and cancels its pending deliveries; false if there was none. */
  async remove(tenantId: string): Promise<boolean> {
    const existed = await this.registrations.removeForTenant(tenantId);
    await this.engine.targets.remove(operationalWebhookKey(tenantId));
    return existed;
  }
}

function toRegistration(entity: OperationalWebhookEntity, url: string): OperationalWebhookRegistration {
  return { url, events: entity.events.split(',').filter((e) => e !== ''), createdAt: entity.createdAt, updatedAt: entity.updatedAt };
}
