import { ingestQuotaSettings, INGEST_RATE_OVERRIDES_PATTERN } from './ingest-quota.settings';

describe('ingestQuotaSettings', () => {
  it.each([
    ['rate and burst', 100, 300, undefined, { ratePerSecond: 100, burst: 300 }],
    ['no burst: two seconds of rate', 100, undefined, undefined, { ratePerSecond: 100, burst: 200 }],
    ['rate 0: unlimited', 0, 300, undefined, null],
  ])('default limit: %s', (_name, rate, burst, overrides, expected) => {
    expect(ingestQuotaSettings(rate, burst, overrides).defaultLimit).toEqual(expected);
  });

  it('reads overrides by tenant name, each with its own burst or two seconds of its rate, 0 lifting the limit', () => {
    const { overrides } = ingestQuotaSettings(10, 20, 'acme:1000,small.co:5:7,free:0');
    expect([...overrides]).toEqual([
      ['acme', { ratePerSecond: 1000, burst: 2000 }],
      ['small.co', { ratePerSecond: 5, burst: 7 }],
      ['free', null],
    ]);
  });

  it.each([
    ['acme:1000', true],
    ['acme:1000:50,b-2:3', true],
    ['acme', false],
    ['acme:-1', false],
    ['acme:1.5', false],
    ['acme:10,', false],
    ['a b:10', false],
  ])('pattern: %s → %s', (value, valid) => {
    expect(INGEST_RATE_OVERRIDES_PATTERN.test(value)).toBe(valid);
  });
});
