import { AxiosHeaders, type InternalAxiosRequestConfig } from 'axios';

/**
 * The request headers for undici: axios's headers as strings (null/false ones are dropped, which is
 * how axios leaves a header out), with HTTP Basic credentials from `auth` or from the URL's userinfo
 * replacing any Authorization header, as axios's http adapter does.
 */
export function axiosRequestHeaders(config: InternalAxiosRequestConfig, url: URL): Record<string, string> {
  const headers = AxiosHeaders.from(config.headers).toJSON(true);
  const credentials =
    config.auth !== undefined
      ? `${config.auth.username ?? ''}:${config.auth.password ?? ''}`
      : url.username !== '' || url.password !== ''
        ? `${decodeURIComponent(url.username)}:${decodeURIComponent(url.password)}`
        : null;
  if (credentials === null) return headers;
  for (const name of Object.keys(headers)) if (name.toLowerCase() === 'authorization') delete headers[name];
  headers.authorization = `Basic ${Buffer.from(credentials, 'utf8').toString('base64')}`;
  return headers;
}
