"""What every non-English language shares: its data file, number words, rules and sentences.

A language is a ``Language`` subclass (one module per language) with its data in
``audio_article/data/languages/<code>.toml`` (month names, abbreviations, currencies, units, the
intro template and the AI disclosure). Number words come from num2words, which knows each
language's grammar of numbers; what num2words does not know (how a date, a price, a time or an
ordinal is said in running text, and which case or gender the words around it ask for) is in the
rules here and in each language's module. Sentences come from pysbd's segmenter for the language
(Russian's for Ukrainian, the nearest it has) plus a merge pass for the false breaks news copy
provokes: after abbreviations, after the dot of an ordinal day ("14. März"), before a lower-case
word.
"""

from __future__ import annotations

import abc
import functools
import re
import tomllib
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any, ClassVar

import pysbd
from num2words import num2words

DATA_DIR = Path(__file__).resolve().parent.parent / "data" / "languages"
Say = Callable[[re.Match[str]], str]


@dataclass(frozen=True)
class Rule:
    """One normalization rule: a unique name (shown by ``script --explain``), its pattern, what
    it says for a match."""

    name: str
    pattern: re.Pattern[str]
    say: Say


def alternation(words: Any) -> str:
    """A regex alternation of ``words``, longest first so "Mrd." wins over "M."."""
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))


class Language(abc.ABC):
    """The sentence splitter, normalizer and intro texts of one language."""

    code: ClassVar[str]
    pysbd_language: ClassVar[str]
    thousands: ClassVar[str] = ".\u00a0\u202f "  # characters that group thousands
    decimal: ClassVar[str] = ","
    decimal_marks: ClassVar[str] = ","
    """What may stand for the decimal mark ("5.1" as well as "5,1" where "." never groups)."""
    decimal_word: ClassVar[str]
    fraction_digitwise: ClassVar[bool] = False
    """Say "3,25" as "three comma two five" (German) rather than "... twenty-five"."""

    def __init__(self) -> None:
        with (DATA_DIR / f"{self.code}.toml").open("rb") as handle:
            self.data: dict[str, Any] = tomllib.load(handle)
        self.months: dict[str, int] = {
            name.lower(): i + 1 for i, names in enumerate(self.data["months"]) for name in names
        }
        self.month_names: list[str] = [names[0] for names in self.data["months"]]
        self.month_re = alternation(n for names in self.data["months"] for n in names)
        groups = "".join(re.escape(c) for c in self.thousands)
        dec = "".join(re.escape(c) for c in self.decimal_marks)
        # A number as written in this language: "1.000.000", "12 345", "3,5"; never a piece of a
        # longer number ("2024 100" is two numbers: a group after a 4-digit run is not a group).
        self.num = rf"(?<![\d{dec}])(?:\d{{1,3}}(?:[{groups}]\d{{3}})+(?!\d)|\d+)(?:[{dec}]\d+)?"
        self.never_final: set[str] = set(self.data.get("sentences", {}).get("never_final", []))
        self.rules: list[Rule] = self.build_rules()

    # -- data for the intro and outro ---------------------------------------------------------

    @property
    def intro_template(self) -> str:
        return str(self.data["intro"]["template"])

    @property
    def by(self) -> str:
        return str(self.data["intro"]["by"])

    @property
    def disclosure(self) -> str:
        return str(self.data["intro"]["disclosure"])

    def written_date(self, when: datetime) -> str:
        return str(self.data["intro"]["date"]).format(
            day=when.day, month=self.month_names[when.month - 1], year=when.year
        )

    # -- numbers ------------------------------------------------------------------------------

    def words(self, n: int | str, to: str = "cardinal") -> str:
        try:
            return str(num2words(int(n), lang=self.code, to=to))
        except (IndexError, KeyError, ValueError, OverflowError, NotImplementedError):
            # num2words has gaps (Ukrainian has no ordinal of 0; huge numbers overflow):
            # the cardinal, else the digits one by one, never a crash
            if to != "cardinal":
                return self.words(n)
            return " ".join(str(num2words(int(d), lang=self.code)) for d in str(int(n)))

    def value(self, written: str) -> tuple[int, str]:
        """The integer part and the digits after the decimal mark of a written number."""
        for mark in self.decimal_marks:
            written = written.replace(mark, self.decimal)
        whole, _, frac = written.partition(self.decimal)
        return int(re.sub(r"\D", "", whole) or 0), frac

    def number(self, written: str) -> str:
        """A written number ("1.000", "3,25", "-4") in words."""
        written = written.strip()
        sign = ""
        if written[:1] in "-−":
            sign, written = self.data["numbers"]["minus"] + " ", written[1:]
        whole, frac = self.value(written)
        said = self.words(whole)
        if frac:
            if self.fraction_digitwise or frac.startswith("0") and len(frac) > 1:
                tail = " ".join(self.words(d) for d in frac)
            else:
                tail = self.words(frac)
            said = f"{said} {self.decimal_word} {tail}"
        return sign + said

    # -- rules --------------------------------------------------------------------------------

    @abc.abstractmethod
    def build_rules(self) -> list[Rule]:
        """The language's rules, in the order they are tried."""

    def month_name(self, written: str) -> str:
        """The full month name for a written month ("März", "mar", "MARS" -> its full name)."""
        return self.month_names[self.months[written.lower()] - 1]

    def rule(self, name: str, pattern: str, say: Say, flags: int = 0) -> Rule:
        return Rule(name, re.compile(pattern, flags), say)

    def abbreviation_rules(self) -> list[Rule]:
        """The data file's abbreviations ("z. B." -> "zum Beispiel"), each a whole token."""
        table: dict[str, str] = self.data.get("abbreviations", {})
        if not table:
            return []
        pattern = rf"(?<![\w.])(?:{alternation(table)})(?![\w])"
        lowered = {k: v for k, v in table.items()}
        return [self.rule("abbreviation", pattern, lambda m: lowered[m.group(0)])]

    def explain(self, text: str) -> tuple[str, list[tuple[str, str, str]]]:
        """The spoken form of ``text`` and each substitution as (rule, written, spoken)."""
        subs: list[tuple[str, str, str]] = []
        text = re.sub(r"\s+", " ", text.replace("\u00ad", "")).strip()
        for rule in self.rules:

            def say(m: re.Match[str], rule: Rule = rule) -> str:
                spoken = rule.say(m)
                if m.group(0).endswith(".") and m.end() == len(m.string):
                    spoken = spoken.rstrip(".") + "."  # "in 20 Min." ends the sentence too
                if spoken != m.group(0):
                    subs.append((rule.name, m.group(0).strip(), spoken.strip()))
                return spoken

            text = rule.pattern.sub(say, text)
        text = re.sub(r"\s+([,.;:!?])", r"\1", re.sub(r"\s{2,}", " ", text)).strip()
        return text, subs

    # -- sentences ----------------------------------------------------------------------------

    @functools.cached_property
    def segmenter(self) -> pysbd.Segmenter:
        return pysbd.Segmenter(language=self.pysbd_language, clean=False)

    def split_sentences(self, text: str) -> list[str]:
        """The sentences of a paragraph, stripped, each with its own punctuation."""
        text = text.strip()
        if not text:
            return []
        pieces = [p.strip() for p in self.segmenter.segment(text) if p.strip()]
        merged: list[str] = []
        for piece in pieces:
            if merged and self.continues(merged[-1], piece):
                glue = "" if piece[:1] in ",;:)]" else " "
                merged[-1] = f"{merged[-1]}{glue}{piece}"
            else:
                merged.append(piece)
        out: list[str] = []
        for sentence in merged:
            out.extend(s.strip() for s in self.extra_breaks(sentence) if s.strip())
        return out

    def extra_breaks(self, sentence: str) -> list[str]:
        """Breaks pysbd misses in this language (none by default)."""
        return [sentence]

    def continues(self, previous: str, following: str) -> bool:
        """Is ``following`` the rest of ``previous`` (a false break)?"""
        if following[:1] in ",;:)]" or following[:1].islower():
            return True  # a sentence does not start with a lower-case word or a comma
        last = previous.split()[-1].lstrip("(\"'«„“‘")
        if last in self.never_final or last.lower() in self.never_final:
            return True
        if re.fullmatch(r"[^\W\d_]\.", last) and following[:1].isupper():
            return True  # an initial: "V. Selenskyj", "В. Зеленський"
        if re.fullmatch(r"\d{1,2}\.", last) and re.match(rf"(?:{self.month_re})\b", following):
            return True  # a day before its month: "14. | März"
        # a numbered list marker on its own
        return re.fullmatch(r"\d+\.", previous.strip()) is not None
