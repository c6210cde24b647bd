import * as fs from 'node:fs';
import * as http from 'node:http';
import { AddressInfo } from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import { fitComment, GITHUB_COMMENT_LIMIT, upsertComment } from '../../src/ci/github-comment';
import { UserError } from '../../src/errors/user-error';
import { EnvScriptRun, runEnvScriptAsync } from '../helpers/env-script';
import { sendJson, silentServer, stubServer } from '../helpers/http-stub';

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

function runComment(apiUrl: string, file: string): Promise<EnvScriptRun> {
  return runCommentWith(apiUrl, ['feature-x', '--set', 'demo', '--pr', '7', '--repo', 'acme/app', '--file', file]);
}

function runCommentWith(apiUrl: string, args: string[]): Promise<EnvScriptRun> {
  return runEnvScriptAsync(['comment', ...args], { env: { GITHUB_TOKEN: 'test-token', GITHUB_API_URL: apiUrl } });
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

  it('keeps the base plan in its own comment beside the env`s, read from the base`s folder, updated in place', async () => {
    const github = await fakeGitHub();
    try {
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'branchenv-comment-'));
      const envPlan = path.join(dir, 'plan.md');
      fs.writeFileSync(envPlan, `${marker}\n**3 to add**`);
      expect((await runComment(github.url, envPlan)).code).toBe(0);
      const baseMarker = '<!-- branchenv-base-plan: stage -->';
      const basePlan = path.join(dir, 'stacks', 'base-stage', 'plan.md');
      fs.mkdirSync(path.dirname(basePlan), { recursive: true });
      const base = ['--base', '--tier', 'stage', '--pr', '7', '--repo', 'acme/app', '--out', dir];
      fs.writeFileSync(basePlan, `${baseMarker}\nbase: **1 to change**`);
      const first = await runCommentWith(github.url, base);
      expect([first.code, first.stderr]).toEqual([0, '']);
      expect(first.stdout).toMatch(/^created comment 101 /);
      fs.writeFileSync(basePlan, `${baseMarker}\nbase: **2 to change**`);
      expect((await runCommentWith(github.url, base)).stdout).toMatch(/^updated comment 101/);
      expect(github.comments.map((c) => c.body).slice(-2)).toEqual([`${marker}\n**3 to add**`, `${baseMarker}\nbase: **2 to change**`]);
      const mixed = await runCommentWith(github.url, [...base, '--set', 'demo']);
      expect(mixed.code).toBe(1);
      expect(mixed.stderr).toMatch(/--base posts the base plan of a tier: it takes no env, --branch or --set/);
      fs.rmSync(basePlan);
      const missing = await runCommentWith(github.url, base);
      expect(missing.stderr).toMatch(/plan\.md does not exist[\s\S]*run env base plan --tier stage first/);
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
      await expect(upsertComment({ apiUrl: github.url, token: 'wrong', repo: 'acme/app', pr: 7 }, marker, 'x')).rejects.toMatchObject({
        message: expect.stringMatching(/answered 401$/),
        hint: 'check GITHUB_TOKEN and the job`s pull-requests: write permission',
      });
    } finally {
      github.close();
    }
  });

  it('leaves a body under the limit as it is', () => {
    expect(fitComment('short')).toEqual({ body: 'short', cut: false });
  });
});

describe('GitHub API failures', () => {
  const target = (host: string) => ({ apiUrl: `http://${host}`, token: 'test-token', repo: 'acme/app', pr: 7, retryDelayMs: 1 });
  const LIST = '/repos/acme/app/issues/7/comments';

  it('says when the rate limit resets, without retrying', async () => {
    const github = await stubServer((_req, res) =>
      sendJson(res, { message: 'API rate limit exceeded' }, { 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': '1893456000' }, 403),
    );
    try {
      const failure = upsertComment(target(github.host), marker, 'x');
      await expect(failure).rejects.toThrow(UserError);
      await expect(failure).rejects.toThrow(/^GitHub API rate limited, retry after 2030-01-01 00:00 UTC/);
      expect(github.requests).toHaveLength(1);
    } finally {
      await github.close();
    }
  });

  it('says how long Retry-After asks to wait on a 429', async () => {
    const github = await stubServer((_req, res) => sendJson(res, { message: 'slow down' }, { 'retry-after': '120' }, 429));
    try {
      await expect(upsertComment(target(github.host), marker, 'x')).rejects.toThrow(/^GitHub API rate limited, retry after 120 s/);
      expect(github.requests).toHaveLength(1);
    } finally {
      await github.close();
    }
  });

  it('retries a 502 and goes on with the answer that follows', async () => {
    let calls = 0;
    const github = await stubServer((req, res) => {
      if (req.method === 'GET') return ++calls === 1 ? sendJson(res, { message: 'Bad Gateway' }, {}, 502) : sendJson(res, []);
      sendJson(res, { id: 5, html_url: 'https://github.example/c/5' }, {}, 201);
    });
    try {
      await expect(upsertComment(target(github.host), marker, 'x')).resolves.toEqual(expect.objectContaining({ action: 'created', id: 5 }));
      expect(github.requests.map((r) => r.split(' ')[0])).toEqual(['GET', 'GET', 'POST']);
    } finally {
      await github.close();
    }
  });

  it('gives up on a 5xx after the attempts, and never retries another 4xx', async () => {
    const failing = await stubServer((_req, res) => sendJson(res, { message: 'boom' }, {}, 503));
    const refusing = await stubServer((req, res) => (req.method === 'GET' ? sendJson(res, []) : sendJson(res, { message: 'Validation Failed' }, {}, 422)));
    try {
      await expect(upsertComment({ ...target(failing.host), attempts: 3 }, marker, 'x')).rejects.toThrow(
        `GitHub GET ${failing.host}${LIST} answered 503 after 3 attempts`,
      );
      expect(failing.requests).toHaveLength(3);
      await expect(upsertComment(target(refusing.host), marker, 'x')).rejects.toThrow(`GitHub POST ${refusing.host}${LIST} answered 422`);
      expect(refusing.requests.map((r) => r.split(' ')[0])).toEqual(['GET', 'POST']);
    } finally {
      await failing.close();
      await refusing.close();
    }
  });

  it('never repeats a POST that failed with a 5xx: GitHub may have made the comment already', async () => {
    const github = await stubServer((req, res) => (req.method === 'GET' ? sendJson(res, []) : sendJson(res, { message: 'Bad Gateway' }, {}, 502)));
    try {
      await expect(upsertComment({ ...target(github.host), attempts: 3 }, marker, 'x')).rejects.toThrow(`GitHub POST ${github.host}${LIST} answered 502`);
      expect(github.requests.map((r) => r.split(' ')[0])).toEqual(['GET', 'POST']);
    } finally {
      await github.close();
    }
  });

  it('names the host that accepts the connection and never answers', async () => {
    const silent = await silentServer();
    try {
      await expect(upsertComment({ ...target(silent.host), timeoutMs: 200 }, marker, 'x')).rejects.toThrow(`${silent.host} did not answer within 0.2 s`);
    } finally {
      await silent.close();
    }
  });

  it('stops comment paging that loops or never ends', async () => {
    const looping = await stubServer((req, res, host) => sendJson(res, [], { link: `<http://${host}${LIST}?page=${req.url?.includes('page=2') ? 1 : 2}>; rel="next"` }));
    let page = 0;
    const endless = await stubServer((_req, res, host) => sendJson(res, [], { link: `<http://${host}${LIST}?page=${++page}>; rel="next"` }));
    try {
      await expect(upsertComment(target(looping.host), marker, 'x')).rejects.toThrow(`${looping.host}: comment list paging looped back to a page already seen`);
      await expect(upsertComment({ ...target(endless.host), maxPages: 5 }, marker, 'x')).rejects.toThrow(`${endless.host}: comment list paging did not end after 5 pages`);
      expect(endless.requests).toHaveLength(5);
    } finally {
      await looping.close();
      await endless.close();
    }
  });

  it('does not send the token to a next page on another host', async () => {
    const other = await stubServer((_req, res) => sendJson(res, []));
    const github = await stubServer((_req, res) => sendJson(res, [], { link: `<http://${other.host}${LIST}?page=2>; rel="next"` }));
    try {
      await expect(upsertComment(target(github.host), marker, 'x')).rejects.toThrow(`${github.host}: the comment list's next page is on another host (${other.host})`);
      expect(other.requests).toEqual([]);
    } finally {
      await github.close();
      await other.close();
    }
  });
});
