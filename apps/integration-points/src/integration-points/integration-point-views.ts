import { Inject, Injectable } from '@nestjs/common';
import { canSeeCredentials, IntegrationPointView, ViewerRole } from '@hookrelay/contracts';
import { IntegrationPointEntity } from '@hookrelay/persistence';
import { maskSecret, SECRET_BOX, SecretBox } from '@hookrelay/secrets';
import { RemoteTokens, toIntegrationPointView } from './integration-point.mapper';

/** The sealed remote tokens of a channel: encrypted at rest, bound to their tenant, id and field. */
@Injectable()
export class IntegrationPointViews {
  constructor(@Inject(SECRET_BOX) private readonly secrets: SecretBox) {}

  view(entity: IntegrationPointEntity): IntegrationPointView {
    return toIntegrationPointView(entity, {
      token_remote: this.open(entity, 'token_remote', entity.tokenRemoteSealed),
      token_remote2: this.open(entity, 'token_remote2', entity.tokenRemote2Sealed),
    });
  }

  /**
   * The entity as a caller with this key role may see it: token_local (the /exec credential) and the remote
   * tokens are masked for anything but an admin key; the fields stay, as strings, so clients keep parsing.
   */
  viewFor(entity: IntegrationPointEntity, viewer: ViewerRole | undefined): IntegrationPointView {
    const view = this.view(entity);
    if (canSeeCredentials(viewer)) return view;
    return { ...view, token_local: maskSecret(view.token_local), token_remote: maskSecret(view.token_remote), token_remote2: maskSecret(view.token_remote2) };
  }

  seal(entity: IntegrationPointEntity, field: keyof RemoteTokens, value: string): string | null {
    return value === '' ? null : this.secrets.encrypt(value, this.boundTo(entity, field));
  }

  private open(entity: IntegrationPointEntity, field: keyof RemoteTokens, sealed: string | null): string {
    return sealed === null ? '' : this.secrets.decrypt(sealed, this.boundTo(entity, field));
  }

  private boundTo(entity: IntegrationPointEntity, field: keyof RemoteTokens): string {
    return `integration_points:${entity.tenantId}:${entity.id}:${field}`;
  }
}
