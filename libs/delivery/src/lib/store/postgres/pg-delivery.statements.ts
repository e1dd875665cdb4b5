import { DUE_COLUMNS, TARGET_COLUMNS } from '../sql/delivery-store-rows.mapper';

/**
 * The PostgreSQL store's statements. Each has a fixed name (node-pg prepares it once per connection) and
 * multi-row writes take one array per column through unnest(), so one prepared statement serves any
 * batch size.
 */
export interface PgStatement {
  name: string;
  text: string;
}

const qualified = (alias: string, columns: string): string => columns.split(', ').map((c) => `${alias}.${c}`).join(', ');

export const PG_STATEMENTS = {
  idempotencyClaim: {
    name: 'hr_dlv_idem_claim',
    // Inserts the key, or takes over an expired one; returns no row when a live key exists. A concurrent
    // claim of the same key waits on the primary key until the first commits, then sees it as live.
    text: `INSERT INTO delivery_idempotency_keys (tenant_id, idem_key, reply, created_at) VALUES ($1, $2, $3, $4)
      ON CONFLICT (tenant_id, idem_key) DO UPDATE SET reply = EXCLUDED.reply, created_at = EXCLUDED.created_at
      WHERE delivery_idempotency_keys.created_at < $5 RETURNING 1 AS claimed`,
  },
  idempotencyReply: { name: 'hr_dlv_idem_reply', text: `SELECT reply FROM delivery_idempotency_keys WHERE tenant_id = $1 AND idem_key = $2` },
  idempotencyPrune: {
    name: 'hr_dlv_idem_prune',
    text: `DELETE FROM delivery_idempotency_keys WHERE (tenant_id, idem_key) IN (
      SELECT tenant_id, idem_key FROM delivery_idempotency_keys WHERE created_at < $1 ORDER BY created_at LIMIT $2 FOR UPDATE SKIP LOCKED)`,
  },

  // SKIP LOCKED: a row a worker or a recall is writing stays for the next batch; the outer WHERE re-checks
  // state on the row's latest version, so a delivery reopened meanwhile is never deleted.
  closedPrune: {
    name: 'hr_dlv_closed_prune',
    // The pick is a CTE of its own: as an IN (subquery) the planner may rescan it, and LIMIT would not bound the batch.
    text: `WITH picked AS MATERIALIZED (
        SELECT id FROM deliveries WHERE state = 'CLOSED' AND closed_at < $1 ORDER BY closed_at LIMIT $2 FOR UPDATE SKIP LOCKED),
      doomed AS (DELETE FROM deliveries d USING picked WHERE d.id = picked.id AND d.state = 'CLOSED' AND d.closed_at < $1 RETURNING d.id),
      gone AS (DELETE FROM delivery_attempts a USING doomed WHERE a.delivery_id = doomed.id RETURNING 1)
      SELECT (SELECT count(*) FROM doomed) AS deliveries, (SELECT count(*) FROM gone) AS attempts`,
  },
  leaseTake: {
    name: 'hr_dlv_lease_take',
    text: `INSERT INTO delivery_leases (name, holder, expires_at) VALUES ($1, $2, $4)
      ON CONFLICT (name) DO UPDATE SET holder = EXCLUDED.holder, expires_at = EXCLUDED.expires_at
      WHERE delivery_leases.holder = EXCLUDED.holder OR delivery_leases.expires_at <= $3 RETURNING 1 AS taken`,
  },
  leaseRelease: { name: 'hr_dlv_lease_release', text: `DELETE FROM delivery_leases WHERE name = $1 AND holder = $2` },

  deliveriesInsert: {
    name: 'hr_dlv_insert',
    text: `INSERT INTO deliveries (id, tenant_id, source, subscription_id, url, event, payload, headers, policy, authorization_sealed, traceparent,
        state, application_state, close_reason, attempts, next_attempt_at, created_at, updated_at, closed_at, version, wake_at, queued)
      SELECT u.id, u.tenant_id, u.source, u.subscription_id, u.url, u.event, u.payload, u.headers, u.policy, u.authorization_sealed, u.traceparent,
        'OPEN', 'NEW', NULL, 0, u.created_at, u.created_at, u.created_at, NULL, 0, u.wake_at, 1
      FROM unnest($1::varchar[], $2::varchar[], $3::varchar[], $4::varchar[], $5::varchar[], $6::varchar[], $7::text[], $8::text[], $9::text[],
        $10::text[], $11::varchar[], $12::bigint[], $13::bigint[])
        AS u(id, tenant_id, source, subscription_id, url, event, payload, headers, policy, authorization_sealed, traceparent, created_at, wake_at)`,
  },
  attemptsInsert: {
    name: 'hr_dlv_attempts_insert',
    text: `INSERT INTO delivery_attempts (id, delivery_id, number, attempted_at, duration_ms, status_code, error, response_snippet)
      SELECT * FROM unnest($1::varchar[], $2::varchar[], $3::int[], $4::bigint[], $5::int[], $6::int[], $7::varchar[], $8::text[])`,
  },
  recordUpdate: {
    name: 'hr_dlv_record',
    text: `UPDATE deliveries d SET state = u.state, application_state = u.application_state, close_reason = u.close_reason, attempts = u.attempts,
        url = u.url, next_attempt_at = u.next_attempt_at, wake_at = u.wake_at, closed_at = u.closed_at, updated_at = u.updated_at,
        version = d.version + 1, queued = 0,
        headers = CASE WHEN u.state = 'CLOSED' THEN '{}' ELSE d.headers END,
        authorization_sealed = CASE WHEN u.state = 'CLOSED' THEN NULL ELSE d.authorization_sealed END
      FROM unnest($1::varchar[], $2::varchar[], $3::int[], $4::varchar[], $5::varchar[], $6::varchar[], $7::int[], $8::varchar[], $9::bigint[],
        $10::bigint[], $11::bigint[], $12::bigint[])
        AS u(id, tenant_id, expected_version, state, application_state, close_reason, attempts, url, next_attempt_at, wake_at, closed_at, updated_at)
      WHERE d.id = u.id AND d.tenant_id = u.tenant_id AND d.version = u.expected_version RETURNING d.id`,
  },
  closeUnattempted: {
    name: 'hr_dlv_close_unattempted',
    text: `UPDATE deliveries d SET state = 'CLOSED', application_state = 'CLOSED', close_reason = u.reason, next_attempt_at = NULL, wake_at = NULL,
        queued = 0, closed_at = u.at, updated_at = u.at, version = d.version + 1, headers = '{}', authorization_sealed = NULL
      FROM unnest($1::varchar[], $2::varchar[], $3::int[], $4::varchar[], $5::bigint[]) AS u(id, tenant_id, expected_version, reason, at)
      WHERE d.id = u.id AND d.tenant_id = u.tenant_id AND d.version = u.expected_version RETURNING d.id`,
  },
  park: {
    name: 'hr_dlv_park',
    text: `UPDATE deliveries d SET wake_at = u.wake_at, queued = 0
      FROM unnest($1::varchar[], $2::varchar[], $3::int[], $4::bigint[]) AS u(id, tenant_id, expected_version, wake_at)
      WHERE d.id = u.id AND d.tenant_id = u.tenant_id AND d.version = u.expected_version RETURNING d.id`,
  },
  unqueue: {
    name: 'hr_dlv_unqueue',
    text: `UPDATE deliveries d SET wake_at = u.at, queued = 0 FROM unnest($1::varchar[], $2::varchar[], $3::bigint[]) AS u(id, tenant_id, at)
      WHERE d.id = u.id AND d.tenant_id = u.tenant_id AND d.state = 'OPEN' AND d.version = 0`,
  },

  claimDue: {
    name: 'hr_dlv_claim_due',
    // SKIP LOCKED: a row another scheduler is claiming right now is left to it, never returned twice.
    text: `WITH due AS (
        SELECT id, wake_at FROM deliveries WHERE state = 'OPEN' AND wake_at <= $1 AND (queued = 0 OR wake_at <= $2)
        ORDER BY wake_at, id LIMIT $3 FOR UPDATE SKIP LOCKED)
      UPDATE deliveries d SET wake_at = $4, queued = 1 FROM due WHERE d.id = due.id
      RETURNING ${qualified('d', DUE_COLUMNS)}, due.wake_at AS due_at`,
  },
  recall: {
    name: 'hr_dlv_recall',
    text: `UPDATE deliveries SET state = 'OPEN', application_state = 'RECALL', close_reason = NULL, closed_at = NULL, next_attempt_at = $3,
        wake_at = $4, queued = 1, version = version + 1, updated_at = $3
      WHERE id = $1 AND tenant_id = $2 RETURNING ${DUE_COLUMNS}`,
  },

  targetGet: {
    name: 'hr_dlv_target_get',
    text: `SELECT ${TARGET_COLUMNS} FROM delivery_targets WHERE tenant_id = $1 AND source = $2 AND subscription_id = $3`,
  },
  targetPutConfig: {
    name: 'hr_dlv_target_put_config',
    text: `INSERT INTO delivery_targets (tenant_id, source, subscription_id, url, headers, headers_sealed, policy, authorization_sealed, group_key, label,
        version, updated_at)
      VALUES ($1, $2, $3, $4, NULL, $5, $6, $7, $9, $10, 1, $8)
      ON CONFLICT (tenant_id, source, subscription_id) DO UPDATE SET url = EXCLUDED.url, headers = NULL, headers_sealed = EXCLUDED.headers_sealed,
        policy = EXCLUDED.policy, group_key = EXCLUDED.group_key, label = EXCLUDED.label,
        authorization_sealed = EXCLUDED.authorization_sealed, version = delivery_targets.version + 1, updated_at = EXCLUDED.updated_at`,
  },
  /** The first secrets: applies only if the target has none. */
  targetInitSecrets: {
    name: 'hr_dlv_target_init_secrets',
    text: `INSERT INTO delivery_targets (tenant_id, source, subscription_id, secrets_sealed, version, updated_at) VALUES ($1, $2, $3, $4, 1, $5)
      ON CONFLICT (tenant_id, source, subscription_id) DO UPDATE SET secrets_sealed = EXCLUDED.secrets_sealed,
        version = delivery_targets.version + 1, updated_at = EXCLUDED.updated_at
      WHERE delivery_targets.secrets_sealed IS NULL`,
  },
  /** Replaced secrets: applies only if they are still the ones read. */
  targetSwapSecrets: {
    name: 'hr_dlv_target_swap_secrets',
    text: `UPDATE delivery_targets SET secrets_sealed = $4, version = version + 1, updated_at = $5
      WHERE tenant_id = $1 AND source = $2 AND subscription_id = $3 AND secrets_sealed = $6`,
  },
  targetDelete: { name: 'hr_dlv_target_delete', text: `DELETE FROM delivery_targets WHERE tenant_id = $1 AND source = $2 AND subscription_id = $3` },
  cancelOpen: {
    name: 'hr_dlv_cancel_open',
    text: `UPDATE deliveries SET state = 'CLOSED', application_state = 'CLOSED', close_reason = 'CANCELLED', next_attempt_at = NULL, wake_at = NULL,
        queued = 0, closed_at = $4, updated_at = $4, version = version + 1, headers = '{}', authorization_sealed = NULL
      WHERE tenant_id = $1 AND source = $2 AND subscription_id = $3 AND state = 'OPEN'`,
  },
  targetSetHealth: {
    name: 'hr_dlv_target_health',
    text: `UPDATE delivery_targets SET failing_since = $4, paused_at = $5, last_error = $6, version = version + 1, updated_at = $7
      WHERE tenant_id = $1 AND source = $2 AND subscription_id = $3 AND (NOT $8::boolean OR paused_at IS NULL)`,
  },
  targetLockPausedAt: {
    name: 'hr_dlv_target_lock',
    text: `SELECT paused_at FROM delivery_targets WHERE tenant_id = $1 AND source = $2 AND subscription_id = $3 FOR UPDATE`,
  },
  targetResume: {
    name: 'hr_dlv_target_resume',
    text: `UPDATE delivery_targets SET failing_since = NULL, paused_at = NULL, last_error = NULL, version = version + 1, updated_at = $4
      WHERE tenant_id = $1 AND source = $2 AND subscription_id = $3`,
  },
  reopenDisabled: {
    name: 'hr_dlv_reopen_disabled',
    text: `UPDATE deliveries SET state = 'OPEN', application_state = 'RETRY', close_reason = NULL, closed_at = NULL, next_attempt_at = $4,
        wake_at = $4, queued = 0, version = version + 1, updated_at = $4
      WHERE tenant_id = $1 AND source = $2 AND subscription_id = $3 AND state = 'CLOSED' AND close_reason = 'DISABLED' AND closed_at >= $5`,
  },
  targetsPaused: {
    name: 'hr_dlv_targets_paused',
    text: `SELECT ${TARGET_COLUMNS} FROM delivery_targets WHERE tenant_id = $1 AND paused_at IS NOT NULL ORDER BY paused_at DESC LIMIT $2`,
  },
  // One flush of the delivery stats as ONE statement (its own implicit transaction, beside the group commit):
  // additive upserts of the minute and latency rows, and the targets' last success/failure moved forward only.
  statsAdd: {
    name: 'hr_dlv_stats_add',
    text: `WITH m AS (
        INSERT INTO delivery_stats_minutes (tenant_id, minute, delivered, retrying, failed, disabled, attempts, latency_ms_sum)
        SELECT * FROM unnest($1::varchar[], $2::bigint[], $3::int[], $4::int[], $5::int[], $6::int[], $7::int[], $8::bigint[])
        ON CONFLICT (tenant_id, minute) DO UPDATE SET delivered = delivery_stats_minutes.delivered + EXCLUDED.delivered,
          retrying = delivery_stats_minutes.retrying + EXCLUDED.retrying, failed = delivery_stats_minutes.failed + EXCLUDED.failed,
          disabled = delivery_stats_minutes.disabled + EXCLUDED.disabled, attempts = delivery_stats_minutes.attempts + EXCLUDED.attempts,
          latency_ms_sum = delivery_stats_minutes.latency_ms_sum + EXCLUDED.latency_ms_sum
        RETURNING 1),
      l AS (
        INSERT INTO delivery_stats_latency (tenant_id, minute, bucket, count)
        SELECT * FROM unnest($9::varchar[], $10::bigint[], $11::int[], $12::int[])
        ON CONFLICT (tenant_id, minute, bucket) DO UPDATE SET count = delivery_stats_latency.count + EXCLUDED.count
        RETURNING 1),
      t AS (
        UPDATE delivery_targets d SET
          last_success_at = CASE WHEN u.s IS NOT NULL AND (d.last_success_at IS NULL OR d.last_success_at < u.s) THEN u.s ELSE d.last_success_at END,
          last_failure_at = CASE WHEN u.f IS NOT NULL AND (d.last_failure_at IS NULL OR d.last_failure_at < u.f) THEN u.f ELSE d.last_failure_at END
        FROM unnest($13::varchar[], $14::varchar[], $15::varchar[], $16::bigint[], $17::bigint[]) AS u(tenant_id, source, subscription_id, s, f)
        WHERE d.tenant_id = u.tenant_id AND d.source = u.source AND d.subscription_id = u.subscription_id
        RETURNING 1)
      SELECT (SELECT count(*) FROM m) AS minutes, (SELECT count(*) FROM l) AS latency, (SELECT count(*) FROM t) AS targets`,
  },
  // ix_delivery_stats_minutes_minute picks the oldest minutes; their latency rows go by the primary key prefix.
  statsPrune: {
    name: 'hr_dlv_stats_prune',
    text: `WITH picked AS MATERIALIZED (
        SELECT tenant_id, minute FROM delivery_stats_minutes WHERE minute < $1 ORDER BY minute LIMIT $2 FOR UPDATE SKIP LOCKED),
      gone_latency AS (DELETE FROM delivery_stats_latency l USING picked WHERE l.tenant_id = picked.tenant_id AND l.minute = picked.minute RETURNING 1),
      gone AS (DELETE FROM delivery_stats_minutes s USING picked WHERE s.tenant_id = picked.tenant_id AND s.minute = picked.minute RETURNING 1)
      SELECT (SELECT count(*) FROM gone) AS minutes, (SELECT count(*) FROM gone_latency) AS latency`,
  },
  // The primary key (tenant_id, source, subscription_id) serves the keyset and the order.
  targetsPage: {
    name: 'hr_dlv_targets_page',
    text: `SELECT ${TARGET_COLUMNS} FROM delivery_targets WHERE tenant_id = $1
        AND ($2::varchar IS NULL OR source = $2::varchar)
        AND ($3::integer IS NULL OR ($3::integer = 1 AND paused_at IS NOT NULL) OR ($3::integer = 0 AND paused_at IS NULL))
        AND ($4::varchar IS NULL OR (source, subscription_id) > ($4::varchar, $5::varchar))
      ORDER BY source, subscription_id LIMIT $6`,
  },
  targetPause: {
    name: 'hr_dlv_target_pause',
    text: `UPDATE delivery_targets SET paused_at = $4, version = version + 1, updated_at = $4
      WHERE tenant_id = $1 AND source = $2 AND subscription_id = $3 AND paused_at IS NULL`,
  },
  // The outbox (ADR 0012): written with the state change; the relay reads ix_operational_events_pending.
  operationalEventInsert: {
    name: 'hr_dlv_op_event_insert',
    text: `INSERT INTO operational_events (id, tenant_id, type, occurred_at, data, delivery_id, dispatched_at) VALUES ($1, $2, $3, $4, $5, NULL, NULL)`,
  },
  operationalEventsPending: {
    name: 'hr_dlv_op_events_pending',
    text: `SELECT id, tenant_id, type, occurred_at, data FROM operational_events
      WHERE dispatched_at IS NULL AND occurred_at >= $1 AND occurred_at < $2 ORDER BY occurred_at, id LIMIT $3`,
  },
  operationalEventDispatched: { name: 'hr_dlv_op_event_dispatched', text: `UPDATE operational_events SET dispatched_at = $3, delivery_id = $2 WHERE id = $1` },
} as const satisfies Record<string, PgStatement>;
