/** An answer other than 2xx, with the message of the Hookrelay error body (or the status text). */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}
