import { urlForTrace } from './url-for-trace.util';

describe('urlForTrace', () => {
  it.each([
    ['https://hooks.example/in', 'https://hooks.example/in', 'hooks.example'],
    ['https://hooks.example:8443/in?key=s3cret&x=1', 'https://hooks.example:8443/in', 'hooks.example'],
    ['https://hooks.example/in#frag', 'https://hooks.example/in', 'hooks.example'],
    ['https://user:pw@hooks.example/a/b', 'https://hooks.example/a/b', 'hooks.example'],
    ['http://[::1]:8080/x?token=t', 'http://[::1]:8080/x', '[::1]'],
    ['not a url', '[invalid url]', ''],
  ])('%s → %s', (raw, full, host) => {
    expect(urlForTrace(raw)).toEqual({ full, host });
  });
});
