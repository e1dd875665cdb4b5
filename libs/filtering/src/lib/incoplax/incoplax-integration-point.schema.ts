import { IncoplaxCollectionSchema } from './incoplax-query.types';

/**
 * The query schema of `/rest/v1/service/integration_points`, kept here rather than in the service so
 * the gateway, the service and the user docs all read one list.
 *
 * `token_remote*` are sealed at rest, so the database cannot compare them, and `opts.roles` is a list:
 * those can be returned (`mask`) but not filtered or sorted by.
 */
export const INCOPLAX_INTEGRATION_POINT_SCHEMA: IncoplaxCollectionSchema = {
  fields: {
    id: 'string',
    code: 'string',
    type: 'string',
    token_local: 'string',
    url: 'string',
    recv_svcscriptcode: 'string',
    recv_svcscriptcode_ws: 'string',
    send_svcscriptcode: 'string',
    send_svcscriptcode_ws: 'string',
    'opts.title': 'string',
    'opts.comment': 'string',
    'opts.allow_files_api': 'boolean',
    'opts.issync': 'boolean',
    'opts.recv_timeout': 'number',
    'opts.userid': 'string',
    'ext.ct': 'datetime',
    'ext.lwt': 'datetime',
  },
  maskOnlyFields: ['token_remote', 'token_remote2', 'opts.roles'],
  // The vendor page spells these without underscores in its list of mask fields.
  aliases: {
    tokenlocal: 'token_local',
    tokenremote: 'token_remote',
    tokenremote2: 'token_remote2',
  },
  // Channels are licensed per type, so tenants have few; one page should normally hold them all.
  defaultLimit: 1000,
  maxLimit: 1000,
};
