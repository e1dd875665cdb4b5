import { keyFromAuthorization } from './api-key.guard';
import { parseApiKeys } from '../config/gateway.env';

describe('keyFromAuthorization', () => {
  it.each([
    ['hr_abc', 'hr_abc'],
    ['Bearer hr_abc', 'hr_abc'],
    ['bearer   hr_abc', 'hr_abc'],
    ['  hr_abc  ', 'hr_abc'],
    [undefined, null],
    ['', null],
    ['Bearer', 'Bearer'],
    ['Basic dXNlcjpwYXNz extra', null],
    ['two words', null],
  ])('%j → %j', (header, key) => {
    expect(keyFromAuthorization(header)).toBe(key);
  });
});

describe('parseApiKeys', () => {
  it.each([
    [undefined, []],
    ['acme:0123456789abcdef', [{ tenant: 'acme', key: '0123456789abcdef', role: 'admin' }]],
    ['acme:0123456789abcdef:read,beta:fedcba9876543210:admin', [
      { tenant: 'acme', key: '0123456789abcdef', role: 'read' },
      { tenant: 'beta', key: 'fedcba9876543210', role: 'admin' },
    ]],
  ])('%j', (value, expected) => {
    expect(parseApiKeys(value)).toEqual(expected);
  });
});
