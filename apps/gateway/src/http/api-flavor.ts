/**
 * The gateway serves four vendor APIs, each with its own error body. The flavor of a request is decided
 * by its path, in one place, so middleware, guards and filters all answer in the caller's dialect.
 */
export type ApiFlavor = 'docstudio' | 'conpeek' | 'incoplax' | 'hookrelay';

export function flavorOf(path: string): ApiFlavor {
  if (path.startsWith('/api/v1/envelope/')) return 'docstudio';
  if (path === '/callback' || path.startsWith('/callback/') || path.startsWith('/application/')) return 'conpeek';
  if (path.startsWith('/rest/v1/') || path === '/exec' || path.startsWith('/exec/') || path.startsWith('/exec?')) return 'incoplax';
  return 'hookrelay';
}

const REASONS: Record<number, string> = {
  400: 'Bad Request', 401: 'Unauthorized', 403: 'Forbidden', 404: 'Not Found', 405: 'Method Not Allowed', 409: 'Conflict',
  413: 'Payload Too Large', 415: 'Unsupported Media Type', 429: 'Too Many Requests', 500: 'Internal Server Error', 502: 'Bad Gateway', 503: 'Service Unavailable', 504: 'Gateway Timeout',
};

export function errorBody(flavor: ApiFlavor, status: number, message: string, details?: string[]): Record<string, unknown> {
  switch (flavor) {
    case 'docstudio':
      // DocStudio CommonExceptionDTO: {code, message}
      return { code: status, message };
    case 'conpeek':
      return { success: false, error: { code: status, message, ...(details && details.length > 1 ? { details } : {}) } };
    case 'incoplax':
      // Incoplax/Era: error_code is 1000 + the HTTP status (1404 "Lookup failed" in the seed).
      return { error_code: 1000 + status, error_message: message };
    case 'hookrelay':
      return { statusCode: status, error: REASONS[status] ?? 'Error', message };
  }
}
