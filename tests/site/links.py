#!/usr/bin/env python3
"""links.py -- link checker over a built site (default output/site).

Checks, as a reader clicking through the site from file:// would notice:
  - every internal href/src/srcset/action/poster (HTML) and url() (CSS)
    resolves to an existing file inside the site; a #fragment names an id
    (or <a name>) in the target page; a link to a directory is an error,
    since file:// shows no index.html for "dir/";
  - no absolute path ("/x") and no external URL (http:, https:, "//host",
    javascript:): the site must work from a sub-path and offline (no CDN);
    mailto: and data: are counted but allowed;
  - no HTML page is unreachable from index.html (orphans); 404.html is an
    entry point of its own (the server shows it); sitemap.xml and feed.xml
    are fetched by machines, so they need no link either;
  - every page has <html lang="zh-CN">, a <title> and exactly one <h1>.
Non-HTML files nothing links to are listed as warnings (with --strict,
errors).

Prints the counts and each problem as "page: problem"; exits 1 when there
is a problem, 2 on bad usage.
"""
import os
import posixpath
import re
import sys
from html.parser import HTMLParser
from urllib.parse import unquote, urlsplit

ROOT_PAGES = ("index.html", "404.html")
ALLOWED_UNLINKED = {"404.html", "sitemap.xml", "feed.xml"}
# Attributes that point at another file, by element ("*": any element).
LINK_ATTRS = {
    "a": ("href",), "area": ("href",), "link": ("href",),
    "img": ("src", "srcset"), "source": ("src", "srcset"),
    "script": ("src",), "iframe": ("src",), "embed": ("src",),
    "audio": ("src",), "video": ("src", "poster"), "track": ("src",),
    "object": ("data",), "form": ("action",), "use": ("href", "xlink:href"),
    "image": ("href", "xlink:href"),
}
CSS_URL = re.compile(r"""url\(\s*(['"]?)([^'")]*)\1\s*\)""")
CSS_IMPORT = re.compile(r"""@import\s+(['"])([^'"]+)\1""")
SCHEME = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*:")


class Page(HTMLParser):
    """Links, ids, and the heading/lang facts of one HTML page."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.links = []      # (line, attribute value)
        self.ids = set()
        self.lang = None
        self.h1 = 0
        self.title = 0
        self.in_style = False

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        line = self.getpos()[0]
        if tag == "html":
            self.lang = a.get("lang")
        elif tag == "h1":
            self.h1 += 1
        elif tag == "title":
            self.title += 1
        elif tag == "style":
            self.in_style = True
        for key in ("id",) + (("name",) if tag == "a" else ()):
            if a.get(key):
                self.ids.add(a[key])
        for attr in LINK_ATTRS.get(tag, ()):
            v = a.get(attr)
            if v is None:
                continue
            if attr == "srcset":
                for part in v.split(","):
                    if part.strip():
                        self.links.append((line, part.strip().split()[0]))
            else:
                self.links.append((line, v))
        if a.get("style"):
            for m in CSS_URL.finditer(a["style"]):
                self.links.append((line, m.group(2)))

    handle_startendtag = handle_starttag

    def handle_endtag(self, tag):
        if tag == "style":
            self.in_style = False

    def handle_data(self, data):
        if self.in_style:
            for m in CSS_URL.finditer(data):
                self.links.append((self.getpos()[0], m.group(2)))


class Checker:
    def __init__(self, site, strict=False):
        self.site = os.path.realpath(site)
        self.strict = strict
        self.problems = []
        self.warnings = []
        self.pages = {}       # rel path -> Page
        self.edges = {}       # rel path -> set of rel paths it links to
        self.files = set()
        self.counts = dict(links=0, internal=0, fragments=0, mailto=0, data=0)

    def problem(self, where, msg):
        self.problems.append(f"{where}: {msg}")

    def scan(self):
        for d, dirs, names in os.walk(self.site):
            dirs.sort()
            for n in sorted(names):
                rel = os.path.relpath(os.path.join(d, n), self.site)
                self.files.add(rel.replace(os.sep, "/"))
        for rel in sorted(self.files):
            if rel.endswith(".html"):
                p = Page()
                with open(os.path.join(self.site, rel), encoding="utf-8") as f:
                    try:
                        p.feed(f.read())
                    except UnicodeDecodeError:
                        self.problem(rel, "not valid UTF-8")
                p.close()
                self.pages[rel] = p

    def resolve(self, src, line, url):
        """The site file url points at (rel), or None after a problem."""
        where = f"{src}:{line}"
        self.counts["links"] += 1
        if url.startswith("mailto:"):
            self.counts["mailto"] += 1
            return None
        if url.startswith("data:"):
            self.counts["data"] += 1
            return None
        if url.startswith("//") or SCHEME.match(url):
            self.problem(where, f"external or scheme URL: {url}")
            return None
        if url.startswith("/"):
            self.problem(where, f"absolute path (breaks sub-path and file://): {url}")
            return None
        parts = urlsplit(url)
        path, frag = unquote(parts.path), unquote(parts.fragment)
        if url.startswith("#"):
            if not frag:
                self.problem(where, "empty fragment link \"#\"")
                return None
            target = src
        else:
            if path.endswith("/") or path in ("", ".", ".."):
                self.problem(where, f"link to a directory (file:// shows no index.html): {url}")
                return None
            target = posixpath.normpath(posixpath.join(posixpath.dirname(src), path))
            if target.startswith("../") or target == "..":
                self.problem(where, f"leaves the site: {url}")
                return None
            full = os.path.join(self.site, target)
            if os.path.isdir(full):
                self.problem(where, f"link to a directory (file:// shows no index.html): {url}")
                return None
            if target not in self.files:
                self.problem(where, f"broken link: {url} (no file {target})")
                return None
        self.counts["internal"] += 1
        if frag:
            self.counts["fragments"] += 1
            if target.endswith(".html") and frag not in self.pages[target].ids:
                self.problem(where, f"no id \"{frag}\" in {target}: {url}")
        return target

    def check_links(self):
        for rel, page in self.pages.items():
            out = self.edges.setdefault(rel, set())
            for line, url in page.links:
                t = self.resolve(rel, line, url.strip())
                if t:
                    out.add(t)
        for rel in sorted(self.files):
            if not rel.endswith(".css"):
                continue
            with open(os.path.join(self.site, rel), encoding="utf-8") as f:
                css = f.read()
            out = self.edges.setdefault(rel, set())
            for rx in (CSS_URL, CSS_IMPORT):
                for m in rx.finditer(css):
                    line = css.count("\n", 0, m.start()) + 1
                    t = self.resolve(rel, line, m.group(2).strip())
                    if t:
                        out.add(t)

    def check_pages(self):
        for rel, p in self.pages.items():
            if p.lang != "zh-CN":
                self.problem(rel, f"<html lang> is {p.lang!r}, not \"zh-CN\"")
            if p.title != 1:
                self.problem(rel, f"{p.title} <title> elements, not 1")
            if p.h1 != 1:
                self.problem(rel, f"{p.h1} <h1> headings, not 1")

    def check_reachable(self):
        if "index.html" not in self.files:
            self.problem("index.html", "missing: the site has no home page")
            return
        seen, todo = set(), [r for r in ROOT_PAGES if r in self.files]
        while todo:
            r = todo.pop()
            if r in seen:
                continue
            seen.add(r)
            todo.extend(sorted(self.edges.get(r, ())))
        for rel in sorted(self.files):
            if rel in seen or rel in ALLOWED_UNLINKED:
                continue
            if rel.endswith(".html"):
                self.problem(rel, "orphan page: not reachable from index.html")
            elif self.strict:
                self.problem(rel, "file nothing links to")
            else:
                self.warnings.append(f"{rel}: file nothing links to")
        self.counts["reachable"] = len(seen)

    def run(self):
        if not os.path.isdir(self.site):
            print(f"links.py: no site directory {self.site}", file=sys.stderr)
            return 2
        self.scan()
        self.check_links()
        self.check_pages()
        self.check_reachable()
        c = self.counts
        print(f"links: {len(self.pages)} pages, {len(self.files)} files, "
              f"{c['links']} links ({c['internal']} internal, {c['fragments']} "
              f"with #fragment, {c['mailto']} mailto, {c['data']} data:), "
              f"{c.get('reachable', 0)} files reachable from index.html")
        for w in self.warnings[:20]:
            print(f"warning: {w}")
        if len(self.warnings) > 20:
            print(f"warning: ... and {len(self.warnings) - 20} more files nothing links to")
        for p in self.problems:
            print(f"problem: {p}")
        print(f"links: {len(self.problems)} problems, {len(self.warnings)} warnings")
        return 1 if self.problems else 0


def main(argv):
    args = [a for a in argv[1:] if not a.startswith("--")]
    strict = "--strict" in argv[1:]
    if len(args) > 1 or any(a not in ("--strict",) for a in argv[1:] if a.startswith("--")):
        print("usage: links.py [--strict] [SITE-DIR]", file=sys.stderr)
        return 2
    return Checker(args[0] if args else "output/site", strict).run()


if __name__ == "__main__":
    sys.exit(main(sys.argv))
