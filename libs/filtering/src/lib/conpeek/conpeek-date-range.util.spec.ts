import { parseDateTimeSpan } from '../shared/parse-date-time-span.util';
import { ConpeekOperator } from './conpeek-query.types';
import { conpeekDateRange } from './conpeek-date-range.util';

const SECOND = parseDateTimeSpan('2026-11-29 18:48:21');
const at = (iso: string): number => Date.parse(iso);
const keeps = (range: { from?: number; until?: number }, t: number): boolean =>
  (range.from === undefined || t >= range.from) && (range.until === undefined || t < range.until);

describe('conpeekDateRange: "2026-11-29 18:48:21" stands for the whole second', () => {
  it.each<['eq' | ConpeekOperator, string, boolean]>([
    ['lte', '2026-11-29T18:48:21.700Z', true],
    ['lte', '2026-11-29T18:48:21.999Z', true],
    ['lte', '2026-11-29T18:48:22.000Z', false],
    ['gt', '2026-11-29T18:48:21.700Z', false],
    ['gt', '2026-11-29T18:48:22.000Z', true],
    ['lt', '2026-11-29T18:48:21.700Z', false],
    ['lt', '2026-11-29T18:48:21.000Z', false],
    ['lt', '2026-11-29T18:48:20.999Z', true],
    ['gte', '2026-11-29T18:48:21.000Z', true],
    ['gte', '2026-11-29T18:48:21.700Z', true],
    ['gte', '2026-11-29T18:48:20.999Z', false],
    ['eq', '2026-11-29T18:48:21.000Z', true],
    ['eq', '2026-11-29T18:48:21.700Z', true],
    ['eq', '2026-11-29T18:48:22.000Z', false],
    ['eq', '2026-11-29T18:48:20.999Z', false],
  ])('%s keeps %s: %s', (op, instant, expected) => {
    if (SECOND === null) throw new Error('the fixture date must parse');
    expect(keeps(conpeekDateRange(op, SECOND), at(instant))).toBe(expected);
  });

  it('gives the bounds as epoch milliseconds', () => {
    if (SECOND === null) throw new Error('the fixture date must parse');
    expect(conpeekDateRange('eq', SECOND)).toEqual({ from: at('2026-11-29T18:48:21Z'), until: at('2026-11-29T18:48:22Z') });
    expect(conpeekDateRange('gt', SECOND)).toEqual({ from: at('2026-11-29T18:48:22Z') });
    expect(conpeekDateRange('lt', SECOND)).toEqual({ until: at('2026-11-29T18:48:21Z') });
  });
});
