import { IncoplaxCollectionSchema, IncoplaxValueKind } from './incoplax-query.types';

/**
 * A client-given field name mapped onto the schema: a leaf with its kind, a leaf only `mask` may name,
 * or a parent of leaves.
 */
export type ResolvedIncoplaxPath =
  | { readonly path: string; readonly kind: IncoplaxValueKind }
  | { readonly path: string; readonly kind: 'maskOnly' }
  | { readonly path: string; readonly kind: 'object' };

/** Maps a field name (alias or canonical, dotted) to its canonical path; `undefined` if the schema lacks it. */
export function resolveIncoplaxPath(schema: IncoplaxCollectionSchema, name: string): ResolvedIncoplaxPath | undefined {
  // hasOwn, not `in` or `?.[]`: names come from clients, and "constructor" must not resolve to Object's.
  const aliases = schema.aliases ?? {};
  const path = Object.hasOwn(aliases, name) ? aliases[name] : name;
  if (Object.hasOwn(schema.fields, path)) return { path, kind: schema.fields[path] };
  const maskOnly = schema.maskOnlyFields ?? [];
  if (maskOnly.includes(path)) return { path, kind: 'maskOnly' };
  const prefix = `${path}.`;
  if ([...Object.keys(schema.fields), ...maskOnly].some((field) => field.startsWith(prefix))) {
    return { path, kind: 'object' };
  }
  return undefined;
}
