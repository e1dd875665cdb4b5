import { AxiosError, type InternalAxiosRequestConfig } from 'axios';

/**
 * The request body for undici from axios's `data` after transformRequest: a string or bytes as they
 * are, no body for null/undefined. Streams, FormData and plain objects are refused rather than guessed
 * at (axios's default transformRequest has already turned objects into JSON). `maxBodyLength` (> -1)
 * is enforced as axios does.
 */
export function axiosRequestBody(config: InternalAxiosRequestConfig): string | Uint8Array | null {
  const body = bodyOf(config);
  const limit = config.maxBodyLength ?? -1;
  if (body !== null && limit > -1 && (typeof body === 'string' ? Buffer.byteLength(body) : body.byteLength) > limit) {
    throw new AxiosError('Request body larger than maxBodyLength limit', AxiosError.ERR_BAD_REQUEST, config);
  }
  return body;
}

function bodyOf(config: InternalAxiosRequestConfig): string | Uint8Array | null {
  const data: unknown = config.data;
  if (data === undefined || data === null) return null;
  if (typeof data === 'string' || data instanceof Uint8Array) return data;
  if (data instanceof ArrayBuffer) return new Uint8Array(data);
  if (ArrayBuffer.isView(data)) return new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
  if (data instanceof URLSearchParams) return data.toString();
  const kind = typeof data === 'object' ? (data.constructor?.name ?? 'object') : typeof data;
  throw new AxiosError(
    `the undici adapter sends a string, Buffer, ArrayBuffer or typed array body (after transformRequest); got ${kind}`,
    AxiosError.ERR_BAD_REQUEST,
    config,
  );
}
