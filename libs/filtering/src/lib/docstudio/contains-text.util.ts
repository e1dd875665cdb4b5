/** A "contains" filter part: true when it is not set (`null`), else when `text` contains it. Fold case first. */
export function containsText(wanted: string | null, text: string): boolean {
  return wanted === null || text.includes(wanted);
}
