#!/usr/bin/env python3
"""Independent validation of generated Snowflake SQL with third-party parsers.

    python scripts/validate_sql.py [PATH ...]        (default: generated)

PATH is a directory (searched recursively for *.sql, in sorted order) or a .sql file.
Every file is split into statements (strings, "quoted identifiers", $$...$$ blocks and
--, // and /* */ comments are respected; empty and comment-only statements are ignored)
and every statement must pass:

  (a) sqlfluff, snowflake dialect, raw templater: no `unparsable` segment, no parse/lex
      violation;
  (b) sqlglot, read="snowflake": no error (except the statement shapes listed in
      SQLGLOT_KNOWN_GAPS, valid Snowflake that sqlglot cannot parse; sqlfluff still applies);
  (c) CREATE ... PIPE / CREATE ... TASK: a top-level `AS <statement>` must exist and the
      body must pass (a) and (b) on its own (a pipe body must be a COPY INTO);
  (d) EXECUTE IMMEDIATE $$<block>$$ and CREATE PROCEDURE ... LANGUAGE SQL ... AS $$<block>$$:
      the Snowflake Scripting block must pass (a) (sqlglot has no scripting grammar).
      Disable with --no-scripting-bodies.

Output: one line per failure, `path:line: error: <parser>: <message>`, then
`validate-sql: N statements in M files, K failed`. Exit status 1 when a statement failed or
when no statement was found at all (an empty generated/ is a failure), 2 on usage errors.
"""
from __future__ import annotations

import argparse
import bisect
import logging
import multiprocessing
import os
import re
import sys
from dataclasses import dataclass, field
from typing import Iterator, List, Optional, Sequence, Tuple

# --------------------------------------------------------------------------------------------
# Lexing / splitting (pure Python, no third-party dependency)
# --------------------------------------------------------------------------------------------

WORD_CHARS = set("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_$")


@dataclass
class Token:
    kind: str  # ws comment string dollar qident semi lparen rparen word other
    start: int
    end: int
    text: str
    error: Optional[str] = None  # set when the token is unterminated


def scan(src: str, base: int = 0) -> Iterator[Token]:
    """Tokenize just enough of Snowflake SQL to split statements and find keywords.

    Offsets are absolute (base + index into src)."""
    i, n = 0, len(src)
    while i < n:
        c = src[i]
        nxt = src[i + 1] if i + 1 < n else ""
        start = i
        if c in " \t\r\n\f\v":
            while i < n and src[i] in " \t\r\n\f\v":
                i += 1
            yield Token("ws", base + start, base + i, src[start:i])
        elif (c == "-" and nxt == "-") or (c == "/" and nxt == "/"):
            j = src.find("\n", i)
            i = n if j < 0 else j
            yield Token("comment", base + start, base + i, src[start:i])
        elif c == "/" and nxt == "*":
            j = src.find("*/", i + 2)
            if j < 0:
                i = n
                yield Token("comment", base + start, base + i, src[start:i],
                            "unterminated /* comment")
            else:
                i = j + 2
                yield Token("comment", base + start, base + i, src[start:i])
        elif c == "'":
            i += 1
            err = "unterminated string literal"
            while i < n:
                ch = src[i]
                if ch == "\\":
                    i += 2
                    continue
                if ch == "'":
                    if i + 1 < n and src[i + 1] == "'":
                        i += 2
                        continue
                    i += 1
                    err = None
                    break
                i += 1
            i = min(i, n)
            yield Token("string", base + start, base + i, src[start:i], err)
        elif c == '"':
            i += 1
            err = "unterminated quoted identifier"
            while i < n:
                if src[i] == '"':
                    if i + 1 < n and src[i + 1] == '"':
                        i += 2
                        continue
                    i += 1
                    err = None
                    break
                i += 1
            yield Token("qident", base + start, base + i, src[start:i], err)
        elif c == "$" and nxt == "$" and not (i > 0 and src[i - 1] in WORD_CHARS):
            j = src.find("$$", i + 2)
            if j < 0:
                i = n
                yield Token("dollar", base + start, base + i, src[start:i],
                            "unterminated $$ block")
            else:
                i = j + 2
                yield Token("dollar", base + start, base + i, src[start:i])
        elif c == ";":
            i += 1
            yield Token("semi", base + start, base + i, ";")
        elif c == "(":
            i += 1
            yield Token("lparen", base + start, base + i, "(")
        elif c == ")":
            i += 1
            yield Token("rparen", base + start, base + i, ")")
        elif c in WORD_CHARS:
            while i < n and src[i] in WORD_CHARS:
                # `$$` right after a word character stays part of the word (SYSTEM$$X is odd
                # but legal); a `$$` block needs a non-word character before it.
                i += 1
            yield Token("word", base + start, base + i, src[start:i])
        else:
            i += 1
            yield Token("other", base + start, base + i, c)


SIGNIFICANT = ("string", "dollar", "qident", "lparen", "rparen", "word", "other")


@dataclass
class Statement:
    start: int  # absolute offset of the first significant character
    end: int  # absolute offset just past the last significant character (before `;`)
    tokens: List[Token]  # significant tokens (comments/whitespace dropped)
    errors: List[Tuple[int, str]] = field(default_factory=list)  # (offset, message) from lexing


def split_statements(src: str, base: int = 0) -> List[Statement]:
    """Split on top-level `;`. Statements with no significant token are dropped, unless
    they hold an unterminated comment (which must not pass silently)."""
    out: List[Statement] = []
    toks: List[Token] = []
    errs: List[Tuple[int, str]] = []

    def flush() -> None:
        if toks:
            out.append(Statement(toks[0].start, toks[-1].end, list(toks), list(errs)))
        elif errs:
            off = errs[0][0]
            out.append(Statement(off, base + len(src), [], list(errs)))
        toks.clear()
        errs.clear()

    for t in scan(src, base):
        if t.error:
            errs.append((t.start, t.error))
        if t.kind == "semi":
            flush()
        elif t.kind in SIGNIFICANT:
            toks.append(t)
    flush()
    return out


# --------------------------------------------------------------------------------------------
# Positions
# --------------------------------------------------------------------------------------------


class LineMap:
    def __init__(self, text: str) -> None:
        self.starts = [0] + [m.end() for m in re.finditer("\n", text)]

    def line_col(self, off: int) -> Tuple[int, int]:
        i = bisect.bisect_right(self.starts, off) - 1
        return i + 1, off - self.starts[i] + 1

    def offset(self, line: int, col: int) -> int:
        line = max(1, min(line, len(self.starts)))
        return self.starts[line - 1] + max(col, 1) - 1


ANSI = re.compile(r"\x1b\[[0-9;]*m")


def one_line(s: str, limit: int = 300) -> str:
    s = ANSI.sub("", s)
    s = " ".join(s.split())
    return s if len(s) <= limit else s[: limit - 3] + "..."


# --------------------------------------------------------------------------------------------
# Parsers
# --------------------------------------------------------------------------------------------


@dataclass
class Problem:
    offset: int  # absolute offset in the file (precise location if known)
    parser: str
    message: str


class Parsers:
    def __init__(self) -> None:
        from sqlfluff.core import FluffConfig, Linter
        import sqlglot
        from sqlglot.errors import ParseError, TokenError

        # sqlglot logs a warning for every statement it falls back to an opaque Command for.
        logging.getLogger("sqlglot").setLevel(logging.ERROR)
        self.sqlglot = sqlglot
        self.ParseError = ParseError
        self.TokenError = TokenError
        cfg = FluffConfig(
            overrides={
                "dialect": "snowflake",
                "templater": "raw",
                "large_file_skip_byte_limit": 0,
                "large_file_skip_char_limit": 0,
                # The optional Rust parser (sqlfluffrs, beta) would be picked up by "auto" if
                # installed; pin the measured pure-Python grammar so results do not drift.
                "use_rust_parser": False,
            },
            require_dialect=False,
        )
        self.linter = Linter(config=cfg)

    # Both parse functions take the SQL text and its absolute offset in the file, and
    # return Problems with absolute offsets.

    def sqlfluff(self, sql: str, base: int, what: str = "sqlfluff") -> List[Problem]:
        lm = LineMap(sql)
        try:
            parsed = self.linter.parse_string(sql)
        except Exception as e:  # noqa: BLE001 - a crash is a failure, not a pass
            return [Problem(base, what, f"parser crashed: {type(e).__name__}: {one_line(str(e))}")]
        probs: List[Problem] = []
        seen = set()
        for v in parsed.violations:
            line = getattr(v, "line_no", None) or 1
            col = getattr(v, "line_pos", None) or 1
            off = base + lm.offset(line, col)
            desc = v.desc() if hasattr(v, "desc") else str(v)
            # sqlfluff's positions are relative to the statement; ours are in the file.
            desc = re.sub(r"^Line \d+, Position \d+: ", "", desc)
            seen.add(off)
            probs.append(Problem(off, what, one_line(desc)))
        tree = parsed.tree
        if tree is None:
            if not probs:
                probs.append(Problem(base, what, "no parse tree produced"))
            return probs
        for seg in tree.recursive_crawl("unparsable"):
            pm = seg.pos_marker
            off = base + (pm.source_slice.start if pm is not None else 0)
            if off in seen:
                continue
            seen.add(off)
            probs.append(Problem(off, what, f"unparsable section: {one_line(seg.raw, 120)!r}"))
        return probs

    def sqlglot_parse(self, sql: str, base: int, what: str = "sqlglot") -> List[Problem]:
        lm = LineMap(sql)
        try:
            self.sqlglot.parse(sql, read="snowflake")
        except self.ParseError as e:
            probs = []
            for err in e.errors or [{}]:
                line, col = err.get("line"), err.get("col")
                off = base + (lm.offset(line, max(col or 1, 1)) if line else 0)
                desc = err.get("description") or str(e)
                hl = err.get("highlight")
                if hl:
                    desc = f"{desc} near {one_line(hl, 60)!r}"
                probs.append(Problem(off, what, one_line(desc)))
            return probs
        except self.TokenError as e:
            return [Problem(base, what, one_line(f"tokenizer error: {e}"))]
        except Exception as e:  # noqa: BLE001
            return [Problem(base, what, f"parser crashed: {type(e).__name__}: {one_line(str(e))}")]
        return []


# Valid Snowflake that sqlglot 30.22.0 rejects whatever the spelling (checked by hand against
# the Snowflake docs); such statements are still fully parsed by sqlfluff. Keep this list tiny:
# each entry is a statement shape (leading words), never a file or a line.
SQLGLOT_KNOWN_GAPS = [
    (re.compile(r"^CREATE\s+(OR\s+REPLACE\s+)?ROW\s+ACCESS\s+POLICY\b", re.I),
     "CREATE ROW ACCESS POLICY: sqlglot expects ON after the policy name"),
]


def sqlglot_gap(sql: str) -> Optional[str]:
    for rx, why in SQLGLOT_KNOWN_GAPS:
        if rx.match(sql):
            return why
    return None


_PARSERS: Optional[Parsers] = None


def get_parsers() -> Parsers:
    """One sqlfluff Linter per process (building it loads the whole dialect)."""
    global _PARSERS
    if _PARSERS is None:
        _PARSERS = Parsers()
    return _PARSERS


# --------------------------------------------------------------------------------------------
# Statement checks
# --------------------------------------------------------------------------------------------


def words(tokens: Sequence[Token]) -> List[str]:
    return [t.text.upper() if t.kind == "word" else "" for t in tokens]


def create_kind(tokens: Sequence[Token]) -> Optional[str]:
    """'PIPE' / 'TASK' / 'PROCEDURE' for CREATE [OR REPLACE|OR ALTER|...] <kind> statements."""
    w = words(tokens[:8])
    if not w or w[0] != "CREATE":
        return None
    for k in w[1:6]:
        if k in ("PIPE", "TASK", "PROCEDURE"):
            return k
        if k not in ("OR", "REPLACE", "ALTER", "SECURE", "TEMPORARY", "TEMP", "TRANSIENT"):
            return None
    return None


def top_level_as(tokens: Sequence[Token], start_at: int = 2) -> Optional[int]:
    """Index of the first `AS` word at parenthesis depth 0."""
    depth = 0
    for i, t in enumerate(tokens):
        if t.kind == "lparen":
            depth += 1
        elif t.kind == "rparen":
            depth -= 1
        elif i >= start_at and depth == 0 and t.kind == "word" and t.text.upper() == "AS":
            return i
    return None


class Validator:
    def __init__(self, parsers: Parsers, scripting_bodies: bool = True) -> None:
        self.p = parsers
        self.scripting_bodies = scripting_bodies

    def check(self, src: str, st: Statement, depth: int = 0) -> List[Problem]:
        probs: List[Problem] = [Problem(off, "splitter", msg) for off, msg in st.errors]
        if not st.tokens:
            return probs
        sql = src[st.start:st.end]
        tag = "" if depth == 0 else " (body)"
        probs += self.p.sqlfluff(sql, st.start, "sqlfluff" + tag)
        if not sqlglot_gap(sql):
            probs += self.p.sqlglot_parse(sql, st.start, "sqlglot" + tag)
        if depth > 3:
            return probs

        kind = create_kind(st.tokens)
        if kind in ("PIPE", "TASK"):
            probs += self.check_as_body(src, st, kind, depth)
        elif kind == "PROCEDURE" and self.scripting_bodies:
            probs += self.check_procedure(src, st)
        w = words(st.tokens[:3])
        if (self.scripting_bodies and len(st.tokens) >= 3 and w[0] == "EXECUTE"
                and w[1] == "IMMEDIATE" and st.tokens[2].kind == "dollar"):
            probs += self.check_dollar_block(src, st.tokens[2], "EXECUTE IMMEDIATE")
        return probs

    def check_as_body(self, src: str, st: Statement, kind: str, depth: int) -> List[Problem]:
        what = f"{kind.lower()}-body"
        i = top_level_as(st.tokens)
        if i is None:
            return [Problem(st.start, what,
                            f"CREATE {kind} has no top-level AS <statement>")]
        body = st.tokens[i + 1:]
        if not body:
            return [Problem(st.tokens[i].start, what, f"CREATE {kind} ... AS is followed by nothing")]
        probs: List[Problem] = []
        bw = words(body[:2])
        if kind == "PIPE" and bw[:2] != ["COPY", "INTO"]:
            probs.append(Problem(body[0].start, what,
                                 f"a pipe body must be COPY INTO ..., found {one_line(body[0].text, 40)!r}"))
        sub = Statement(body[0].start, body[-1].end, list(body))
        for pr in self.check(src, sub, depth + 1):
            probs.append(Problem(pr.offset, f"{what}: {pr.parser.replace(' (body)', '')}", pr.message))
        return probs

    @staticmethod
    def dedup(probs: List[Problem]) -> List[Problem]:
        """Drop a body error that repeats (same place, same message) an outer parser's error."""
        seen = set()
        out = []
        for pr in probs:
            key = (pr.offset, pr.message)
            if key in seen:
                continue
            seen.add(key)
            out.append(pr)
        return out

    def check_dollar_block(self, src: str, tok: Token, what: str) -> List[Problem]:
        if tok.error or len(tok.text) < 4:
            return []  # already reported by the splitter / outer parsers
        body = tok.text[2:-2]
        if not body.strip():
            return [Problem(tok.start, f"{what} body", "empty $$ block")]
        base = tok.start + 2
        return [Problem(p.offset, f"{what} body: sqlfluff", p.message)
                for p in self.p.sqlfluff(body, base)]

    def check_procedure(self, src: str, st: Statement) -> List[Problem]:
        w = words(st.tokens)
        if "LANGUAGE" in w:
            li = w.index("LANGUAGE")
            if li + 1 < len(w) and w[li + 1] != "SQL":
                return []  # JavaScript / Python / Java / Scala bodies are not SQL
        i = top_level_as(st.tokens)
        if i is None or i + 1 >= len(st.tokens) or st.tokens[i + 1].kind != "dollar":
            return []
        return self.check_dollar_block(src, st.tokens[i + 1], "PROCEDURE")


# --------------------------------------------------------------------------------------------
# Driver
# --------------------------------------------------------------------------------------------


def find_files(paths: Sequence[str]) -> Tuple[List[str], List[str]]:
    files: List[str] = []
    errors: List[str] = []
    for p in paths:
        if os.path.isdir(p):
            found = []
            for root, dirs, names in os.walk(p):
                dirs[:] = [d for d in dirs if not d.startswith(".")]
                found += [os.path.join(root, n) for n in names if n.endswith(".sql")]
            files += sorted(found)
        elif os.path.isfile(p):
            files.append(p)
        else:
            errors.append(f"{p}: error: no such file or directory")
    # de-duplicate, keep order
    seen = set()
    return [f for f in files if not (f in seen or seen.add(f))], errors


# Work shared with forked worker processes (set before forking, read-only afterwards).
_WORK: List[Tuple[str, str, List[Statement]]] = []
_VALIDATOR: Optional[Validator] = None


def _check_task(task: Tuple[int, int]) -> List[Tuple[int, str, str]]:
    fi, si = task
    _path, src, stmts = _WORK[fi]
    assert _VALIDATOR is not None
    probs = _VALIDATOR.dedup(_VALIDATOR.check(src, stmts[si]))
    return [(p.offset, p.parser, p.message) for p in probs]


def main(argv: Optional[Sequence[str]] = None) -> int:
    global _VALIDATOR
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("paths", nargs="*", default=["generated"], metavar="PATH",
                    help="directories (searched recursively for *.sql) or files; default: generated")
    ap.add_argument("--no-scripting-bodies", action="store_true",
                    help="do not parse the Snowflake Scripting inside EXECUTE IMMEDIATE $$...$$ "
                         "and LANGUAGE SQL procedures")
    ap.add_argument("-j", "--jobs", type=int, default=os.cpu_count() or 1,
                    help="worker processes for large inputs (default: number of CPUs)")
    ap.add_argument("-q", "--quiet", action="store_true", help="print only failures and the summary")
    args = ap.parse_args(argv)

    files, errors = find_files(args.paths or ["generated"])
    for e in errors:
        print(e)
    if errors:
        print(f"validate-sql: 0 statements in {len(files)} files, 0 failed")
        return 2

    n_failed = 0
    _WORK.clear()
    for path in files:
        try:
            with open(path, encoding="utf-8") as fh:
                src = fh.read()
        except (OSError, UnicodeDecodeError) as e:
            print(f"{path}:1: error: read: {e}")
            n_failed += 1
            continue
        stmts = split_statements(src)
        if not stmts and not args.quiet:
            print(f"{path}:1: warning: no SQL statement in file", file=sys.stderr)
        _WORK.append((path, src, stmts))
    tasks = [(fi, si) for fi, (_, _, stmts) in enumerate(_WORK) for si in range(len(stmts))]
    n_stmts = len(tasks)

    _VALIDATOR = Validator(get_parsers(), scripting_bodies=not args.no_scripting_bodies)
    jobs = max(1, min(args.jobs, n_stmts // 40))
    if jobs > 1 and "fork" in multiprocessing.get_all_start_methods():
        # fork: workers inherit the loaded parsers and _WORK, nothing is re-imported.
        with multiprocessing.get_context("fork").Pool(jobs) as pool:
            results = pool.map(_check_task, tasks, chunksize=max(1, n_stmts // (jobs * 8)))
    else:
        results = [_check_task(t) for t in tasks]

    for (fi, si), probs in zip(tasks, results):
        if not probs:
            continue
        n_failed += 1
        path, src, stmts = _WORK[fi]
        lm = LineMap(src)
        sline = lm.line_col(stmts[si].start)[0]
        for offset, parser, message in probs:
            line, col = lm.line_col(offset)
            where = f" [statement at line {sline}]" if line != sline else ""
            print(f"{path}:{line}: error: {parser}: {message} (col {col}){where}")
    if n_stmts == 0:
        print("validate-sql: error: no SQL statement found (an empty output is a failure)")
    print(f"validate-sql: {n_stmts} statements in {len(files)} files, {n_failed} failed")
    if n_stmts == 0:
        return 1
    return 1 if n_failed else 0


if __name__ == "__main__":
    sys.exit(main())
