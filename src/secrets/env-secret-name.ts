/** The check of an env secret's name, with a message that says what is allowed. */
import { UserError } from '../errors/user-error';
import { ENV_SECRET_NAME, ENV_SECRET_NAME_RULE } from '../names/env-resource-names';

/**
 * Throws a UserError unless `name` matches ENV_SECRET_NAME.
 * @param quote name the word in the message; false where it may be a mistyped value (`secrets set`)
 */
export function checkEnvSecretName(name: string, quote = true): string {
  if (!ENV_SECRET_NAME.test(name)) {
    throw new UserError(
      quote ? `"${name}" is not an env secret name` : 'the secret name is not valid (not repeated here, in case it was the value)',
      `a name must ${ENV_SECRET_NAME_RULE}, e.g. STRIPE_KEY or api-key`,
    );
  }
  return name;
}

/** `branchenv/<tier>/<set>/<env>/secrets/` + NAME */
export function envSecretId(prefix: string, name: string): string {
  return `${prefix}${checkEnvSecretName(name)}`;
}
