import { ServiceErrorCode, ServiceException } from '@hookrelay/contracts';
import { IncoplaxCondition, IncoplaxOrderItem, IncoplaxQuery } from '@hookrelay/filtering';
import { IntegrationPointColumn, IntegrationPointListQuery } from '@hookrelay/persistence';

/** API field path → entity column. token_remote* are absent: sealed at rest, so not comparable in SQL. */
const COLUMN_BY_PATH: Readonly<Record<string, IntegrationPointColumn>> = {
  id: 'id',
  code: 'code',
  type: 'type',
  token_local: 'tokenLocal',
  url: 'url',
  recv_svcscriptcode: 'recvSvcScriptCode',
  recv_svcscriptcode_ws: 'recvSvcScriptCodeWs',
  send_svcscriptcode: 'sendSvcScriptCode',
  send_svcscriptcode_ws: 'sendSvcScriptCodeWs',
  'opts.title': 'optsTitle',
  'opts.comment': 'optsComment',
  'opts.allow_files_api': 'optsAllowFilesApi',
  'opts.issync': 'optsIsSync',
  'opts.recv_timeout': 'optsRecvTimeout',
  'opts.userid': 'optsUserId',
  'ext.ct': 'createdAt',
  'ext.lwt': 'updatedAt',
};

function columnFor(path: string, parameter: 'filter' | 'order'): IntegrationPointColumn {
  const column = COLUMN_BY_PATH[path];
  if (!column) {
    throw new ServiceException(ServiceErrorCode.BadRequest, `${parameter}: "${path}" is stored encrypted and cannot be used in ${parameter}`);
  }
  return column;
}

export function toRepositoryQuery(query: IncoplaxQuery): IntegrationPointListQuery {
  return {
    where: query.filter.map((condition: IncoplaxCondition) => ({ column: columnFor(condition.path, 'filter'), values: [...condition.values] })),
    order: query.order.map((item: IncoplaxOrderItem) => ({ column: columnFor(item.path, 'order'), direction: item.direction === 'desc' ? 'DESC' : 'ASC' })),
    offset: query.offset,
    limit: query.limit,
  };
}
