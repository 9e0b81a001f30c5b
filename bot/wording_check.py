"""Checks of the wording catalog (data/wording.yaml) against itself and against the code that uses it.

- every entry has both languages, with the same {placeholders} (a name ending in _en or _zh: that language only);
- every key the code names ("reply.greet", or a prefix such as f"measure.{detail}") exists, and a call
  `text("key", lang, ...)` gives every value its entry needs;
- every string a web page reads (chat.js, dashboard.js and its template) is in that page's wording;
- no Python module picks a sentence by comparing the language with "en" or "zh" (EXEMPT says where that
  comparison is about something else than wording), nor writes one per language in a {"zh": f"...", "en": f"..."}
  literal.
"""

from __future__ import annotations

import ast
import re
from collections.abc import Iterator
from string import Formatter

from actions.wording import CATALOG, LANGS, catalog

ROOT = CATALOG.parents[1]
CODE = ("actions", "bot", "nlu", "server")
WEB = ROOT / "bot" / "web"
# Each page's script (and template) -> the wording section the server puts in that page, and what it adds to it.
PAGES = {
    (WEB / "static" / "chat.js",): ("web", {"unreachable"}),  # bot/web/server.py adds web_error.unavailable
    (WEB / "static" / "dashboard.js", WEB / "dashboard.html"): ("trainer", set()),
}
DERIVED = {"size": "s_en"}  # text() fills {s_en} from a size, and {n_s_en} from any count n
# (module, function) -> why its comparison of the language with "en"/"zh" chooses no wording
EXEMPT = {
    ("actions/quiz/generated.py", "_words_pattern"): "word boundaries of a regular expression: Chinese has no spaces",
}


def placeholders(template: str) -> set[str]:
    return {name for _, name, _, _ in Formatter().parse(template) if name}


def catalog_problems(entries: dict[str, dict[str, str]]) -> list[str]:
    problems = []
    for key, entry in entries.items():
        if not isinstance(entry, dict) or sorted(entry) != sorted(LANGS):
            problems.append(f"{key}: needs exactly the languages {', '.join(LANGS)}")
            continue
        if not all(isinstance(entry[lang], str) and entry[lang] for lang in LANGS):
            problems.append(f"{key}: every language needs a non-empty text")
            continue
        names = {}
        for lang in LANGS:
            try:
                found = placeholders(entry[lang])
            except ValueError as error:  # an unmatched brace
                problems.append(f"{key} ({lang}): {error}")
                break
            foreign = {n for n in found if n.endswith(tuple(f"_{other}" for other in LANGS if other != lang))}
            if foreign:
                problems.append(f"{key} ({lang}): {', '.join(sorted(foreign))} belongs to another language")
            names[lang] = {n for n in found if not n.endswith(f"_{lang}")}
        else:
            if len({frozenset(n) for n in names.values()}) > 1:
                given = "; ".join(f"{lang}: {', '.join(sorted(n)) or '-'}" for lang, n in names.items())
                problems.append(f"{key}: the languages have different placeholders ({given})")
    return problems


def _modules() -> Iterator[tuple[str, ast.Module]]:
    for folder in CODE:
        for path in sorted((ROOT / folder).rglob("*.py")):
            yield path.relative_to(ROOT).as_posix(), ast.parse(path.read_text(encoding="utf-8"))


def _is_lookup(call: ast.Call) -> bool:
    func = call.func
    return (isinstance(func, ast.Name) and func.id == "text") or (
        isinstance(func, ast.Attribute)
        and func.attr == "text"
        and isinstance(func.value, ast.Name)
        and func.value.id == "wording"
    )


Modules = list[tuple[str, ast.Module]]


def usage_problems(entries: dict[str, dict[str, str]], modules: Modules | None = None) -> list[str]:
    """Keys the code names that the catalog lacks, and lookups that leave a placeholder unfilled."""
    sections = {key.split(".", 1)[0] for key in entries}
    shaped = re.compile(rf"^(?:{'|'.join(map(re.escape, sections))})\.\w+$")
    problems = []
    for module, tree in modules or list(_modules()):
        parts = {id(v) for n in ast.walk(tree) if isinstance(n, ast.JoinedStr) for v in n.values}
        for node in ast.walk(tree):
            if (
                isinstance(node, ast.Constant)
                and id(node) not in parts
                and isinstance(node.value, str)
                and shaped.match(node.value)
            ):
                if node.value not in entries:
                    problems.append(f"{module}:{node.lineno}: no wording {node.value!r}")
            elif isinstance(node, ast.JoinedStr) and node.values and isinstance(node.values[0], ast.Constant):
                prefix = str(node.values[0].value)
                if prefix.split(".", 1)[0] in sections and "." in prefix and not any(k.startswith(prefix) for k in entries):
                    problems.append(f"{module}:{node.lineno}: no wording starts with {prefix!r}")
            elif isinstance(node, ast.Call) and _is_lookup(node) and node.args:
                problems += _unfilled(module, node, entries)
    return problems


def _unfilled(module: str, call: ast.Call, entries: dict[str, dict[str, str]]) -> list[str]:
    if any(k.arg is None for k in call.keywords):  # **values: cannot tell statically
        return []
    given = {k.arg for k in call.keywords if k.arg is not None}
    given |= {DERIVED[name] for name in given & DERIVED.keys()} | {f"{name}_s_en" for name in given}
    keys = [n.value for n in ast.walk(call.args[0]) if isinstance(n, ast.Constant) and n.value in entries]
    return [
        f"{module}:{call.lineno}: {key} needs {', '.join(sorted(missing))}"
        for key in keys
        if (missing := set().union(*(placeholders(entries[key][lang]) for lang in LANGS)) - given)
    ]


def page_problems(entries: dict[str, dict[str, str]]) -> list[str]:
    """Strings a page's script reads (`strings().name`, `s.name`, `t.name`, `t[`name_...`]`) or its template names
    (`data-s="name"`) that the page's wording lacks."""
    problems = []
    for files, (name, extra) in PAGES.items():
        page = {key.split(".", 1)[1] for key in entries if key.startswith(f"{name}.")} | extra
        for path in files:
            code = path.read_text(encoding="utf-8")
            used = set(re.findall(r"\b(?:strings\(\)|s\(\)|s|t)\.(\w+)|data-s=\"(\w+)\"", code))
            names = {a or b for a, b in used}
            prefixes = set(re.findall(r"\bt\[`(\w+)_\$\{", code))  # t[`state_${...}`]: some entry starts so
            problems += [f"{path.relative_to(ROOT)}: no wording {name}.{n}" for n in sorted(names - page)]
            unknown = sorted(p for p in prefixes if not any(k.startswith(f"{p}_") for k in page))
            problems += [f"{path.relative_to(ROOT)}: no wording {name}.{p}_..." for p in unknown]
    return problems


def _compares_language(test: ast.expr) -> bool:
    return any(
        isinstance(n, ast.Compare) and any(isinstance(c, ast.Constant) and c.value in LANGS for c in [n.left, *n.comparators])
        for n in ast.walk(test)
    )


def branch_problems(modules: Modules | None = None) -> list[str]:
    """Places where code chooses between texts by comparing the language with "en"/"zh"."""
    problems = []
    for module, tree in modules or list(_modules()):
        functions = [n for n in ast.walk(tree) if isinstance(n, (ast.FunctionDef, ast.AsyncFunctionDef))]
        for node in ast.walk(tree):
            if not isinstance(node, (ast.If, ast.IfExp)) or not _compares_language(node.test):
                continue
            around = [f for f in functions if f.lineno <= node.lineno <= (f.end_lineno or f.lineno)]
            name = max(around, key=lambda f: f.lineno).name if around else "<module>"
            if (module, name) not in EXEMPT:
                problems.append(f"{module}:{node.lineno}: {name} chooses by language; put the wording in {CATALOG.name}")
    return problems


def _words(value: ast.expr) -> bool:
    return isinstance(value, ast.Constant) and isinstance(value.value, str) and bool(re.search(r"\w", value.value))


def _builds_words(value: ast.expr) -> bool:
    """Whether a value builds text with words of its own: an f-string, or a + of strings, with a letter or character
    in its literal part (a plain string is a term, as in a table of names)."""
    if isinstance(value, ast.BinOp) and isinstance(value.op, ast.Add):
        return any(_words(side) or _builds_words(side) for side in (value.left, value.right))
    return isinstance(value, ast.JoinedStr) and any(_words(part) for part in value.values)


def sentence_problems(modules: Modules | None = None) -> list[str]:
    """Dict literals {"zh": f"...", "en": f"..."} that write a sentence in each language in the code."""
    found = []
    for module, tree in modules or list(_modules()):
        for node in ast.walk(tree):
            if not isinstance(node, ast.Dict):
                continue
            by_key = {k.value: v for k, v in zip(node.keys, node.values, strict=True) if isinstance(k, ast.Constant)}
            if set(LANGS) <= by_key.keys() and any(_builds_words(by_key[lang]) for lang in LANGS):
                found.append((module, node.lineno))
    where = CATALOG.name
    return [f"{module}:{line}: writes a sentence in each language; put the wording in {where}" for module, line in sorted(found)]


def problems() -> list[str]:
    entries, modules = catalog(), list(_modules())
    return (
        catalog_problems(entries)
        + usage_problems(entries, modules)
        + page_problems(entries)
        + branch_problems(modules)
        + sentence_problems(modules)
    )
