"""Ukrainian: dates ("14 березня 2024 року" -> "чотирнадцятого березня дві тисячі двадцять
четвертого року"), ordinals with their written endings ("5-й", "5-го", "3-тя"), times ("о
14:30"), money and units with the noun in the form the number asks for ("1 гривня", "2 гривні",
"5 гривень"; "3,5 млн" -> "три кома п'ять мільйона"), gender ("2 тисячі" -> "дві тисячі").

pysbd has no Ukrainian segmenter; Russian's (same script, the same kinds of abbreviations) is the
nearest, with the Ukrainian abbreviations in the data file and the merge rules in ``base``.
What is not done: the case a preposition asks of a cardinal ("з 5 областей" stays "з п'ять
областей"); the nominative is read.
"""

from __future__ import annotations

import re

from .base import Language, Rule, alternation

# Case endings of an ordinal, from its nominative masculine ("-ий" hard, "-ій" soft: "третій").
_HARD = {"ий": "ий", "ого": "ого", "ому": "ому", "им": "им", "а": "а", "ої": "ої", "ій": "ій",
         "у": "у", "ою": "ою", "е": "е", "і": "і", "их": "их", "ими": "ими"}  # fmt: skip
_SOFT = {"ий": "ій", "ого": "ього", "ому": "ьому", "им": "ім", "а": "я", "ої": "ьої", "ій": "ій",
         "у": "ю", "ою": "ьою", "е": "є", "і": "і", "их": "іх", "ими": "іми"}  # fmt: skip
# What a written ending ("-го", "-й", "-ту") says about the case.
_WRITTEN = {"й": "ий", "ий": "ий", "ій": "ий", "го": "ого", "ого": "ого", "ього": "ого",
            "му": "ому", "ому": "ому", "ьому": "ому", "м": "им", "а": "а", "я": "а", "та": "а",
            "тя": "а", "ша": "а", "ї": "ої", "ої": "ої", "ьої": "ої", "у": "у", "ю": "у", "ту": "у",
            "тю": "у", "е": "е", "є": "е", "те": "е", "тє": "е", "ті": "і", "і": "і", "х": "их",
            "их": "их", "ми": "ими"}  # fmt: skip


def plural_form(n: int, forms: list[str], fraction: bool = False) -> str:
    """The noun form after ``n``: forms are (one, two to four, five and more, after a fraction)."""
    if fraction:
        return forms[3]
    if n % 10 == 1 and n % 100 != 11:
        return forms[0]
    if 2 <= n % 10 <= 4 and not 12 <= n % 100 <= 14:
        return forms[1]
    return forms[2]


class Ukrainian(Language):
    code = "uk"
    pysbd_language = "ru"
    thousands = "\u00a0\u202f "
    decimal_marks = ",."  # "." never groups thousands in Ukrainian copy: "5.1" is "5,1"
    decimal_word = "кома"

    def words(self, n: int | str, to: str = "cardinal") -> str:
        said = super().words(n, to)
        if to == "cardinal" and 1000 <= int(n) < 2000:
            said = re.sub(r"^одна тисяча", "тисяча", said)  # "тисяча двісті", not "одна тисяча"
        return said

    def cardinal_before(self, written: str, noun: str) -> str:
        said = self.number(written)
        if noun in self.data["gender"]["feminine"] and self.decimal_word not in said:
            said = re.sub(
                r"(?:\bодин|\bдва)$", lambda m: "одна" if m.group(0) == "один" else "дві", said
            )
        return said

    def ordinal(self, n: int | str, case: str = "ий") -> str:
        """The ordinal of ``n`` in ``case`` (an ending of the hard declension: "ого", "а", ...)."""
        said = "нульовий" if int(n) == 0 else self.words(n, "ordinal")
        head, _, last = said.rpartition(" ")
        if last.endswith("ій"):
            last = last[:-2] + _SOFT[case]
        elif last.endswith("ий"):
            last = last[:-2] + _HARD[case]
        return f"{head} {last}".strip()

    def build_rules(self) -> list[Rule]:
        d = self.data
        num = self.num
        month = self.month_re
        scale = alternation(d["scales"])
        cur = alternation(d["currencies"])
        unit = alternation(d["units"])

        def year_word(m: re.Match[str] | None, word: str | None) -> tuple[str, str]:
            """The case a year is read in from the word after it, and that word said."""
            w = (word or "").lower()
            if w in ("р.", "року", "р"):
                return "ого", "року"
            if w in ("році",):
                return "ому", "році"
            if w in ("рік",):
                return "ий", "рік"
            if w in ("рр.", "роки", "роках"):
                return "их", "роках" if w == "роках" else "роки"
            return "ого", ""

        def date(m: re.Match[str]) -> str:
            day, mon, year, after = m.group(1), m.group(2), m.group(3), m.group(4)
            said = f"{self.ordinal(day, 'ого')} {self.month_names[self.months[mon.lower()] - 1]}"
            if year:
                case, word = year_word(m, after)
                said += f" {self.ordinal(year, case)}" + (f" {word}" if word else "")
            return said

        def year(m: re.Match[str]) -> str:
            prep, written = m.group(1), m.group(3)
            case, word = year_word(m, written)
            if prep and written.lower() in ("р.", "р"):
                case, word = "ому", "році"  # "у 2024 р." is "у ... четвертому році"
            return f"{prep + ' ' if prep else ''}{self.ordinal(m.group(2), case)} {word}"

        def numeric_date(m: re.Match[str]) -> str:
            dd, mo, y = int(m.group(1)), int(m.group(2)), int(m.group(3))
            if not (1 <= dd <= 31 and 1 <= mo <= 12):
                return m.group(0)
            return f"{self.ordinal(dd, 'ого')} {self.month_names[mo - 1]} {self.ordinal(y, 'ого')} року"

        def clock(m: re.Match[str]) -> str:
            prep, h, mi = m.group(1), int(m.group(2)), m.group(4)
            if m.group(3) == "." and not prep:
                return m.group(0)  # "0.07" is a number; "о 14.30" is a time
            # "о дев'ятій" (locative); "з/до/від/після дев'ятої" (genitive); else "дев'ята"
            case = ("ій" if prep.lower() in ("о", "об") else "ої") if prep else "а"
            said = ("" if not prep else prep + " ") + self.ordinal(h, case)
            return said + (f" {self.words(mi)}" if int(mi) else "")

        def counted(amount: str, forms: list[str]) -> str:
            whole, frac = self.value(amount)
            noun = plural_form(whole, forms, fraction=bool(frac))
            return f"{self.cardinal_before(amount, noun)} {noun}"

        def money(m: re.Match[str]) -> str:
            sym = m.group("s1") or m.group("s2")
            amount = m.group("n1") or m.group("n2")
            big = m.group("k1") or m.group("k2")
            forms = d["currencies"][sym]
            if big:
                return f"{counted(amount, d['scales'][big])} {forms[2]}"
            return counted(amount, forms)

        def ordinal(m: re.Match[str]) -> str:
            return self.ordinal(m.group(1), _WRITTEN[m.group(2).lower()])

        def number(m: re.Match[str]) -> str:
            after = m.group(2) or ""
            said = self.cardinal_before(m.group(1), after) if after else self.number(m.group(1))
            return said + (f" {after}" if after else "")

        return [
            *self.abbreviation_rules(),
            self.rule(
                "date-numeric", r"\b(\d{1,2})\.(\d{1,2})\.(\d{4})(?:\s?(?:р\.|року))?", numeric_date
            ),
            self.rule(
                "date",
                rf"\b(\d{{1,2}})\s({month})(?![\w])(?:\s(\d{{4}})(?:\s(р\.|року|р(?![\w])))?)?",
                date,
                re.IGNORECASE,
            ),
            self.rule(
                "year",
                r"(?:\b([уУвВ])\s)?\b(\d{3,4})(?:-(?:го|му|й))?\s(р\.|рр\.|року|році|рік|роки|роках)(?![\w])",
                year,
            ),
            self.rule(
                "time",
                r"(?:\b(о|об|до|з|від|після)\s)?\b([01]?\d|2[0-4])([:.])([0-5]\d)(?![\d])",
                clock,
            ),
            self.rule(
                "money",
                rf"(?:(?<![\w])(?P<s1>{cur})\s?(?P<n1>{num})(?:\s?(?P<k1>{scale})(?![\w]))?"
                rf"|(?P<n2>{num})(?:\s?(?P<k2>{scale}))?\s?(?P<s2>{cur})(?![\w]))",
                money,
            ),
            self.rule(
                "unit",
                rf"((?:(?<![\w])[-−])?{num})\s?({unit})(?![\w²])",
                lambda m: counted(m.group(1), d["units"][m.group(2)]),
            ),
            self.rule(
                "scale",
                rf"({num})\s?({scale})(?![\w])",
                lambda m: counted(m.group(1), d["scales"][m.group(2)]),
            ),
            self.rule(
                "ordinal",
                rf"\b(\d{{1,4}})[-‑]({alternation(_WRITTEN)})(?![\w])",
                ordinal,
                re.IGNORECASE,
            ),
            self.rule(
                "range",
                rf"({num})\s?[–-]\s?({num})(?![\w])",
                lambda m: f"від {self.number(m.group(1))} до {self.number(m.group(2))}",
            ),
            self.rule("number", rf"([-−]?{num})(?:\s([^\W\d]\w*))?", number),
        ]

    def extra_breaks(self, sentence: str) -> list[str]:
        # "... у 2024 р. Президент ..." ends a sentence at "р." (Russian's segmenter keeps it).
        return re.split(r"(?<=\d\sр\.)\s+(?=[А-ЯІЇЄҐ](?!\.))", sentence)
