import { isPlainObject } from '../shared/is-plain-object.util';

/**
 * The `flat=true` form: nested plain objects become dotted keys (`{opts:{title:""}}` → `{"opts.title":""}`).
 * Arrays, `null`, Dates and empty objects stay values, so nothing is lost.
 * `prefix` names the object being flattened, for flattening a sub-object on its own.
 */
export function flattenObject(entity: Record<string, unknown>, prefix = ''): Record<string, unknown> {
  const flat: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(entity)) {
    const name = prefix === '' ? key : `${prefix}.${key}`;
    if (isPlainObject(value) && Object.keys(value).length > 0) Object.assign(flat, flattenObject(value, name));
    else flat[name] = value;
  }
  return flat;
}
