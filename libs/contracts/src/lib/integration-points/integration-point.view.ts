/** The Incoplax integration_point entity as the API shows it (seed wire format, snake_case). */
export type IntegrationPointView = {
  id: string;
  code: string;
  type: string;
  token_local: string;
  token_remote: string;
  token_remote2: string;
  url: string;
  recv_svcscriptcode: string;
  recv_svcscriptcode_ws: string;
  send_svcscriptcode: string;
  send_svcscriptcode_ws: string;
  opts: {
    title: string;
    comment: string;
    allow_files_api: boolean;
    issync: boolean;
    recv_timeout: number;
    roles?: string[];
    userid?: string;
  };
  ext: { ct: string; lwt: string };
};

/** A masked and/or flattened entity: what list/get return when mask or flat is used. */
export type IntegrationPointProjection = Record<string, unknown>;
