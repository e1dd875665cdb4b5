import { plainToInstance } from 'class-transformer';
import { validateSync, ValidationError } from 'class-validator';

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n  - ${problems.join('\n  - ')}`);
    this.name = 'ConfigError';
  }
}

type EnvClass<T> = new () => T;

function describe(errors: ValidationError[], env: Record<string, string | undefined>, secrets: Set<string>): string[] {
  return errors.flatMap((error) => {
    const raw = env[error.property];
    const shown = raw === undefined ? 'unset' : secrets.has(error.property) ? 'set, value hidden' : `"${raw.length > 60 ? `${raw.slice(0, 60)}…` : raw}"`;
    const reasons = Object.values(error.constraints ?? {}).join('; ');
    return [`${error.property} (${shown}): ${reasons}`];
  });
}

/**
 * The one place that reads process.env. Values are transformed (strings → numbers/booleans by the
 * env class's @Type/@Transform decorators) and validated; any problem stops boot with a message naming
 * every bad variable. Secret values are never echoed: env classes mark them with @Secret.
 */
export function loadConfig<T extends object>(envClass: EnvClass<T>, env: Record<string, string | undefined> = process.env): T {
  const defined = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ''));
  const instance = plainToInstance(envClass, defined, { enableImplicitConversion: false, exposeDefaultValues: true });
  const errors = validateSync(instance, { whitelist: false, forbidUnknownValues: false });
  if (errors.length > 0) {
    throw new ConfigError(describe(errors, env, secretKeysOf(envClass)));
  }
  return instance;
}

const SECRET_KEYS = Symbol('hookrelay:secret-env-keys');

/** Marks an env property as secret: a validation message shows *** instead of its value. */
export function Secret(): PropertyDecorator {
  return (target, key) => {
    const holder = target as { [SECRET_KEYS]?: Set<string> };
    const own = new Set(holder[SECRET_KEYS] ?? []);
    own.add(String(key));
    holder[SECRET_KEYS] = own;
  };
}

function secretKeysOf(envClass: EnvClass<object>): Set<string> {
  return (envClass.prototype as { [SECRET_KEYS]?: Set<string> })[SECRET_KEYS] ?? new Set();
}
