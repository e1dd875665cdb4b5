import { FilterSyntaxError } from '../filter-syntax.error';
import { readQueryString } from '../shared/read-query-string.util';
import { IncoplaxCollectionSchema } from './incoplax-query.types';
import { listIncoplaxPaths } from './list-incoplax-paths.util';
import { resolveIncoplaxPath } from './resolve-incoplax-path.util';

/**
 * `mask`: comma-separated field names to return (`id,code,opts.issync`); `undefined` = the whole entity.
 *
 * Returns canonical paths in the order first given, without duplicates, and without fields already
 * covered by a parent in the same mask (`opts,opts.title` → `opts`), so consumers can project blindly.
 */
export function parseIncoplaxMask(raw: unknown, schema: IncoplaxCollectionSchema): string[] | undefined {
  const text = readQueryString(raw, 'mask');
  if (text === undefined) return undefined;
  const paths: string[] = [];
  text.split(',').forEach((item, index) => {
    const name = item.trim();
    if (name === '') {
      throw new FilterSyntaxError(
        'mask',
        `mask item ${index + 1} is empty; separate field names with single commas, e.g. mask=id,code`,
      );
    }
    const resolved = resolveIncoplaxPath(schema, name);
    if (resolved === undefined) {
      throw new FilterSyntaxError(
        'mask',
        `unknown mask field "${name}"; allowed: ${listIncoplaxPaths(schema, 'mask').join(', ')}`,
      );
    }
    if (!paths.includes(resolved.path)) paths.push(resolved.path);
  });
  return paths.filter((path) => !paths.some((other) => path.startsWith(`${other}.`)));
}
