"""Spanish: dates ("14 de marzo de 2024", "1 de enero" -> "primero de enero"), ordinals ("1.º",
"3.ª", "3.er"), times ("las 14:30"), money ("12,50 €", "$1,50"), percentages, units, "un"/"una"
before a noun ("21 personas" -> "veintiuna personas", "1 millón" -> "un millón")."""

from __future__ import annotations

import re

from .base import Language, Rule, alternation
from .fr import roman_value

_SPELLING = (("quadra", "cuadra"), ("septigent", "septingent"), ("octigent", "octingent"))
_JOIN = {"décimo": "decimo", "vigésimo": "vigesimo"}


class Spanish(Language):
    code = "es"
    pysbd_language = "es"
    thousands = ".\u00a0\u202f "
    decimal_word = "coma"

    def cardinal_before(self, written: str, noun: str) -> str:
        """A number before ``noun``: "uno" -> "un" (or "una" before a feminine noun)."""
        said = self.number(written)
        if not noun or self.decimal_word in said:
            return said
        fem = noun.lower() in self.data["gender"]["feminine"]
        if fem:
            said = re.sub(r"ientos\b", "ientas", said)  # "doscientas personas"
        if said.endswith("veintiuno"):
            return said[:-9] + ("veintiuna" if fem else "veintiún")
        if re.search(r"\buno$", said):
            return said[:-3] + ("una" if fem else "un")
        return said

    def ordinal(self, n: int, feminine: bool = False, short: bool = False) -> str:
        said = self.words(n, "ordinal")
        # num2words misspells some ordinals ("quadragésimo") and writes 13-29 apart ("décimo
        # tercero"); the RAE's spelling is "cuadragésimo", "decimotercero", "vigesimoprimero".
        for wrong, right in _SPELLING:
            said = said.replace(wrong, right)
        said = re.sub(r"\b(décimo|vigésimo) (\w+)$", lambda m: _JOIN[m.group(1)] + m.group(2), said)
        if feminine:
            said = " ".join(w[:-1] + "a" if w.endswith("o") else w for w in said.split())
        elif short and said.endswith(("primero", "tercero")):
            said = said[:-1]  # "1.er lugar" -> "primer lugar"
        return said

    def build_rules(self) -> list[Rule]:
        d = self.data
        num = self.num
        month = self.month_re
        scale = alternation(d["scales"])
        cur = alternation(d["currencies"])
        unit = alternation(d["units"])

        month_name = self.month_name

        def day(n: str) -> str:
            return "primero" if int(n) == 1 else self.words(n)

        def date(m: re.Match[str]) -> str:
            said = f"{day(m.group(1))} de {month_name(m.group(2))}"
            if m.group(4):
                return f"{said} {m.group(3) or 'de'} {self.words(m.group(4))}"
            return said

        def numeric_date(m: re.Match[str]) -> str:
            dd, mo, year = int(m.group(1)), int(m.group(2)), m.group(3)
            if not (1 <= dd <= 31 and 1 <= mo <= 12):
                return m.group(0)
            y = int(year) + (2000 if len(year) == 2 else 0)
            return f"{day(str(dd))} de {self.month_names[mo - 1]} de {self.words(y)}"

        def hour(h: int) -> str:
            return (
                "una"
                if h == 1
                else self.cardinal_before(str(h), "horas").replace("veintiún", "veintiuna")
            )

        def clock(m: re.Match[str]) -> str:
            h, mi, tail = int(m.group(1)), m.group(2), (m.group(3) or "").lower()
            said = hour(h) + (f" y {self.words(mi)}" if mi and int(mi) else "")
            if tail.startswith("a"):
                said += " de la mañana"
            elif tail.startswith("p"):
                said += " de la tarde" if h < 8 or h == 12 else " de la noche"
            return said

        def money(m: re.Match[str]) -> str:
            sym = m.group("s1") or m.group("s2")
            amount = m.group("n1") or m.group("n2")
            big = m.group("k1") or m.group("k2")
            one, many, c_one, c_many = d["currencies"][sym]
            whole, frac = self.value(amount)
            if big:
                s_one, s_many = d["scales"][big]
                size = s_one if whole == 1 and not frac else s_many
                if s_one == "mil":
                    return f"{self.cardinal_before(amount, many)} mil {many}"
                return f"{self.cardinal_before(amount, size)} {size} de {many}"
            cents = int((frac + "00")[:2]) if frac.strip("0") else 0
            if len(frac) > 2:
                return f"{self.number(amount)} {many}"
            parts = []
            if whole or not cents:
                parts.append(
                    f"{self.cardinal_before(str(whole), many)} {one if whole == 1 else many}"
                )
            if cents:
                parts.append(
                    f"{self.cardinal_before(str(cents), c_many)} {c_one if cents == 1 else c_many}"
                )
            return " ".join(parts)

        def measure(m: re.Match[str]) -> str:
            amount, written = m.group(1), m.group(2)
            one, many = d["units"][written]
            whole, frac = self.value(amount)
            single = whole == 1 and not frac
            return f"{self.cardinal_before(amount, many)} {one if single else many}"

        def with_scale(m: re.Match[str]) -> str:
            amount, big = m.group(1), m.group(2)
            s_one, s_many = d["scales"][big]
            whole, frac = self.value(amount)
            size = s_one if whole == 1 and not frac else s_many
            return f"{self.cardinal_before(amount, size)} {size}"

        def ordinal(m: re.Match[str]) -> str:
            mark = m.group(2)
            fem = mark in ("ª", "a") or len(mark) == 2 and mark.endswith("a")
            return self.ordinal(int(m.group(1)), feminine=fem, short="er" in mark)

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
                rf"\b(\d{{1,2}})(?:\.?º)?\s(?:de\s)?({month})(?![\w])(?:\s(de|del)?\s?(\d{{4}})\b)?",
                date,
                re.IGNORECASE,
            ),
            self.rule(
                "time",
                r"\b([01]?\d|2[0-4])[:.]([0-5]\d)(?:\s?(?:h\b|horas\b))?(?:\s?([ap]\.\s?m\.?))?"
                r"(?!\d|,\d)",
                clock,
            ),
            self.rule(
                "money",
                rf"(?:(?<![\w])(?P<s1>{cur})\s?(?P<n1>{num})(?:\s?(?P<k1>{scale})(?![\w]))?"
                rf"|(?P<n2>{num})(?:\s?(?P<k2>{scale}))?\s?(?:de\s)?(?P<s2>{cur})(?![\w]))",
                money,
            ),
            self.rule("unit", rf"((?:(?<![\w])[-−])?{num})\s?({unit})(?![\w²])", measure),
            self.rule("scale", rf"({num})\s?({scale})(?![\w])", with_scale),
            self.rule(
                "ordinal",
                r"\b(\d{1,4})\.?(º|ª|\.?er|ᵉʳ|ro|ra|do|da|to|ta|vo|va|no|na|mo|ma|o|a)(?![\w])",
                ordinal,
            ),
            self.rule(
                "century",
                r"\b(siglo|siglos)\s+([IVXLC]+)\b",
                lambda m: f"{m.group(1)} {self.words(roman_value(m.group(2)))}",
            ),
            self.rule(
                "range",
                rf"({num})\s?[–-]\s?({num})(?![\w])",
                lambda m: f"{self.number(m.group(1))} a {self.number(m.group(2))}",
            ),
            self.rule("number", rf"([-−]?{num})(?:\s([^\W\d]\w*))?", number),
        ]
