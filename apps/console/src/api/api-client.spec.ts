import { toQueryString } from './api-client';

describe('toQueryString', () => {
  it('leaves out empty values and encodes the rest', () => {
    expect(toQueryString({ a: 'x y', b: undefined, c: null, d: '', e: 5, f: false })).toBe('?a=x+y&e=5&f=false');
    expect(toQueryString({})).toBe('');
  });
});
