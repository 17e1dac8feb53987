// hostile.mjs -- hostile data on every kind of page, in a real browser.
//
//   node tests/site/hostile.mjs SITE-DIR
//
// SITE-DIR is the site of the hostile publication tests/site.sh builds: a
// plan whose plan.conf title, a section heading, a task title, a unit name,
// a ledger report and the month's commentary carry markup such as
//   <script>window.__pwned=1</script>   <script>alert(1)</script>
//   "><img src=x onerror=alert(1)>
// Every page kind that shows such data is opened from file:// (home, plan,
// plan source, task, unit, deadlines, bulletin archive, bulletin HTML
// edition, search with ?q=script) and must
//   - show the markup as text (the escaped text is there: the page really
//     holds hostile data, so the check cannot pass by having none);
//   - make no element of it: no element with an on* attribute, no <img>
//     with src "x", no <script> but the site's own (src under assets/,
//     no __pwned or alert( in an inline one), and none of the payloads raw
//     in the HTML source;
//   - run none of it: window.__pwned stays unset, no dialog opens.
// Prints one line per check; exits 1 when one fails.
import { chromium } from 'playwright-core';
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

const site = path.resolve(process.argv[2] || '');
if (!process.argv[2] || !fs.existsSync(path.join(site, 'index.html'))) {
	console.error('usage: node hostile.mjs SITE-DIR (a site with index.html)');
	process.exit(2);
}

let pass = 0, fail = 0;
function check(name, cond, why) {
	if (cond) { pass++; console.log(`ok   - ${name}`); }
	else { fail++; console.log(`FAIL - ${name}: ${why}`); }
}

// The payloads as a reader must see them, and as they must never appear
// in a page's source.
const shown = ['<script>window.__pwned=1</script>', '<script>alert(1)</script>',
	'<img src=x onerror=alert(1)>', '<svg onload=alert(1)>'];
const raw = /<script>window\.__pwned|<script>alert\(1\)|<img src=x|<img src="x"|<img[^>]*onerror|<svg[^>]*onload/i;

const read = rel => fs.readFileSync(path.join(site, rel), 'utf8');
const exists = rel => fs.existsSync(path.join(site, rel));
const plan = fs.readdirSync(path.join(site, 'plans')).sort()[0];
// The unit page whose heading carries the hostile unit name.
const unit = fs.readdirSync(path.join(site, 'units')).sort()
	.map(f => `units/${f}`).find(f => /<h1>[^<]*&lt;(img|svg)/.test(read(f)));
const edition = exists(`bulletins/${plan}`) ? fs.readdirSync(path.join(site, 'bulletins', plan))
	.filter(f => f.endsWith('.html')).sort().map(f => `bulletins/${plan}/${f}`)
	.find(f => /存在问题/.test(read(f))) : undefined;

const pages = [
	['home', 'index.html'],
	['plan', `plans/${plan}/index.html`],
	['plan source', `plans/${plan}/source.html`],
	['task', `plans/${plan}/tasks/1.html`],
	['unit', unit],
	['deadlines', 'deadlines.html'],
	['bulletin archive', 'bulletins/index.html'],
	['bulletin edition (commentary)', edition],
];

const browser = await chromium.launch({
	executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
	args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'],
});
const ctx = await browser.newContext({ locale: 'zh-CN', timezoneId: 'Asia/Shanghai' });
const page = await ctx.newPage();
let dialogs = [];
page.on('dialog', d => { dialogs.push(d.message()); d.dismiss().catch(() => {}); });
page.setDefaultTimeout(15000);

// What the DOM made of the data: elements the data could have created.
async function injected() {
	return page.evaluate(() => {
		const out = [];
		for (const e of document.querySelectorAll('*')) {
			for (const a of e.getAttributeNames())
				if (/^on/i.test(a)) out.push(`<${e.tagName.toLowerCase()} ${a}>`);
			if (e.tagName === 'IMG' && e.getAttribute('src') === 'x') out.push('<img src=x>');
			if (e.tagName === 'SCRIPT') {
				const src = e.getAttribute('src');
				if (src ? !/^(\.\.\/)*assets\//.test(src) : /__pwned|alert\(/.test(e.textContent))
					out.push(`<script ${src || 'inline'}>`);
			}
		}
		return out;
	});
}

for (const [kind, rel] of pages) {
	if (!rel || !exists(rel)) { check(`${kind}: page exists`, false, `no such page (${rel})`); continue; }
	dialogs = [];
	await page.goto(pathToFileURL(path.join(site, rel)).href, { waitUntil: 'load' });
	await page.waitForTimeout(50);
	const text = await page.evaluate(() => document.body.textContent);
	const seen = shown.filter(s => text.includes(s));
	check(`${kind} (${rel}): the hostile data is shown as text`, seen.length > 0,
		'none of the payloads is in the page text: the page shows no hostile data, or mangles it');
	const inj = await injected();
	check(`${kind}: no element made from the data`, inj.length === 0, inj.slice(0, 5).join(' '));
	const src = read(rel).match(raw);
	check(`${kind}: no payload raw in the HTML source`, !src, src && src[0]);
	const pwned = await page.evaluate(() => window.__pwned);
	check(`${kind}: no script from the data ran`, pwned === undefined && dialogs.length === 0,
		`window.__pwned = ${pwned}; dialogs: ${dialogs.join(', ')}`);
}

// Search: the hostile titles come back as results and show as text.
dialogs = [];
await page.goto(`${pathToFileURL(path.join(site, 'search.html')).href}?q=script`, { waitUntil: 'load' });
await page.waitForFunction(() => {
	const s = document.getElementById('search-status');
	return s && !/JavaScript/.test(s.textContent);
});
const results = await page.$$eval('#search-results li', lis => lis.map(li => li.textContent));
check('search for "script": hostile titles listed as text', results.some(t => shown.some(s => t.includes(s))),
	`${results.length} results: ${results.slice(0, 3).join(' | ')}`);
const inj = await injected();
check('search: no element made from the data', inj.length === 0, inj.slice(0, 5).join(' '));
const pwned = await page.evaluate(() => window.__pwned);
check('search: no script from the data ran', pwned === undefined && dialogs.length === 0,
	`window.__pwned = ${pwned}; dialogs: ${dialogs.join(', ')}`);

await browser.close();
console.log(`hostile: ${pass} passed, ${fail} failed`);
process.exit(fail ? 1 : 0);
