import { applyIncoplaxMask } from './apply-incoplax-mask.util';

const entity = (): Record<string, unknown> => ({
  id: 'b4680fbe-016c-d86f-1d6b-50e54938780c',
  code: 'ABCDE',
  type: 'public',
  token_local: '82ddc7c68623726346a78371173e2f8d',
  opts: { title: '', comment: '', allow_files_api: false, issync: false, roles: ['admin'] },
  ext: { ct: '2019-08-28T13:34:16.42Z', lwt: '2019-09-10T12:49:25.17Z' },
});

describe('applyIncoplaxMask', () => {
  it.each<[string[] | undefined, Record<string, unknown>]>([
    [undefined, entity()],
    [[], {}],
    [['id', 'code'], { id: 'b4680fbe-016c-d86f-1d6b-50e54938780c', code: 'ABCDE' }],
    [['opts.issync'], { opts: { issync: false } }],
    [['opts.title', 'ext.ct'], { opts: { title: '' }, ext: { ct: '2019-08-28T13:34:16.42Z' } }],
    [['opts.issync', 'opts.title'], { opts: { issync: false, title: '' } }],
    [['opts'], { opts: entity()['opts'] }],
    [['opts', 'opts.title'], { opts: entity()['opts'] }],
    [['opts.title', 'opts'], { opts: entity()['opts'] }],
    [['url'], {}],
    [['code.length'], {}],
    [['opts.userid', 'type'], { type: 'public' }],
  ])('%j → %j', (mask, expected) => {
    expect(applyIncoplaxMask(entity(), mask)).toEqual(expected);
  });

  it('never writes into the entity it reads', () => {
    const source = entity();
    const before = structuredClone(source);
    const masked = applyIncoplaxMask(source, ['opts.title', 'opts.issync']);
    (masked['opts'] as Record<string, unknown>)['title'] = 'changed';
    expect(source).toEqual(before);
    expect(applyIncoplaxMask(source, undefined)).not.toBe(source);
  });
});
