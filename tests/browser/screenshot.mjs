// screenshot.mjs - full-page PNGs of pages, to look at them as a person would.
// Usage: node tests/browser/screenshot.mjs WIDTH OUT.png PAGE.html [SCROLL_Y HEIGHT]
import { chromium } from 'playwright-core';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

const [width, png, file, scrollY, height] = process.argv.slice(2);
const browser = await chromium.launch({
	executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
	args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--no-first-run'],
});
const page = await browser.newPage({ viewport: { width: Number(width), height: 900 } });
await page.goto(pathToFileURL(resolve(file)).href);
if (height)
	await page.screenshot({ path: png, fullPage: true,
		clip: { x: 0, y: Number(scrollY), width: Number(width), height: Number(height) } });
else
	await page.screenshot({ path: png, fullPage: true });
await browser.close();
