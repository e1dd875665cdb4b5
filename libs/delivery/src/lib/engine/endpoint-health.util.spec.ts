import { EndpointHealthState, nextEndpointHealth } from './endpoint-health.util';

const T0 = new Date('2026-01-01T00:00:00Z');
const at = (ms: number): Date => new Date(T0.getTime() + ms);
const failing = (since: number, paused: number | null = null): EndpointHealthState => ({ failingSince: at(since), pausedAt: paused === null ? null : at(paused), lastError: 'HTTP 500' });
const PAUSE_AFTER = 60_000;

describe('nextEndpointHealth', () => {
  it.each([
    ['healthy + success: no write', null, 'delivered', 0, null],
    ['healthy + failure: the streak starts', null, 'retry', 0, { failingSince: at(0), pausedAt: null, lastError: 'why' }],
    ['failing + failure within the window: no write', failing(0), 'retry', 59_999, null],
    ['failing + failure past the window: paused', failing(0), 'retry', 60_000, { failingSince: at(0), pausedAt: at(60_000), lastError: 'why' }],
    ['paused + failure: no write', failing(0, 60_000), 'retry', 90_000, null],
    ['failing + success: cleared', failing(0), 'delivered', 1_000, { failingSince: null, pausedAt: null, lastError: null }],
    ['paused + success (a recall got through): cleared', failing(0, 60_000), 'delivered', 90_000, { failingSince: null, pausedAt: null, lastError: null }],
    ['healthy + 410: paused at once', null, 'disable', 5, { failingSince: at(5), pausedAt: at(5), lastError: 'why' }],
    ['failing + 410: paused, the streak kept', failing(0), 'disable', 5, { failingSince: at(0), pausedAt: at(5), lastError: 'why' }],
    ['paused + 410: no write', failing(0, 1), 'disable', 5, null],
    ['blocked by our SSRF guard: not the endpoint\'s fault', null, 'fail', 0, null],
  ] as const)('%s', (_name, current, outcome, now, expected) => {
    expect(nextEndpointHealth(current, outcome, 'why', at(now), PAUSE_AFTER)).toEqual(expected);
  });
});
