import { IncoplaxCollectionSchema } from './incoplax-query.types';

/**
 * The canonical field names a parameter accepts, for "allowed: …" error messages.
 * For `mask` that includes mask-only fields and each parent (`opts`), listed just before its first child.
 */
export function listIncoplaxPaths(schema: IncoplaxCollectionSchema, parameter: 'filter' | 'order' | 'mask'): string[] {
  const fields = Object.keys(schema.fields);
  if (parameter !== 'mask') return fields;
  const names: string[] = [];
  for (const field of [...fields, ...(schema.maskOnlyFields ?? [])]) {
    const segments = field.split('.');
    for (let depth = 1; depth < segments.length; depth++) {
      const parent = segments.slice(0, depth).join('.');
      if (!names.includes(parent)) names.push(parent);
    }
    names.push(field);
  }
  return names;
}
