import { Inject, Injectable } from '@nestjs/common';
import { ApplicationWebhookEntity } from '@hookrelay/persistence';
import { SECRET_BOX, SecretBox } from '@hookrelay/secrets';

/**
 * An application webhook's custom headers at rest: sealed (they often carry bearer tokens or API keys),
 * bound to their tenant, application and column so a value copied to another row does not open.
 */
@Injectable()
export class ApplicationWebhookHeaders {
  constructor(@Inject(SECRET_BOX) private readonly box: SecretBox) {}

  /** The sealed form of `headers`; null when there are none. */
  seal(tenantId: string, applicationId: number, headers: Record<string, string>): string | null {
    return Object.keys(headers).length === 0 ? null : this.box.encrypt(JSON.stringify(headers), boundTo(tenantId, applicationId));
  }

  /** The headers of a stored webhook: its sealed column, or the plaintext one of a row not sealed yet. */
  open(entity: ApplicationWebhookEntity): Record<string, string> {
    if (entity.headersSealed === null) return entity.headers;
    return JSON.parse(this.box.decrypt(entity.headersSealed, boundTo(entity.tenantId, entity.applicationId))) as Record<string, string>;
  }
}

/** The associated data of a sealed headers value: its row and column. */
function boundTo(tenantId: string, applicationId: number): string {
  return `application_webhooks:${tenantId}:${applicationId}:headers`;
}
