import { CommonEnv } from '@hookrelay/config';
import { catchDeliverySettingError } from '../../testing/catch-delivery-setting-error';
import { parseRetrySchedule } from './parse-retry-schedule.parser';
import { DEFAULT_RETRY_SCHEDULE } from './retry.constants';
import type { RetrySchedule } from './retry-schedule.types';

describe('parseRetrySchedule', () => {
  it.each<[string, RetrySchedule]>([
    ['exponential:base=5s,factor=2,max=1h,jitter=0.2', { kind: 'exponential', baseMs: 5_000, factor: 2, maxMs: 3_600_000, jitter: 0.2 }],
    ['exponential', DEFAULT_RETRY_SCHEDULE],
    [' exponential : base = 10s , jitter = 0 ', { kind: 'exponential', baseMs: 10_000, factor: 2, maxMs: 3_600_000, jitter: 0 }],
    ['exponential:jitter=1,factor=1.5,base=500ms,max=30s', { kind: 'exponential', baseMs: 500, factor: 1.5, maxMs: 30_000, jitter: 1 }],
    ['exponential:factor=1', { kind: 'exponential', baseMs: 5_000, factor: 1, maxMs: 3_600_000, jitter: 0.2 }],
    ['exponential:base=2h', { kind: 'exponential', baseMs: 7_200_000, factor: 2, maxMs: 7_200_000, jitter: 0.2 }],
    ['exponential:base=5s,max=5s', { kind: 'exponential', baseMs: 5_000, factor: 2, maxMs: 5_000, jitter: 0.2 }],
    ['list:5s,30s,2m,10m', { kind: 'list', delaysMs: [5_000, 30_000, 120_000, 600_000] }],
    ['list: 0s, 1.5s ,24h', { kind: 'list', delaysMs: [0, 1_500, 86_400_000] }],
    ['list:1m', { kind: 'list', delaysMs: [60_000] }],
  ])('%j', (text, expected) => {
    expect(parseRetrySchedule(text)).toEqual(expected);
  });

  it('the configured default (CALLBACK_RETRY_SCHEDULE) parses to the default schedule', () => {
    expect(parseRetrySchedule(new CommonEnv().CALLBACK_RETRY_SCHEDULE)).toEqual(DEFAULT_RETRY_SCHEDULE);
  });

  it.each<[string, string]>([
    ['', 'retry schedule is empty'],
    ['   ', 'retry schedule is empty'],
    ['fibonacci:1s', 'unknown retry schedule kind "fibonacci"'],
    ['Exponential', 'unknown retry schedule kind "Exponential"'],
    ['exponential:', 'empty item'],
    ['exponential:base=5s,,factor=2', 'empty item'],
    ['exponential:base', '"base" is not key=value'],
    ['exponential:base=', '"base=" is not key=value'],
    ['exponential:base=5s=6s', 'is not key=value'],
    ['exponential:step=5s', 'unknown exponential key "step"; allowed: base, factor, max, jitter'],
    ['exponential:base=5s,base=6s', 'exponential key "base" is given twice'],
    ['exponential:base=5', 'base "5" is not a duration'],
    ['exponential:base=0s', 'base "0s" must be from 1 ms to 24 h'],
    ['exponential:base=25h', 'base "25h" must be from 1 ms to 24 h'],
    ['exponential:max=2s', 'max "2s" is below base (5000 ms)'],
    ['exponential:base=1m,max=30s', 'max "30s" is below base (60000 ms)'],
    ['exponential:factor=0.5', 'factor "0.5" must be a number from 1 to 100'],
    ['exponential:factor=two', 'factor "two" must be a number'],
    ['exponential:jitter=1.2', 'jitter "1.2" must be a number from 0 to 1'],
    ['exponential:jitter=-0.1', 'jitter "-0.1" must be a number from 0 to 1'],
    ['list', 'a list schedule needs at least one delay'],
    ['list:', 'empty item'],
    ['list:5s,,30s', 'empty item'],
    ['list:5s,30', 'delay 2 "30" is not a duration'],
    ['list:5s,2d', 'delay 2 "2d" is not a duration'],
    ['list:48h', 'delay 1 "48h" must be from 0 ms to 24 h'],
  ])('%j → error %j', (text, message) => {
    const error = catchDeliverySettingError(() => parseRetrySchedule(text));
    expect(error.setting).toBe('retrySchedule');
    expect(error.message).toContain(message);
    expect(error.message).toContain('expected "exponential[');
  });
});
