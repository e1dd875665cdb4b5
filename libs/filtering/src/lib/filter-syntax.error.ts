/** The query parameters a {@link FilterSyntaxError} can blame. */
export type FilterQueryParam =
  | 'filter' | 'mask' | 'order' | 'offset' | 'limit' | 'flat' | 'sort' | 'dir'
  // The delivery log of /hookrelay/v1 (one parameter per filter) and its keyset cursor.
  | 'state' | 'application_state' | 'source' | 'close_reason' | 'subscription_id' | 'id' | 'created_from' | 'created_to' | 'before';

/**
 * The one error every parser in this lib throws for bad client input.
 *
 * Edges map it to their API's 400 body; `field` lets them point at the offending query parameter
 * without parsing the message, and the message is written to be shown to the API user as is.
 */
export class FilterSyntaxError extends Error {
  override readonly name = 'FilterSyntaxError';

  constructor(
    readonly field: FilterQueryParam,
    message: string,
  ) {
    super(message);
  }
}
