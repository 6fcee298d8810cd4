#!/usr/bin/env python3
"""Checks the DOM of docs/index.html as a browser left it after running the page's script.

    check_docs_dom.py MANIFEST DOM [--page ID DOM ...]

MANIFEST is generated/manifest.json; DOM is `chromium --dump-dom` of index.html. Checks that the
script ran (html.js, data-ready = number of pages), that the lineage graph has one clickable node
per manifest node, each linking to an existing page, and one edge per manifest edge, and that
every model has its page with every column (name, type) and one badge per column test.
`--page ID DOM` adds a dump taken at index.html#ID: exactly that page must be shown.
Standard library only.
"""
import json
import sys
from html.parser import HTMLParser


class Dom(HTMLParser):
    """A minimal element tree: (tag, attrs, children, text)."""

    VOID = {"meta", "link", "br", "img", "input", "hr", "path", "rect"}

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.root = {"tag": "#root", "attrs": {}, "children": [], "text": ""}
        self.stack = [self.root]

    def handle_starttag(self, tag, attrs):
        node = {"tag": tag, "attrs": dict(attrs), "children": [], "text": ""}
        self.stack[-1]["children"].append(node)
        if tag not in self.VOID:
            self.stack.append(node)

    def handle_startendtag(self, tag, attrs):
        self.stack[-1]["children"].append({"tag": tag, "attrs": dict(attrs), "children": [], "text": ""})

    def handle_endtag(self, tag):
        for i in range(len(self.stack) - 1, 0, -1):
            if self.stack[i]["tag"] == tag:
                del self.stack[i:]
                return

    def handle_data(self, data):
        self.stack[-1]["text"] += data


def walk(node):
    yield node
    for child in node["children"]:
        yield from walk(child)


def text(node):
    return node["text"] + "".join(text(c) for c in node["children"])


def classes(node):
    return node["attrs"].get("class", "").split()


def parse(path):
    dom = Dom()
    with open(path, encoding="utf-8") as f:
        dom.feed(f.read())
    return dom.root


def main(argv):
    manifest_path, dom_path, rest = argv[1], argv[2], argv[3:]
    with open(manifest_path, encoding="utf-8") as f:
        manifest = json.load(f)
    errors = []
    root = parse(dom_path)
    nodes = list(walk(root))
    html = next(n for n in nodes if n["tag"] == "html")
    pages = [n for n in nodes if n["tag"] == "section" and "page" in classes(n)]
    page_ids = {p["attrs"].get("id") for p in pages}
    if "js" not in classes(html):
        errors.append("the page script did not run (no 'js' class on <html>)")
    if html["attrs"].get("data-ready") != str(len(pages)):
        errors.append(f"data-ready is {html['attrs'].get('data-ready')!r}, expected {len(pages)}")

    svg = [n for n in nodes if n["tag"] == "svg" and n["attrs"].get("id") == "lineage-graph"]
    if len(svg) != 1:
        errors.append("no lineage graph <svg id='lineage-graph'>")
    else:
        graph = list(walk(svg[0]))
        gnodes = {n["attrs"].get("data-node"): n for n in graph if n["tag"] == "a" and "gnode" in classes(n)}
        edges = [n for n in graph if n["tag"] == "path" and "edge" in classes(n)]
        for unique_id in manifest["nodes"]:
            g = gnodes.get(unique_id)
            if g is None:
                errors.append(f"graph: no node for {unique_id}")
                continue
            target = g["attrs"].get("href", "")[1:]
            if target not in page_ids:
                errors.append(f"graph: {unique_id} links to #{target}, which is not a page")
        if len(edges) != len(manifest["edges"]):
            errors.append(f"graph: {len(edges)} edges drawn, manifest has {len(manifest['edges'])}")
        drawn = {(e["attrs"].get("data-from"), e["attrs"].get("data-to")) for e in edges}
        for a, b in manifest["edges"]:
            if (a, b) not in drawn:
                errors.append(f"graph: edge {a} -> {b} missing")

    tests_by_column = {}
    for test in manifest["tests"].values():
        if test.get("attached_node") and test.get("column"):
            key = (test["attached_node"], test["column"].upper())
            tests_by_column[key] = tests_by_column.get(key, 0) + 1
    by_id = {p["attrs"].get("id"): p for p in pages}
    models = [n for n in manifest["nodes"].values() if n["resource_type"] == "model"]
    for model in models:
        page = by_id.get("model-" + model["name"])
        if page is None:
            errors.append(f"no page for model {model['name']}")
            continue
        rows = {r["attrs"].get("data-column", "").upper(): r for r in walk(page) if r["tag"] == "tr" and "data-column" in r["attrs"]}
        for column in model["columns"]:
            row = rows.get(column["name"].upper())
            if row is None:
                errors.append(f"{model['name']}: column {column['name']} missing")
                continue
            cells = [c for c in row["children"] if c["tag"] == "td"]
            if column.get("type") and column["type"] not in text(cells[1]):
                errors.append(f"{model['name']}.{column['name']}: type {column['type']} not shown")
            badges = [b for b in walk(cells[3]) if b["tag"] == "span" and "badge" in classes(b)]
            want = tests_by_column.get((model["unique_id"], column["name"].upper()), 0)
            if len(badges) != want:
                errors.append(f"{model['name']}.{column['name']}: {len(badges)} test badges, manifest has {want} tests")
        if not any(n["tag"] == "pre" and "sql" in classes(n) for n in walk(page)):
            errors.append(f"{model['name']}: no compiled SQL")

    while rest:
        flag, page_id, path = rest[0], rest[1], rest[2]
        rest = rest[3:]
        assert flag == "--page"
        routed = [n for n in walk(parse(path)) if n["tag"] == "section" and "page" in classes(n)]
        active = [p["attrs"].get("id") for p in routed if "active" in classes(p)]
        if active != [page_id]:
            errors.append(f"#{page_id}: shown pages are {active}, expected exactly [{page_id!r}]")

    for e in errors:
        print(f"check_docs_dom: {e}", file=sys.stderr)
    if errors:
        return 1
    print(f"check_docs_dom: ok: script ran, graph has {len(manifest['nodes'])} nodes and {len(manifest['edges'])} edges, "
          f"{len(models)} model pages with every column, type and test")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
