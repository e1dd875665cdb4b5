import { ValidationArguments, ValidatorConstraint, ValidatorConstraintInterface } from 'class-validator';
import { HTTP_HEADER_NAME_PATTERN, HTTP_HEADER_VALUE_PATTERN } from '../http/http-header.patterns';

/**
 * A synchronous /exec handler's reply is served from the gateway's origin, the origin of /docs and of
 * every API. So the handler chooses only headers that describe its own response; anything that would
 * act on the whole origin (Set-Cookie, HSTS, Alt-Svc, CORS, Clear-Site-Data, reporting) or on the
 * framing (hop-by-hop, Content-Length, Content-Encoding) is dropped, and the response can never be
 * rendered as active content (nosniff, a sandboxing CSP).
 */
export const EXEC_REPLY_MAX_HEADERS = 50;

const PASSED_HEADERS = new Set([
  'content-type', 'content-language', 'content-disposition', 'cache-control', 'expires', 'etag', 'last-modified', 'location', 'retry-after', 'vary',
]);
/** `x-*` headers pass, except the gateway's own correlation id and the security headers set below. */
const GATEWAY_X_HEADERS = new Set(['x-request-id', 'x-content-type-options']);

export const EXEC_REPLY_SECURITY_HEADERS: Readonly<Record<string, string>> = {
  'x-content-type-options': 'nosniff',
  'content-security-policy': "sandbox; default-src 'none'; frame-ancestors 'none'",
};

/** Why a handler's `headers` cannot be sent as HTTP headers, or null when they can. */
export function execReplyHeadersProblem(value: unknown): string | null {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return 'must be an object of header name → string value';
  const entries = Object.entries(value as Record<string, unknown>);
  if (entries.length > EXEC_REPLY_MAX_HEADERS) return `may hold at most ${EXEC_REPLY_MAX_HEADERS} headers`;
  for (const [name, headerValue] of entries) {
    if (!HTTP_HEADER_NAME_PATTERN.test(name)) return `has an invalid header name ${JSON.stringify(name.slice(0, 64))}`;
    if (typeof headerValue !== 'string') return `value of "${name}" must be a string`;
    if (!HTTP_HEADER_VALUE_PATTERN.test(headerValue)) return `value of "${name}" has a character HTTP forbids (CR, LF, NUL, above \\xff) or is longer than 4096`;
  }
  return null;
}

/** The headers /exec serves for a handler's (valid) headers: the allowed ones, lower-cased, plus the security headers. */
export function servedExecHeaders(headers: Readonly<Record<string, string>>): Record<string, string> {
  const served: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    const lower = name.toLowerCase();
    if (PASSED_HEADERS.has(lower) || (lower.startsWith('x-') && !GATEWAY_X_HEADERS.has(lower))) served[lower] = value;
  }
  return { ...served, ...EXEC_REPLY_SECURITY_HEADERS };
}

@ValidatorConstraint({ name: 'execReplyHeaders' })
export class ExecReplyHeadersConstraint implements ValidatorConstraintInterface {
  private problem = '';

  validate(value: unknown): boolean {
    this.problem = execReplyHeadersProblem(value) ?? '';
    return this.problem === '';
  }

  defaultMessage(args: ValidationArguments): string {
    return `${args.property} ${this.problem}`;
  }
}
