import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as http from 'node:http';
import { AddressInfo } from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import { fitComment, GITHUB_COMMENT_LIMIT, upsertComment } from '../../src/ci/github-comment';
import { ENV_SCRIPT } from '../helpers/env-script';

interface Comment {
  id: number;
  body: string;
}

/** Enough of the GitHub REST API: issue comments, paged two per page, with a token check. */
function fakeGitHub(): Promise<{ url: string; comments: Comment[]; requests: string[]; close: () => void }> {
  const comments: Comment[] = [
    { id: 1, body: 'LGTM' },
    { id: 2, body: 'another review comment' },
    { id: 3, body: 'a third one, so the plan comment is on page two' },
  ];
  const requests: string[] = [];
  let nextId = 100;
  const server = http.createServer((req, res) => {
    let raw = '';
    req.on('data', (d: Buffer) => (raw += d.toString()));
    req.on('end', () => {
      requests.push(`${req.method} ${req.url}`);
      const send = (status: number, body: unknown, headers: Record<string, string> = {}) => {
        res.writeHead(status, { 'content-type': 'application/json', ...headers });
        res.end(JSON.stringify(body));
      };
      if (req.headers.authorization !== 'Bearer test-token') return send(401, { message: 'Bad credentials' });
      const url = new URL(req.url ?? '/', 'http://x');
      const list = /^\/repos\/acme\/app\/issues\/7\/comments$/.exec(url.pathname);
      if (list && req.method === 'GET') {
        const page = Number(url.searchParams.get('page') ?? 1);
        const slice = comments.slice((page - 1) * 2, page * 2);
        const more = page * 2 < comments.length;
        return send(200, slice, more ? { link: `<http://${req.headers.host}/repos/acme/app/issues/7/comments?per_page=2&page=${page + 1}>; rel="next"` } : {});
      }
      if (list && req.method === 'POST') {
        const comment = { id: nextId++, body: JSON.parse(raw).body as string };
        comments.push(comment);
        return send(201, { ...comment, html_url: `https://github.example/acme/app/pull/7#issuecomment-${comment.id}` });
      }
      const one = /^\/repos\/acme\/app\/issues\/comments\/(\d+)$/.exec(url.pathname);
      if (one && req.method === 'PATCH') {
        const comment = comments.find((c) => c.id === Number(one[1]));
        if (!comment) return send(404, { message: 'Not Found' });
        comment.body = JSON.parse(raw).body;
        return send(200, comment);
      }
      send(404, { message: 'Not Found' });
    });
  });
  return new Promise((resolve) =>
    server.listen(0, '127.0.0.1', () =>
      resolve({ url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, comments, requests, close: () => server.close() }),
    ),
  );
}

const marker = '<!-- branchenv-plan: stage/demo/feature-x -->';

function runComment(apiUrl: string, file: string): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(ENV_SCRIPT, ['comment', 'feature-x', '--set', 'demo', '--pr', '7', '--repo', 'acme/app', '--file', file], {
      env: { ...process.env, GITHUB_TOKEN: 'test-token', GITHUB_API_URL: apiUrl },
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('exit', (code) => resolve({ code, stdout, stderr }));
  });
}

describe('env comment against a GitHub-like API', () => {
  it('creates the comment the first time and updates that same comment the second time', async () => {
    const github = await fakeGitHub();
    try {
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'branchenv-comment-'));
      const file = path.join(dir, 'plan.md');
      fs.writeFileSync(file, `${marker}\n**3 to add**`);
      const first = await runComment(github.url, file);
      expect(first.stderr).toBe('');
      expect(first.stdout).toMatch(/^created comment 100 /);
      fs.writeFileSync(file, `${marker}\n**1 to change**`);
      const second = await runComment(github.url, file);
      expect(second.stdout).toMatch(/^updated comment 100/);
      const mine = github.comments.filter((c) => c.body.includes(marker));
      expect(mine).toEqual([{ id: 100, body: `${marker}\n**1 to change**` }]);
      expect(github.requests.filter((r) => r.startsWith('POST'))).toHaveLength(1);
      expect(github.requests.filter((r) => r.startsWith('PATCH'))).toEqual(['PATCH /repos/acme/app/issues/comments/100']);
    } finally {
      github.close();
    }
  });

  it('cuts a plan over GitHub`s limit and says so, keeping the marker', async () => {
    const github = await fakeGitHub();
    try {
      const huge = `${marker}\n<details><summary>Full plan</summary>\n\n\`\`\`\n${'+ resource line\n'.repeat(8000)}\`\`\`\n</details>\n`;
      const result = await upsertComment({ apiUrl: github.url, token: 'test-token', repo: 'acme/app', pr: 7 }, marker, huge);
      expect(result).toEqual(expect.objectContaining({ action: 'created', cut: true }));
      const body = github.comments.find((c) => c.id === result.id)!.body;
      expect(body.length).toBeLessThanOrEqual(GITHUB_COMMENT_LIMIT);
      expect(body.startsWith(marker)).toBe(true);
      expect(body).toMatch(/… cut \d+ characters to fit GitHub's 65,536-character limit/);
      expect((body.match(/```/g) ?? []).length % 2).toBe(0);
      expect(body).toContain('</details>');
    } finally {
      github.close();
    }
  });

  it('says what to fix when the token is refused', async () => {
    const github = await fakeGitHub();
    try {
      await expect(upsertComment({ apiUrl: github.url, token: 'wrong', repo: 'acme/app', pr: 7 }, marker, 'x')).rejects.toThrow(
        /answered 401 \(check GITHUB_TOKEN and the job`s pull-requests: write permission\)/,
      );
    } finally {
      github.close();
    }
  });

  it('leaves a body under the limit as it is', () => {
    expect(fitComment('short')).toEqual({ body: 'short', cut: false });
  });
});
