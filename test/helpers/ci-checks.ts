/**
 * Independent checks of generated CI files: the providers' own JSON schemas (read from
 * ../shared/schemas/ci when that folder exists), GitLab's rules:if regex literals, yamllint and
 * shellcheck on every shell block. Each check says when it cannot run (a missing schema folder or
 * tool) instead of passing silently.
 */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import Ajv, { ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';
import { parseDocument } from 'yaml';

export type CiKind = 'github' | 'gitlab' | 'circleci';

export const SCHEMA_DIR = path.resolve(__dirname, '../../../shared/schemas/ci');
export const SCHEMAS_PRESENT = fs.existsSync(path.join(SCHEMA_DIR, 'gitlab-ci.json'));

function onPath(tool: string): boolean {
  return spawnSync(tool, ['--version'], { stdio: 'ignore' }).status === 0;
}
export const SHELLCHECK_PRESENT = onPath('shellcheck');
export const YAMLLINT_PRESENT = onPath('yamllint');

/** Strict YAML: duplicate keys and syntax errors fail. */
export function parseCi(text: string): Record<string, unknown> {
  const doc = parseDocument(text, { uniqueKeys: true, merge: true });
  if (doc.errors.length > 0) throw new Error(doc.errors.map((e) => e.message).join('\n'));
  return doc.toJS({ maxAliasCount: 1000 }) as Record<string, unknown>;
}

const validators = new Map<CiKind, ValidateFunction>();
const readSchema = (name: string): object => JSON.parse(fs.readFileSync(path.join(SCHEMA_DIR, name), 'utf8')) as object;

function validatorFor(kind: CiKind): ValidateFunction {
  let validate = validators.get(kind);
  if (!validate) {
    // Draft-07 schemas from different authors, some with keywords of their own.
    const ajv = new Ajv({ allErrors: true, strict: false, allowUnionTypes: true });
    addFormats(ajv);
    if (kind === 'circleci') {
      // SchemaStore's circleciconfig.json refers to CircleCI's official schema by URL.
      ajv.addSchema(readSchema('circleci-yaml-language-server.schema.json'), 'https://raw.githubusercontent.com/CircleCI-Public/circleci-yaml-language-server/refs/heads/main/schema.json');
    }
    validate = ajv.compile(readSchema({ github: 'github-workflow.json', gitlab: 'gitlab-ci.json', circleci: 'circleciconfig.json' }[kind]));
    validators.set(kind, validate);
  }
  return validate;
}

/**
 * Schema errors of a parsed CI file. One documented gap of GitLab's schema is bridged: it wants a
 * URI in environment:url where GitLab accepts a variable (a dynamic URL from a dotenv report).
 */
export function schemaErrors(kind: CiKind, config: Record<string, unknown>): string[] {
  const checked = structuredClone(config);
  if (kind === 'gitlab') {
    for (const job of Object.values(checked)) {
      const env = (job as { environment?: { url?: string } } | null)?.environment;
      if (env && typeof env === 'object' && typeof env.url === 'string' && env.url.startsWith('$')) env.url = 'https://dynamic.invalid';
    }
  }
  const validate = validatorFor(kind);
  if (validate(checked)) return [];
  return (validate.errors ?? []).map((e) => `${e.instancePath || '/'}: ${e.message} (${e.schemaPath})`);
}

/**
 * Problems of the regex literals in a GitLab `rules:if`: GitLab reads /…/ up to the first unescaped
 * "/", so a "/" inside a pattern must be written "\/"; what follows the literal must end the
 * comparison, and the pattern must compile.
 */
export function gitlabIfProblems(expression: string): string[] {
  const problems: string[] = [];
  for (const match of expression.matchAll(/[=!]~\s*/g)) {
    const rest = expression.slice(match.index + match[0].length);
    if (rest.startsWith('$')) continue;
    if (!rest.startsWith('/')) {
      problems.push(`no regex literal after ${match[0].trim()}`);
      continue;
    }
    let end = 1;
    while (end < rest.length && rest[end] !== '/') end += rest[end] === '\\' ? 2 : 1;
    if (end >= rest.length) {
      problems.push(`unterminated regex literal in ${expression}`);
      continue;
    }
    const after = rest.slice(end + 1).replace(/^[ismU]*/, '');
    if (!/^\s*($|&&|\|\||\))/.test(after)) problems.push(`the literal ends early at an unescaped "/", leaving "${after.trim()}"`);
    try {
      new RegExp(rest.slice(1, end).replace(/\\\//g, '/'));
    } catch (error) {
      problems.push((error as Error).message);
    }
  }
  return problems;
}

/** Every `rules:if` of a GitLab configuration (workflow and jobs), with where it is. */
export function gitlabRuleIfs(config: Record<string, unknown>): { where: string; expression: string }[] {
  const found: { where: string; expression: string }[] = [];
  for (const [name, value] of Object.entries(config)) {
    const rules = (value as { rules?: { if?: string }[] } | null)?.rules;
    if (!Array.isArray(rules)) continue;
    rules.forEach((rule, i) => {
      if (typeof rule?.if === 'string') found.push({ where: `${name}.rules[${i}]`, expression: rule.if });
    });
  }
  return found;
}

export interface ShellBlock {
  readonly name: string;
  readonly shell: 'bash' | 'sh';
  readonly body: string;
}

/** Every shell block of a CI file: GitHub `run:`, GitLab script lines per job, CircleCI `run` steps. */
export function shellBlocks(kind: CiKind, config: Record<string, unknown>): ShellBlock[] {
  const blocks: ShellBlock[] = [];
  if (kind === 'github') {
    for (const [job, value] of Object.entries((config.jobs ?? {}) as Record<string, { steps?: { run?: string; name?: string }[] }>)) {
      (value.steps ?? []).forEach((step, i) => {
        // ${{ … }} is replaced before the shell runs; a plain word stands in for it.
        if (typeof step.run === 'string') blocks.push({ name: `${job}[${i}]`, shell: 'bash', body: step.run.replace(/\$\{\{[\s\S]*?\}\}/g, 'EXPR') });
      });
    }
  } else if (kind === 'gitlab') {
    for (const [job, value] of Object.entries(config)) {
      const j = value as { image?: string; before_script?: string[]; script?: string[] } | null;
      if (!j || typeof j !== 'object' || Array.isArray(j)) continue;
      // Alpine-based images (docker:*, alpine) run scripts with sh.
      const shell = /^(docker|alpine)(:|$)/.test(String(j.image ?? '')) ? 'sh' : 'bash';
      for (const key of ['before_script', 'script'] as const) {
        if (Array.isArray(j[key])) blocks.push({ name: `${job}.${key}`, shell, body: j[key].join('\n') });
      }
    }
  } else {
    const runs = (steps: unknown[] | undefined, where: string) =>
      (steps ?? []).forEach((step, i) => {
        const run = typeof step === 'object' && step !== null ? (step as { run?: string | { command?: string } }).run : undefined;
        const body = typeof run === 'string' ? run : run?.command;
        if (typeof body === 'string') blocks.push({ name: `${where}[${i}]`, shell: 'bash', body: body.replace(/<<\s*pipeline\.[^>]*>>/g, 'PARAM') });
      });
    for (const [name, c] of Object.entries((config.commands ?? {}) as Record<string, { steps?: unknown[] }>)) runs(c.steps, `commands.${name}`);
    for (const [name, j] of Object.entries((config.jobs ?? {}) as Record<string, { steps?: unknown[] }>)) runs(j.steps, `jobs.${name}`);
  }
  return blocks;
}

function withFiles<T>(files: { name: string; content: string }[], run: (paths: string[]) => T): T {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ci-check-'));
  try {
    const paths = files.map((f, i) => {
      const file = path.join(dir, `${String(i).padStart(3, '0')}-${f.name.replace(/[^A-Za-z0-9_.-]+/g, '_')}`);
      fs.writeFileSync(file, f.content);
      return file;
    });
    return run(paths);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

/** shellcheck's warnings and errors (`-S warning`), one line each; GitLab runs `set -eo pipefail` first. */
export function shellcheckFindings(blocks: readonly ShellBlock[]): string[] {
  if (blocks.length === 0) return [];
  return withFiles(
    blocks.map((b) => ({ name: `${b.name}.sh`, content: `# shellcheck shell=${b.shell}\n${b.body}\n` })),
    (paths) => {
      const run = spawnSync('shellcheck', ['-S', 'warning', '-f', 'gcc', ...paths], { encoding: 'utf8' });
      return run.stdout.split('\n').filter((l) => /: (warning|error):/.test(l)).map((l) => l.replace(/^.*\/\d{3}-/, ''));
    },
  );
}

/** yamllint errors with every style rule off: syntax and duplicate keys. */
export function yamllintErrors(text: string): string[] {
  return withFiles([{ name: 'ci.yml', content: text }], ([file]) => {
    const run = spawnSync('yamllint', ['-f', 'parsable', '-d', '{rules: {key-duplicates: enable}}', file], { encoding: 'utf8' });
    return run.stdout.split('\n').filter((l) => l.includes('[error]'));
  });
}
