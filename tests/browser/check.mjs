// check.mjs - checks every page of a built site as a browser and a validator
// see it: the Nu HTML Checker (vnu-jar) reports no errors, and axe-core in
// headless Chromium reports no WCAG 2.0/2.1 A or AA violations at 1280 px and
// at 320 px wide, where neither the page nor anything in it may scroll
// sideways, and every chart is drawn for the width: inside its container and
// the screen, its text 12 px at least, every period label and the latest
// value in view; heading levels never skip (h3 then h5); charts at 1280 px are
// drawn at their own size. A canary page with known errors goes
// through both checkers first, so a checker that cannot fail is noticed.
// Usage: node tests/browser/check.mjs OUTDIR   (prints "N passed, N failed")
import { chromium } from 'playwright-core';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { createRequire } from 'node:module';
import { join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

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

// 1. The Nu HTML Checker, once over every page and over a canary: a page
// with a stray </span> and an <img> without alt, which must be reported. If
// the canary passes, the checker did not run or its report was misread (it
// writes JSON to stderr; it names files file:/tmp/x, not file:///tmp/x), and
// no page's pass would mean anything.
const canaryDir = mkdtempSync(join(tmpdir(), 'planpress-canary-'));
const canary = join(canaryDir, 'broken.html');
writeFileSync(canary, '<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8">' +
	'<title>Canary</title></head><body><main><h1>Canary</h1><p>Text</span></p>' +
	'<img src="missing.png"></main></body></html>\n');
process.on('exit', () => rmSync(canaryDir, { recursive: true, force: true }));

// Each file's error messages, keyed by path; throws when vnu could not check.
function vnuErrors(files) {
	const run = spawnSync('java', ['-jar', String(require('vnu-jar')), '--format', 'json', ...files],
		{ encoding: 'utf8', maxBuffer: 64 << 20 });
	if (run.error) throw new Error(`could not run java: ${run.error.message}`);
	// 0: no errors, 1: errors found; anything else (a crash, a signal) checked nothing
	if (run.status !== 0 && run.status !== 1)
		throw new Error(`vnu exited ${run.status ?? run.signal}: ${(run.stderr || '').slice(0, 500)}`);
	let report;
	try {
		report = JSON.parse(run.stderr);
	} catch {
		throw new Error(`vnu wrote no JSON report (exit ${run.status}): ${(run.stderr || '').slice(0, 500)}`);
	}
	const byPath = new Map(files.map(f => [resolve(f), []]));
	for (const m of report.messages || []) {
		if (m.type !== 'error' && m.type !== 'non-document-error') continue;
		let path;
		try { path = fileURLToPath(new URL(m.url)); } catch { path = undefined; }
		if (!byPath.has(path)) throw new Error(`vnu reported a file it was not given: ${m.url}: ${m.message}`);
		byPath.get(path).push(m);
	}
	if ((run.status === 1) !== [...byPath.values()].some(list => list.length))
		throw new Error(`vnu exited ${run.status} but its report does not say so`);
	return byPath;
}

try {
	const errors = vnuErrors([canary, ...pages]);
	const found = errors.get(canary).map(m => m.message);
	if (found.some(m => /Stray end tag/.test(m)) && found.some(m => /alt/.test(m))) pass();
	else fail('vnu did not report the canary page\'s stray </span> and <img> without alt', found.join('\n'));
	for (const page of pages) {
		const mine = errors.get(resolve(page));
		if (mine.length) fail(`vnu: ${page}`, mine.map(m => `  line ${m.lastLine}: ${m.message}`).join('\n'));
		else pass();
	}
} catch (e) {
	fail(`vnu could not check the pages: ${e.message}`);
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
		// the canary too: axe must find its image without alt
		await page.goto(pathToFileURL(canary).href);
		await page.addScriptTag({ content: axeSource });
		const canaryIds = await page.evaluate(async () => (await window.axe.run(document, {
			runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] },
		})).violations.map(v => v.id));
		if (canaryIds.includes('image-alt')) pass();
		else fail(`axe at ${width}px did not report the canary's <img> without alt`, canaryIds.join(', '));
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
			if (width === 1280) {
				// a chart on a wide screen is drawn at its own size, 560 wide
				const small = await page.evaluate(() => [...document.querySelectorAll('.kpi-chart img')]
					.filter(img => Math.abs(img.clientWidth - Number(img.getAttribute('width'))) > 0.5)
					.map(img => `chart "${img.alt.slice(0, 40)}" drawn ${img.clientWidth}px wide, not ${img.getAttribute('width')}`));
				if (small.length) fail(`charts not at their size at 1280px: ${file}`, small.slice(0, 5).map(s => `  ${s}`).join('\n'));
				else pass();
			}
			if (width === 320) {
				const sideways = await page.evaluate(() =>
					document.documentElement.scrollWidth - document.documentElement.clientWidth);
				if (sideways > 0) fail(`page scrolls sideways by ${sideways}px at 320px: ${file}`);
				else pass();
				// nothing scrolls sideways inside the page either: tables are
				// stacked, charts drawn for the width, code wraps
				const scrolling = await page.evaluate(() => {
					const found = [];
					for (const e of document.querySelectorAll('body *')) {
						const x = getComputedStyle(e).overflowX;
						if ((x === 'auto' || x === 'scroll') && e.scrollWidth > e.clientWidth + 0.5)
							found.push(`${e.tagName.toLowerCase()}.${[...e.classList].join('.')} scrolls by ${e.scrollWidth - e.clientWidth}px`);
					}
					return found;
				});
				if (scrolling.length) fail(`something scrolls sideways at 320px: ${file}`, scrolling.slice(0, 5).map(s => `  ${s}`).join('\n'));
				else pass();
				// every chart: the narrow drawing, as wide as its container at
				// most and inside the screen, never shrunk below its own size
				// (its text 12px at least), and every period label it draws
				// and the latest value inside what is seen (the boxes the SVG
				// keeps of them in its group "geometry")
				const charts = await page.evaluate(() => [...document.querySelectorAll('.kpi-chart img')].map(img => {
					const box = img.getBoundingClientRect();
					const style = getComputedStyle(img);
					const left = box.left + parseFloat(style.borderLeftWidth);
					const top = box.top + parseFloat(style.borderTopWidth);
					const container = img.closest('.kpi, section, main').getBoundingClientRect();
					return { alt: img.alt.slice(0, 40), src: img.currentSrc, left, top, width: img.clientWidth,
						right: box.right, containerLeft: container.left, containerRight: container.right,
						viewport: document.documentElement.clientWidth };
				}));
				const problems = [];
				for (const c of charts) {
					if (c.right > c.containerRight + 0.5 || c.left < c.containerLeft - 0.5 || c.right > c.viewport + 0.5)
						problems.push(`chart "${c.alt}" drawn from ${Math.round(c.left)} to ${Math.round(c.right)}px, outside its container (${Math.round(c.containerLeft)} to ${Math.round(c.containerRight)}) or the screen`);
					let svg;
					try {
						svg = c.src.startsWith('data:') ? Buffer.from(c.src.split(',')[1], 'base64').toString('utf8')
							: readFileSync(fileURLToPath(c.src), 'utf8');
					} catch (e) {
						problems.push(`chart "${c.alt}": cannot read ${c.src.slice(0, 80)}: ${e.message}`);
						continue;
					}
					const viewBox = /viewBox="0 0 ([\d.]+) ([\d.]+)"/.exec(svg);
					const font = /<g id="[^"]*geometry" [^>]*font-size="([\d.]+)"/.exec(svg);
					if (!viewBox || !font) {
						problems.push(`chart "${c.alt}": no viewBox or geometry in ${c.src.slice(0, 80)}`);
						continue;
					}
					const scale = c.width / Number(viewBox[1]);
					if (Number(font[1]) * scale < 12 - 0.01)
						problems.push(`chart "${c.alt}": its text drawn ${(Number(font[1]) * scale).toFixed(1)}px high, under 12px`);
					const boxes = [...svg.matchAll(/<rect class="(period-label|latest-value)" x="([-\d.]+)" y="([-\d.]+)" width="([\d.]+)" height="([\d.]+)"\/>/g)];
					if (!boxes.some(m => m[1] === 'period-label'))
						problems.push(`chart "${c.alt}": labels no period`);
					for (const [, kind, x, y, w, h] of boxes) {
						const from = c.left + Number(x) * scale, to = c.left + (Number(x) + Number(w)) * scale;
						if (Number(x) < -0.01 || Number(y) < -0.01 || Number(x) + Number(w) > Number(viewBox[1]) + 0.01 ||
							Number(y) + Number(h) > Number(viewBox[2]) + 0.01 || from < -0.5 || to > c.viewport + 0.5)
							problems.push(`chart "${c.alt}": a ${kind} outside what is seen (${Math.round(from)} to ${Math.round(to)}px)`);
					}
				}
				// a table's caption is inside its region
				problems.push(...await page.evaluate(() => [...document.querySelectorAll('.table-scroll caption')]
					.filter(c => c.getBoundingClientRect().right > c.closest('.table-scroll').getBoundingClientRect().right + 0.5)
					.map(c => `caption "${c.textContent.slice(0, 40)}" overhangs its region`)));
				if (problems.length) fail(`cut short at 320px: ${file}`, problems.slice(0, 5).map(s => `  ${s}`).join('\n'));
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
