import { timeOrderedId } from './time-ordered-id.util';

describe('timeOrderedId', () => {
  it('is a version 7, variant 10 UUID', () => {
    for (let i = 0; i < 100; i++) expect(timeOrderedId()).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  });

  it.each([[0], [1_700_000_000_000], [281_474_976_710_655]])('encodes the millisecond %i in its first 48 bits', (ms) => {
    const id = timeOrderedId(ms);
    expect(parseInt(id.replace(/-/g, '').slice(0, 12), 16)).toBe(ms);
  });

  it('sorts by time', () => {
    const ids = [5, 1, 4, 2, 3].map((n) => timeOrderedId(1_700_000_000_000 + n));
    expect([...ids].sort()).toEqual([1, 2, 3, 4, 5].map((n) => ids[[5, 1, 4, 2, 3].indexOf(n)]));
  });
});
