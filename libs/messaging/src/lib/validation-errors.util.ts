import { ValidationError } from 'class-validator';

/**
 * Flattens class-validator errors into user-facing lines with the field's path
 * ("opts.recv_timeout must not be less than 100"), one line per field: the first decorator written on
 * a property is its most basic rule (type/required), and class-validator lists it last, so that one is
 * kept. Unknown fields come after the real problems. The command wrapper's own properties (body, query)
 * are not part of what the user sent, so they are dropped from paths.
 */
export function describeValidationErrors(errors: ValidationError[], wrappers: ReadonlySet<string> = new Set(['body', 'query'])): string[] {
  const problems: string[] = [];
  const unknown: string[] = [];
  const walk = (list: ValidationError[], parents: string[]): void => {
    for (const error of list) {
      const isWrapper = parents.length === 0 && wrappers.has(error.property);
      const path = isWrapper ? [] : [...parents, error.property];
      const messages = Object.values(error.constraints ?? {});
      const unknownField = messages.find((m) => /^property \S+ should not exist$/.test(m));
      if (unknownField) unknown.push(`unknown field "${path.join('.')}"`);
      const basic = messages.filter((m) => m !== unknownField).at(-1);
      if (basic) problems.push(rewrite(basic, error.property, path, isWrapper));
      if (error.children?.length) walk(error.children, path);
    }
  };
  walk(errors, []);
  return [...new Set([...problems, ...unknown])];
}

function rewrite(message: string, property: string, path: string[], isWrapper: boolean): string {
  if (isWrapper) return message.replace(/^(body|query) /, 'request body ');
  const full = path.join('.');
  return message.startsWith(`${property} `) ? `${full}${message.slice(property.length)}` : message;
}
