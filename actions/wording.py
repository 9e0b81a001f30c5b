"""The one lookup of user-facing wording: `text("reply.greet", lang)` from data/wording.yaml, read once."""

from __future__ import annotations

from functools import cache
from pathlib import Path

import yaml

CATALOG = Path(__file__).resolve().parents[1] / "data" / "wording.yaml"
LANGS = ("zh", "en")


@cache
def catalog() -> dict[str, dict[str, str]]:
    """Every entry as "section.key" -> {lang: template}."""
    sections = yaml.safe_load(CATALOG.read_text(encoding="utf-8"))
    return {f"{section}.{key}": entry for section, entries in sections.items() for key, entry in entries.items()}


def text(key: str, lang: str, **values: object) -> str:
    """The entry in `lang` with its {placeholders} filled. A count `n` also fills {n_s_en}, the English plural ending
    after it ("1 question", "2 questions"), and `size` {s_en}."""
    counts = {name: value for name, value in values.items() if isinstance(value, int) and not isinstance(value, bool)}
    values |= {f"{name}_s_en": "" if value == 1 else "s" for name, value in counts.items()}
    if "size" in values:
        values["s_en"] = values["size_s_en"]
    template = catalog()[key][lang]
    return template.format(**values) if values else template


def key_of(said: str) -> tuple[str, str] | None:
    """(key, language) of the entry whose text is `said` word for word, e.g. a suggestion a button asks; else None."""
    return next(((key, lang) for key, entry in catalog().items() for lang in LANGS if entry[lang] == said), None)


def both(key: str, **values: str | int | dict[str, str]) -> dict[str, str]:
    """The entry filled in every language; a value given as {lang: text} fills each language with its own text."""
    return {
        lang: text(key, lang, **{name: v[lang] if isinstance(v, dict) else v for name, v in values.items()}) for lang in LANGS
    }


def every_language(key: str) -> dict[str, str]:
    """The entry's unfilled text in each language, for a client that picks the language itself."""
    return dict(catalog()[key])


def section(name: str, lang: str) -> dict[str, str]:
    """A section's entries in `lang`, by their key within it."""
    prefix = f"{name}."
    return {key.removeprefix(prefix): entry[lang] for key, entry in catalog().items() if key.startswith(prefix)}
