import { maskSecret, SECRET_MASK } from './mask-secret.util';

describe('maskSecret', () => {
  it.each([
    ['', ''],
    ['a', SECRET_MASK],
    ['hunter2', SECRET_MASK],
    ['fifteen-chars!!', SECRET_MASK],
    ['sixteen-chars!!!', `${SECRET_MASK}s!!!`],
    ['0123456789abcdef0123456789abcdef', `${SECRET_MASK}cdef`],
    ['Bearer eyJhbGciOiJIUzI1NiJ9.payload.sig', `${SECRET_MASK}.sig`],
  ])('%j → %j', (value, masked) => {
    expect(maskSecret(value)).toBe(masked);
  });
});
