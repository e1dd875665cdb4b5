import { FilterSyntaxError } from './filter-syntax.error';

describe('FilterSyntaxError', () => {
  it('is an Error that names the query parameter and keeps the message', () => {
    const error = new FilterSyntaxError('mask', 'unknown mask field "foo"');
    expect(error).toBeInstanceOf(Error);
    expect(error).toBeInstanceOf(FilterSyntaxError);
    expect(error).toMatchObject({ name: 'FilterSyntaxError', field: 'mask', message: 'unknown mask field "foo"' });
  });
});
