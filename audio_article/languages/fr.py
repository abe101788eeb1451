"""French: dates ("le 1er décembre 2024"), ordinals ("3e", "XXIe siècle"), times ("14h30"),
money ("12,50 €", "3,5 millions d'euros"), percentages, units, gender of "un"/"une"."""

from __future__ import annotations

import re

from .base import Language, Rule, alternation

_ROMAN = {"I": 1, "V": 5, "X": 10, "L": 50, "C": 100, "D": 500, "M": 1000}


def roman_value(roman: str) -> int:
    total = 0
    for i, ch in enumerate(roman):
        v = _ROMAN[ch]
        total += -v if i + 1 < len(roman) and _ROMAN[roman[i + 1]] > v else v
    return total


class French(Language):
    code = "fr"
    pysbd_language = "fr"
    thousands = "\u00a0\u202f ."
    decimal_word = "virgule"

    def cardinal_before(self, written: str, noun: str) -> str:
        said = self.number(written)
        if noun.lower() in self.data["gender"]["feminine"] and re.search(r"\bun$", said):
            said = said[:-2] + "une"
        return said

    def ordinal(self, n: int, suffix: str) -> str:
        if n == 1:
            return "première" if suffix.lower() in ("re", "ère", "ere") else "premier"
        return self.words(n, "ordinal")

    def build_rules(self) -> list[Rule]:
        d = self.data
        num = self.num
        month = self.month_re
        scale = alternation(d["scales"])
        cur = alternation(d["currencies"])
        unit = alternation(d["units"])

        month_name = self.month_name

        def day(n: str) -> str:
            return "premier" if int(n) == 1 else self.words(n)

        def date(m: re.Match[str]) -> str:
            said = f"{day(m.group(1))} {month_name(m.group(2))}"
            return f"{said} {self.words(m.group(3))}" if m.group(3) else said

        def numeric_date(m: re.Match[str]) -> str:
            dd, mo, year = int(m.group(1)), int(m.group(2)), m.group(3)
            if not (1 <= dd <= 31 and 1 <= mo <= 12):
                return m.group(0)
            y = int(year) + (2000 if len(year) == 2 else 0)
            return f"{day(str(dd))} {self.month_names[mo - 1]} {self.words(y)}"

        def clock(m: re.Match[str]) -> str:
            h, mi = int(m.group(1)), m.group(2)
            hours = "une heure" if h == 1 else f"{self.cardinal_before(str(h), 'heures')} heures"
            if h == 0:
                hours = "zéro heure"
            return hours + (f" {self.words(mi)}" if mi and int(mi) else "")

        def money(m: re.Match[str]) -> str:
            sym = m.group("s1") or m.group("s2")
            amount = m.group("n1") or m.group("n2")
            big = m.group("k1") or m.group("k2")
            one, many, c_one, c_many = d["currencies"][sym]
            whole, frac = self.value(amount)
            if big:
                s_one, s_many = d["scales"][big]
                size = s_one if whole == 1 and not frac else s_many
                of = "d'" if many[0] in "aeiouéè" else "de "
                return f"{self.number(amount)} {size} {of}{many}"
            cents = int((frac + "00")[:2]) if frac.strip("0") else 0
            if len(frac) > 2:
                return f"{self.number(amount)} {many}"
            said = f"{self.cardinal_before(str(whole), one)} {one if whole <= 1 else many}"
            if whole and cents:
                return f"{said} {self.words(cents)}"
            if cents:
                return f"{self.words(cents)} {c_one if cents == 1 else c_many}"
            return said

        def measure(m: re.Match[str]) -> str:
            amount, written = m.group(1), m.group(2)
            one, many = d["units"][written]
            whole, frac = self.value(amount)
            single = whole <= 1 and not frac
            return f"{self.cardinal_before(amount, one)} {one if single else many}"

        def with_scale(m: re.Match[str]) -> str:
            amount, big = m.group(1), m.group(2)
            s_one, s_many = d["scales"][big]
            whole, frac = self.value(amount)
            return f"{self.number(amount)} {s_one if whole == 1 and not frac else s_many}"

        def ordinal(m: re.Match[str]) -> str:
            return self.ordinal(int(m.group(1)), m.group(2))

        def roman_ordinal(m: re.Match[str]) -> str:
            return self.ordinal(roman_value(m.group(1)), m.group(2))

        def number(m: re.Match[str]) -> str:
            after = m.group(2) or ""
            said = self.cardinal_before(m.group(1), after) if after else self.number(m.group(1))
            return said + (f" {after}" if after else "")

        return [
            *self.abbreviation_rules(),
            self.rule(
                "date-numeric",
                r"\b(\d{1,2})[./-](\d{1,2})[./-](\d{4}|\d{2})\b",
                numeric_date,
            ),
            self.rule(
                "date",
                rf"\b(\d{{1,2}})(?:er|ᵉʳ)?\s({month})(?![\w])(?:\s(\d{{4}})\b)?",
                date,
                re.IGNORECASE,
            ),
            self.rule(
                "time",
                r"\b([01]?\d|2[0-4])\s?(?:h|heures?)\s?([0-5]\d)?(?![\w])|\b([01]?\d|2[0-4]):([0-5]\d)\b",
                lambda m: clock(_Groups(m.group(1) or m.group(3), m.group(2) or m.group(4))),
            ),
            self.rule(
                "money",
                rf"(?:(?<![\w])(?P<s1>{cur})\s?(?P<n1>{num})(?:\s?(?P<k1>{scale})(?![\w]))?"
                rf"|(?P<n2>{num})(?:\s?(?P<k2>{scale}))?\s?(?:d'|de\s)?(?P<s2>{cur})(?![\w]))",
                money,
            ),
            self.rule("unit", rf"((?:(?<![\w])[-−])?{num})\s?({unit})(?![\w²])", measure),
            self.rule("scale", rf"({num})\s?({scale})(?![\w])", with_scale),
            self.rule(
                "ordinal", r"\b(\d{1,4})(er|re|ère|ere|e|ème|eme|d|de|ᵉ|ᵉʳ|°)(?![\w])", ordinal
            ),
            self.rule(
                "ordinal-roman", r"\b([IVXLC]{2,}|[IVX])(er|re|e|ème|ᵉ)(?![\w])", roman_ordinal
            ),
            self.rule(
                "range",
                rf"({num})\s?[–-]\s?({num})(?![\w])",
                lambda m: f"{self.number(m.group(1))} à {self.number(m.group(2))}",
            ),
            self.rule("number", rf"([-−]?{num})(?:\s([^\W\d]\w*))?", number),
        ]


class _Groups:
    """A stand-in match for the two spellings of a time ("14h30", "14:30")."""

    def __init__(self, hour: str, minutes: str | None) -> None:
        self._groups = (hour, minutes)

    def group(self, i: int) -> str | None:
        return self._groups[i - 1]
