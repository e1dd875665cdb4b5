import { CommonEnv } from '@hookrelay/config';
import { NatsApp, natsInboxPrefix } from '@hookrelay/contracts';
import { ConnectionOptions, createInbox, NatsConnection } from 'nats';

/** How one app connects: its servers, its own nats-server user (review H4) and its own inbox prefix. */
export interface NatsClientOptions {
  servers: string[];
  /** Connection name, shown by nats-server's monitoring. */
  name: string;
  user?: string;
  pass?: string;
  /** The app's permissions allow subscribing only under this prefix: every connection must use it. */
  inboxPrefix?: string;
}

/** The connection settings of `app` from its validated env. */
export function natsClientOptions(env: CommonEnv, app: NatsApp, name: string = app): NatsClientOptions {
  return {
    servers: env.NATS_URL.split(','),
    name,
    ...(env.NATS_USER !== undefined ? { user: env.NATS_USER, pass: env.NATS_PASSWORD } : {}),
    inboxPrefix: natsInboxPrefix(app),
  };
}

/** nats.js options for a long-lived connection: reconnects forever. */
export function natsConnectionOptions(options: NatsClientOptions): ConnectionOptions {
  return { ...options, maxReconnectAttempts: -1, reconnectTimeWait: 500 };
}

/** A fresh inbox under the connection's own prefix (nats.js's createInbox() alone would use `_INBOX`). */
export function connectionInbox(nc: NatsConnection): string {
  return createInbox((nc as NatsConnection & { options?: ConnectionOptions }).options?.inboxPrefix);
}
