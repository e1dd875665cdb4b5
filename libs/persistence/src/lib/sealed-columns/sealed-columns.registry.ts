/** One column that holds values sealed with SecretBox, and how its associated data is built. */
export interface SealedColumn {
  table: string;
  /** The primary key columns, in order (rows are walked in this order, a batch at a time). */
  keys: readonly string[];
  column: string;
  /** The associated data the value was sealed with (it binds the value to its row and column). */
  associatedData: (key: Readonly<Record<string, string>>) => string;
}

/**
 * Every sealed column of every service schema: what `hookrelay rekey` re-seals. A new sealed column is one
 * line here, with the same associated data its writer uses (the writer is named beside each entry); the
 * integration test fails while a migrated column named `*_sealed` is missing from this list.
 */
export const SEALED_COLUMNS: readonly SealedColumn[] = [
  // apps/callbacks envelope-callbacks/callback-target.mapper.ts (passwordContext)
  { table: 'envelope_callbacks', keys: ['id'], column: 'password_sealed', associatedData: (k) => `envelope_callbacks:${k['id']}:password` },
  // apps/integration-points integration-points/integration-point-views.ts (boundTo)
  {
    table: 'integration_points', keys: ['tenant_id', 'id'], column: 'token_remote_sealed',
    associatedData: (k) => `integration_points:${k['tenant_id']}:${k['id']}:token_remote`,
  },
  {
    table: 'integration_points', keys: ['tenant_id', 'id'], column: 'token_remote2_sealed',
    associatedData: (k) => `integration_points:${k['tenant_id']}:${k['id']}:token_remote2`,
  },
  // apps/webhooks application-webhooks/application-webhook-headers.ts (boundTo)
  {
    table: 'application_webhooks', keys: ['tenant_id', 'application_id'], column: 'headers_sealed',
    associatedData: (k) => `application_webhooks:${k['tenant_id']}:${k['application_id']}:headers`,
  },
  // libs/delivery core/delivery-sealer.ts
  {
    table: 'delivery_targets', keys: ['tenant_id', 'source', 'subscription_id'], column: 'authorization_sealed',
    associatedData: (k) => `delivery_targets:${k['tenant_id']}:${k['source']}:${k['subscription_id']}:authorization`,
  },
  {
    table: 'delivery_targets', keys: ['tenant_id', 'source', 'subscription_id'], column: 'secrets_sealed',
    associatedData: (k) => `subscription_secrets:${k['tenant_id']}:${k['source']}:${k['subscription_id']}`,
  },
  {
    table: 'delivery_targets', keys: ['tenant_id', 'source', 'subscription_id'], column: 'headers_sealed',
    associatedData: (k) => `delivery_targets:${k['tenant_id']}:${k['source']}:${k['subscription_id']}:headers`,
  },
  { table: 'deliveries', keys: ['id'], column: 'authorization_sealed', associatedData: (k) => `deliveries:${k['id']}:authorization` },
  // Unused since the delivery_targets migration (kept for replicas of the previous version), but it still
  // holds copies of signing secrets: they must not stay readable with a retired key.
  {
    table: 'subscription_secrets', keys: ['tenant_id', 'source', 'subscription_id'], column: 'secrets_sealed',
    associatedData: (k) => `subscription_secrets:${k['tenant_id']}:${k['source']}:${k['subscription_id']}`,
  },
];
