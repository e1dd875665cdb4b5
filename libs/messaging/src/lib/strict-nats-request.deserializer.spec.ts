import { InvalidNatsRequestError, StrictNatsRequestDeserializer } from './strict-nats-request.deserializer';

const bytes = (text: string): Uint8Array => new TextEncoder().encode(text);
const deserializer = new StrictNatsRequestDeserializer();

describe('StrictNatsRequestDeserializer', () => {
  it.each([
    ['{"pattern":"s","data":{"a":1},"id":"7"}', { id: '7', pattern: 'subject.v1', data: { a: 1 } }],
    ['{"id":"7"}', { id: '7', pattern: 'subject.v1', data: undefined }],
    ['{"id":"7","data":null,"extra":true}', { id: '7', pattern: 'subject.v1', data: null }],
  ])('reads the request %s', (text, expected) => {
    expect(deserializer.deserialize(bytes(text), { channel: 'subject.v1' })).toEqual(expected);
  });

  it.each([
    ['', /not JSON/],
    ['{"id": ', /not JSON/],
    ['\u0000\u00ff', /not JSON/],
    ['[1,2]', /not a JSON object/],
    ['null', /not a JSON object/],
    ['"text"', /not a JSON object/],
    ['42', /not a JSON object/],
    ['{"data":{}}', /no request id/],
    ['{"id":""}', /no request id/],
    ['{"id":7}', /no request id/],
    [`{"id":"${'x'.repeat(129)}"}`, /no request id/],
  ])('refuses %j', (text, message) => {
    const read = (): unknown => deserializer.deserialize(bytes(text), { channel: 'subject.v1' });
    expect(read).toThrow(InvalidNatsRequestError);
    expect(read).toThrow(message);
  });
});
