import { DeliveryPolicy, EnvelopeCallbackEntity } from '@hookrelay/persistence';
import { SecretBox } from '@hookrelay/secrets';

/** What a delivery to one envelope callback needs: where, under which policy, with which Authorization. */
export interface CallbackTarget {
  id: string;
  url: string;
  policy: DeliveryPolicy;
  /** `Basic base64(login:password)`, or null for authType NONE. */
  authorization: string | null;
}

/** The associated data that binds a sealed password to its callback row. */
export const passwordContext = (callbackId: string): string => `envelope_callbacks:${callbackId}:password`;

export function toDeliveryPolicy(entity: EnvelopeCallbackEntity): DeliveryPolicy {
  return { kind: 'docstudio', retries: entity.retries, timeoutMs: entity.timeoutMs, successCode: entity.successCode };
}

export function toCallbackTarget(entity: EnvelopeCallbackEntity, box: SecretBox): CallbackTarget {
  const password = entity.passwordSealed === null ? null : box.decrypt(entity.passwordSealed, passwordContext(entity.id));
  const authorization = entity.login === null && password === null
    ? null
    : `Basic ${Buffer.from(`${entity.login ?? ''}:${password ?? ''}`, 'utf8').toString('base64')}`;
  return { id: entity.id, url: entity.url, policy: toDeliveryPolicy(entity), authorization };
}
