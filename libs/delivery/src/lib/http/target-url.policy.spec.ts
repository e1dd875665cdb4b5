import { TargetUrlPolicy } from './target-url.policy';

describe('TargetUrlPolicy: this platform\'s own origins', () => {
  const policy = TargetUrlPolicy.fromSettings(['127.0.0.0/8'], ['https://hookrelay.example.com/', 'http://hookrelay.example.com', 'http://127.0.0.1:3110']);

  it.each<[string, boolean]>([
    ['https://hookrelay.example.com/application/2/events', true],
    ['https://HOOKRELAY.example.com:443/x', true],
    ['https://hookrelay.example.com./x', true],
    ['https://hookrelay.example.com/api/v1/envelope/events?x=1#f', true],
    ['http://hookrelay.example.com:80/x', true],
    ['http://127.0.0.1:3110/application/1/events', true],
    ['http://2130706433:3110/', true],
    ['http://0x7f.1:3110/', true],
    ['https://hookrelay.example.com:8443/x', false],
    ['https://other.example.com/x', false],
    ['https://api.hookrelay.example.com/x', false],
    ['http://127.0.0.1:3111/', false],
    ['https://127.0.0.1:3110/', false],
  ])('%s refused as this platform: %s', (url, refused) => {
    const reason = policy.refusalOf(url);
    if (refused) expect(reason).toMatch(/is refused: target is this platform/);
    else expect(reason).toBeNull();
  });

  it('still judges the address first', () => {
    expect(policy.refusalOf('http://10.0.0.1/')).toBe('10.0.0.1 is refused: private (10.0.0.0/8)');
    expect(policy.refusalOf('not a url')).toBe('not a valid absolute URL');
  });

  it('without public URLs nothing is refused as this platform', () => {
    expect(TargetUrlPolicy.fromSettings([]).refusalOf('https://hookrelay.example.com/')).toBeNull();
  });
});
