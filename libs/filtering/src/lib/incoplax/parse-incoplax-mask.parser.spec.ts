import { catchFilterSyntaxError } from '../../testing/catch-filter-syntax-error';
import { INCOPLAX_INTEGRATION_POINT_SCHEMA as schema } from './incoplax-integration-point.schema';
import { parseIncoplaxMask } from './parse-incoplax-mask.parser';

// The list of mask fields exactly as the vendor page prints it.
const SEED_MASK =
  'id, code, type, tokenlocal, tokenremote, tokenremote2, recv_svcscriptcode, recv_svcscriptcode_ws, ' +
  'send_svcscriptcode, send_svcscriptcode_ws, opts.title, opts.allow_files_api, opts.issync, ext.lwt, ext.ct';

describe('parseIncoplaxMask', () => {
  it.each<[unknown, string[] | undefined]>([
    [undefined, undefined],
    ['', undefined],
    ['id', ['id']],
    ['id,code', ['id', 'code']],
    [' id , code ', ['id', 'code']],
    ['code,id,code', ['code', 'id']],
    ['tokenlocal,tokenremote,tokenremote2', ['token_local', 'token_remote', 'token_remote2']],
    ['token_local,tokenlocal', ['token_local']],
    ['opts', ['opts']],
    ['opts.roles,token_remote', ['opts.roles', 'token_remote']],
    ['opts.issync,ext.ct', ['opts.issync', 'ext.ct']],
    ['opts.title,id,opts', ['id', 'opts']],
    ['opts,opts.issync', ['opts']],
    [
      SEED_MASK,
      [
        'id',
        'code',
        'type',
        'token_local',
        'token_remote',
        'token_remote2',
        'recv_svcscriptcode',
        'recv_svcscriptcode_ws',
        'send_svcscriptcode',
        'send_svcscriptcode_ws',
        'opts.title',
        'opts.allow_files_api',
        'opts.issync',
        'ext.lwt',
        'ext.ct',
      ],
    ],
  ])('%j → %j', (raw, expected) => {
    expect(parseIncoplaxMask(raw, schema)).toEqual(expected);
  });

  it.each<[unknown, string]>([
    ['foo', 'unknown mask field "foo"; allowed: id, code, type, token_local'],
    ['id,foo', 'unknown mask field "foo"'],
    ['opts.foo', 'unknown mask field "opts.foo"; allowed: '],
    ['ID', 'unknown mask field "ID"'],
    ['opts.', 'unknown mask field "opts."'],
    ['id,,code', 'mask item 2 is empty; separate field names with single commas'],
    ['id,', 'mask item 2 is empty'],
    [',id', 'mask item 1 is empty'],
    [['id', 'code'], 'mask was given more than once'],
  ])('%j → error %j', (raw, message) => {
    const error = catchFilterSyntaxError(() => parseIncoplaxMask(raw, schema));
    expect(error.field).toBe('mask');
    expect(error.message).toContain(message);
  });

  it('lists parent fields among the allowed names, since a parent selects its sub-object', () => {
    const error = catchFilterSyntaxError(() => parseIncoplaxMask('foo', schema));
    expect(error.field).toBe('mask');
    expect(error.message).toContain('send_svcscriptcode_ws, opts, opts.title');
  });
});
