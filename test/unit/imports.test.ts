import * as fs from 'node:fs';
import * as path from 'node:path';

const root = path.resolve(__dirname, '../..');

function sourceFiles(dir: string): string[] {
  return fs.readdirSync(path.join(root, dir), { withFileTypes: true }).flatMap((entry) => {
    const rel = path.join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(rel);
    return entry.name.endsWith('.ts') ? [rel] : [];
  });
}

const files = ['src', 'modules', 'stage', 'prod', 'test', 'scripts'].filter((d) => fs.existsSync(path.join(root, d))).flatMap(sourceFiles);

describe('imports', () => {
  it('never import the root of @cdktf/provider-aws (2.7 s and 500 MB), only lib/<resource>', () => {
    const offenders = files.filter((f) => /from\s+['"]@cdktf\/provider-aws['"]|require\(['"]@cdktf\/provider-aws['"]\)/.test(fs.readFileSync(path.join(root, f), 'utf8')));
    expect(files.length).toBeGreaterThan(20);
    expect(offenders).toEqual([]);
  });

  it('keep definitions free of CDKTF: stage/ and prod/ import only definition types', () => {
    const defs = files.filter((f) => f.startsWith('stage/') || f.startsWith('prod/'));
    for (const f of defs) {
      const imports = [...fs.readFileSync(path.join(root, f), 'utf8').matchAll(/from\s+['"]([^'"]+)['"]/g)].map((m) => m[1]);
      for (const i of imports) expect(i).toMatch(/src\/definitions\//);
    }
  });

  it('read the process environment only at the entries', () => {
    // The CLI and the CDKTF app, the benchmark, and each Lambda function's handler module.
    const entries = ['src/app.ts', 'scripts/bench.ts', 'src/lambda/database-provisioner/index.ts', 'src/lambda/task-runner/index.ts'];
    const readers = files
      .filter((f) => !f.startsWith('test/') && !entries.includes(f) && !f.startsWith('src/cli/'))
      .filter((f) => /process\.env\b/.test(fs.readFileSync(path.join(root, f), 'utf8').replace(/^\s*(\/\/|\*).*$/gm, '')));
    expect(readers).toEqual(['src/terraform/run-terraform.ts']);
  });
});
