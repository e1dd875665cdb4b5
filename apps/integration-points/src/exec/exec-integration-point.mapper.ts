import { ExecIntegrationPointView } from '@hookrelay/contracts';
import { IntegrationPointEntity } from '@hookrelay/persistence';

/**
 * The channel as its handler sees it. Built from the entity field by field, never from the API view:
 * no token (token_local, token_remote*, nothing decrypted) and no url ever reaches a NATS message.
 */
export function toExecIntegrationPointView(entity: IntegrationPointEntity): ExecIntegrationPointView {
  return {
    id: entity.id,
    code: entity.code,
    type: entity.type,
    recv_svcscriptcode: entity.recvSvcScriptCode,
    opts: {
      title: entity.optsTitle,
      comment: entity.optsComment,
      allow_files_api: entity.optsAllowFilesApi,
      issync: entity.optsIsSync,
      recv_timeout: entity.optsRecvTimeout,
      ...(entity.optsRoles ? { roles: entity.optsRoles } : {}),
      ...(entity.optsUserId ? { userid: entity.optsUserId } : {}),
    },
  };
}
