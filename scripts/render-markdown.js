#!/usr/bin/env node
// Renders a GitHub-flavoured Markdown file (plan.md) to a standalone HTML page styled like GitHub,
// and optionally takes a full-page PNG screenshot of it with headless Chromium.
//
//   node scripts/render-markdown.js plan.md out.html [--png out.png] [--open]
//
// --open expands every <details> block (for screenshots that show the folded content).
// Approximations of what GitHub shows: marked renders GFM (tables, fences, task lists, strikethrough),
// github-markdown-css (light theme) is inlined so the page needs nothing else. GitHub's HTML
// sanitizer is not reproduced (check the allow-list with test/helpers/markdown-check.ts instead);
// the page's Content-Security-Policy blocks every script and network fetch instead. Mermaid blocks
// stay as code blocks (GitHub draws them in an iframe we do not reproduce); of syntax colouring only
// ```diff is reproduced (GitHub's pl-mi1/pl-md/pl-mdr classes, styled by the CSS). Emoji need a colour
// emoji font for the screenshot (Debian: apt-get install -y fonts-noto-color-emoji).
'use strict';
const crypto = require('crypto');
const fs = require('fs');
const os = require('os');
const path = require('path');
const { spawnSync } = require('child_process');

const USAGE = 'usage: node scripts/render-markdown.js <in.md> <out.html> [--png <out.png>] [--open]';
const WIDTH = 1100;
const MAX_HEIGHT = 16000; // a cap, so a runaway document cannot ask Chromium for a gigantic bitmap
const BROWSERS = ['chromium', 'chromium-browser', 'google-chrome', 'google-chrome-stable'];

const escapeHtml = (s) => s.replace(/[&<>"]/g, (c) => `&#${c.charCodeAt(0)};`);

/** marked renderer for ```diff blocks, marking lines the way GitHub's highlighter does. */
function diffBlock({ text, lang }) {
  if ((lang || '').split(/\s/)[0] !== 'diff') return false; // every other language: marked's default
  const classFor = (line) => (line.startsWith('+') ? 'pl-mi1' : line.startsWith('-') ? 'pl-md' : line.startsWith('@@') ? 'pl-mdr' : '');
  const lines = text.split('\n').map((line) => (classFor(line) ? `<span class="${classFor(line)}">${escapeHtml(line)}</span>` : escapeHtml(line)));
  return `<div class="highlight highlight-source-diff"><pre>${lines.join('\n')}</pre></div>\n`;
}

function parseArgs(argv) {
  const args = { open: false };
  const positional = [];
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === '--png') args.png = argv[++i];
    else if (argv[i] === '--open') args.open = true;
    else if (argv[i].startsWith('--')) throw new Error(`unknown option ${argv[i]}\n${USAGE}`);
    else positional.push(argv[i]);
  }
  if (positional.length !== 2 || ('png' in args && !args.png)) throw new Error(USAGE);
  [args.input, args.html] = positional;
  return args;
}

function page(title, body, script) {
  const css = fs.readFileSync(require.resolve('github-markdown-css/github-markdown-light.css'), 'utf8');
  const scriptHash = script ? `'sha256-${crypto.createHash('sha256').update(script).digest('base64')}'` : "'none'";
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:; script-src ${scriptHash}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)}</title>
<style>
${css}
body { margin: 0; background: #fff; }
.markdown-body { box-sizing: border-box; max-width: 980px; margin: 0 auto; padding: 32px 45px; }
</style>
</head>
<body>
<article class="markdown-body">
${body}
</article>${script ? `\n<script>${script}</script>` : ''}
</body>
</html>
`;
}

function findBrowser() {
  const candidates = process.env.CHROMIUM_BIN ? [process.env.CHROMIUM_BIN] : BROWSERS;
  const dirs = (process.env.PATH || '').split(path.delimiter).filter(Boolean);
  for (const name of candidates) {
    if (path.isAbsolute(name) && fs.existsSync(name)) return name;
    const found = dirs.map((d) => path.join(d, name)).find((p) => fs.existsSync(p));
    if (found) return found;
  }
  return undefined;
}

function chromium(browser, profile, args) {
  const base = ['--headless', '--no-sandbox', '--disable-gpu', '--hide-scrollbars', '--no-first-run', `--user-data-dir=${profile}`];
  const result = spawnSync(browser, [...base, ...args], { encoding: 'utf8', timeout: 120000, maxBuffer: 64 * 1024 * 1024 });
  if (result.error || result.status !== 0) {
    throw new Error(`${browser} failed (${result.error ? result.error.message : `exit ${result.status}`}):\n${result.stderr}`);
  }
  return result.stdout;
}

// Two passes: a measuring copy of the page writes its height into <title> (the only script the
// page's CSP lets run), --dump-dom reads it back, then the screenshot uses a window that tall.
function screenshot(title, body, png) {
  const browser = findBrowser();
  if (!browser) {
    const looked = process.env.CHROMIUM_BIN ? `$CHROMIUM_BIN=${process.env.CHROMIUM_BIN}` : `${BROWSERS.join(', ')} on PATH`;
    throw new Error(`Chromium not found (looked for ${looked}); the HTML page was written. Install it with: apt-get install -y chromium`);
  }
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'render-markdown-'));
  try {
    const measure = 'document.title = "height=" + Math.ceil(document.querySelector("article").getBoundingClientRect().bottom);';
    const measurePage = path.join(dir, 'measure.html');
    fs.writeFileSync(measurePage, page(title, body, measure));
    const dom = chromium(browser, path.join(dir, 'profile'), [`--window-size=${WIDTH},200`, '--dump-dom', `file://${measurePage}`]);
    const match = /<title>height=(\d+)<\/title>/.exec(dom);
    if (!match) throw new Error('could not measure the page height from Chromium --dump-dom');
    const height = Math.min(Number(match[1]) + 16, MAX_HEIGHT);
    if (height === MAX_HEIGHT) console.warn(`render-markdown: page is ${match[1]}px tall; the screenshot stops at ${MAX_HEIGHT}px`);
    const out = path.resolve(png);
    fs.rmSync(out, { force: true });
    const shotPage = path.join(dir, 'page.html');
    fs.writeFileSync(shotPage, page(title, body));
    chromium(browser, path.join(dir, 'profile'), [`--window-size=${WIDTH},${height}`, `--screenshot=${out}`, `file://${shotPage}`]);
    if (!fs.existsSync(out)) throw new Error(`Chromium did not write ${out}`);
    return { browser, height };
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

async function main() {
  const args = parseArgs(process.argv.slice(2));
  const { marked } = await import('marked'); // marked is ESM-only
  marked.use({ renderer: { code: diffBlock } });
  let body = marked.parse(fs.readFileSync(args.input, 'utf8'), { gfm: true, async: false });
  if (args.open) body = body.replace(/<details(?![^>]*\sopen\b)/gi, '<details open');
  const title = path.basename(args.input);
  fs.writeFileSync(args.html, page(title, body));
  console.log(`wrote ${args.html}`);
  if (args.png) {
    const { browser, height } = screenshot(title, body, args.png);
    console.log(`wrote ${args.png} (${WIDTH}x${height}, ${path.basename(browser)})`);
  }
}

main().catch((error) => {
  console.error(`render-markdown: ${error.message}`);
  process.exit(1);
});
