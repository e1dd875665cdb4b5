import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';

const ROOT = join(__dirname, '../..');

/** The Nx target that runs each tier's files (jest.preset.js picks the files by TEST_TIER; tools/scripts/test.sh runs the targets). */
const TIERS = [
  { suffix: '.spec.ts', target: 'test' },
  { suffix: '.int-spec.ts', target: 'integration' },
  { suffix: '.e2e-spec.ts', target: 'e2e' },
] as const;

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    if (entry.name === 'node_modules' || entry.name === 'dist') return [];
    const path = join(dir, entry.name);
    return entry.isDirectory() ? filesUnder(path) : [path];
  });
}

function tierOf(file: string): (typeof TIERS)[number] | undefined {
  return TIERS.find((tier) => file.endsWith(tier.suffix));
}

/**
 * `npm test` runs `nx run-many -t test|integration|e2e`: a project without the target of a tier never runs that
 * tier's files, silently. Every test file must be in a project whose project.json has the target of its tier.
 */
describe('test tiers', () => {
  const projects = ['apps', 'libs', 'tools'].flatMap((top) => readdirSync(join(ROOT, top), { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => join(ROOT, top, entry.name))
    .filter((dir) => readdirSync(dir).includes('project.json')));

  it('finds the projects and their test files', () => {
    expect(projects.map((dir) => relative(ROOT, dir))).toEqual(expect.arrayContaining(['apps/gateway', 'apps/callbacks', 'libs/delivery', 'tools/architecture']));
  });

  it.each(projects.map((dir) => [relative(ROOT, dir), dir]))('%s has the Nx target of every tier it has files of', (_name, dir) => {
    const targets = Object.keys((JSON.parse(readFileSync(join(dir, 'project.json'), 'utf8')) as { targets?: Record<string, unknown> }).targets ?? {});
    const missing = filesUnder(dir)
      .map((file) => ({ file: relative(ROOT, file), tier: tierOf(file) }))
      .filter(({ tier }) => tier !== undefined && !targets.includes(tier.target))
      .map(({ file, tier }) => `${file} needs the "${tier!.target}" target`);
    expect(missing).toEqual([]);
  });
});
