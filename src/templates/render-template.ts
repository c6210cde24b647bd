import * as fs from 'node:fs';
import Handlebars from 'handlebars';
import { templatePath } from './template-path';

const compiled = new Map<string, Handlebars.TemplateDelegate>();

/**
 * Renders `src/templates/<name>` with Handlebars, compiled once per process. No HTML escaping (the
 * outputs are YAML, JSON and shell) and strict: a field the template names but the context lacks
 * is an error, not an empty string.
 */
export function renderTemplate(name: string, context: object): string {
  let template = compiled.get(name);
  if (!template) {
    template = Handlebars.compile(fs.readFileSync(templatePath(name), 'utf8'), { noEscape: true, strict: true });
    compiled.set(name, template);
  }
  return template(context);
}
