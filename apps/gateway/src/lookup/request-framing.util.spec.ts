import { BodyFraming, FramingFields, decideFraming, emptyFramingFields } from './request-framing.util';

function fields(values: Partial<FramingFields>): FramingFields {
  return { ...emptyFramingFields(), ...values };
}

// Each row was checked against Node 20's llhttp: `opaque` rows are rejected by it or end HTTP on the connection
// (the front must never say `opaque` where llhttp keeps parsing); where llhttp rejects but the front follows
// a body instead, that is noted (harmless: the connection dies anyway).
const TABLE: Array<[string, string, Partial<FramingFields>, BodyFraming['kind'] | number]> = [
  ['no framing headers', 'POST', {}, 'none'],
  ['Content-Length', 'POST', { 'content-length': ['12'] }, 12],
  ['Content-Length with OWS and leading zeros', 'GET', { 'content-length': ['007 '] }, 7],
  ['Content-Length 0', 'POST', { 'content-length': ['0'] }, 'none'],
  ['Content-Length past 2^53', 'POST', { 'content-length': ['99999999999999999999'] }, 'opaque'],
  ['Content-Length with a sign', 'POST', { 'content-length': ['+5'] }, 'opaque'],
  ['Content-Length list', 'POST', { 'content-length': ['5, 5'] }, 'opaque'],
  ['empty Content-Length', 'POST', { 'content-length': [''] }, 'opaque'],
  ['two Content-Length fields', 'POST', { 'content-length': ['5', '5'] }, 'opaque'],
  ['chunked', 'POST', { 'transfer-encoding': ['chunked'] }, 'chunked'],
  ['Chunked, any case and OWS', 'POST', { 'transfer-encoding': ['  CHUNKED '] }, 'chunked'],
  ['gzip, chunked', 'POST', { 'transfer-encoding': ['gzip ,chunked'] }, 'chunked'],
  ['codings over two fields', 'POST', { 'transfer-encoding': ['identity', 'chunked'] }, 'chunked'],
  ['empty list elements', 'POST', { 'transfer-encoding': [',chunked'] }, 'chunked'],
  ['chunked then gzip', 'POST', { 'transfer-encoding': ['chunked', 'gzip'] }, 'opaque'],
  ['chunked twice (llhttp rejects)', 'POST', { 'transfer-encoding': ['chunked, chunked'] }, 'chunked'],
  ['chunked then HTAB is an unknown coding to llhttp', 'POST', { 'transfer-encoding': ['chunked\t'] }, 'opaque'],
  ['unknown "chunked<HTAB>" coding, then chunked', 'POST', { 'transfer-encoding': ['chunked\t, chunked'] }, 'chunked'],
  ['trailing comma', 'POST', { 'transfer-encoding': ['chunked,'] }, 'opaque'],
  ['gzip only', 'POST', { 'transfer-encoding': ['gzip'] }, 'opaque'],
  ['chunked with parameters', 'POST', { 'transfer-encoding': ['chunked;q=1'] }, 'opaque'],
  ['Content-Length and Transfer-Encoding', 'POST', { 'content-length': ['3'], 'transfer-encoding': ['chunked'] }, 'opaque'],
  ['CONNECT', 'CONNECT', {}, 'opaque'],
  ['Upgrade with Connection: upgrade', 'GET', { upgrade: ['websocket'], connection: ['Upgrade'] }, 'opaque'],
  ['Upgrade with upgrade among other tokens', 'GET', { upgrade: ['h2c'], connection: ['close', ',\tupgrade '] }, 'opaque'],
  ['Upgrade with Proxy-Connection: upgrade', 'GET', { upgrade: ['x'], 'proxy-connection': ['upgrade'] }, 'opaque'],
  ['Upgrade with Connection: "upgrade<HTAB>" (not the keyword to llhttp)', 'GET', { upgrade: ['x'], connection: ['upgrade\t'] }, 'none'],
  ['Upgrade with Connection: "upgrade ,x"', 'GET', { upgrade: ['x'], connection: ['upgrade ,x'] }, 'opaque'],
  ['Upgrade alone', 'GET', { upgrade: ['websocket'], 'content-length': ['2'] }, 2],
  ['Connection: upgrade alone', 'GET', { connection: ['upgrade'] }, 'none'],
  ['empty Upgrade', 'GET', { upgrade: [''], connection: ['upgrade'] }, 'none'],
  ['upgrade not a list element', 'GET', { upgrade: ['websocket'], connection: ['close\tupgrade', 'upgradex'] }, 'none'],
];

describe('decideFraming', () => {
  // A number as the expected answer means a Content-Length body of that many bytes.
  it.each(TABLE)('%s', (_name, method, values, expected) => {
    const framing = decideFraming(method, fields(values));
    expect(framing.kind === 'length' ? framing.length : framing.kind).toBe(expected);
  });
});
