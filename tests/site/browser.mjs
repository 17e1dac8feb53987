// browser.mjs -- the site in a real browser: Debian's chromium, headless,
// driven by playwright-core, every page opened from file:// as a reader
// who saved the site would open it.
//
//   node tests/site/browser.mjs [options] [SITE-DIR]      (default output/site)
//     --screens DIR    screenshots go here (default build/site-screens)
//     --unit NAME      the unit name to search for (default 南召县工业和信息化局)
//     --units-xml F    the unit registry, to cross-check the search results
//                      (default SITE-DIR/../xml/units.xml when it exists)
//
// Checks:
//   - the key pages (home, a plan, a task, a unit, deadlines, an air page,
//     search) load with no console error, no page error, no failed request
//     and no request that leaves file:// (no CDN, no web fonts);
//   - each is screenshot at desktop (1280 px) and phone (390 px) widths
//     into the screens directory, and at phone width nothing is wider than
//     the screen (no sideways scrolling);
//   - search: the search box is reached with the Tab key, searching the unit
//     name (typed, Enter) lists results, among them every task the unit's
//     own page lists (and every task units.xml gives it), and ?q= in the
//     address runs the same search;
//   - each key page at both widths: no axe-core violation (WCAG 2 A/AA,
//     best practice);
//   - the questions people come with (issue 16): an area page opens with a
//     sentence saying 同比 and 改善/持平/变差, inside the first screen at
//     both widths; on a phone every scrolling table box is focusable and
//     named, and a wide data table keeps its first column in view;
//   - every page: no script from the data runs (window.__pwned stays
//     unset). Hostile data on every page kind is tested by hostile.mjs on
//     a publication built for it (tests/site.sh).
// Prints one line per check; exits 1 when one fails.
import { chromium } from 'playwright-core';
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL, fileURLToPath } from 'node:url';

const args = process.argv.slice(2);
const opt = { screens: 'build/site-screens', unit: '南召县工业和信息化局', unitsXml: null };
let site = 'output/site';
for (let i = 0; i < args.length; i++) {
	const a = args[i];
	if (a === '--screens') opt.screens = args[++i];
	else if (a === '--unit') opt.unit = args[++i];
	else if (a === '--units-xml') opt.unitsXml = args[++i];
	else if (a.startsWith('--')) { console.error(`browser.mjs: unknown option ${a}`); process.exit(2); }
	else site = a;
}
site = path.resolve(site);
if (!fs.existsSync(path.join(site, 'index.html'))) {
	console.error(`browser.mjs: no site at ${site} (no index.html)`);
	process.exit(2);
}
if (!opt.unitsXml && fs.existsSync(path.join(site, '../xml/units.xml')))
	opt.unitsXml = path.join(site, '../xml/units.xml');
fs.mkdirSync(opt.screens, { recursive: true });

let pass = 0, fail = 0;
function ok(name) { pass++; console.log(`ok   - ${name}`); }
function notOk(name, why) { fail++; console.log(`FAIL - ${name}: ${why}`); }
function check(name, cond, why) { cond ? ok(name) : notOk(name, why); }

// Site files, relative, sorted.
function walk(dir, rel = '') {
	let out = [];
	for (const e of fs.readdirSync(path.join(dir, rel), { withFileTypes: true }).sort((a, b) => a.name < b.name ? -1 : 1)) {
		const r = rel ? `${rel}/${e.name}` : e.name;
		if (e.isDirectory()) out = out.concat(walk(dir, r));
		else out.push(r);
	}
	return out;
}
const files = walk(site);
const first = (re, prefer) => (prefer && files.includes(prefer)) ? prefer : files.find(f => re.test(f));

const keyPages = [
	['home', 'index.html'],
	['plan', first(/^plans\/[^/]+\/index\.html$/, 'plans/nanzhao-2024/index.html')],
	['task', first(/^plans\/[^/]+\/tasks\/[^/]+\.html$/, 'plans/nanzhao-2024/tasks/1.html')],
	['units', first(/^units\/index\.html$/)],
	['unit', first(/^units\/(?!index\.html$)[^/]+\.html$/)],
	['deadlines', first(/^deadlines\.html$/)],
	['air', first(/^air\/[^/]+\/index\.html$/) || first(/^air\/.*\.html$/)],
	['air-list', first(/^air\/index\.html$/)],
	['search', first(/^search\.html$/)],
];

const axePath = fileURLToPath(new URL('node_modules/axe-core/axe.min.js', import.meta.url));
const fileUrl = rel => pathToFileURL(path.join(site, rel)).href;
const relOf = href => {
	try {
		const p = fileURLToPath(href.split('#')[0].split('?')[0]);
		return path.relative(site, p).split(path.sep).join('/');
	} catch { return href; }
};

const browser = await chromium.launch({
	executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
	args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'],
});

// A page that records every console error, page error, failed request and
// request leaving file://.
async function openPage(width, mobile) {
	const ctx = await browser.newContext({
		viewport: { width, height: mobile ? 844 : 900 },
		isMobile: mobile, hasTouch: mobile, deviceScaleFactor: 1,
		locale: 'zh-CN', timezoneId: 'Asia/Shanghai',
	});
	const page = await ctx.newPage();
	page.problems = [];
	page.on('console', m => { if (m.type() === 'error') page.problems.push(`console error: ${m.text()}`); });
	page.on('pageerror', e => page.problems.push(`page error: ${e.message}`));
	page.on('requestfailed', r => page.problems.push(`request failed: ${r.url()} (${r.failure()?.errorText})`));
	await page.route('**/*', r => {
		const u = r.request().url();
		if (u.startsWith('file:') || u.startsWith('data:')) return r.continue();
		page.problems.push(`request outside the site: ${u}`);
		return r.abort();
	});
	page.setDefaultTimeout(15000);
	return page;
}

async function visit(page, url) {
	page.problems.length = 0;
	await page.goto(url, { waitUntil: 'load' });
	await page.waitForTimeout(50);
	const pwned = await page.evaluate(() => window.__pwned);
	if (pwned !== undefined) page.problems.push('a script from the data ran (window.__pwned set)');
	return page.problems.slice();
}

const MAX_SHOT = 4000; // px: long pages are cut, the top is what a reader sees first
async function shoot(page, file) {
	const h = await page.evaluate(() => document.documentElement.scrollHeight);
	const w = page.viewportSize().width;
	await page.screenshot({ path: file, fullPage: true, clip: h > MAX_SHOT ? { x: 0, y: 0, width: w, height: MAX_SHOT } : undefined });
}

const desktop = await openPage(1280, false);
const phone = await openPage(390, true);

for (const [name, rel] of keyPages) {
	if (!rel) { notOk(`key page "${name}" exists`, 'no such page in the site'); continue; }
	for (const [pg, kind] of [[desktop, 'desktop'], [phone, 'phone']]) {
		let probs;
		try { probs = await visit(pg, fileUrl(rel)); }
		catch (e) { notOk(`${name} (${rel}) loads at ${kind} width`, e.message.split('\n')[0]); continue; }
		check(`${name} (${rel}) loads at ${kind} width without errors`, probs.length === 0, probs.join('; '));
		await shoot(pg, path.join(opt.screens, `${name}-${kind}.png`));
		// axe-core (pinned in package.json), the WCAG 2 A and AA rules:
		// no violation on any key page at either width (issue 16).
		await pg.addScriptTag({ path: axePath });
		const viol = await pg.evaluate(async () => (await window.axe.run(document, {
			runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'] },
		})).violations.map(v => `${v.id} (${v.nodes.length}: ${v.nodes.slice(0, 2).map(n => n.target.join(' ')).join(', ')})`));
		check(`${name} at ${kind} width: no axe-core violation`, viol.length === 0, viol.join('; '));
		if (kind === 'phone') {
			const [sw, cw] = await pg.evaluate(() => [document.documentElement.scrollWidth, document.documentElement.clientWidth]);
			check(`${name} fits a phone screen (no sideways scrolling)`, sw <= cw + 1, `content is ${sw} px wide on a ${cw} px screen`);
			// Wide content is fine inside a box that scrolls (a wide table);
			// anywhere else it is cut off or pushes the page sideways.
			const cut = await pg.evaluate(() => {
				const out = [];
				for (const e of document.querySelectorAll('body *')) {
					const r = e.getBoundingClientRect();
					if (!r.width || r.right <= innerWidth + 1) continue;
					let a = e.parentElement;
					for (; a; a = a.parentElement) {
						const o = getComputedStyle(a).overflowX;
						if (o === 'auto' || o === 'scroll') break;
					}
					if (!a) out.push(`<${e.tagName.toLowerCase()}${e.className ? '.' + e.className : ''}> ends at ${Math.round(r.right)} px`);
				}
				return out;
			});
			check(`${name} at phone width: nothing wide outside a scrolling box`, cut.length === 0, cut.slice(0, 3).join('; '));
		}
	}
}

// ---- the questions people come with, answered on the first screen -------
// Issue 16: "Is the air getting better here?" -- an area page opens with
// the year to date in a sentence that says 改善/持平/变差, fully inside the
// first screen at both widths.
const aboveFold = async (page, sel) => page.evaluate(s => {
	const e = document.querySelector(s);
	if (!e) return { found: false };
	const r = e.getBoundingClientRect();
	return { found: true, top: r.top, bottom: r.bottom, h: innerHeight, text: e.textContent };
}, sel);
const airArea = first(/^air\/[^/]+\/index\.html$/, 'air/beijing/index.html');
if (airArea) {
	for (const [pg, kind] of [[desktop, 'desktop'], [phone, 'phone']]) {
		await visit(pg, fileUrl(airArea));
		const f = await aboveFold(pg, '.air-lead');
		check(`air trend (${airArea}, ${kind}): the opening sentence is on the first screen`,
			f.found && f.top >= 0 && f.bottom <= f.h,
			f.found ? `it spans ${Math.round(f.top)}–${Math.round(f.bottom)} px of a ${f.h} px screen` : 'no .air-lead sentence');
		check(`air trend (${airArea}, ${kind}): it says 同比 and 改善/持平/变差`,
			f.found && /PM2\.5平均浓度[\d.]+微克\/立方米，同比.*(改善|持平|变差)/.test(f.text),
			f.found ? `it reads: ${f.text}` : 'no sentence');
	}
}

// "Which tasks are overdue?": on the deadlines page the overdue heading is
// on the first screen at both widths; on every page with state tiles the
// tiles add up to the task count (逾期 and 即将到期 are apart, under 其中).
if (files.includes('deadlines.html')) {
	for (const [pg, kind] of [[desktop, 'desktop'], [phone, 'phone']]) {
		await visit(pg, fileUrl('deadlines.html'));
		const f = await aboveFold(pg, '#od-h');
		check(`overdue (deadlines.html, ${kind}): the overdue heading is on the first screen`,
			f.found && f.top >= 0 && f.bottom <= f.h, f.found ? `at ${Math.round(f.top)} px of ${f.h}` : 'no #od-h');
	}
}
for (const rel of ['index.html', 'plans/boai-2023/index.html'].filter(r => files.includes(r))) {
	await visit(desktop, fileUrl(rel));
	const sums = await desktop.evaluate(() => [...document.querySelectorAll('dl.counts')].map(dl => {
		const v = [...dl.querySelectorAll('div')].map(d => [d.querySelector('dt').textContent, +d.querySelector('dd').textContent]);
		const of = dl.nextElementSibling;
		return { total: v[0][1], rest: v.slice(1).reduce((a, x) => a + x[1], 0), names: v.map(x => x[0]).join(' '),
			of: of && of.classList.contains('counts-of') ? of.textContent : '' };
	}));
	const bad = sums.filter(x => x.total !== x.rest || !/^其中：逾期 \d+ 项，即将到期 \d+ 项。$/.test(x.of.trim()));
	check(`state tiles (${rel}): each set adds up to its task count, overlays under 其中 (${sums.length} sets)`,
		sums.length > 0 && bad.length === 0, bad.map(x => `${x.names}: ${x.rest} vs ${x.total}; "${x.of}"`).join('; '));
}

// A task's headline says its state in the same word as the latest row of
// its monthly table; being overdue is said apart (已逾期N天).
{
	const od = files.filter(f => /^plans\/[^/]+\/tasks\/[^/]+\.html$/.test(f))
		.find(f => fs.readFileSync(path.join(site, f), 'utf8').includes('class="od"'));
	if (!od) notOk('task headline: an overdue task page exists', 'no task page says 已逾期');
	else {
		await visit(desktop, fileUrl(od));
		const w = await desktop.evaluate(() => {
			const head = document.querySelector('p.status .light')?.textContent || '';
			const rows = [...document.querySelectorAll('#hist-h ~ * table tbody tr')];
			const last = rows.length ? rows[rows.length - 1].querySelector('.light')?.textContent || '' : '';
			return { head, last, od: document.querySelector('p.status .od')?.textContent || '' };
		});
		check(`task headline (${od}): the same state word as its latest month, overdue apart`,
			w.head !== '' && w.head === w.last && /^已逾期\d+天$/.test(w.od), `headline "${w.head}", table "${w.last}", "${w.od}"`);
	}
}

// Served correctly (issue 16): the feed is announced in <head> and exists;
// the keyboard focus ring has at least 3:1 contrast against white.
{
	await visit(desktop, fileUrl('index.html'));
	const feed = await desktop.evaluate(() => document.querySelector('link[rel=alternate][type="application/atom+xml"]')?.href || '');
	check('feed autodiscovery: <link rel=alternate> to an existing feed', feed !== '' && files.includes(relOf(feed)), `href "${feed}"`);
	await desktop.keyboard.press('Tab');
	await desktop.keyboard.press('Tab');
	const ring = await desktop.evaluate(() => {
		const cs = getComputedStyle(document.activeElement);
		return { style: cs.outlineStyle, width: parseFloat(cs.outlineWidth), color: cs.outlineColor };
	});
	const lum = c => {
		const [r, g, b] = c.match(/\d+(\.\d+)?/g).slice(0, 3).map(Number).map(v => v / 255)
			.map(v => v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4);
		return 0.2126 * r + 0.7152 * g + 0.0722 * b;
	};
	const ratio = ring.style !== 'none' ? 1.05 / (lum(ring.color) + 0.05) : 0;
	check('focus ring: at least 2 px and 3:1 against white', ring.width >= 2 && ratio >= 3,
		`${ring.style} ${ring.width}px ${ring.color} (${ratio.toFixed(2)}:1)`);
}

// Tables on a phone (issue 16): every scrolling box is focusable and
// named, and in a wide data table scrolled sideways the first column stays.
if (airArea) {
	await visit(phone, fileUrl(airArea));
	const boxes = await phone.evaluate(() => [...document.querySelectorAll('.table-wrap, .scroll')].map(b => {
		const ids = (b.getAttribute('aria-labelledby') || '').split(/\s+/).filter(Boolean);
		const name = b.getAttribute('aria-label') || ids.map(i => document.getElementById(i)?.textContent || '').join(' ').trim();
		return { tab: b.tabIndex, name };
	}));
	const bad = boxes.filter(b => b.tab !== 0 || !b.name);
	check(`tables (${airArea}, phone): every scrolling box (${boxes.length}) is focusable and named`,
		boxes.length > 0 && bad.length === 0, `${bad.length} without tabindex=0 or a name`);
	const stay = await phone.evaluate(() => {
		for (const b of document.querySelectorAll('.table-wrap')) {
			const t = b.querySelector('table.data');
			if (!t || b.scrollWidth <= b.clientWidth + 20) continue;
			const cell = t.querySelector('tbody tr > :first-child');
			const left0 = cell.getBoundingClientRect().left;
			b.scrollLeft = b.scrollWidth;
			const moved = b.scrollLeft > 0;
			const left1 = cell.getBoundingClientRect().left;
			b.scrollLeft = 0;
			return { found: true, moved, left0, left1 };
		}
		return { found: false };
	});
	check(`tables (${airArea}, phone): the first column stays while a wide table scrolls`,
		stay.found && stay.moved && Math.abs(stay.left1 - stay.left0) < 1,
		stay.found ? `first cell moved from ${stay.left0} to ${stay.left1} px` : 'no wide data table on the page');
}

// ---- search for a unit -------------------------------------------------
async function results(page) {
	await page.waitForFunction(() => {
		const s = document.getElementById('search-status');
		return s && !/JavaScript/.test(s.textContent);
	});
	return page.$$eval('#search-results li', lis => lis.map(li => {
		const a = li.querySelector('a');
		return { href: a ? a.href : '', text: a ? a.textContent : '', kind: li.querySelector('.search-kind')?.textContent || '' };
	}));
}

function unitTasksFromXml(file, name) {
	const xml = fs.readFileSync(file, 'utf8');
	const unesc = s => s.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&apos;/g, "'").replace(/&amp;/g, '&');
	for (const m of xml.matchAll(/<unit id="([^"]+)">([\s\S]*?)<\/unit>/g)) {
		const nm = /<name>([^<]*)<\/name>/.exec(m[2]);
		if (!nm || unesc(nm[1]) !== name) continue;
		const urls = [];
		for (const r of m[2].matchAll(/<ref plan="([^"]+)"(?: task="[^"]*")? ordinal="(\d+)"/g))
			urls.push(`plans/${r[1]}/tasks/${r[2]}.html`);
		return { id: m[1], urls: [...new Set(urls)] };
	}
	return null;
}

if (files.includes('search.html')) {
	const page = desktop;
	page.problems.length = 0;
	await page.goto(fileUrl('search.html'), { waitUntil: 'load' });
	// Keyboard: Tab from the top of the page reaches the search box.
	let reached = false;
	for (let i = 0; i < 40 && !reached; i++) {
		await page.keyboard.press('Tab');
		reached = await page.evaluate(() => document.activeElement && document.activeElement.id === 'search-q');
	}
	check('search box is reached with the Tab key', reached, 'no focus on #search-q after 40 Tabs');
	await page.keyboard.type(opt.unit);
	await page.keyboard.press('Enter');
	await page.waitForTimeout(300);
	const typed = await results(page);
	const taskHits = typed.filter(r => /\/plans\/[^/]+\/tasks\/[^/]+\.html$/.test(r.href)).map(r => relOf(r.href));
	check(`search for "${opt.unit}" (typed, Enter) lists tasks`, taskHits.length > 0,
		`${typed.length} results, none a task; status: ${await page.textContent('#search-status')}`);
	await shoot(page, path.join(opt.screens, 'search-results-desktop.png'));

	// The unit's own page: every task it lists is among the results.
	const unitHit = typed.find(r => r.text === opt.unit && /\/units\/[^/]+\.html$/.test(r.href));
	check(`search for "${opt.unit}" lists the unit itself`, !!unitHit, 'no unit result with that exact name');
	if (unitHit) {
		await page.goto(unitHit.href, { waitUntil: 'load' });
		const listed = [...new Set((await page.$$eval('main a[href]', as => as.map(a => a.href)))
			.filter(h => /\/plans\/[^/]+\/tasks\/[^/#]+\.html(#.*)?$/.test(h)).map(relOf))];
		const missing = listed.filter(u => !taskHits.includes(u));
		check(`search results hold every task on the unit page (${listed.length})`,
			listed.length > 0 && missing.length === 0,
			listed.length ? `missing: ${missing.slice(0, 5).join(', ')}` : 'the unit page links no task');
	}
	if (opt.unitsXml) {
		const want = unitTasksFromXml(opt.unitsXml, opt.unit);
		if (!want) notOk(`units.xml knows "${opt.unit}"`, `no <unit> named so in ${opt.unitsXml}`);
		else {
			const missing = want.urls.filter(u => !taskHits.includes(u));
			check(`search results hold every task units.xml gives the unit (${want.urls.length})`,
				missing.length === 0, `missing: ${missing.slice(0, 5).join(', ')}`);
		}
	}
	// ?q= in the address runs the search.
	page.problems.length = 0;
	await page.goto(`${fileUrl('search.html')}?q=${encodeURIComponent(opt.unit)}`, { waitUntil: 'load' });
	const viaUrl = await results(page);
	check('?q= in the address gives the same results', JSON.stringify(viaUrl) === JSON.stringify(typed),
		`${viaUrl.length} vs ${typed.length} results`);
	check('search runs without errors', page.problems.length === 0, page.problems.join('; '));
	// Phone width screenshot of the results.
	await phone.goto(`${fileUrl('search.html')}?q=${encodeURIComponent(opt.unit)}`, { waitUntil: 'load' });
	await results(phone);
	await shoot(phone, path.join(opt.screens, 'search-results-phone.png'));
}

await browser.close();
console.log(`browser: ${pass} passed, ${fail} failed; screenshots in ${opt.screens}`);
process.exit(fail ? 1 : 0);
