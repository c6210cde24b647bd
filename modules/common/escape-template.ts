/**
 * Terraform reads every string in its JSON configuration as a template: `${…}` interpolates and
 * `%{…}` is a directive. A value that came from a user (a branch, an env value, a secret name) must
 * reach Terraform as written, so both openings are doubled (`$${`, `%%{`), Terraform's own escape.
 */
export function escapeTemplate(value: string): string {
  return value.replace(/([$%])\{/g, (_match, sigil: string) => `${sigil}${sigil}{`);
}
