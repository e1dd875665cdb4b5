import { DeliverySettingError } from '../delivery-setting.error';
import { parseDurationMs } from './parse-duration.util';
import { DEFAULT_RETRY_SCHEDULE, MAX_RETRY_DELAY_MS } from './retry.constants';
import type { ExponentialRetrySchedule, ListRetrySchedule, RetrySchedule } from './retry-schedule.types';

const SYNTAX =
  'expected "exponential[:base=<duration>,factor=<number>,max=<duration>,jitter=<0..1>]" ' +
  'or "list:<duration>,<duration>,…" with durations like 500ms, 5s, 2m, 1h';
const NUMBER = /^\d+(?:\.\d+)?$/;
const EXPONENTIAL_KEYS = ['base', 'factor', 'max', 'jitter'] as const;
type ExponentialKey = (typeof EXPONENTIAL_KEYS)[number];

/**
 * Parses a retry schedule such as `CALLBACK_RETRY_SCHEDULE`:
 * `exponential:base=5s,factor=2,max=1h,jitter=0.2` (omitted keys take those defaults) or
 * `list:5s,30s,2m,10m` (the last delay repeats). Spaces around items are ignored; everything else is
 * strict, and the error message names the offending part.
 */
export function parseRetrySchedule(text: string): RetrySchedule {
  const trimmed = text.trim();
  const colon = trimmed.indexOf(':');
  const kind = colon === -1 ? trimmed : trimmed.slice(0, colon).trim();
  const items = colon === -1 ? [] : trimmed.slice(colon + 1).split(',').map((item) => item.trim());
  if (items.some((item) => item === '')) fail(`empty item in "${trimmed}"`);
  if (kind === 'exponential') return parseExponential(items);
  if (kind === 'list') return parseList(items);
  return fail(kind === '' ? 'retry schedule is empty' : `unknown retry schedule kind "${kind}"`);
}

function parseExponential(items: readonly string[]): ExponentialRetrySchedule {
  const given = new Map<ExponentialKey, string>();
  for (const item of items) {
    const [key, value, ...rest] = item.split('=').map((part) => part.trim());
    if (value === undefined || rest.length > 0 || value === '') fail(`"${item}" is not key=value`);
    if (!isExponentialKey(key)) fail(`unknown exponential key "${key}"; allowed: ${EXPONENTIAL_KEYS.join(', ')}`);
    if (given.has(key)) fail(`exponential key "${key}" is given twice`);
    given.set(key, value);
  }
  const baseText = given.get('base');
  const baseMs = baseText === undefined ? DEFAULT_RETRY_SCHEDULE.baseMs : readDelay('base', baseText, 1);
  const maxText = given.get('max');
  const maxMs = maxText === undefined ? Math.max(DEFAULT_RETRY_SCHEDULE.maxMs, baseMs) : readDelay('max', maxText, 1);
  if (maxMs < baseMs) fail(`max "${maxText}" is below base (${baseMs} ms)`);
  const factorText = given.get('factor');
  const factor = factorText === undefined ? DEFAULT_RETRY_SCHEDULE.factor : readNumber('factor', factorText, 1, 100);
  const jitterText = given.get('jitter');
  const jitter = jitterText === undefined ? DEFAULT_RETRY_SCHEDULE.jitter : readNumber('jitter', jitterText, 0, 1);
  return { kind: 'exponential', baseMs, factor, maxMs, jitter };
}

function parseList(items: readonly string[]): ListRetrySchedule {
  if (items.length === 0) fail('a list schedule needs at least one delay, e.g. "list:5s,30s,2m"');
  return { kind: 'list', delaysMs: items.map((item, index) => readDelay(`delay ${index + 1}`, item, 0)) };
}

function readDelay(name: string, text: string, minMs: number): number {
  const ms = parseDurationMs(text);
  if (ms === null) fail(`${name} "${text}" is not a duration like 500ms, 5s, 2m or 1h`);
  if (ms < minMs || ms > MAX_RETRY_DELAY_MS) {
    fail(`${name} "${text}" must be from ${minMs} ms to ${MAX_RETRY_DELAY_MS / 3_600_000} h`);
  }
  return ms;
}

function readNumber(name: string, text: string, min: number, max: number): number {
  const value = NUMBER.test(text) ? Number(text) : NaN;
  if (!(value >= min && value <= max)) fail(`${name} "${text}" must be a number from ${min} to ${max}`);
  return value;
}

function isExponentialKey(key: string | undefined): key is ExponentialKey {
  return (EXPONENTIAL_KEYS as readonly (string | undefined)[]).includes(key);
}

function fail(problem: string): never {
  throw new DeliverySettingError('retrySchedule', `invalid retry schedule: ${problem}; ${SYNTAX}`);
}
