import type { IncomingMessage } from 'node:http';
import { originalMethod } from './lookup-marker';

function request(method: string | undefined, marker?: string): IncomingMessage {
  return { method, headers: marker === undefined ? {} : { 'x-hookrelay-original-method': marker } } as IncomingMessage;
}

describe('originalMethod', () => {
  it.each([
    ['renamed by the front', request('SEARCH', 'LOOKUP'), 'LOOKUP'],
    ['a genuine SEARCH', request('SEARCH'), 'SEARCH'],
    ['a marker on another method (never produced by the front)', request('GET', 'LOOKUP'), 'GET'],
    ['a marker the front did not write', request('SEARCH', 'LOOKUP, LOOKUP'), 'SEARCH'],
    ['a request without a method', request(undefined), ''],
  ])('%s', (_name, req, expected) => {
    expect(originalMethod(req)).toBe(expected);
  });
});
