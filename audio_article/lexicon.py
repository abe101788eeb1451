"""Pronunciation lexicon: per-language word lists that fix what a speech engine says.

A lexicon file is TOML with one ``[entries]`` table. Each key is a written word or phrase; its value
is either a respelling string or a table:

```toml
[entries]
Kyiv = "Keev"                                   # respell (matches kyiv, KYIV, Kyiv's ...)
HUR = { spell = true }                          # force letters: H.U.R
NATO = { say = true }                           # force a word: Nato
Nice = { respell = "Neess", match_case = true } # only this exact capitalisation
```

Keys written in capitals only (``HUR``, ``US``) match case-sensitively by default, so ``US`` never
changes the pronoun "us"; other keys match any case. ``match_case`` overrides the default. Later
files override earlier ones (the global language file first, then per-voice files).
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

from audio_article.errors import ConfigError

EntryKind = Literal["respell", "spell", "say"]
_ENTRY_KEYS = {"respell", "spell", "say", "match_case"}


def voices_dir() -> Path:
    """The package's ``voices/`` folder (profiles and lexicons), shipped as package data."""
    from .config import PROJECT_VOICES

    return PROJECT_VOICES


@dataclass(frozen=True)
class Entry:
    """One lexicon entry: what is written, how to say it, and where it came from."""

    written: str
    kind: EntryKind
    respelling: str = ""
    match_case: bool = False
    source: str = ""

    def spoken(self, matched: str) -> str:
        """The text given to the engine for ``matched`` (the word as it appeared)."""
        if self.kind == "respell":
            return self.respelling
        letters = [c for c in matched if c.isalnum()]
        if self.kind == "spell":
            return ".".join(c.upper() for c in letters)
        # "say": written as an ordinary capitalised word so engines do not spell it.
        word = "".join(letters) if len(letters) == len(matched.replace("-", "")) else matched
        return word[:1].upper() + word[1:].lower()


@dataclass(frozen=True)
class Lexicon:
    """Entries by written form; ``apply`` substitutes them on word boundaries."""

    entries: tuple[Entry, ...] = ()
    _exact: dict[str, Entry] = field(default_factory=dict, init=False, repr=False, compare=False)
    _folded: dict[str, Entry] = field(default_factory=dict, init=False, repr=False, compare=False)
    _pattern: re.Pattern[str] | None = field(default=None, init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        exact: dict[str, Entry] = {}
        folded: dict[str, Entry] = {}
        for entry in self.entries:  # later entries override earlier ones
            if entry.match_case:
                exact[entry.written] = entry
                folded.pop(entry.written.casefold(), None)
            else:
                folded[entry.written.casefold()] = entry
                for key in [k for k in exact if k.casefold() == entry.written.casefold()]:
                    del exact[key]
        object.__setattr__(self, "_exact", exact)
        object.__setattr__(self, "_folded", folded)
        alternatives = [re.escape(k) for k in exact] + [f"(?i:{re.escape(k)})" for k in folded]
        if alternatives:
            # Longest first, so "Kamensk-Shakhtynsky" wins over "Kamensk".
            order = sorted(
                zip([*exact, *folded], alternatives, strict=True), key=lambda p: -len(p[0])
            )
            body = "|".join(a for _, a in order)
            pattern = re.compile(rf"(?<!\w)(?:{body})(?!\w)")
            object.__setattr__(self, "_pattern", pattern)

    def __len__(self) -> int:
        return len(self._exact) + len(self._folded)

    def __bool__(self) -> bool:
        return len(self) > 0

    def lookup(self, word: str) -> Entry | None:
        """The entry that applies to ``word`` as written, if any."""
        return self._exact.get(word) or self._folded.get(word.casefold())

    def apply(self, text: str, on_match: Callable[[Entry, str, str], str] | None = None) -> str:
        """Replace every entry in ``text``; ``on_match(entry, written, spoken)`` may rewrite."""
        if self._pattern is None:
            return text

        def replace(match: re.Match[str]) -> str:
            written = match.group(0)
            entry = self.lookup(written)
            if entry is None:  # pragma: no cover - the pattern only matches known keys
                return written
            spoken = entry.spoken(written)
            return on_match(entry, written, spoken) if on_match else spoken

        return self._pattern.sub(replace, text)

    def merged(self, other: Lexicon) -> Lexicon:
        """This lexicon with ``other``'s entries taking precedence."""
        return Lexicon((*self.entries, *other.entries))

    @classmethod
    def load(cls, paths: Sequence[Path]) -> Lexicon:
        """Read lexicon files in order; later files override earlier ones."""
        entries: list[Entry] = []
        for path in paths:
            entries.extend(_read_file(Path(path)))
        return cls(tuple(entries))

    @classmethod
    def for_language(cls, language: str, extra: Sequence[Path] = ()) -> Lexicon:
        """The global lexicon ``voices/lexicon/<lang>.toml`` (if any) plus ``extra`` files."""
        base = language.replace("_", "-").split("-")[0].lower()
        paths = [p for p in (voices_dir() / "lexicon" / f"{base}.toml",) if p.is_file()]
        return cls.load([*paths, *extra])


def _read_file(path: Path) -> list[Entry]:
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError as exc:
        raise ConfigError(path, "lexicon file not found") from exc
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(path, f"cannot read lexicon: {exc}") from exc
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(path, f"lexicon is not valid TOML: {exc}") from exc
    unknown = set(data) - {"entries", "language", "description"}
    if unknown:
        raise ConfigError(
            path, f"unknown top-level key {sorted(unknown)[0]!r} (expected [entries])"
        )
    table = data.get("entries", {})
    if not isinstance(table, dict):
        raise ConfigError(path, "'entries' must be a table of word = respelling")
    return [_parse_entry(path, key, value) for key, value in table.items()]


def _parse_entry(path: Path, key: str, value: object) -> Entry:
    written = key.strip()
    if not written or not re.search(r"\w", written):
        raise ConfigError(path, f"entry {key!r}: the written form must contain a letter")
    default_case = written.isupper() and len(written) > 1
    if isinstance(value, str):
        if not value.strip():
            raise ConfigError(path, f"entry {key!r}: the respelling is empty")
        return Entry(written, "respell", value.strip(), default_case, str(path))
    if not isinstance(value, dict):
        raise ConfigError(path, f"entry {key!r}: expected a respelling string or a table")
    unknown = set(value) - _ENTRY_KEYS
    if unknown:
        raise ConfigError(
            path, f"entry {key!r}: unknown key {sorted(unknown)[0]!r} (use respell, spell, say)"
        )
    match_case = value.get("match_case", default_case)
    if not isinstance(match_case, bool):
        raise ConfigError(path, f"entry {key!r}: 'match_case' must be true or false")
    kinds = [k for k in ("respell", "spell", "say") if k in value]
    if len(kinds) != 1:
        raise ConfigError(path, f"entry {key!r}: give exactly one of 'respell', 'spell' or 'say'")
    kind = kinds[0]
    if kind == "respell":
        respelling = value["respell"]
        if not isinstance(respelling, str) or not respelling.strip():
            raise ConfigError(path, f"entry {key!r}: 'respell' must be a non-empty string")
        return Entry(written, "respell", respelling.strip(), match_case, str(path))
    if value[kind] is not True:
        raise ConfigError(path, f"entry {key!r}: '{kind}' must be true")
    return Entry(written, kind, "", match_case, str(path))
