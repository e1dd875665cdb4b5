import { ApplicationWebhookView } from '@hookrelay/contracts';
import { ApplicationWebhookEntity } from '@hookrelay/persistence';

export function toApplicationWebhookView(entity: ApplicationWebhookEntity): ApplicationWebhookView {
  return {
    url: entity.url,
    retry_enabled: entity.retryEnabled ? 1 : 0,
    retry_config: { ...entity.retryConfig },
    headers: { ...entity.headers },
  };
}
