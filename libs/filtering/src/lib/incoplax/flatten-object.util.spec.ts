import { flattenObject } from './flatten-object.util';

const ct = new Date('2019-08-28T13:34:16.42Z');

describe('flattenObject', () => {
  it.each<[string, Record<string, unknown>, string | undefined, Record<string, unknown>]>([
    ['a flat object stays as it is', { id: 'x', code: 'ABCDE' }, undefined, { id: 'x', code: 'ABCDE' }],
    [
      'the seed entity',
      { id: 'x', opts: { title: '', issync: false }, ext: { ct: '2019-08-28T13:34:16.42Z' } },
      undefined,
      { id: 'x', 'opts.title': '', 'opts.issync': false, 'ext.ct': '2019-08-28T13:34:16.42Z' },
    ],
    ['deep nesting', { a: { b: { c: 1 } } }, undefined, { 'a.b.c': 1 }],
    ['arrays stay values', { opts: { roles: ['admin', 'user'] } }, undefined, { 'opts.roles': ['admin', 'user'] }],
    ['null stays a value', { opts: { userid: null } }, undefined, { 'opts.userid': null }],
    ['Dates stay values', { ext: { ct } }, undefined, { 'ext.ct': ct }],
    ['empty objects stay values', { opts: {} }, undefined, { opts: {} }],
    ['with a prefix', { title: '', issync: true }, 'opts', { 'opts.title': '', 'opts.issync': true }],
    ['empty input', {}, undefined, {}],
  ])('%s', (_label, input, prefix, expected) => {
    expect(flattenObject(input, prefix)).toEqual(expected);
  });
});
