/*
 * search.js -- offline search of the 蓝天 site, in the browser, from
 * file:// or any static server. The index (assets/search-index.js,
 * written by generator/site_search_index.c) sets window.LANTIAN_SEARCH:
 *   docs:  [[kind, url, title, context, parent?], ...]
 *          kind 0 方案, 1 任务, 2 责任单位; parent: the document (a task's
 *          plan) whose title is shown before the context
 *   terms: {token: [posting, ...]}, documents ascending
 *   posting = (doc - previous doc) * 16 + (token in title ? 8 : 0)
 *             + min(count, 7)
 * A query is cut into the same tokens as the index (see tokens() below,
 * which must match search_tokens() in SEARCH_TOK_QUERY mode): pairs of
 * adjacent ideographs, a lone ideograph by itself, Latin/digit runs
 * lower-cased ("pm2.5"). A document matches when it has every token; it
 * ranks first when every token is in its title, then by how often the
 * tokens occur. Results are built with textContent only: nothing from the
 * data is ever parsed as HTML.
 */
(function () {
	'use strict';

	var KINDS = ['方案', '任务', '责任单位'];
	var LATIN_MAX = 32;   /* SEARCH_LATIN_MAX */
	var SHOW_MAX = 100;   /* results listed at once */

	/* Full-width ASCII forms to ASCII, capitals to small letters. */
	function fold(cp) {
		if (cp >= 0xFF01 && cp <= 0xFF5E)
			cp -= 0xFEE0;
		if (cp >= 65 && cp <= 90)
			cp += 32;
		return cp;
	}

	/* cjk_is_han() in generator/cjk.c */
	function isHan(cp) {
		return (cp >= 0x4E00 && cp <= 0x9FFF) || (cp >= 0x3400 && cp <= 0x4DBF) ||
			(cp >= 0x20000 && cp <= 0x2FA1F) || (cp >= 0xF900 && cp <= 0xFAFF);
	}

	function isDigit(cp) { return cp >= 48 && cp <= 57; }
	function isAlnum(cp) { return isDigit(cp) || (cp >= 97 && cp <= 122); }

	/* The query tokens of s, in order (repeats included). */
	function tokens(s) {
		var out = [], cps = [], i;
		for (i = 0; i < s.length; ) {
			var cp = s.codePointAt(i);
			i += cp > 0xFFFF ? 2 : 1;
			cps.push(fold(cp));
		}
		var prevHan = 0, run = 0, latin = '';
		function endRun() {
			if (run === 1)
				out.push(String.fromCodePoint(prevHan));
			run = 0;
		}
		function endLatin() {
			if (latin)
				out.push(latin);
			latin = '';
		}
		function addLatin(c) {
			if (latin.length < LATIN_MAX)
				latin += c;
		}
		for (i = 0; i < cps.length; i++) {
			var c = cps[i];
			if (isHan(c)) {
				endLatin();
				if (run)
					out.push(String.fromCodePoint(prevHan, c));
				prevHan = c;
				run++;
				continue;
			}
			endRun();
			if (isAlnum(c)) {
				addLatin(String.fromCharCode(c));
				continue;
			}
			if (c === 46 && latin && isDigit(latin.charCodeAt(latin.length - 1)) &&
			    i + 1 < cps.length && isDigit(cps[i + 1])) {
				addLatin('.');
				continue;
			}
			endLatin();
		}
		endRun();
		endLatin();
		return out;
	}

	function isLatinToken(t) { return /^[a-z0-9.]+$/.test(t); }

	/* Latin tokens are the index's first keys (ASCII sorts before CJK). */
	function latinKeys(index) {
		if (!index._latin) {
			index._latin = Object.keys(index.terms).filter(isLatinToken).sort();
		}
		return index._latin;
	}

	/* Postings of one token as a map doc -> {title, count}. A Latin token
	 * also matches the longer tokens it begins ("pm" finds pm2.5, pm10). */
	function lookup(index, tok) {
		var keys = [tok], hits = new Map();
		if (isLatinToken(tok)) {
			keys = latinKeys(index).filter(function (k) {
				return k.lastIndexOf(tok, 0) === 0;
			});
		}
		keys.forEach(function (k) {
			var list = Object.prototype.hasOwnProperty.call(index.terms, k) ?
				index.terms[k] : [];
			for (var j = 0, doc = 0; j < list.length; j++) {
				var p = list[j];
				doc += Math.floor(p / 16);
				var h = hits.get(doc) || { title: false, count: 0 };
				h.title = h.title || (p & 8) !== 0;
				h.count += p & 7;
				hits.set(doc, h);
			}
		});
		return hits;
	}

	/* Matching documents, best first: [{doc, titles, count}]. */
	function search(index, query) {
		var toks = Array.from(new Set(tokens(query)));
		if (!toks.length)
			return [];
		var lists = toks.map(function (t) { return lookup(index, t); });
		lists.sort(function (a, b) { return a.size - b.size; });
		var out = [];
		lists[0].forEach(function (h, doc) {
			var titles = 0, count = 0;
			for (var i = 0; i < lists.length; i++) {
				var x = lists[i].get(doc);
				if (!x)
					return;
				titles += x.title ? 1 : 0;
				count += x.count;
			}
			out.push({ doc: doc, titles: titles, count: count });
		});
		out.sort(function (a, b) {
			return (b.titles === toks.length) - (a.titles === toks.length) ||
				b.titles - a.titles || b.count - a.count || a.doc - b.doc;
		});
		return out;
	}

	/* Only the generator's own relative paths become links. */
	function safeUrl(u) {
		return /^[a-z0-9._\/-]+(#[A-Za-z0-9._-]+)?$/.test(u) && u.indexOf('..') < 0;
	}

	function el(tag, cls, text) {
		var e = document.createElement(tag);
		if (cls)
			e.className = cls;
		if (text !== undefined)
			e.textContent = text;
		return e;
	}

	function show(form, index, query) {
		var status = document.getElementById('search-status');
		var list = document.getElementById('search-results');
		list.textContent = '';
		query = query.trim();
		if (!index) {
			status.textContent = '搜索索引未能加载，请确认 assets/search-index.js 与本页一同发布。';
			return;
		}
		if (!query) {
			status.textContent = '请输入搜索词，例如责任单位名称、任务关键词或“PM2.5”。';
			return;
		}
		if (!tokens(query).length) {
			status.textContent = '搜索词中没有可查找的汉字、字母或数字。';
			return;
		}
		var hits = search(index, query);
		if (!hits.length) {
			status.textContent = '未找到与“' + query + '”相关的方案、任务或责任单位。';
			return;
		}
		status.textContent = '找到 ' + hits.length + ' 条与“' + query + '”相关的结果' +
			(hits.length > SHOW_MAX ? '，显示前 ' + SHOW_MAX + ' 条。' : '。');
		hits.slice(0, SHOW_MAX).forEach(function (h) {
			var d = index.docs[h.doc];
			if (!d || !safeUrl(d[1]))
				return;
			/* The title as a link, then a line with the kind and where the
			 * document belongs: readable with or without the stylesheet. */
			var li = el('li', 'search-hit search-' + ['plan', 'task', 'unit'][d[0]]);
			var a = el('a', null, d[2]);
			a.href = d[1];
			li.appendChild(a);
			var meta = el('div', 'search-meta');
			meta.appendChild(el('span', 'search-kind', KINDS[d[0]] || ''));
			var parent = d.length > 4 ? index.docs[d[4]] : null;
			var ctx = (parent ? parent[2] + ' · ' : '') + (d[3] || '');
			if (ctx)
				meta.appendChild(document.createTextNode('：' + ctx));
			li.appendChild(meta);
			list.appendChild(li);
		});
	}

	function queryFromUrl() {
		try {
			return new URLSearchParams(window.location.search).get('q') || '';
		} catch (e) {
			return '';
		}
	}

	/* Keep ?q= in the address so a result list can be bookmarked and Back
	 * returns to it; some browsers refuse this under file://. */
	function rememberQuery(q) {
		try {
			var u = new URL(window.location.href);
			if (q)
				u.searchParams.set('q', q);
			else
				u.searchParams.delete('q');
			window.history.replaceState(null, '', u.href);
		} catch (e) { /* the results are shown all the same */ }
	}

	function init() {
		var form = document.getElementById('search-form');
		var input = document.getElementById('search-q');
		if (!form || !input)
			return;
		var index = window.LANTIAN_SEARCH || null;
		var timer = null;
		form.addEventListener('submit', function (ev) {
			ev.preventDefault();
			rememberQuery(input.value.trim());
			show(form, index, input.value);
		});
		input.addEventListener('input', function () {
			clearTimeout(timer);
			timer = setTimeout(function () { show(form, index, input.value); }, 200);
		});
		var q = queryFromUrl();
		if (q)
			input.value = q;
		show(form, index, input.value);
	}

	if (typeof document !== 'undefined') {
		if (document.readyState === 'loading')
			document.addEventListener('DOMContentLoaded', init);
		else
			init();
	}
	if (typeof module !== 'undefined' && module.exports)
		module.exports = { tokens: tokens, search: search };
})();
