import { INCOPLAX_INTEGRATION_POINT_SCHEMA as schema } from './incoplax-integration-point.schema';
import { listIncoplaxPaths } from './list-incoplax-paths.util';
import { ResolvedIncoplaxPath, resolveIncoplaxPath } from './resolve-incoplax-path.util';

describe('resolveIncoplaxPath', () => {
  it.each<[string, ResolvedIncoplaxPath | undefined]>([
    ['code', { path: 'code', kind: 'string' }],
    ['opts.issync', { path: 'opts.issync', kind: 'boolean' }],
    ['ext.ct', { path: 'ext.ct', kind: 'datetime' }],
    ['tokenlocal', { path: 'token_local', kind: 'string' }],
    ['tokenremote2', { path: 'token_remote2', kind: 'maskOnly' }],
    ['opts.roles', { path: 'opts.roles', kind: 'maskOnly' }],
    ['opts', { path: 'opts', kind: 'object' }],
    ['op', undefined],
    ['opts.', undefined],
    ['constructor', undefined],
    ['toString', undefined],
    ['__proto__', undefined],
  ])('%j → %j', (name, expected) => {
    expect(resolveIncoplaxPath(schema, name)).toEqual(expected);
  });
});

describe('listIncoplaxPaths', () => {
  const schemaAB = {
    fields: { id: 'string', 'a.b.c': 'number', 'a.d': 'string' },
    maskOnlyFields: ['secret', 'z.list'],
    defaultLimit: 1,
    maxLimit: 1,
  } as const;

  it.each<['filter' | 'order' | 'mask', string[]]>([
    ['filter', ['id', 'a.b.c', 'a.d']],
    ['order', ['id', 'a.b.c', 'a.d']],
    ['mask', ['id', 'a', 'a.b', 'a.b.c', 'a.d', 'secret', 'z', 'z.list']],
  ])('%s → %j', (parameter, expected) => {
    expect(listIncoplaxPaths(schemaAB, parameter)).toEqual(expected);
  });

  it('resolves a parent whose only children are mask-only', () => {
    expect(resolveIncoplaxPath(schemaAB, 'z')).toEqual({ path: 'z', kind: 'object' });
  });
});
