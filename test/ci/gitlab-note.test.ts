/** env comment --gitlab against a GitLab-like API: one note per marker, updated in place, paged. */
import * as fs from 'node:fs';
import * as http from 'node:http';
import { AddressInfo } from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import { EnvScriptRun, runEnvScriptAsync } from '../helpers/env-script';

interface Note {
  id: number;
  body: string;
}

function fakeGitLab(): Promise<{ url: string; notes: Note[]; requests: string[]; close: () => void }> {
  const notes: Note[] = [{ id: 1, body: 'LGTM' }, { id: 2, body: 'a second note, so the review note is on page two' }];
  const requests: string[] = [];
  const server = http.createServer((req, res) => {
    let text = '';
    req.on('data', (d: Buffer) => (text += d.toString()));
    req.on('end', () => {
      requests.push(`${req.method} ${req.url} ${req.headers['private-token']}`);
      const url = new URL(req.url ?? '/', 'http://x');
      const base = '/api/v4/projects/42/merge_requests/7/notes';
      res.setHeader('Content-Type', 'application/json');
      if (req.method === 'GET' && url.pathname === base) {
        const page = Number(url.searchParams.get('page') ?? 1);
        if (page === 1) res.setHeader('Link', `<http://${req.headers.host}${base}?per_page=100&sort=asc&page=2>; rel="next"`);
        res.end(JSON.stringify(page === 1 ? notes.slice(0, 1) : notes.slice(1)));
      } else if (req.method === 'POST' && url.pathname === base) {
        const note = { id: 100 + notes.length, body: (JSON.parse(text) as { body: string }).body };
        notes.push(note);
        res.end(JSON.stringify(note));
      } else if (req.method === 'PUT' && url.pathname.startsWith(`${base}/`)) {
        const note = notes.find((n) => n.id === Number(url.pathname.split('/').pop()))!;
        note.body = (JSON.parse(text) as { body: string }).body;
        res.end(JSON.stringify(note));
      } else {
        res.statusCode = 404;
        res.end('{}');
      }
    });
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve({ url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, notes, requests, close: () => server.close() })));
}

function comment(apiUrl: string, out: string, token = 'glpat-test'): Promise<EnvScriptRun> {
  return runEnvScriptAsync(['comment', '--review', '--gitlab', '--tier', 'stage', '--pr', '7', '--out', out], {
    env: { GITLAB_TOKEN: token, CI_API_V4_URL: `${apiUrl}/api/v4`, CI_PROJECT_ID: '42' },
  });
}

describe('env comment --review --gitlab', () => {
  it('creates the review note the first time, and updates that note after, found on a later page', async () => {
    const gitlab = await fakeGitLab();
    const out = fs.mkdtempSync(path.join(os.tmpdir(), 'branchenv-note-'));
    try {
      fs.writeFileSync(path.join(out, 'review.md'), '<!-- branchenv-review: stage -->\nfirst');
      const first = await comment(gitlab.url, out);
      expect([first.code, first.stderr, first.stdout]).toEqual([0, '', 'created note 102\n']);
      fs.writeFileSync(path.join(out, 'review.md'), '<!-- branchenv-review: stage -->\nsecond');
      expect((await comment(gitlab.url, out)).stdout).toBe('updated note 102\n');
      expect(gitlab.notes.map((n) => n.body)).toEqual(['LGTM', 'a second note, so the review note is on page two', '<!-- branchenv-review: stage -->\nsecond']);
      expect(gitlab.requests.filter((r) => r.startsWith('POST'))).toHaveLength(1);
      expect(gitlab.requests.every((r) => r.endsWith(' glpat-test'))).toBe(true);
    } finally {
      gitlab.close();
    }
  });

  it('says what token it needs when GitLab refuses it', async () => {
    const out = fs.mkdtempSync(path.join(os.tmpdir(), 'branchenv-note-'));
    fs.writeFileSync(path.join(out, 'review.md'), 'x');
    const server = http.createServer((_req, res) => {
      res.statusCode = 401;
      res.end('{}');
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      const result = await comment(`http://127.0.0.1:${(server.address() as AddressInfo).port}`, out);
      expect(result.code).toBe(1);
      expect(result.stderr).toMatch(/answered 401[\s\S]*GITLAB_TOKEN must be a project or personal access token with the api scope/);
    } finally {
      server.close();
    }
  });
});
