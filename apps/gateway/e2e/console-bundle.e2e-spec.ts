import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { gzipSync } from 'node:zlib';

// The console's budget (issue #12): the JavaScript and CSS a browser downloads stay within 300 kB gzipped.
// Reads the build `npm run build` makes (the e2e tier runs after it), so a heavy dependency fails here.
const BUILD = resolve(__dirname, '../../../dist/apps/console');
const BUDGET_BYTES = 300 * 1024;

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? files(path) : [path];
  });
}

describe('console bundle', () => {
  it('is built, and its JavaScript + CSS weigh at most 300 kB gzipped', () => {
    const shipped = files(BUILD).filter((f) => /\.(m?js|css)$/.test(f));
    expect(shipped.some((f) => f.endsWith('.js'))).toBe(true);
    const gzipped = shipped.reduce((sum, f) => sum + gzipSync(readFileSync(f), { level: 9 }).length, 0);
    expect(gzipped).toBeLessThanOrEqual(BUDGET_BYTES);
  });

  it('index.html loads nothing from another origin and has no inline script or style', () => {
    const html = readFileSync(join(BUILD, 'index.html'), 'utf8');
    expect(html).not.toMatch(/(src|href)="(https?:)?\/\//);
    expect(html).not.toMatch(/<script(?![^>]*\bsrc=)[^>]*>/);
    expect(html).not.toMatch(/<style|style="/);
  });
});
