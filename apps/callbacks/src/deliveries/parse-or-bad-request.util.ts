import { ServiceErrorCode, ServiceException } from '@hookrelay/contracts';
import { FilterSyntaxError } from '@hookrelay/filtering';

/** Runs a parser of the filtering lib; its FilterSyntaxError becomes the 400 every API answers with. */
export function parseOrBadRequest<T>(parse: () => T): T {
  try {
    return parse();
  } catch (error) {
    if (error instanceof FilterSyntaxError) throw new ServiceException(ServiceErrorCode.BadRequest, error.message);
    throw error;
  }
}
