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
      const constraints = { ...error.constraints };
      if (constraints.whitelistValidation) unknown.push(`unknown field "${path.join('.')}"`);
      delete constraints.whitelistValidation;
      // "nested property x must be either object or array" only repeats what the type rule says better.
      if (Object.keys(constraints).length > 1) delete constraints.nestedValidation;
      const basic = Object.values(constraints).at(-1);
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
