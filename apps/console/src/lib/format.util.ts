import type { JsonValue } from '../api/console-api.types';

/** "2026-11-30 01:02:03" in UTC (the API's times are UTC; one zone on every screen avoids mix-ups), "—" for null. */
export function formatTime(iso: string | null | undefined): string {
  if (!iso) return '—';
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return date.toISOString().replace('T', ' ').slice(0, 19);
}

/** The bucket label of the chart: "01:02" (hours and minutes, UTC). */
export function formatClock(iso: string): string {
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? iso : date.toISOString().slice(11, 16);
}

/** 0.98765 → "98.8 %", null → "—". */
export function formatRatio(ratio: number | null | undefined): string {
  if (ratio === null || ratio === undefined || !Number.isFinite(ratio)) return '—';
  return `${(Math.round(ratio * 1000) / 10).toFixed(1)} %`;
}

/** 12 → "12 ms", 1520 → "1.52 s", 61000 → "1 min 1 s", null → "—". */
export function formatDuration(ms: number | null | undefined): string {
  if (ms === null || ms === undefined || !Number.isFinite(ms)) return '—';
  if (ms < 1000) return `${Math.round(ms)} ms`;
  if (ms < 60_000) return `${(ms / 1000).toFixed(2).replace(/\.?0+$/, '')} s`;
  const minutes = Math.floor(ms / 60_000);
  const seconds = Math.round((ms % 60_000) / 1000);
  return seconds ? `${minutes} min ${seconds} s` : `${minutes} min`;
}

/** 1234567 → "1,234,567"; a capped count gets a "+". */
export function formatCount(value: number, capped = false): string {
  return `${value.toLocaleString('en-US')}${capped ? '+' : ''}`;
}

/** The payload as indented JSON; a payload that was not JSON is shown as the text it is. */
export function prettyPayload(payload: JsonValue | undefined): string {
  if (payload === undefined) return '';
  if (typeof payload === 'string') {
    try {
      return JSON.stringify(JSON.parse(payload) as JsonValue, null, 2);
    } catch {
      return payload;
    }
  }
  return JSON.stringify(payload, null, 2);
}

/** The outcome of an attempt in a few words: "200", "503", or the transport error. */
export function describeAttempt(attempt: { status_code: number | null; error: string | null }): string {
  if (attempt.status_code !== null) return attempt.error ? `HTTP ${attempt.status_code}: ${attempt.error}` : `HTTP ${attempt.status_code}`;
  return attempt.error ?? 'no answer';
}

/** true for a 2xx status. */
export function isSuccessStatus(status: number | null): boolean {
  return status !== null && status >= 200 && status < 300;
}
