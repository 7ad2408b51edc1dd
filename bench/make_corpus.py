#!/usr/bin/python3
# make_corpus.py — the benchmark corpus: real French pages from Debian's documentation packages.
"""Builds the benchmark corpus.

  make_corpus.py base OUTDIR [--extra FILE.jsonl]...
      OUTDIR/files/   what veille-index reads through its own readers: the HTML pages (symbolic links
                      to the installed files) and the man pages rendered to text (.txt with Title:/Source:)
      OUTDIR/base.jsonl  the same documents as JSONL (text extracted by html.parser with veille's rules:
                      no script/style/nav/header/footer/aside), the input every engine gets
  make_corpus.py scale BASE.jsonl OUT.jsonl --copies N
      BASE replicated N times: distinct ids, paragraphs shuffled, one dropped, a dated revision line.

Every document gets a deterministic date (2015-2025, from a hash of its id) so that date sorting,
date filters and month facets have something to work on: the documentation pages carry none.
"""
import argparse
import concurrent.futures
import gzip
import hashlib
import html.parser
import json
import os
import random
import re
import subprocess
import sys

HTML_TREES = [
    ("libreoffice", "Aide LibreOffice", "/usr/share/libreoffice/help/fr"),
    ("gimp", "Aide GIMP", "/usr/share/gimp/2.0/help/fr"),
]
MAN_TREE = "/usr/share/man/fr"
MAN_SOURCE = "Pages de manuel"
MONTHS = ["janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre",
          "octobre", "novembre", "décembre"]

# The same element classes as indexer/readers/html_text.cpp.
SKIPPED = {"script", "style", "nav", "header", "footer", "aside", "noscript", "form", "template", "head",
           "title", "svg", "math", "iframe", "object", "button", "select", "textarea"}
BLOCK = {"p", "div", "section", "article", "main", "h1", "h2", "h3", "h4", "h5", "h6", "ul", "ol", "li",
         "dl", "dt", "dd", "table", "tr", "caption", "blockquote", "pre", "figure", "figcaption", "hr",
         "address", "details", "summary", "center", "body", "fieldset"}
VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}


class TextExtractor(html.parser.HTMLParser):
    """Visible text of a page, paragraphs separated by blank lines; the <title> and first <h1>."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.stack = []          # open elements
        self.skip_depth = 0      # > 0 inside a skipped element
        self.parts = []
        self.title = []
        self.h1 = []
        self.in_title = False
        self.in_h1 = 0
        self.h1_done = False

    def handle_starttag(self, tag, attrs):
        if tag == "br":
            self.parts.append("\n")
        if tag in VOID:
            return
        hidden = any(k == "hidden" or (k == "aria-hidden" and v == "true") or
                     (k == "style" and v and "display:none" in v.replace(" ", "")) for k, v in attrs)
        self.stack.append(tag)
        if tag == "title":
            self.in_title = True
        if self.skip_depth or tag in SKIPPED or hidden:
            self.skip_depth += 1
            return
        if tag == "h1" and not self.h1_done:
            self.in_h1 += 1
        if tag in BLOCK:
            self.parts.append("\n\n")
        elif tag in ("td", "th"):
            self.parts.append(" ")

    def handle_endtag(self, tag):
        if tag in VOID or tag not in self.stack:
            return
        while self.stack:
            open_tag = self.stack.pop()
            if open_tag == "title":
                self.in_title = False
            if self.skip_depth:
                self.skip_depth -= 1
            else:
                if open_tag == "h1" and self.in_h1:
                    self.in_h1 -= 1
                    self.h1_done = self.in_h1 == 0
                if open_tag in BLOCK:
                    self.parts.append("\n\n")
            if open_tag == tag:
                break

    def handle_data(self, data):
        if self.in_title:
            self.title.append(data)
        if self.skip_depth:
            return
        if self.in_h1:
            self.h1.append(data)
        self.parts.append(data)

    def text(self):
        raw = "".join(self.parts)
        paragraphs = [" ".join(p.split()) for p in re.split(r"\n\s*\n", raw)]
        return "\n\n".join(p for p in paragraphs if p)


def squash(s):
    return " ".join(s.split())


def doc_date(doc_id):
    h = int.from_bytes(hashlib.blake2b(doc_id.encode(), digest_size=8).digest(), "big")
    year = 2015 + h % 11
    month = 1 + (h >> 8) % 12
    day = 1 + (h >> 16) % 28
    return f"{year:04d}-{month:02d}-{day:02d}"


def html_docs():
    for key, source, root in HTML_TREES:
        if not os.path.isdir(root):
            print(f"make_corpus: {root} missing (package not installed), skipped", file=sys.stderr)
            continue
        for dirpath, dirnames, filenames in os.walk(root):
            dirnames.sort()
            for name in sorted(filenames):
                if not name.endswith(".html") or name == "noscript.html":
                    continue
                path = os.path.join(dirpath, name)
                with open(path, encoding="utf-8", errors="replace") as f:
                    parser = TextExtractor()
                    parser.feed(f.read())
                    parser.close()
                body = parser.text()
                title = squash("".join(parser.title)) or squash("".join(parser.h1))
                if len(body) < 40:
                    continue
                rel = os.path.relpath(path, root)
                yield key, rel, path, {"id": f"{key}/{rel}", "title": title, "body": body, "source": source,
                                       "url": "file://" + path}


def render_man(path):
    """A man page as plain text: no hyphenation or justification, overstrikes removed."""
    env = dict(os.environ, MANWIDTH="80", LANG="C.UTF-8", LC_ALL="C.UTF-8", MAN_KEEP_FORMATTING="")
    man = subprocess.run(["man", "--nh", "--nj", "-l", path], env=env, capture_output=True)
    if man.returncode != 0 or not man.stdout:
        return None
    col = subprocess.run(["col", "-bx"], input=man.stdout, capture_output=True, env=env)
    return col.stdout.decode("utf-8", errors="replace")


def man_doc(path):
    text = render_man(path)
    if not text:
        return None
    lines = [line.strip() for line in text.splitlines()]  # man's indentation is layout, not text
    # Header and footer lines (« LS(1) Commandes de l'utilisateur LS(1) ») are page furniture.
    if lines and re.match(r"^\S+\(\S+\)\s", lines[0]):
        lines = lines[1:]
    while lines and not lines[-1]:
        lines.pop()
    if lines and re.search(r"\S+\(\S+\)\s*$", lines[-1]):
        lines = lines[:-1]
    title = ""
    for i, line in enumerate(lines):
        if line.strip() in ("NOM", "NAME") and i + 1 < len(lines):
            title = squash(lines[i + 1])
            break
    name = os.path.basename(path)[:-3] if path.endswith(".gz") else os.path.basename(path)
    title = title or name
    body = "\n".join(lines).strip()
    body = re.sub(r"\n{3,}", "\n\n", body)
    section = os.path.basename(os.path.dirname(path))
    return {"id": f"man/{section}/{name}", "title": title, "body": body, "source": MAN_SOURCE,
            "url": "file://" + path}


def man_pages():
    paths = []
    for dirpath, dirnames, filenames in os.walk(MAN_TREE):
        dirnames.sort()
        for name in sorted(filenames):
            path = os.path.join(dirpath, name)
            if os.path.islink(path):
                continue  # aliases of another page
            try:
                with (gzip.open(path, "rb") if name.endswith(".gz") else open(path, "rb")) as f:
                    head = f.read(200)
            except OSError:
                continue
            if head.lstrip().startswith(b".so "):
                continue  # a redirection to another page
            paths.append(path)
    with concurrent.futures.ThreadPoolExecutor(max_workers=os.cpu_count() or 2) as pool:
        for doc in pool.map(man_doc, paths):
            if doc and len(doc["body"]) >= 40:
                yield doc


def write_text_file(path, doc):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w", encoding="utf-8") as f:
        f.write(f"Title: {doc['title']}\nSource: {doc['source']}\nURL: {doc['url']}\n\n{doc['body']}\n")


def build_base(outdir, extras):
    files = os.path.join(outdir, "files")
    os.makedirs(files, exist_ok=True)
    out_path = os.path.join(outdir, "base.jsonl")
    counts = {}
    with open(out_path + ".tmp", "w", encoding="utf-8") as out:
        def emit(doc, origin):
            doc.setdefault("date", doc_date(doc["id"]))
            out.write(json.dumps(doc, ensure_ascii=False) + "\n")
            counts[origin] = counts.get(origin, 0) + 1

        for key, rel, path, doc in html_docs():
            link = os.path.join(files, key, rel)
            os.makedirs(os.path.dirname(link), exist_ok=True)
            if not os.path.lexists(link):
                os.symlink(path, link)
            emit(doc, key)
        for doc in man_pages():
            write_text_file(os.path.join(files, doc["id"] + ".txt"), doc)
            emit(doc, "man")
        for extra in extras:
            link = os.path.join(files, "extra", os.path.basename(extra))
            os.makedirs(os.path.dirname(link), exist_ok=True)
            if not os.path.lexists(link):
                os.symlink(os.path.abspath(extra), link)
            with open(extra, encoding="utf-8") as f:
                for line in f:
                    if line.strip():
                        emit(json.loads(line), os.path.basename(extra))
    os.replace(out_path + ".tmp", out_path)
    json.dump(counts, sys.stdout)
    print()


def vary(doc, copy):
    """Copy number `copy` of doc: new id, paragraphs shuffled, one dropped, a dated revision line."""
    rng = random.Random(f"{doc['id']}#{copy}")
    paragraphs = doc["body"].split("\n\n")
    if len(paragraphs) > 3:
        del paragraphs[rng.randrange(len(paragraphs))]
    rng.shuffle(paragraphs)
    date = doc_date(f"{doc['id']}#{copy}")
    y, m, d = (int(x) for x in date.split("-"))
    paragraphs.append(f"Révision {copy} publiée le {d} {MONTHS[m - 1]} {y}.")
    out = dict(doc)
    out["id"] = f"{doc['id']}~{copy}"
    out["body"] = "\n\n".join(paragraphs)
    out["date"] = date
    if "url" in out:
        out["url"] = f"{doc['url']}#r{copy}"
    return out


def scale(base, out_path, copies, limit):
    with open(base, encoding="utf-8") as f:
        docs = [json.loads(line) for line in f if line.strip()]
    written = 0
    with open(out_path + ".tmp", "w", encoding="utf-8") as out:
        for copy in range(copies):
            for doc in docs:
                if limit and written >= limit:
                    break
                doc_out = doc if copy == 0 else vary(doc, copy)
                doc_out.setdefault("date", doc_date(doc_out["id"]))
                out.write(json.dumps(doc_out, ensure_ascii=False) + "\n")
                written += 1
    os.replace(out_path + ".tmp", out_path)
    print(written)


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = ap.add_subparsers(dest="cmd", required=True)
    b = sub.add_parser("base")
    b.add_argument("outdir")
    b.add_argument("--extra", action="append", default=[], help="JSONL articles added to the corpus")
    s = sub.add_parser("scale")
    s.add_argument("base")
    s.add_argument("out")
    s.add_argument("--copies", type=int, required=True)
    s.add_argument("--limit", type=int, default=0, help="stop after this many documents")
    args = ap.parse_args()
    if args.cmd == "base":
        build_base(args.outdir, args.extra)
    else:
        scale(args.base, args.out, args.copies, args.limit)


if __name__ == "__main__":
    main()
