import { ConsoleFiles, relativeConsolePath } from './console-files';
import { consoleDirFrom } from './console-dir.util';

describe('relativeConsolePath', () => {
  it.each<[string, string | null]>([
    ['/console', ''],
    ['/console/', ''],
    ['/console/deliveries', 'deliveries'],
    ['/console/deliveries/dlv_1', 'deliveries/dlv_1'],
    ['/console//assets//index-abc.js', 'assets/index-abc.js'],
    ['/console/assets/index-abc.js', 'assets/index-abc.js'],
    ['/consoles', null],
    ['/docs', null],
    ['/console/../package.json', null],
    ['/console/%2e%2e/%2e%2e/package.json', null],
    ['/console/assets/%2e%2e%2f%2e%2e%2fpackage.json', null],
    ['/console/.env', null],
    ['/console/a%00b', null],
    ['/console/a%5cb', null],
    ['/console/%E0%A4%A', null],
  ])('%s → %s', (path, expected) => {
    expect(relativeConsolePath(path)).toBe(expected);
  });
});

describe('ConsoleFiles without a build', () => {
  it('answers 503 with a message that says how to build, for the page and for assets', () => {
    const files = new ConsoleFiles('/nonexistent/hookrelay-console-build');
    for (const path of ['/console', '/console/deliveries', '/console/assets/index.js']) {
      expect(files.lookup(path)).toEqual({ kind: 'missing', status: 503, message: expect.stringContaining('npm run build') });
    }
  });
});

describe('consoleDirFrom', () => {
  it('uses CONSOLE_DIR when set, else dist/apps/console relative to the built gateway', () => {
    expect(consoleDirFrom('/srv/console')).toBe('/srv/console');
    expect(consoleDirFrom(undefined)).toMatch(/\/apps\/console$/);
  });
});
