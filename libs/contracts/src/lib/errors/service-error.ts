/**
 * Errors crossing NATS between services and the gateway. Services throw ServiceException with a code;
 * the gateway maps the code to an HTTP status and to each public API's own error body.
 * The codes are wire format: add new ones, never rename.
 */
export enum ServiceErrorCode {
  BadRequest = 'BAD_REQUEST',
  Unauthorized = 'UNAUTHORIZED',
  Forbidden = 'FORBIDDEN',
  NotFound = 'NOT_FOUND',
  Conflict = 'CONFLICT',
  PayloadTooLarge = 'PAYLOAD_TOO_LARGE',
  TooManyRequests = 'TOO_MANY_REQUESTS',
  Unavailable = 'UNAVAILABLE',
  Timeout = 'TIMEOUT',
  Internal = 'INTERNAL',
  /** Something the service relies on (e.g. an /exec handler) answered something unusable. */
  BadGateway = 'BAD_GATEWAY',
}

export interface ServiceErrorBody {
  code: ServiceErrorCode;
  message: string;
  /** Extra, user-facing lines (e.g. one per invalid field). */
  details?: string[];
  /** Set on INTERNAL errors: the id under which the full error was logged. */
  errorId?: string;
  /** Seconds after which a retry may succeed (a full queue): the HTTP answer carries `Retry-After`. */
  retryAfterSeconds?: number;
}

export class ServiceException extends Error {
  constructor(
    readonly code: ServiceErrorCode,
    message: string,
    readonly details?: string[],
    readonly errorId?: string,
    readonly retryAfterSeconds?: number,
  ) {
    super(message);
    this.name = 'ServiceException';
  }

  toBody(): ServiceErrorBody {
    return {
      code: this.code, message: this.message, ...(this.details ? { details: this.details } : {}), ...(this.errorId ? { errorId: this.errorId } : {}),
      ...(this.retryAfterSeconds !== undefined ? { retryAfterSeconds: this.retryAfterSeconds } : {}),
    };
  }

  static isBody(value: unknown): value is ServiceErrorBody {
    if (typeof value !== 'object' || value === null) return false;
    const candidate = value as Record<string, unknown>;
    return typeof candidate.message === 'string' && Object.values(ServiceErrorCode).includes(candidate.code as ServiceErrorCode);
  }

  static fromBody(body: ServiceErrorBody): ServiceException {
    const retryAfter = Number.isSafeInteger(body.retryAfterSeconds) && body.retryAfterSeconds! >= 0 ? body.retryAfterSeconds : undefined;
    return new ServiceException(body.code, body.message, body.details, body.errorId, retryAfter);
  }
}

export function httpStatusOf(code: ServiceErrorCode): number {
  switch (code) {
    case ServiceErrorCode.BadRequest:
      return 400;
    case ServiceErrorCode.Unauthorized:
      return 401;
    case ServiceErrorCode.Forbidden:
      return 403;
    case ServiceErrorCode.NotFound:
      return 404;
    case ServiceErrorCode.Conflict:
      return 409;
    case ServiceErrorCode.PayloadTooLarge:
      return 413;
    case ServiceErrorCode.TooManyRequests:
      return 429;
    case ServiceErrorCode.Unavailable:
      return 503;
    case ServiceErrorCode.Timeout:
      return 504;
    case ServiceErrorCode.Internal:
      return 500;
    case ServiceErrorCode.BadGateway:
      return 502;
  }
}
