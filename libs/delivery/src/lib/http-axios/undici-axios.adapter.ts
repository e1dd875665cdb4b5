import {
  AxiosError,
  AxiosHeaders,
  CanceledError,
  isCancel,
  type AxiosAdapter,
  type AxiosResponse,
  type InternalAxiosRequestConfig,
  type RawAxiosHeaders,
} from 'axios';
import type { Dispatcher } from 'undici';
import { BoundedExchange } from '../http/bounded-exchange';
import { MAX_BODY_READ_BYTES } from '../http/http.constants';
import { axiosRequestBody } from './axios-request-body.util';
import { axiosRequestHeaders } from './axios-request-headers.util';
import { axiosRequestUrl } from './axios-request-url.util';

export interface UndiciAxiosAdapterOptions {
  /** Where requests go: for deliveries, the guarded Agent of createGuardedAgent (SSRF guard, pools). */
  readonly dispatcher: Dispatcher;
  /** Deadline of a request that sets no `timeout` (axios's 0): an exchange is never unbounded. Default 30 s. */
  readonly defaultTimeoutMs?: number;
  /** Body bytes read when a request sets no `maxContentLength` (axios's -1). Default MAX_BODY_READ_BYTES. */
  readonly defaultMaxBodyBytes?: number;
}

const DEFAULT_TIMEOUT_MS = 30_000;

/**
 * An axios `adapter` that sends with undici's `Dispatcher#request` through a BoundedExchange, so axios
 * (and @nestjs/axios's HttpService on top) gets the delivery client's guarantees:
 * - `timeout` is one deadline over the whole exchange (DNS, connect, TLS, sending, head and body), not
 *   axios's socket-idle timeout; it fails with axios's timeout error (ECONNABORTED, or ETIMEDOUT with
 *   `transitional.clarifyTimeoutError`);
 * - `maxContentLength` is how much of the body is read: a longer body is CUT, not an error, and
 *   `response.request.bodyComplete` is false; a delivery wants the status and the start of the body;
 * - redirects are never followed, whatever `maxRedirects` says, and `proxy`, `httpAgent`, `lookup` and
 *   the like do not apply: the dispatcher owns connections, so nothing can route around its guard;
 * - the body is never decompressed; `responseType: 'arraybuffer'` gives the bytes as a Buffer, any
 *   other type a string (`responseEncoding`, default utf8); `'stream'` is refused;
 * - `signal` and `cancelToken` cancel (CanceledError), as HttpService does when unsubscribed.
 * The BoundedExchange is the `request` of every response and error: `timedOut`, `status` (the head
 * arrived before a failure) and `bodyComplete` tell how far the exchange got. Errors from the network
 * keep their code (ECONNREFUSED, ERR_SSRF_BLOCKED, …) and are the `cause` of the AxiosError.
 */
export function undiciAxiosAdapter(options: UndiciAxiosAdapterOptions): AxiosAdapter {
  const defaultTimeoutMs = options.defaultTimeoutMs ?? DEFAULT_TIMEOUT_MS;
  const defaultMaxBodyBytes = options.defaultMaxBodyBytes ?? MAX_BODY_READ_BYTES;
  return async (config) => {
    if (config.responseType === 'stream') {
      throw new AxiosError('the undici adapter reads bodies bounded: responseType "stream" is not supported', AxiosError.ERR_NOT_SUPPORT, config);
    }
    const url = axiosRequestUrl(config);
    const body = axiosRequestBody(config);
    const headers = axiosRequestHeaders(config, url);
    if (config.signal?.aborted === true || config.cancelToken?.reason !== undefined) {
      throw config.cancelToken?.reason ?? new CanceledError(undefined, config);
    }
    const timeoutMs = config.timeout !== undefined && config.timeout > 0 ? config.timeout : defaultTimeoutMs;
    const maxBodyBytes = config.maxContentLength !== undefined && config.maxContentLength > -1 ? config.maxContentLength : defaultMaxBodyBytes;
    const exchange = new BoundedExchange(options.dispatcher, {
      origin: url.origin,
      path: `${url.pathname}${url.search}`,
      method: (config.method ?? 'get').toUpperCase(),
      headers,
      body,
      timeoutMs,
      maxBodyBytes,
    });

    let canceled: AxiosError | undefined;
    const cancel = (reason: unknown): void => {
      canceled = isCancel(reason) ? (reason as AxiosError) : new CanceledError(undefined, config, exchange);
      exchange.cancel(canceled);
    };
    config.cancelToken?.subscribe(cancel);
    config.signal?.addEventListener?.('abort', cancel);
    let response: AxiosResponse;
    try {
      const result = await exchange.run();
      response = {
        data: config.responseType === 'arraybuffer' ? result.body.bytes : result.body.bytes.toString(encodingOf(config)),
        status: result.statusCode,
        statusText: result.statusText,
        // undici lists only headers that arrived: its type allows undefined values, which never occur
        headers: AxiosHeaders.from(result.headers as RawAxiosHeaders),
        config,
        request: exchange,
      };
    } catch (error: unknown) {
      if (canceled !== undefined) throw canceled;
      if (exchange.timedOut) throw timeoutError(config, timeoutMs, exchange, error);
      throw AxiosError.from(error, undefined, config, exchange);
    } finally {
      config.cancelToken?.unsubscribe(cancel);
      config.signal?.removeEventListener?.('abort', cancel);
    }
    return settle(response);
  };
}

/** axios's timeout error, with what undici threw as its (non-enumerable, like axios's own) cause. */
function timeoutError(config: InternalAxiosRequestConfig, timeoutMs: number, exchange: BoundedExchange, cause: unknown): AxiosError {
  const code = config.transitional?.clarifyTimeoutError === true ? AxiosError.ETIMEDOUT : AxiosError.ECONNABORTED;
  const error = new AxiosError(config.timeoutErrorMessage ?? `timeout of ${timeoutMs}ms exceeded`, code, config, exchange);
  Object.defineProperty(error, 'cause', { value: cause, enumerable: false, writable: true, configurable: true });
  return error;
}

/** Resolves or rejects by `validateStatus`, as axios's own adapters do. */
function settle(response: AxiosResponse): AxiosResponse {
  const { validateStatus } = response.config;
  if (!validateStatus || validateStatus(response.status)) return response;
  const code = response.status >= 400 && response.status < 500 ? AxiosError.ERR_BAD_REQUEST : AxiosError.ERR_BAD_RESPONSE;
  throw new AxiosError(`Request failed with status code ${response.status}`, code, response.config, response.request, response);
}

function encodingOf(config: InternalAxiosRequestConfig): BufferEncoding {
  const encoding = config.responseEncoding?.toLowerCase();
  return encoding !== undefined && Buffer.isEncoding(encoding) ? encoding : 'utf8';
}
