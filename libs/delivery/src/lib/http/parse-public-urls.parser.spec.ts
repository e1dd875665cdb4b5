import { parsePublicUrls } from './parse-public-urls.parser';

describe('parsePublicUrls (HOOKRELAY_PUBLIC_URLS)', () => {
  it.each<[string, string[]]>([
    ['', []],
    ['  ', []],
    ['https://hookrelay.example.com', ['https://hookrelay.example.com']],
    ['https://Hookrelay.Example.com:443/base/path', ['https://hookrelay.example.com']],
    [' https://a.example , http://a.example:8080 ', ['https://a.example', 'http://a.example:8080']],
    ['http://[::1]:3000', ['http://[::1]:3000']],
    ['http://2130706433:3000', ['http://127.0.0.1:3000']],
    ['https://a.example.', ['https://a.example']],
  ])('%j → %j', (text, expected) => {
    expect(parsePublicUrls(text)).toEqual(expected);
  });

  it.each<[string, RegExp]>([
    ['hookrelay.example.com', /item 1 "hookrelay.example.com" is not an absolute URL/],
    ['https://a.example,', /item 2 "" is not an absolute URL/],
    ['ftp://a.example', /not an http\(s\) URL/],
    ['https://u:p@a.example', /without credentials/],
  ])('%j is refused', (text, message) => {
    expect(() => parsePublicUrls(text)).toThrow(message);
  });
});
