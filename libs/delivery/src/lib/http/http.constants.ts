import { DELIVERY_USER_AGENT } from '@hookrelay/contracts';

export const DEFAULT_CONNECTIONS_PER_ORIGIN = 32;
export const DEFAULT_KEEP_ALIVE_TIMEOUT_MS = 4_000;
/** The gateway recognises it to refuse self-feeding loops: it lives in contracts. */
export const DEFAULT_USER_AGENT = DELIVERY_USER_AGENT;

/**
 * At most this much of a response body is read (the snippet keeps less). A body that ends within it is
 * drained, so its connection goes back to the pool; a longer one is cut and its connection closed, so a
 * huge or endless body costs neither memory nor time.
 */
export const MAX_BODY_READ_BYTES = 64 * 1024;
