"""German: dates ("am 14. März 2024" -> "am vierzehnten März zweitausendvierundzwanzig"),
ordinals by the case the article before them asks for, times ("14:30 Uhr"), money ("3,5 Mio.
Euro", "12,50 €"), percentages, units, years ("1990" -> "neunzehnhundertneunzig")."""

from __future__ import annotations

import re

from .base import Language, Rule, alternation


class German(Language):
    code = "de"
    pysbd_language = "de"
    thousands = ".\u00a0\u202f"  # "1.000" or a thin space; a plain space separates two numbers
    decimal_word = "Komma"
    fraction_digitwise = True

    def cardinal_before(self, written: str, noun: str) -> str:
        """A number before ``noun``: "eins" is "ein"/"eine" there ("1 Million" -> "eine Million")."""
        said = self.number(written)
        if said.endswith("eins") and "Komma" not in said:
            fem = noun in self.data["ordinals"]["feminine"]
            said = said[:-4] + ("eine" if fem else "ein")
        return said

    def ordinal(self, n: int | str, ending: str) -> str:
        """ "vierzehnte" + the ending ("e", "en", "er", "es")."""
        return self.words(n, "ordinal")[:-1] + ending

    def ending_after(self, word: str | None) -> str:
        table = self.data["ordinals"]
        word = (word or "").lower()
        for ending in ("en", "e", "er"):
            if word in table[ending]:
                return ending
        return "er"  # a dateline ("Berlin, 14. März") is read "vierzehnter März"

    def year(self, n: int) -> str:
        return self.words(n, "year") if 1100 <= n <= 1999 else self.words(n)

    def build_rules(self) -> list[Rule]:
        d = self.data
        num = self.num
        month = self.month_re
        scale = f"(?i:{alternation(d['scales'])})"
        d["scales"].update({k.lower(): v for k, v in list(d["scales"].items())})
        cur = alternation(d["currencies"])
        unit = alternation(d["units"])
        before = r"(?:(\w+)\s+)?"

        month_name = self.month_name

        def date(m: re.Match[str]) -> str:
            word, day, mon, year = m.group(1), m.group(2), m.group(3), m.group(4)
            lead = f"{word} " if word else ""
            said = f"{lead}{self.ordinal(day, self.ending_after(word))} {month_name(mon)}"
            return f"{said} {self.year(int(year))}" if year else said

        def numeric_date(m: re.Match[str]) -> str:
            word, day, mon, year = m.group(1), int(m.group(2)), int(m.group(3)), m.group(4)
            if not (1 <= day <= 31 and 1 <= mon <= 12):
                return m.group(0)
            lead = f"{word} " if word else ""
            said = f"{lead}{self.ordinal(day, self.ending_after(word))} {self.month_names[mon - 1]}"
            if year:
                y = int(year) + (2000 if len(year) == 2 else 0)
                said += f" {self.year(y)}"
            return said

        def iso_date(m: re.Match[str]) -> str:
            y, mo, day = int(m.group(1)), int(m.group(2)), int(m.group(3))
            if not (1 <= day <= 31 and 1 <= mo <= 12):
                return m.group(0)
            return f"{self.ordinal(day, 'er')} {self.month_names[mo - 1]} {self.year(y)}"

        def clock(h: str, mi: str | None) -> str:
            hour = "ein" if int(h) == 1 else self.words(h)
            return f"{hour} Uhr" + (f" {self.words(mi)}" if mi and int(mi) else "")

        def money(m: re.Match[str]) -> str:
            sym = m.group("s1") or m.group("s2")
            amount = m.group("n1") or m.group("n2")
            big = m.group("k1") or m.group("k2")
            one, many, c_one, c_many = d["currencies"][sym]
            whole, frac = self.value(amount)
            if big:
                s_one, s_many = d["scales"][big]
                single = whole == 1 and not frac
                size = s_one if single else s_many
                if s_one == "tausend":
                    return f"{self.number(amount)}tausend {many}"
                return f"{self.cardinal_before(amount, s_one if single else '')} {size} {many}"
            cents = int((frac + "00")[:2]) if frac.strip("0") else 0
            if len(frac) > 2 and frac.rstrip("0")[2:]:
                return f"{self.number(amount)} {many}"
            parts = []
            if whole or not cents:
                parts.append(
                    f"{self.cardinal_before(str(whole), one)} {one if whole == 1 else many}"
                )
            if cents:
                parts.append(
                    f"{self.cardinal_before(str(cents), c_one)} {c_one if cents == 1 else c_many}"
                )
            return " ".join(parts)

        def measure(m: re.Match[str]) -> str:
            amount, written = m.group(1), m.group(2)
            one, many = d["units"][written]
            whole, frac = self.value(amount)
            single = whole == 1 and not frac
            return f"{self.cardinal_before(amount, one) if single else self.number(amount)} {one if single else many}"

        def with_scale(m: re.Match[str]) -> str:
            amount, big = m.group(1), m.group(2)
            s_one, s_many = d["scales"][big]
            whole, frac = self.value(amount)
            if s_one == "tausend":
                return f"{self.number(amount)}tausend"
            single = whole == 1 and not frac
            return f"{self.cardinal_before(amount, s_one) if single else self.number(amount)} {s_one if single else s_many}"

        def ordinal(m: re.Match[str]) -> str:
            return f"{m.group(1)} {self.ordinal(m.group(2), self.ending_after(m.group(1)))}"

        def ordinal_noun(m: re.Match[str]) -> str:
            return f"{self.ordinal(m.group(1), d['ordinals']['nouns'][m.group(2)])} {m.group(2)}"

        def number(m: re.Match[str]) -> str:
            after = m.group(2) or ""
            if after and re.match(r"[A-ZÄÖÜ]", after) and "," not in m.group(1):
                return f"{self.cardinal_before(m.group(1), after)} {after}"
            return self.number(m.group(1)) + (f" {after}" if after else "")

        def year(m: re.Match[str]) -> str:
            return self.year(int(m.group(0)))

        articles = alternation(w for key in ("en", "e", "er") for w in d["ordinals"][key])
        nouns = alternation(d["ordinals"]["nouns"])
        return [
            *self.abbreviation_rules(),
            self.rule("date-iso", r"\b(\d{4})-(\d{1,2})-(\d{1,2})\b", iso_date),
            self.rule(
                "date",
                rf"{before}\b(\d{{1,2}})\.\s?({month})(?![\w])(?:\s+(\d{{4}})\b)?",
                date,
                re.IGNORECASE,
            ),
            self.rule(
                "date-numeric",
                rf"{before}\b(\d{{1,2}})\.(\d{{1,2}})\.(?:(\d{{4}}|\d{{2}})\b)?(?!\d)",
                numeric_date,
            ),
            self.rule(
                "time",
                r"\b([01]?\d|2[0-4])[:.]([0-5]\d)\s?Uhr\b|\b([01]?\d|2[0-4]):([0-5]\d)\b",
                lambda m: clock(m.group(1) or m.group(3), m.group(2) or m.group(4)),
            ),
            self.rule(
                "time-hour", r"\b([01]?\d|2[0-4])\s?Uhr\b", lambda m: clock(m.group(1), None)
            ),
            self.rule(
                "year-range",
                r"\b(1[1-9]\d\d|20\d\d)\s?[–-]\s?(1[1-9]\d\d|20\d\d)\b",
                lambda m: f"{self.year(int(m.group(1)))} bis {self.year(int(m.group(2)))}",
            ),
            self.rule(
                "money",
                rf"(?:(?<![\w])(?P<s1>{cur})\s?(?P<n1>{num})(?:\s?(?P<k1>{scale})(?![\w]))?"
                rf"|(?P<n2>{num})(?:\s?(?P<k2>{scale}))?\s?(?P<s2>{cur})(?![\w]))",
                money,
            ),
            self.rule(
                "unit-per",
                rf"((?:(?<![\w])[-−])?{num})\s?/\s?({unit})(?![\w²³])",
                lambda m: f"{self.number(m.group(1))} pro {d['units'][m.group(2)][0]}",
            ),
            self.rule("unit", rf"((?:(?<![\w])[-−])?{num})\s?({unit})(?![\w²³])", measure),
            self.rule("scale", rf"({num})\s?({scale})(?![\w])", with_scale),
            self.rule(
                "range",
                rf"({num})\s?[–-]\s?({num})(?![\w])",
                lambda m: f"{self.number(m.group(1))} bis {self.number(m.group(2))}",
            ),
            self.rule("ordinal", rf"\b((?i:{articles}))\s+(\d{{1,4}})\.(?=\s+\w)", ordinal),
            self.rule("ordinal-noun", rf"\b(\d{{1,4}})\.\s+({nouns})\b", ordinal_noun),
            self.rule("year", r"(?<![\d.,])1[1-9]\d\d(?![\d.,]\d)", year),
            self.rule("number", rf"([-−]?{num})(?:\s([^\W\d]\w*))?", number),
        ]
