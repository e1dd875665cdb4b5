import { consolePath, deliveryPath, matchRoute } from './route.util';

describe('matchRoute', () => {
  it.each([
    ['/console', { page: 'overview' }],
    ['/console/', { page: 'overview' }],
    ['/console/sign-in', { page: 'sign-in' }],
    ['/console/deliveries', { page: 'deliveries' }],
    ['/console/deliveries/', { page: 'deliveries' }],
    ['/console/deliveries/dlv%2F1', { page: 'delivery', id: 'dlv/1' }],
    ['/console/deliveries/%E0%A4%A', { page: 'delivery', id: '%E0%A4%A' }],
    ['/console/subscriptions', { page: 'subscriptions' }],
    ['/console/replays', { page: 'replays' }],
    ['/console/events', { page: 'events' }],
    ['/console/nope', { page: 'not-found' }],
    ['/console/deliveries/a/b', { page: 'not-found' }],
    ['/consoles', { page: 'not-found' }],
    ['/docs', { page: 'not-found' }],
  ])('%s', (path, expected) => {
    expect(matchRoute(path)).toEqual(expected);
  });

  it('consolePath prefixes the base', () => {
    expect(consolePath('/deliveries')).toBe('/console/deliveries');
    expect(consolePath('replays')).toBe('/console/replays');
    expect(deliveryPath('a/b c')).toBe('/console/deliveries/a%2Fb%20c');
    expect(matchRoute(deliveryPath('a/b c'))).toEqual({ page: 'delivery', id: 'a/b c' });
  });
});
