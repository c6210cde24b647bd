import * as fs from 'node:fs';
import * as path from 'node:path';
import { upsertComment } from '../ci/github-comment';
import { upsertNote } from '../ci/gitlab-note';
import { UserError } from '../errors/user-error';
import { nameOf } from '../env/env-target';
import { baseStackId, envStackId } from '../names/stack-ids';
import { basePlanMarker } from '../report/base-plan-markdown';
import { reviewMarker } from '../report/review-markdown';
import { planMarker } from '../report/plan-markdown';
import type { CommentArgs } from './command-args';
import { selectorFromArgs } from './env-options';

/** The plan.md to post and the marker of its one comment: the tier's base, or an env. */
function commentTarget(args: CommentArgs): { file: string; marker: string; planCommand: string } {
  if (args.review) return { file: args.file ?? path.join(args.out, 'review.md'), marker: reviewMarker(args.tier), planCommand: `env review --tier ${args.tier}` };
  if (args.base) {
    return {
      file: args.file ?? path.join(args.out, 'stacks', baseStackId(args.tier), 'plan.md'),
      marker: basePlanMarker(args.tier),
      planCommand: `env base plan --tier ${args.tier}`,
    };
  }
  const set = args.set as string;
  const env = nameOf(selectorFromArgs(args, process.cwd())).name;
  return {
    file: args.file ?? path.join(args.out, 'stacks', envStackId(args.tier, set, env), 'plan.md'),
    marker: planMarker(args.tier, set, env),
    planCommand: `env plan ${env} --set ${set}`,
  };
}

/** A GitLab merge-request note instead (`--gitlab`): token and project from GitLab's job variables. */
async function postNote(args: CommentArgs, marker: string, body: string): Promise<void> {
  const token = process.env.GITLAB_TOKEN;
  if (!token) throw new UserError('GITLAB_TOKEN is not set', 'add a project access token with the api scope as the masked CI/CD variable GITLAB_TOKEN');
  const apiUrl = process.env.CI_API_V4_URL;
  const project = process.env.CI_PROJECT_ID;
  if (!apiUrl || !project) throw new UserError('CI_API_V4_URL and CI_PROJECT_ID are not set', 'run it in a GitLab CI job (merge request pipeline)');
  const result = await upsertNote({ apiUrl, token, project, mergeRequest: args.pr }, marker, body);
  process.stdout.write(`${result.action} note ${result.id}\n`);
}

export async function runComment(args: CommentArgs): Promise<void> {
  if (!Number.isInteger(args.pr) || args.pr < 1) throw new UserError(`--pr ${args.pr} is not a pull request number`, 'e.g. --pr 42');
  const { file, marker, planCommand } = commentTarget(args);
  if (!fs.existsSync(file)) throw new UserError(`${file} does not exist`, `run ${planCommand} first`);
  const text = fs.readFileSync(file, 'utf8');
  const body = text.includes(marker) ? text : `${marker}\n${text}`;
  if (args.gitlab) return postNote(args, marker, body);
  const token = process.env.GITHUB_TOKEN;
  if (!token) throw new UserError('GITHUB_TOKEN is not set', 'in a workflow: env: GITHUB_TOKEN: ${{ secrets.GITHUB_TOKEN }}');
  const repo = args.repo ?? process.env.GITHUB_REPOSITORY;
  if (!repo || !/^[^/\s]+\/[^/\s]+$/.test(repo)) throw new UserError('no repository to comment on', 'pass --repo owner/name (or set GITHUB_REPOSITORY)');
  const result = await upsertComment({ apiUrl: process.env.GITHUB_API_URL ?? 'https://api.github.com', token, repo, pr: args.pr }, marker, body);
  process.stdout.write(`${result.action} comment ${result.id}${result.url ? ` ${result.url}` : ''}${result.cut ? ' (cut to fit GitHub`s limit)' : ''}\n`);
}
