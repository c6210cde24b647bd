import { BaseDefinition } from './base-definition';

const GITHUB_REPOSITORY = /^[A-Za-z0-9-]+\/[A-Za-z0-9._-]+$/;
const GITLAB_PROJECT = /^[A-Za-z0-9._-]+(\/[A-Za-z0-9._-]+)+$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** Problems of a base's `ci`: the repository, project or ids in the form the provider's tokens carry them. */
export function baseCiProblems(def: BaseDefinition, add: (path: string, message: string) => void): void {
  const ci = def.ci;
  if (!ci) return;
  if (ci.provider === 'github') {
    if (!GITHUB_REPOSITORY.test(ci.repository)) add('ci.repository', `"${ci.repository}" is not a GitHub repository owner/name`);
  } else if (ci.provider === 'gitlab') {
    if (!GITLAB_PROJECT.test(ci.project)) add('ci.project', `"${ci.project}" is not a GitLab project path group/project`);
    if (ci.url !== undefined && !/^https:\/\/[a-z0-9.-]+(:\d+)?$/.test(ci.url)) add('ci.url', `"${ci.url}" is not the https:// address of a GitLab instance (no path, no trailing slash)`);
  } else if (ci.provider === 'circleci') {
    if (!UUID.test(ci.organizationId)) add('ci.organizationId', `"${ci.organizationId}" is not a CircleCI organization id (a UUID: Organization Settings → Overview)`);
    if (!UUID.test(ci.projectId)) add('ci.projectId', `"${ci.projectId}" is not a CircleCI project id (a UUID: Project Settings → Overview)`);
  } else {
    add('ci.provider', `"${(ci as { provider: string }).provider}" is not github, gitlab or circleci`);
  }
}
