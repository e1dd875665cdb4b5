/** The message to show for an error answer: the API's `message` (Hookrelay and DocStudio shapes), else a generic line. */
export function errorMessageOf(status: number, body: unknown, statusText = ''): string {
  if (body && typeof body === 'object' && 'message' in body) {
    const message = (body as { message: unknown }).message;
    if (typeof message === 'string' && message) return message;
    if (Array.isArray(message) && message.every((m) => typeof m === 'string')) return message.join('; ');
  }
  if (status === 0) return 'the gateway did not answer';
  return `HTTP ${status}${statusText ? ` ${statusText}` : ''}`;
}
