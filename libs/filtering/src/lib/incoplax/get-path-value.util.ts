import { isPlainObject } from '../shared/is-plain-object.util';

/**
 * Reads a dotted path from an entity, nested (`{opts:{title}}`) or already flattened (`{"opts.title"}`),
 * so in-memory filtering and sorting work on either form. `undefined` when the path is absent.
 */
export function getPathValue(entity: Record<string, unknown>, path: string): unknown {
  if (Object.hasOwn(entity, path)) return entity[path];
  let current: unknown = entity;
  for (const segment of path.split('.')) {
    if (!isPlainObject(current) || !Object.hasOwn(current, segment)) return undefined;
    current = current[segment];
  }
  return current;
}
