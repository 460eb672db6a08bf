// check.mjs - checks every page of a built site as a browser and a validator
// see it: the Nu HTML Checker (vnu-jar) reports no errors, and axe-core in
// headless Chromium reports no WCAG 2.0/2.1 A or AA violations at 1280 px and
// at 320 px wide, where the page must not scroll sideways either; heading
// levels never skip (h3 then h5).
// Usage: node tests/browser/check.mjs OUTDIR   (prints "N passed, N failed")
import { chromium } from 'playwright-core';
import { execFileSync } from 'node:child_process';
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

const require = createRequire(import.meta.url);
const outDir = resolve(process.argv[2] || 'out');
let passed = 0, failed = 0;
const fail = (what, detail) => { failed++; console.log(`FAIL: ${what}`); if (detail) console.log(detail); };
const pass = () => { passed++; };

function htmlFiles(dir) {
	const found = [];
	for (const name of readdirSync(dir).sort()) {
		const path = join(dir, name);
		if (statSync(path).isDirectory()) found.push(...htmlFiles(path));
		else if (name.endsWith('.html')) found.push(path);
	}
	return found;
}

const pages = htmlFiles(outDir);
if (pages.length === 0) fail(`no HTML pages in ${outDir}`);

// 1. The Nu HTML Checker, once over every page.
const vnu = require('vnu-jar');
let report;
try {
	const out = execFileSync('java', ['-jar', vnu, '--format', 'json', '--exit-zero-always', ...pages],
		{ encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], maxBuffer: 64 << 20 });
	report = JSON.parse(out || '{"messages":[]}');
} catch (e) {
	// vnu writes its JSON to stderr
	report = JSON.parse(e.stderr || e.stdout || '{"messages":[]}');
}
const errors = (report.messages || []).filter(m => m.type === 'error');
for (const page of pages) {
	const url = pathToFileURL(page).href;
	const mine = errors.filter(m => m.url === url);
	if (mine.length) fail(`vnu: ${page}`, mine.map(m => `  line ${m.lastLine}: ${m.message}`).join('\n'));
	else pass();
}

// 2. axe-core and sideways scrolling in Chromium.
const axeSource = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
const browser = await chromium.launch({
	executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
	args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
		'--disable-background-networking', '--disable-component-update', '--disable-sync'],
});
try {
	for (const width of [1280, 320]) {
		const context = await browser.newContext({ viewport: { width, height: 900 } });
		const page = await context.newPage();
		for (const file of pages) {
			await page.goto(pathToFileURL(file).href);
			await page.addScriptTag({ content: axeSource });
			const result = await page.evaluate(async () => await window.axe.run(document, {
				runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] },
			}));
			if (result.violations.length) {
				fail(`axe at ${width}px: ${file}`, result.violations.map(v =>
					`  ${v.id}: ${v.help} (${v.nodes.length}): ${v.nodes.slice(0, 3).map(n => n.target.join(' ')).join(', ')}`).join('\n'));
			} else pass();
			if (width === 1280) {
				// headings go down one level at a time (axe's heading-order
				// is a best practice, outside the WCAG tags above)
				const skips = await page.evaluate(() => {
					const found = [];
					let last = 0;
					for (const h of document.querySelectorAll('h1, h2, h3, h4, h5, h6')) {
						const level = Number(h.tagName[1]);
						if (last && level > last + 1) found.push(`h${last} then h${level} "${h.textContent.trim().slice(0, 40)}"`);
						last = level;
					}
					return found;
				});
				if (skips.length) fail(`heading levels skip: ${file}`, skips.map(s => `  ${s}`).join('\n'));
				else pass();
			}
			if (width === 320) {
				const sideways = await page.evaluate(() =>
					document.documentElement.scrollWidth - document.documentElement.clientWidth);
				if (sideways > 0) fail(`page scrolls sideways by ${sideways}px at 320px: ${file}`);
				else pass();
			}
		}
		await context.close();
	}
} finally {
	await browser.close();
}
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
