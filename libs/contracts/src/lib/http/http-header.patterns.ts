/**
 * What Node's HTTP stack accepts in a header it sends (`validateHeaderName`/`validateHeaderValue`):
 * an RFC 9110 token as the name, and a value without CR, LF, NUL or characters above \xff. Checked
 * wherever a header supplied by a user or a handler is later set on a request or response, so a bad
 * one is refused with a clear message instead of throwing at send time.
 */
export const HTTP_HEADER_NAME_PATTERN = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]{1,128}$/;
export const HTTP_HEADER_VALUE_PATTERN = /^[\t\x20-\x7e\x80-\xff]{0,4096}$/;
