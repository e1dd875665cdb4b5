/**
 * Keyset cursors as clients see them: opaque base64url text of a JSON array (the last row's sort key), so
 * clients pass them back without building or reading them. decode gives null for anything we did not make.
 */
export const opaqueCursor = {
  encode(values: ReadonlyArray<string | number>): string {
    return Buffer.from(JSON.stringify(values), 'utf8').toString('base64url');
  },
  decode(text: string): unknown[] | null {
    if (text.length === 0 || text.length > 400 || !/^[A-Za-z0-9_-]+$/.test(text)) return null;
    try {
      const parsed: unknown = JSON.parse(Buffer.from(text, 'base64url').toString('utf8'));
      return Array.isArray(parsed) ? parsed : null;
    } catch {
      return null;
    }
  },
};
