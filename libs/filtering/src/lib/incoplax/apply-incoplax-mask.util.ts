import { isPlainObject } from '../shared/is-plain-object.util';

/**
 * Keeps only the masked paths of an entity, preserving nesting: `opts.issync` gives `{opts:{issync}}`,
 * a parent such as `opts` keeps the whole sub-object. Paths the entity lacks are left out.
 * `undefined` mask = everything. Apply before {@link flattenObject}.
 *
 * Returns a new object and never mutates `entity`; selected sub-objects are shared, not deep-copied.
 */
export function applyIncoplaxMask(
  entity: Record<string, unknown>,
  mask: readonly string[] | undefined,
): Record<string, unknown> {
  if (mask === undefined) return { ...entity };
  // Dropping children of selected parents keeps every intermediate object below one we created,
  // so writing a child can never land inside a sub-object shared with `entity`.
  const paths = mask.filter((path) => !mask.some((other) => path.startsWith(`${other}.`)));
  const result: Record<string, unknown> = {};
  for (const path of paths) {
    const segments = path.split('.');
    let source: unknown = entity;
    let found = true;
    for (const segment of segments) {
      if (!isPlainObject(source) || !Object.hasOwn(source, segment)) {
        found = false;
        break;
      }
      source = source[segment];
    }
    if (found) writePath(result, segments, source);
  }
  return result;
}

function writePath(target: Record<string, unknown>, segments: readonly string[], value: unknown): void {
  let node = target;
  for (const segment of segments.slice(0, -1)) {
    const next = node[segment];
    if (isPlainObject(next)) {
      node = next;
    } else {
      const created: Record<string, unknown> = {};
      node[segment] = created;
      node = created;
    }
  }
  node[segments[segments.length - 1]] = value;
}
