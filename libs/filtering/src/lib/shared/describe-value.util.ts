const MAX_LENGTH = 60;

/** Renders client input for an error message: JSON-ish, and short enough never to flood a 400 body. */
export function describeValue(value: unknown): string {
  const text = render(value);
  return text.length > MAX_LENGTH ? `${text.slice(0, MAX_LENGTH - 1)}…` : text;
}

function render(value: unknown): string {
  if (value === undefined) return 'nothing';
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? 'an invalid date' : value.toISOString();
  try {
    // The lib typing says string, but functions and symbols stringify to undefined.
    const json = JSON.stringify(value) as string | undefined;
    if (json !== undefined) return json;
  } catch {
    // Cyclic structures and BigInts cannot be JSON; client input parsed from JSON never is either.
  }
  return `a ${typeof value}`;
}
