import { IntegrationPointView } from '@hookrelay/contracts';
import { IntegrationPointEntity } from '@hookrelay/persistence';

/** The seed shows ext dates with centiseconds: 2019-08-28T13:34:16.42Z. */
export function formatIncoplaxDate(date: Date): string {
  const iso = date.toISOString();
  const centis = iso.slice(20, 22).replace(/0$/, '');
  return `${iso.slice(0, 19)}${centis ? `.${centis}` : ''}Z`;
}

export interface RemoteTokens {
  token_remote: string;
  token_remote2: string;
}

export function toIntegrationPointView(entity: IntegrationPointEntity, tokens: RemoteTokens): IntegrationPointView {
  return {
    id: entity.id,
    code: entity.code,
    type: entity.type,
    token_local: entity.tokenLocal,
    token_remote: tokens.token_remote,
    token_remote2: tokens.token_remote2,
    url: entity.url,
    recv_svcscriptcode: entity.recvSvcScriptCode,
    recv_svcscriptcode_ws: entity.recvSvcScriptCodeWs,
    send_svcscriptcode: entity.sendSvcScriptCode,
    send_svcscriptcode_ws: entity.sendSvcScriptCodeWs,
    opts: {
      title: entity.optsTitle,
      comment: entity.optsComment,
      allow_files_api: entity.optsAllowFilesApi,
      issync: entity.optsIsSync,
      recv_timeout: entity.optsRecvTimeout,
      ...(entity.optsRoles ? { roles: entity.optsRoles } : {}),
      ...(entity.optsUserId ? { userid: entity.optsUserId } : {}),
    },
    ext: { ct: formatIncoplaxDate(entity.createdAt), lwt: formatIncoplaxDate(entity.updatedAt) },
  };
}
