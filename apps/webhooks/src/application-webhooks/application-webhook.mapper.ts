import { ApplicationWebhookView } from '@hookrelay/contracts';
import { ApplicationWebhookEntity, DeliveryPolicy } from '@hookrelay/persistence';

/** Conpeek does not let users set a timeout: each attempt gets this long. */
export const WEBHOOK_TIMEOUT_MS = 10_000;

export function toApplicationWebhookView(entity: ApplicationWebhookEntity): ApplicationWebhookView {
  return {
    url: entity.url,
    retry_enabled: entity.retryEnabled ? 1 : 0,
    retry_config: { ...entity.retryConfig },
    headers: { ...entity.headers },
  };
}

export function toDeliveryPolicy(entity: ApplicationWebhookEntity): DeliveryPolicy {
  return { kind: 'conpeek', retryEnabled: entity.retryEnabled ? 1 : 0, retryConfig: entity.retryEnabled ? { ...entity.retryConfig } : null, timeoutMs: WEBHOOK_TIMEOUT_MS };
}
