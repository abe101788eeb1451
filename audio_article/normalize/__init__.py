"""Normalize: written news text in, what a newsreader would say out.

Each rule is a regular expression with a function that returns the spoken form; ``explain`` records
every substitution, with the name of the rule that made it, so an editor can audit the script.
Rule *data* (abbreviations, acronyms, units, currencies) lives in
``audio_article/data/normalize/<language>.toml``. The English grammar is in ``normalize/en/``: one
module per semiotic class (cardinal, ordinal, date, time, money, decimal, measure, fraction, roman,
electronic, telephone, address, abbreviation, acronym, designation, range, symbol), the text
cleanup around the rules (``en/text.py``) and the one order the rules run in (``en/__init__.py``).
Number words (``normalize/words.py``) come from num2words (American style: no "and", no commas).
English output never contains digits: a last rule reads any number the others missed. Other
languages with rules of their own live in ``audio_article/languages/``.

Why hand-written rules rather than a library: the maintained normalizers (NeMo's WFST grammars)
need pynini/OpenFST, a heavy native dependency, and still miss wire-style news forms ("Dec. 26",
"F-16s", "$350 billion", initialisms vs acronyms). The rules here are small and tested by tables;
benchmarks/nemo_differential.py holds them against NeMo on real article text.
"""

from __future__ import annotations

import functools
import re
import tomllib
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from audio_article.lexicon import Entry, Lexicon
from audio_article.models import Segment
from audio_article.normalize.en import english
from audio_article.normalize.en.shared import PROTECT_CLOSE, PROTECT_OPEN
from audio_article.normalize.en.text import articles, prepare, punctuation, tidy
from audio_article.normalize.words import (
    cardinal,
    designation_words,
    digits_words,
    fraction_words,
    number_words,
    ordinal,
    pluralize,
    section_words,
    year_words,
)

__all__ = [
    "DATA_DIR",
    "Substitution",
    "cardinal",
    "designation_words",
    "digits_words",
    "explain",
    "fraction_words",
    "load_rules",
    "normalize",
    "normalize_segments",
    "number_words",
    "ordinal",
    "pluralize",
    "section_words",
    "year_words",
]

DATA_DIR = Path(__file__).resolve().parent.parent / "data" / "normalize"


@dataclass(frozen=True)
class Substitution:
    """One change to the text: the rule (or lexicon entry), what was written, what is said."""

    rule: str
    written: str
    spoken: str


@functools.cache
def load_rules(language: str) -> dict[str, Any] | None:
    """The rule tables for ``language`` ('en', 'en-US' ...), or None when there are none."""
    base = language.replace("_", "-").split("-")[0].lower()
    path = DATA_DIR / f"{base}.toml"
    if not path.is_file():
        return None
    with path.open("rb") as handle:
        return tomllib.load(handle)


_DIGIT = re.compile(r"\d")


def explain(
    text: str, language: str = "en", lexicon: Lexicon | None = None
) -> tuple[str, tuple[Substitution, ...]]:
    """The spoken form of ``text`` and every substitution made, in order."""
    subs: list[Substitution] = []
    data = load_rules(language)
    protected: list[str] = []

    def protect(spoken: str) -> str:
        protected.append(spoken)
        return f"{PROTECT_OPEN}{chr(0xE100 + len(protected) - 1)}{PROTECT_CLOSE}"

    def restore(value: str) -> str:
        return re.sub(
            f"{PROTECT_OPEN}(.){PROTECT_CLOSE}",
            lambda m: protected[ord(m.group(1)) - 0xE100],
            value,
        )

    if data is None:
        spoken = text.strip()
        if lexicon:
            spoken = lexicon.apply(spoken, _recorder(subs, None))
        from audio_article.languages import for_language

        native = for_language(language)  # de, fr, es, uk: their own rules (languages/<code>.py)
        if native is not None:
            spoken, found = native.explain(spoken)
            subs.extend(Substitution(*sub) for sub in found)
            return spoken, tuple(subs)
        subs.insert(
            0,
            Substitution(
                "fallback",
                "",
                f"no normalization rules for language {language!r}; "
                "the text is passed to the engine as written",
            ),
        )
        return spoken, tuple(subs)

    en = english()

    def one_pass(text: str) -> str:
        protected.clear()
        text = punctuation(prepare(text))
        if lexicon:
            text = lexicon.apply(text, _recorder(subs, protect))
        # Rules never write digits, so the rules that read numbers are skipped once there are
        # none (always so in the stabilizing passes): this halves the time of a long article.
        numbers = _DIGIT.search(text) is not None
        for rule in en.rules:
            if numbers or not rule.needs_digits:
                text = rule.pattern.sub(_recording(rule.name, rule.say, subs, restore), text)
        return articles(tidy(restore(tidy(punctuation(text)))))

    # Tidying can bring together what a rule reads differently ("Gen. (Dec." becomes
    # "Gen. Dec."), so the rules run again until the text is stable (twice in almost all cases).
    spoken = one_pass(text)
    for _ in range(3):
        again = one_pass(spoken)
        if again == spoken:
            break
        spoken = again
    return spoken, tuple(subs)


def _recorder(
    subs: list[Substitution], protect: Callable[[str], str] | None
) -> Callable[[Entry, str, str], str]:
    def on_match(entry: Entry, written: str, spoken: str) -> str:
        subs.append(Substitution(f"lexicon:{entry.kind}", written, spoken))
        # Respellings are final; spelled and said forms still get the initialism rule's
        # canonical shape ("H.U.R.'s" before a possessive, the full stop kept at the end).
        return protect(spoken) if protect and entry.kind == "respell" else spoken

    return on_match


def _recording(
    name: str,
    fn: Callable[[re.Match[str]], str],
    subs: list[Substitution],
    restore: Callable[[str], str],
) -> Callable[[re.Match[str]], str]:
    def replace(m: re.Match[str]) -> str:
        spoken = fn(m)
        if spoken != m.group(0):
            subs.append(Substitution(name, restore(m.group(0)).strip(), restore(spoken).strip()))
        return spoken

    return replace


def normalize(text: str, language: str = "en", lexicon: Lexicon | None = None) -> str:
    """Written text in, spoken text out (English: no digits, no symbols a reader would not say)."""
    return explain(text, language, lexicon)[0]


def normalize_segments(
    segments: Sequence[Segment], language: str = "en", lexicon: Lexicon | None = None
) -> tuple[Segment, ...]:
    """Each segment with ``spoken`` filled in."""
    return tuple(replace(s, spoken=normalize(s.text, language, lexicon)) for s in segments)
