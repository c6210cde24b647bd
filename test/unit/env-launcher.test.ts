import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { PROJECT_ROOT } from '../helpers/env-script';

// scripts/env-launcher.js runs dist/bundle/env.js with V8's code cache. V8 checks a cache only
// against the source's length, so an edit of the same length must not run the old code.
describe('the env script launcher', () => {
  it('runs the bundle as it is now, after an edit that keeps its length', () => {
    const root = fs.mkdtempSync(path.join(os.tmpdir(), 'branchenv-launcher-'));
    fs.mkdirSync(path.join(root, 'scripts'));
    fs.mkdirSync(path.join(root, 'dist', 'bundle'), { recursive: true });
    fs.copyFileSync(path.join(PROJECT_ROOT, 'scripts', 'env-launcher.js'), path.join(root, 'scripts', 'env-launcher.js'));
    const bundle = path.join(root, 'dist', 'bundle', 'env.js');
    const run = () => execFileSync(process.execPath, [path.join(root, 'scripts', 'env-launcher.js')], { encoding: 'utf8' });

    fs.writeFileSync(bundle, "process.stdout.write('shards: 4');\n");
    expect(run()).toBe('shards: 4');
    expect(run()).toBe('shards: 4'); // now from the cache written by the first run
    expect(fs.existsSync(`${bundle}.v8cache`)).toBe(true);

    fs.writeFileSync(bundle, "process.stdout.write('shards: 5');\n");
    const later = new Date(fs.statSync(`${bundle}.v8cache`).mtimeMs + 1000);
    fs.utimesSync(bundle, later, later);
    expect(run()).toBe('shards: 5');
  });
});
