import { ApplicationWebhookView, canSeeCredentials, ViewerRole } from '@hookrelay/contracts';
import { ApplicationWebhookEntity, DeliveryPolicy } from '@hookrelay/persistence';
import { isCredentialHeaderName, maskSecret } from '@hookrelay/secrets';

/** Conpeek does not let users set a timeout: each attempt gets this long. */
export const WEBHOOK_TIMEOUT_MS = 10_000;

/** The webhook as the API shows it (headers opened); a viewer without an admin key sees credential-like header values masked. */
export function toApplicationWebhookView(entity: ApplicationWebhookEntity, headers: Record<string, string>, viewer: ViewerRole | undefined): ApplicationWebhookView {
  return {
    url: entity.url,
    retry_enabled: entity.retryEnabled ? 1 : 0,
    retry_config: { ...entity.retryConfig },
    headers: canSeeCredentials(viewer) ? { ...headers } : maskCredentialHeaders(headers),
  };
}

function maskCredentialHeaders(headers: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(headers).map(([name, value]) => [name, isCredentialHeaderName(name) ? maskSecret(value) : value]));
}

export function toDeliveryPolicy(entity: ApplicationWebhookEntity): DeliveryPolicy {
  return { kind: 'conpeek', retryEnabled: entity.retryEnabled ? 1 : 0, retryConfig: entity.retryEnabled ? { ...entity.retryConfig } : null, timeoutMs: WEBHOOK_TIMEOUT_MS };
}
