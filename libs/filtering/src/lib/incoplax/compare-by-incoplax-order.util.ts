import { getPathValue } from './get-path-value.util';
import { IncoplaxOrderItem, IncoplaxValueKind } from './incoplax-query.types';
import { toEpochMillis } from './to-epoch-millis.util';

/**
 * A comparator for `Array.prototype.sort` that orders entities by the parsed `order`, first key first.
 *
 * Missing and null values sort last in both directions (SQL `NULLS LAST`), which is what a reader of
 * a list expects and what repositories should ask their database for. Strings compare by code unit,
 * like a binary collation. Entities equal on every key keep their input order (sort is stable).
 */
export function compareByIncoplaxOrder(
  order: readonly IncoplaxOrderItem[],
): (a: Record<string, unknown>, b: Record<string, unknown>) => number {
  return (a, b) => {
    for (const { path, kind, direction } of order) {
      const x = sortableValue(getPathValue(a, path), kind);
      const y = sortableValue(getPathValue(b, path), kind);
      if (x === undefined || y === undefined) {
        if (x === undefined && y === undefined) continue;
        return x === undefined ? 1 : -1;
      }
      const result = compareValues(x, y);
      if (result !== 0) return direction === 'desc' ? -result : result;
    }
    return 0;
  };
}

function sortableValue(value: unknown, kind: IncoplaxValueKind): string | number | boolean | undefined {
  if (kind === 'datetime') return toEpochMillis(value);
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') return value;
  return undefined;
}

function compareValues(x: string | number | boolean, y: string | number | boolean): number {
  // A mismatched type only occurs when data disagrees with the schema; compare as text to stay total.
  const [left, right] = typeof x === typeof y ? [x, y] : [String(x), String(y)];
  if (left < right) return -1;
  if (left > right) return 1;
  return 0;
}
