import axios, { AxiosError, type InternalAxiosRequestConfig } from 'axios';

/**
 * The absolute http(s) URL an axios request goes to. `baseURL` and `params` go through axios's own
 * getUri, so they combine exactly as with axios's adapters; without them (every delivery attempt) the
 * URL is used as given and that merge is skipped.
 */
export function axiosRequestUrl(config: InternalAxiosRequestConfig): URL {
  const text = config.baseURL === undefined && config.params === undefined ? (config.url ?? '') : axios.getUri(config);
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw new AxiosError(`Invalid URL: ${text}`, AxiosError.ERR_INVALID_URL, config);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new AxiosError(`Unsupported protocol ${url.protocol}`, AxiosError.ERR_BAD_REQUEST, config);
  }
  return url;
}
