import { DUE_COLUMNS, TARGET_COLUMNS } from '../sql/delivery-store-rows.mapper';

/**
 * Every statement the SQLite writer thread prepares once at start (named parameters, bound from the
 * `*Params` objects of delivery-store-rows.mapper.ts). Plain SQL, so the thread needs no query builder.
 */
export const SQLITE_STATEMENTS = {
  idempotencyGet: `SELECT reply, created_at FROM delivery_idempotency_keys WHERE tenant_id = @tenant_id AND idem_key = @idem_key`,
  idempotencyPut: `INSERT INTO delivery_idempotency_keys (tenant_id, idem_key, reply, created_at) VALUES (@tenant_id, @idem_key, @reply, @created_at)
    ON CONFLICT (tenant_id, idem_key) DO UPDATE SET reply = excluded.reply, created_at = excluded.created_at`,
  idempotencyPrune: `DELETE FROM delivery_idempotency_keys WHERE (tenant_id, idem_key) IN (
    SELECT tenant_id, idem_key FROM delivery_idempotency_keys WHERE created_at < @before ORDER BY created_at LIMIT @limit)`,

  // ix_deliveries_closed: a range scan over the oldest closed rows that stops at the limit.
  closedSelect: `SELECT id FROM deliveries WHERE state = 'CLOSED' AND closed_at < @before ORDER BY closed_at LIMIT @limit`,
  closedAttemptsDelete: `DELETE FROM delivery_attempts WHERE delivery_id = @id`,
  closedDelete: `DELETE FROM deliveries WHERE id = @id AND state = 'CLOSED'`,
  // Taken when free, expired or already ours; otherwise the WHERE leaves the row alone (0 changes).
  leaseTake: `INSERT INTO delivery_leases (name, holder, expires_at) VALUES (@name, @holder, @until)
    ON CONFLICT (name) DO UPDATE SET holder = excluded.holder, expires_at = excluded.expires_at
    WHERE delivery_leases.holder = excluded.holder OR delivery_leases.expires_at <= @now`,
  leaseRelease: `DELETE FROM delivery_leases WHERE name = @name AND holder = @holder`,

  deliveryInsert: `INSERT INTO deliveries (id, tenant_id, source, subscription_id, url, event, payload, headers, policy, authorization_sealed, traceparent,
      state, application_state, close_reason, attempts, next_attempt_at, created_at, updated_at, closed_at, version, wake_at, queued)
    VALUES (@id, @tenant_id, @source, @subscription_id, @url, @event, @payload, @headers, @policy, @authorization_sealed, @traceparent,
      'OPEN', 'NEW', NULL, 0, @created_at, @created_at, @created_at, NULL, 0, @wake_at, 1)`,
  attemptInsert: `INSERT INTO delivery_attempts (id, delivery_id, number, attempted_at, duration_ms, status_code, error, response_snippet)
    VALUES (@id, @delivery_id, @number, @attempted_at, @duration_ms, @status_code, @error, @response_snippet)`,
  // A closing record drops the row's legacy credential copy (headers, authorization_sealed).
  recordUpdate: `UPDATE deliveries SET state = @state, application_state = @application_state, close_reason = @close_reason, attempts = @attempts,
      url = @url, next_attempt_at = @next_attempt_at, wake_at = @wake_at, closed_at = @closed_at, updated_at = @updated_at,
      version = version + 1, queued = 0,
      headers = CASE WHEN @state = 'CLOSED' THEN '{}' ELSE headers END,
      authorization_sealed = CASE WHEN @state = 'CLOSED' THEN NULL ELSE authorization_sealed END
    WHERE id = @id AND tenant_id = @tenant_id AND version = @expected_version`,
  closeUnattempted: `UPDATE deliveries SET state = 'CLOSED', application_state = 'CLOSED', close_reason = @reason, next_attempt_at = NULL,
      wake_at = NULL, queued = 0, closed_at = @at, updated_at = @at, version = version + 1, headers = '{}', authorization_sealed = NULL
    WHERE id = @id AND tenant_id = @tenant_id AND version = @expected_version`,
  park: `UPDATE deliveries SET wake_at = @wake_at, queued = 0 WHERE id = @id AND tenant_id = @tenant_id AND version = @expected_version`,
  unqueue: `UPDATE deliveries SET wake_at = @at, queued = 0 WHERE id = @id AND tenant_id = @tenant_id AND state = 'OPEN' AND version = 0`,

  // ix_deliveries_wake serves both: a range scan in wake_at order that stops at the limit.
  dueSelect: `SELECT ${DUE_COLUMNS} FROM deliveries
    WHERE state = 'OPEN' AND wake_at <= @now AND (queued = 0 OR wake_at <= @lost_up_to) ORDER BY wake_at, id LIMIT @limit`,
  dueLease: `UPDATE deliveries SET wake_at = @lease_until, queued = 1 WHERE id = @id`,

  recall: `UPDATE deliveries SET state = 'OPEN', application_state = 'RECALL', close_reason = NULL, closed_at = NULL, next_attempt_at = @at,
      wake_at = @lease_until, queued = 1, version = version + 1, updated_at = @at
    WHERE id = @id AND tenant_id = @tenant_id RETURNING ${DUE_COLUMNS}`,

  targetGet: `SELECT ${TARGET_COLUMNS} FROM delivery_targets WHERE tenant_id = @tenant_id AND source = @source AND subscription_id = @subscription_id`,
  targetPutConfig: `INSERT INTO delivery_targets (tenant_id, source, subscription_id, url, headers, headers_sealed, policy, authorization_sealed, group_key, label,
      version, updated_at)
    VALUES (@tenant_id, @source, @subscription_id, @url, NULL, @headers_sealed, @policy, @authorization_sealed, @group_key, @label, 1, @at)
    ON CONFLICT (tenant_id, source, subscription_id) DO UPDATE SET url = excluded.url, headers = NULL, headers_sealed = excluded.headers_sealed,
      policy = excluded.policy, group_key = excluded.group_key, label = excluded.label,
      authorization_sealed = excluded.authorization_sealed, version = delivery_targets.version + 1, updated_at = excluded.updated_at`,
  targetInitSecrets: `INSERT INTO delivery_targets (tenant_id, source, subscription_id, secrets_sealed, version, updated_at)
    VALUES (@tenant_id, @source, @subscription_id, @secrets_sealed, 1, @at)
    ON CONFLICT (tenant_id, source, subscription_id) DO UPDATE SET secrets_sealed = excluded.secrets_sealed,
      version = delivery_targets.version + 1, updated_at = excluded.updated_at
    WHERE delivery_targets.secrets_sealed IS NULL`,
  targetSwapSecrets: `UPDATE delivery_targets SET secrets_sealed = @secrets_sealed, version = version + 1, updated_at = @at
    WHERE tenant_id = @tenant_id AND source = @source AND subscription_id = @subscription_id AND secrets_sealed = @expected`,
  targetDelete: `DELETE FROM delivery_targets WHERE tenant_id = @tenant_id AND source = @source AND subscription_id = @subscription_id`,
  cancelOpen: `UPDATE deliveries SET state = 'CLOSED', application_state = 'CLOSED', close_reason = 'CANCELLED', next_attempt_at = NULL,
      wake_at = NULL, queued = 0, closed_at = @at, updated_at = @at, version = version + 1, headers = '{}', authorization_sealed = NULL
    WHERE tenant_id = @tenant_id AND source = @source AND subscription_id = @subscription_id AND state = 'OPEN'`,
  targetSetHealth: `UPDATE delivery_targets SET failing_since = @failing_since, paused_at = @paused_at, last_error = @last_error,
      version = version + 1, updated_at = @at
    WHERE tenant_id = @tenant_id AND source = @source AND subscription_id = @subscription_id AND (@only_if_unpaused = 0 OR paused_at IS NULL)`,
  targetPausedAt: `SELECT paused_at FROM delivery_targets WHERE tenant_id = @tenant_id AND source = @source AND subscription_id = @subscription_id`,
  targetResume: `UPDATE delivery_targets SET failing_since = NULL, paused_at = NULL, last_error = NULL, version = version + 1, updated_at = @at
    WHERE tenant_id = @tenant_id AND source = @source AND subscription_id = @subscription_id`,
  reopenDisabled: `UPDATE deliveries SET state = 'OPEN', application_state = 'RETRY', close_reason = NULL, closed_at = NULL, next_attempt_at = @at,
      wake_at = @at, queued = 0, version = version + 1, updated_at = @at
    WHERE tenant_id = @tenant_id AND source = @source AND subscription_id = @subscription_id
      AND state = 'CLOSED' AND close_reason = 'DISABLED' AND closed_at >= @paused_at`,
  targetsPaused: `SELECT ${TARGET_COLUMNS} FROM delivery_targets WHERE tenant_id = @tenant_id AND paused_at IS NOT NULL
    ORDER BY paused_at DESC LIMIT @limit`,

  // Additive upserts of the delivery stats (one flush = one writer-thread operation, see addStats).
  statsMinuteAdd: `INSERT INTO delivery_stats_minutes (tenant_id, minute, delivered, retrying, failed, disabled, attempts, latency_ms_sum)
    VALUES (@tenant_id, @minute, @delivered, @retrying, @failed, @disabled, @attempts, @latency_ms_sum)
    ON CONFLICT (tenant_id, minute) DO UPDATE SET delivered = delivery_stats_minutes.delivered + excluded.delivered,
      retrying = delivery_stats_minutes.retrying + excluded.retrying, failed = delivery_stats_minutes.failed + excluded.failed,
      disabled = delivery_stats_minutes.disabled + excluded.disabled, attempts = delivery_stats_minutes.attempts + excluded.attempts,
      latency_ms_sum = delivery_stats_minutes.latency_ms_sum + excluded.latency_ms_sum`,
  statsLatencyAdd: `INSERT INTO delivery_stats_latency (tenant_id, minute, bucket, count) VALUES (@tenant_id, @minute, @bucket, @count)
    ON CONFLICT (tenant_id, minute, bucket) DO UPDATE SET count = delivery_stats_latency.count + excluded.count`,
  targetTimes: `UPDATE delivery_targets SET
      last_success_at = CASE WHEN @last_success_at IS NOT NULL AND (last_success_at IS NULL OR last_success_at < @last_success_at)
        THEN @last_success_at ELSE last_success_at END,
      last_failure_at = CASE WHEN @last_failure_at IS NOT NULL AND (last_failure_at IS NULL OR last_failure_at < @last_failure_at)
        THEN @last_failure_at ELSE last_failure_at END
    WHERE tenant_id = @tenant_id AND source = @source AND subscription_id = @subscription_id`,
  // ix_delivery_stats_minutes_minute: the oldest minutes of every tenant, stopping at the limit.
  statsOldMinutes: `SELECT tenant_id, minute FROM delivery_stats_minutes WHERE minute < @before ORDER BY minute LIMIT @limit`,
  statsLatencyDelete: `DELETE FROM delivery_stats_latency WHERE tenant_id = @tenant_id AND minute = @minute`,
  statsMinuteDelete: `DELETE FROM delivery_stats_minutes WHERE tenant_id = @tenant_id AND minute = @minute`,
  // The primary key (tenant_id, source, subscription_id) serves the keyset and the order.
  targetsPage: `SELECT ${TARGET_COLUMNS} FROM delivery_targets WHERE tenant_id = @tenant_id
      AND (@source IS NULL OR source = @source)
      AND (@paused IS NULL OR (@paused = 1 AND paused_at IS NOT NULL) OR (@paused = 0 AND paused_at IS NULL))
      AND (@after_source IS NULL OR source > @after_source OR (source = @after_source AND subscription_id > @after_id))
    ORDER BY source, subscription_id LIMIT @limit`,
  targetPause: `UPDATE delivery_targets SET paused_at = @at, version = version + 1, updated_at = @at
    WHERE tenant_id = @tenant_id AND source = @source AND subscription_id = @subscription_id AND paused_at IS NULL`,
  // The outbox (ADR 0012): written with the state change; the relay reads ix_operational_events_pending.
  operationalEventInsert: `INSERT INTO operational_events (id, tenant_id, type, occurred_at, data, delivery_id, dispatched_at)
    VALUES (@id, @tenant_id, @type, @occurred_at, @data, NULL, NULL)`,
  operationalEventsPending: `SELECT id, tenant_id, type, occurred_at, data FROM operational_events
    WHERE dispatched_at IS NULL AND occurred_at >= @after AND occurred_at < @before ORDER BY occurred_at, id LIMIT @limit`,
  operationalEventDispatched: `UPDATE operational_events SET dispatched_at = @at, delivery_id = @delivery_id WHERE id = @id`,
} as const;

export type SqliteStatementName = keyof typeof SQLITE_STATEMENTS;
