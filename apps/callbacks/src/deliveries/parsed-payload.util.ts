/** A stored body as the logs show it: parsed when it is JSON, else the text as sent. */
export function parsedPayload(payload: string): unknown {
  try {
    return JSON.parse(payload);
  } catch {
    return payload;
  }
}
