/**
 * Limits every request body and NATS payload keeps, whoever sends it. Wire format: lowering one breaks
 * clients that stay within the documented value (README, OpenAPI `info.description`).
 *
 * Depth: `{}`/`[]` is one level, `{"a":{}}` two. No API of ours needs more than a handful; without a bound,
 * a 700 kB body of brackets overflows the JavaScript stack in JSON.stringify (the gateway's relay) and in
 * class-transformer (the services' validation) — a 500 where the client earned a 400.
 */
export const MAX_BODY_DEPTH = 32;

/** A NATS payload carries the HTTP body one level down (`{tenantId, body}`); one spare level on top. */
export const MAX_PAYLOAD_DEPTH = MAX_BODY_DEPTH + 2;

/**
 * PostgreSQL text cannot hold U+0000 (error 22021), and no field of ours means anything with it: a NUL
 * anywhere in a body, key or value is refused, on SQLite too, so both databases answer alike.
 */
export const NUL_CHARACTER = '\u0000';
