import { NUL_CHARACTER } from './payload-limits';

/**
 * What makes a decoded JSON value unacceptable whatever its contract says: nesting deeper than
 * `maxDepth`, or a NUL character in any string or key. `null` when there is neither. Iterative (an explicit
 * stack), so the check itself cannot overflow the call stack it protects; it stops at the first problem.
 */
export function findPayloadProblem(value: unknown, maxDepth: number): string | null {
  const stack: Array<{ value: unknown; depth: number }> = [{ value, depth: 0 }];
  while (stack.length > 0) {
    const { value: current, depth } = stack.pop() as { value: unknown; depth: number };
    if (typeof current === 'string') {
      if (current.includes(NUL_CHARACTER)) return 'contains a NUL character (\\u0000)';
      continue;
    }
    if (typeof current !== 'object' || current === null) continue;
    if (depth + 1 > maxDepth) return `is nested deeper than ${maxDepth} levels`;
    if (Array.isArray(current)) {
      for (const item of current) stack.push({ value: item, depth: depth + 1 });
      continue;
    }
    for (const [key, item] of Object.entries(current)) {
      if (key.includes(NUL_CHARACTER)) return 'contains a NUL character (\\u0000)';
      stack.push({ value: item, depth: depth + 1 });
    }
  }
  return null;
}
