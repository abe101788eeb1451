"""Normalize: written news text in, what a newsreader would say out.

Each rule is a regular expression with a function that returns the spoken form; ``explain`` records
every substitution so an editor can audit the script. Rule *data* (abbreviations, acronyms, units,
currencies) lives in ``audio_article/data/normalize/<language>.toml``; this module holds only the
grammar of numbers, dates and symbols. Number words come from num2words (American style: no "and",
no commas). English output never contains digits: a last rule reads any number the others missed.

Why hand-written rules rather than a library: the maintained normalizers (NeMo's WFST grammars)
need pynini/OpenFST, a heavy native dependency, and still miss wire-style news forms ("Dec. 26",
"F-16s", "$350 billion", initialisms vs acronyms). The rules here are small and tested by tables.
"""

from __future__ import annotations

import functools
import re
import tomllib
import unicodedata
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any, NamedTuple

from num2words import num2words

from audio_article.lexicon import Entry, Lexicon
from audio_article.models import Segment

DATA_DIR = Path(__file__).parent / "data" / "normalize"


@dataclass(frozen=True)
class Substitution:
    """One change to the text: the rule (or lexicon entry), what was written, what is said."""

    rule: str
    written: str
    spoken: str


# ---------------------------------------------------------------------------------------------
# Number words


def _clean_words(words: str) -> str:
    """num2words writes British English ("one hundred and five, ..."); newsreaders here don't."""
    words = words.replace(",", "").replace(" and ", " ")
    return re.sub(r"\s+", " ", words).strip()


@functools.lru_cache(maxsize=4096)
def cardinal(n: int) -> str:
    if n < 0:
        return "minus " + cardinal(-n)
    return _clean_words(num2words(n))


@functools.lru_cache(maxsize=1024)
def ordinal(n: int) -> str:
    return _clean_words(num2words(n, to="ordinal"))


def _clock(hour: int, minutes: str | None) -> str:
    """9 -> nine, 9:05 -> nine oh five, 10:30 -> ten thirty (12-hour clock, before a.m./p.m.)."""
    said = cardinal(hour)
    if minutes and int(minutes):
        said += " " + _pair(int(minutes))
    return said


def _pair(n: int) -> str:
    """Two digits as said in years and designations: 5 -> "oh five", 36 -> "thirty-six"."""
    return f"oh {cardinal(n)}" if n < 10 else cardinal(n)


def year_words(n: int) -> str:
    """2025 -> twenty twenty-five, 2008 -> two thousand eight, 1900 -> nineteen hundred."""
    if n < 1000 or n >= 10000:
        return cardinal(n)
    hi, lo = divmod(n, 100)
    if 2000 <= n <= 2009:
        return cardinal(n)
    if lo == 0:
        return cardinal(n) if hi % 10 == 0 else f"{cardinal(hi)} hundred"
    return f"{cardinal(hi)} {_pair(lo)}"


def designation_words(digits: str) -> str:
    """Model numbers:
    16 -> sixteen, 136 -> one thirty-six, 101 -> one oh one, 400 -> four hundred.

    (Said the way designations are read on air: Shahed-136, Kh-101, S-400.)
    """
    n = int(digits)
    if digits.startswith("0") and len(digits) > 1:
        return " ".join(cardinal(int(d)) for d in digits)
    if len(digits) == 3 and n % 100 != 0:
        return f"{cardinal(n // 100)} {_pair(n % 100)}"
    if len(digits) == 4 and n % 100 != 0 and n % 1000 >= 100:
        return f"{cardinal(n // 100)} {_pair(n % 100)}"
    if len(digits) == 4 and n % 100 != 0:
        return f"{cardinal(n // 100)} {_pair(n % 100)}"  # GTX 1080: "ten eighty"
    if len(digits) == 4 and n % 1000 != 0:
        return f"{cardinal(n // 100)} hundred"  # FAB-1500: "fifteen hundred"
    return cardinal(n)


def section_words(digits: str) -> str:
    """Law sections in pairs, as read on air: 230 -> two thirty, 1001 -> ten oh one."""
    return year_words(int(digits)) if len(digits) == 4 else designation_words(digits)


def digits_words(digits: str) -> str:
    return " ".join(cardinal(int(d)) for d in digits if d.isdigit())


def number_words(text: str) -> str:
    """'12,000' -> twelve thousand; '-3.5' -> minus three point five; '007' -> zero zero seven."""
    text = text.strip()
    sign = ""
    if text[:1] in "-−":
        sign, text = "minus ", text[1:]
    elif text[:1] == "+":
        sign, text = "plus ", text[1:]
    whole, _, frac = text.replace(",", "").partition(".")
    if not whole:
        whole = "0"
    if len(whole) > 15 or (whole.startswith("0") and len(whole) > 1):
        words = digits_words(whole)
    else:
        words = cardinal(int(whole))
    if frac:
        words += " point " + digits_words(frac)
    return sign + words


def pluralize(words: str) -> str:
    """sixteen -> sixteens, twenty -> twenties, six -> sixes (F-16s, the 1990s, in her 40s)."""
    head, _, last = words.rpartition(" ")
    if last.endswith("y"):
        last = last[:-1] + "ies"
    elif last.endswith(("x", "s")):
        last += "es"
    else:
        last += "s"
    return f"{head} {last}" if head else last


def fraction_words(num: int, den: int) -> str:
    if den == 2:
        return "one half" if num == 1 else f"{cardinal(num)} halves"
    if den == 4:
        return "one quarter" if num == 1 else f"{cardinal(num)} quarters"
    word = ordinal(den)
    return f"{cardinal(num)} {word}" if num == 1 else f"{cardinal(num)} {word}s"


# ---------------------------------------------------------------------------------------------
# Rule data


@functools.cache
def load_rules(language: str) -> dict[str, Any] | None:
    """The rule tables for ``language`` ('en', 'en-US' ...), or None when there are none."""
    base = language.replace("_", "-").split("-")[0].lower()
    path = DATA_DIR / f"{base}.toml"
    if not path.is_file():
        return None
    with path.open("rb") as handle:
        return tomllib.load(handle)


# ---------------------------------------------------------------------------------------------
# The English rule set

NUM = r"(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?"
_PROTECT_OPEN, _PROTECT_CLOSE = "\ue000", "\ue001"
# "^" of a power ("10^6", "10⁸") while the rules run: the cleanup takes a bare "^" out.
_POW = "\ue002"
_SENTENCE_STARTERS = r"(?:He|She|It|They|We|I|The|A|An|This|That|These|Those|But|And|However)"


def _alternation(keys: Sequence[str]) -> str:
    return "|".join(re.escape(k) for k in sorted(keys, key=len, reverse=True))


class Rule(NamedTuple):
    """One English rule: a unique name ("class:detail", the name ``explain`` reports), the
    pattern, the function that says a match, and whether it can only match text with a digit
    (such rules are skipped once a pass has left no digits)."""

    name: str
    pattern: re.Pattern[str]
    say: Callable[[re.Match[str]], str]
    needs_digits: bool


class _English:
    """Compiled rules for English, built once from the data file."""

    def __init__(self, data: dict[str, Any]) -> None:
        self.data = data
        months = data["months"]
        self.month_names: list[str] = months["names"]
        self.month_abbr: dict[str, str] = months["abbreviations"]
        self.month_lookup: dict[str, str] = {
            **{n.lower(): n for n in self.month_names},
            **{a.lower(): n for a, n in self.month_abbr.items()},
        }
        self.street_types: dict[str, str] = data["streets"]["types"]
        self.directions: dict[str, str] = data["streets"]["directions"]
        self.postal: dict[str, str] = data["states_postal"]["codes"]
        self.postal_words = set(data["states_postal"]["words"])
        self.units_any_case: dict[str, str] = {
            u.lower(): u for u in data["units_any_case"]["units"]
        }
        self.units_after_scale: list[str] = data["units_any_case"]["after_scale"]
        self.per_units: dict[str, str] = {
            **{k: v[0] for k, v in data["units"].items() if "/" not in k and len(k) > 1},
            **data["money"]["per"],
        }
        self.weekday_abbr: dict[str, str] = data["weekdays"]["abbreviations"]
        self.weekdays = set(self.weekday_abbr.values())
        self.year_context = {w.lower() for w in data["years"]["context"]}
        self.not_plural = set(data["years"]["not_plural_nouns"])
        abbr = data["abbreviations"]
        self.abbr_title: dict[str, str] = abbr["title"]
        self.abbr_always: dict[str, str] = abbr["always"]
        self.abbr_number: dict[str, str] = abbr["number"]
        self.abbr_both: dict[str, list[str]] = abbr["before_or_after"]
        self.states: dict[str, str] = {
            **{name: name for name in data["states_in_full"]["names"]},
            **data["states"],
        }
        self.version_names: list[str] = data["versions"]["before"]
        self.parties: dict[str, str] = data["parties"]
        acr = data["acronyms"]
        self.acronym_words = set(acr["words"])
        self.initialisms = set(acr["initialisms"])
        self.acronym_respell: dict[str, str] = acr["respell"]
        self.roman_cardinal = set(data["roman"]["cardinal_after"])
        self.roman_titles = set(data["roman"]["ordinal_before_titles"])
        self.units: dict[str, list[str]] = data["units"]
        self.currencies: dict[str, list[str]] = data["currencies"]
        money = data["money"]
        self.short_cents = set(money["short_cents"])
        self.money_nouns = set(money["nouns"])
        self.money_not_nouns = set(money["not_nouns"])
        self.money_determiners = set(money["determiners"])
        self.money_per: dict[str, str] = money["per"]
        self.unit_not_nouns = set(data["units_adjective"]["not_nouns"])
        self.time_zones: dict[str, str] = data["time_zones"]
        self.designation_makers = set(data["designations"]["makers"])
        self.designation_respell: dict[str, str] = data["designations"]["prefixes"]
        self.scales: dict[str, str] = data["scales"]
        self.fraction_special: dict[str, str] = data["fractions"]["special"]
        self.symbols: dict[str, str] = data["symbols"]
        self.words: dict[str, str] = data["words"]
        self.compass_streets: list[str] = data["compass"]["streets"]
        self.compass: dict[str, str] = data["compass"]["quarters"]
        self.capitalized_numbers: list[str] = data["names_with_numbers"]["capitalized"]
        self.nanometer: list[str] = data["units_nanometer"]["said"]
        self.nanometer_context = set(data["units_nanometer"]["context"])
        self.rules = self._build()

    # -- helpers -------------------------------------------------------------------------------

    def _year_or_number(self, text: str) -> str:
        n = int(text)
        return year_words(n) if 1000 <= n <= 2099 and "," not in text else number_words(text)

    def _day(self, day: str) -> str:
        return ordinal(int(day))

    # -- rules ---------------------------------------------------------------------------------

    def _build(self) -> list[Rule]:
        w = self.words
        month_names = "|".join(self.month_names)
        month_abbr = _alternation(list(self.month_abbr))
        # Months in any case ("july 25 2012", "JAN. 15", "25 sept."); lower-case "may" and
        # "march" are verbs unless a year follows ("17 may 2010", not "17 may die").
        any_case = "|".join(
            [n.lower() for n in self.month_names if n not in {"May", "March"}]
            + sorted((a.lower() for a in self.month_abbr), key=len, reverse=True)
        )
        year_after = r"(?=,?\s+(?:\d{1,2}(?:st|nd|rd|th)?,?\s+)?(?:1\d{3}|20\d{2})\b)"
        month = (
            rf"(?:(?P<mname>{month_names})|(?P<mabbr>{month_abbr})\.?"
            rf"|(?P<mci>(?i:{any_case})|(?:may|march|MAY|MARCH){year_after})\.?)(?![\w-])"
        )
        rules: list[Rule] = []

        def add(name: str, pattern: str, fn: Callable[[re.Match[str]], str], flags: int = 0):
            assert all(r.name != name for r in rules), f"rule {name!r} is not unique"
            kind = name.partition(":")[0]
            rules.append(Rule(name, re.compile(pattern, flags), fn, kind in _NUMERIC_RULES))

        # URLs and e-mail addresses, before anything reads their dots and digits.
        add("email", r"\b[\w.+-]+@[\w-]+(?:\.[\w-]+)+\b", self._email)
        add(
            "url",
            r"\b(?:https?://|www\.)[^\s<>\"')\]]+[^\s<>\"')\].,;:!?]"
            r"|\b[A-Za-z0-9-]+(?:\.[a-z0-9-]+)*\.(?:com|org|net|gov|edu|ua|uk|io|info|eu|int)"
            r"|\b[A-Z]{3,}\.(?:UK|COM|ORG|GOV)\b"
            r"(?:/[^\s<>\"')\]]*[^\s<>\"')\].,;:!?])?\b",
            self._url,
        )

        # Time-zone offsets: UTC+2, GMT-5.
        add(
            "time-zone:offset",
            r"\b(?P<z>UTC|GMT)\s?(?P<s>[+−-])\s?(?P<h>\d{1,2})(?::(?P<m>[0-5]\d))?\b",
            lambda m: (
                f"{'.'.join(m['z'])} {w['plus'] if m['s'] == '+' else w['minus']} "
                + cardinal(int(m["h"]))
                + (f" {cardinal(int(m['m']))}" if m["m"] and m["m"] != "00" else "")
            ),
        )

        # "±5%": the sign is said before the number rules read it.
        add("symbol:plus-minus", r"±\s*", lambda m: f"{w['plus']} {w['or']} {w['minus']} ")

        # Powers: 10^6, 3 × 10⁸ m/s (superscripts were made "^8" when the text was prepared).
        unit = _alternation(list(self.units))
        add("symbol:times-power", rf"(?<=\d)\s?[×x]\s?(?=10{_POW})", lambda m: f" {w['times']} ")
        add(
            "power",
            rf"(?<![\w.,{_POW}])(?P<base>{NUM}|\b[A-Za-z])\s?{_POW}\s?(?P<exp>[-−]?\d{{1,3}})(?!\d)"
            rf"(?:(?P<sep>\s?)(?P<unit>{unit})(?![\w/²³]))?",
            self._power,
        )

        add(  # "2+3": a plus between numbers is said
            "symbol-plus",
            r"(?<=\d)\+(?=\d)",
            lambda m: f" {w['plus']} ",
        )
        add(  # ".1 trillion", ".1665": a decimal without its leading zero
            "decimal-point",
            r"(?:(?<=\s)|(?<=^)|(?<=\())\.(?P<d>\d+)\b(?![.,]\d)",
            lambda m: f"{w['point']} {digits_words(m['d'])}",
        )

        # Abbreviations before numbers (No. 2, Art. 5, pp. 12-15): before any rule reads the number.
        add(
            "abbreviation:before-number",
            rf"(?<![\w.])(?P<a>{_alternation(list(self.abbr_number))})\s?(?=#?\d)",
            lambda m: _sentence_case(m, self.abbr_number[m.group("a")]) + " ",
        )
        add(  # "§ 1001": a section number is read like a designation, "section ten oh one"
            "abbreviation:section",
            r"§\s?(?P<num>\d{3,4})\b(?![.,]\d)",
            lambda m: f"{self.symbols['§']} {section_words(m['num'])}",
        )

        # Heights: 6 ft 2 in, 6'2" (made "6 ft 2 in" when the text was prepared).
        add(
            "unit:feet-inches",
            r"(?<![\w.,])(?P<ft>\d)\s?(?:ft|feet|foot)\.?\s(?P<inch>\d{1,2})\s?(?:in|ins|inches)\b\.?",
            lambda m: (
                f"{cardinal(int(m['ft']))} feet {cardinal(int(m['inch']))} "
                + ("inch" if m["inch"] == "1" else "inches")
                + self._keep_final_dot(m)
            ),
        )

        # IP addresses: 192.168.0.1 (each part a number, "dot" between).
        add(
            "address",
            r"(?<![\w.,])\d{1,3}(?:\.\d{1,3}){3}(?![\w.]|[.,]\d)",
            lambda m: f" {w['dot']} ".join(cardinal(int(p)) for p in m.group(0).split(".")),
        )
        # Street addresses: "1428 Elm St.", "708 N 1st St", "2788 San Tomas Expy": a house
        # number, a direction, a street name, a street type (any case); "St." here is Street.
        street_types = _alternation(list(self.street_types))
        directions = _alternation(list(self.directions))
        add(
            "street-address",
            rf"(?<![\w.,$£€#-])(?P<num>\d{{1,5}})\s+(?:(?P<dir>{directions})\.?\s+)?"
            rf"(?P<name>(?:(?:[A-Z][\w'’-]*|\d{{1,3}}(?:st|nd|rd|th))\s+){{1,3}}?)"
            rf"(?P<type>(?i:{street_types}))\b(?P<dot>\.)?(?:\s(?P<quad>NW|NE|SW|SE)\b(?P<dot2>\.)?)?"
            # "Dr"/"St" before a name without a full stop is Doctor/Saint ("12 Main Dr Smith")
            rf"(?!(?<=[DdSs][rt])\s+[A-Z][a-z])",
            self._street,
        )
        postal = _alternation(list(self.postal))
        add(  # "CA 95051", "FL, 95051-1234": a state code before a ZIP code, read digit by digit
            "zip-code",
            rf"(?<![\w.])(?P<st>{postal})(?P<sep>,?\s+)(?P<zip>\d{{5}})(?:-(?P<plus4>\d{{4}}))?\b(?![.,]?\d)",
            lambda m: (
                f"{self.postal[m['st']]}{m['sep']}{digits_words(m['zip'])}"
                + (f" {digits_words(m['plus4'])}" if m["plus4"] else "")
            ),
        )
        safe_postal = _alternation([c for c in self.postal if c not in self.postal_words])
        add(  # "123 Main St, City, NY": a state code after a city, at the end of the address
            "state-code",
            rf"(?<=[a-z], )(?P<st>{safe_postal})\b(?=\s*(?:[,.;)]|$))",
            lambda m: self.postal[m["st"]],
        )
        add(
            "version:v",
            r"(?<![\w.-])v(?P<v>\d+(?:\.\d+)+)\b(?![.,]?\d)",
            lambda m: (
                "version " + f" {w['point']} ".join(cardinal(int(p)) for p in m["v"].split("."))
            ),
        )

        add(  # "HTTP/1.1", "HTTP/2": a protocol and its version, the slash unsaid
            "version:protocol",
            r"\b(?P<p>[A-Z]{2,6})/(?P<v>\d(?:\.\d)?)\b(?![.,]?\d)",
            lambda m: (
                f"{m['p']} " + f" {w['point']} ".join(cardinal(int(x)) for x in m["v"].split("."))
            ),
        )
        # Versions: iOS 17.2, Python 3.11, 2.4.1 (each part a whole number).
        versions = _alternation(self.version_names)
        add(
            "version:named",
            rf"(?<![\w.-])(?P<name>{versions}) (?P<v>\d+(?:\.\d+)+)\b(?![.,]?\d)"
            r"|(?<![\w.,])(?P<v3>[1-9]?\d(?:\.(?:0|[1-9]\d{0,2})){2})\b(?![.,]?\d)",
            lambda m: (
                (f"{m['name']} " if m["name"] else "")
                + f" {w['point']} ".join(cardinal(int(p)) for p in (m["v"] or m["v3"]).split("."))
            ),
        )

        # Phone numbers, read digit by digit in their groups (before ranges read "555-1234").
        add(
            "phone:international-or-us",
            r"(?<![\w+])\+\d{1,3}(?:[ .-]\d{1,4}){2,5}\b"
            r"|(?<![\w.,-])(?:1[-.])?\d{3}[-.]\d{3}[-.]\d{4}(?:-\d{1,4})?\b(?![.,-]\d)"
            # a U.S. Social Security number: "111-11-1111"
            r"|(?<![\w.,-])\d{3}-\d{2}-\d{4}\b(?![.,-]\d)",
            self._phone,
        )
        add(  # identifiers: "ISBN 978-1-48-337701-8", "PMID 21187404", and any bare run of
            # seven or more digits (no thousands separators), read one digit at a time
            "identifier",
            r"\b(?P<k>ISBN|ISSN|PMID|PMC|OCLC|ISBN-1[03])(?P<sep>:?\s?)(?P<id>\d[\d-]{3,}[\dX]?)\b"
            r"|(?<![\w.,$£€¥-])(?P<run>\d{7,})(?!\w|[.,]\d)",
            lambda m: (
                digits_words(m["run"])
                if m["run"]
                else f"{m['k']}{m['sep'] or ' '}"
                + ", ".join(
                    digits_words(g) + (" X" if g.endswith("X") else "")
                    for g in m["id"].split("-")
                    if g
                )
            ),
        )
        add(  # "a card ending in 8876": the digits one by one
            "digits",
            r"(?<=\bending in )\d{2,6}\b(?![.,]\d)",
            lambda m: digits_words(m.group(0)),
        )
        add("phone:local", r"(?<![\w.,\-–+])(?P<a>\d{3})-(?P<b>\d{4})\b(?![.,\-–]\d)", self._phone)
        add(  # service numbers: "call 311", "dial 911"
            "phone:service",
            r"(?<=\b(?:call|dial|Call|Dial) )\d{3}\b(?![.,\-–]?\d)",
            lambda m: digits_words(m.group(0)),
        )

        # Dates.
        add("date-iso", r"\b(\d{4})-(\d{2})-(\d{2})\b", self._iso_date)
        add(
            "date-numeric:day-month-year",
            r"(?<![\w/.])(?P<a>\d{1,2})(?P<sep>[/.])(?P<b>\d{1,2})(?P=sep)(?P<y>\d{4})(?![\w/]|\.\d)"
            # "15-01-2020" (a dash only with a four-digit year) and "11/17/05" (a slash only)
            r"|(?<![\w/.,-])(?P<a2>\d{1,2})(?P<sep2>-)(?P<b2>\d{1,2})-(?P<y2>\d{4})(?![\w/-]|\.\d)"
            r"|(?<![\w/.,-])(?P<a3>\d{1,2})/(?P<b3>\d{1,2})/(?P<y3>\d{2})(?![\w/]|[.,]\d)",
            self._numeric_date,
        )
        add(  # "2016/07/03": year, month, day
            "date-numeric:year-month-day",
            r"(?<![\w/.])(?P<y>1\d{3}|20\d{2})/(?P<mo>0?[1-9]|1[0-2])/(?P<d>[12]\d|3[01]|0?[1-9])(?![\w/]|[.,]\d)",
            lambda m: (
                f"{self.month_names[int(m['mo']) - 1]} {ordinal(int(m['d']))}, "
                + year_words(int(m["y"]))
            ),
        )

        def month_of(m: re.Match[str]) -> str:
            if m.group("mci"):
                return self.month_lookup[m.group("mci").lower()]
            return m.group("mname") or self.month_abbr[m.group("mabbr")]

        def month_day(m: re.Match[str]) -> str:
            out = f"{month_of(m)} {self._day(m.group('day'))}"
            if m.group("day2"):  # "Dec. 25-26", "Dec. 25 and 26": both days are dates
                joint = self.words["to"] if m.group("dash") else m.group("conj").strip()
                out += f" {joint} {self._day(m.group('day2'))}"
            if m.group("year"):
                out += f"{m.group('sep') or ' '}{year_words(int(m.group('year')))}"
            return out

        add(
            "date:month-day",
            rf"\b{month}\s+(?P<day>[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)?\b(?!\s*(?:[:.]\d|%))"
            # a second day: "25-26", or "25 and 26" closed by punctuation or a year
            rf"(?:(?:(?P<dash>\s?[-–]\s?)|(?P<conj>\s(?:and|or|to|through)\s))(?P<day2>[12]\d|3[01]|0?[1-9])"
            rf"(?:st|nd|rd|th)?\b(?![\w.,:%-]\d|\s*(?:%|-\w))(?=[\s,;.)]|$)"
            rf"(?(conj)(?!\s(?!(?:1\d{{3}}|20\d{{2}})\b)[a-z0-9])|))?"
            rf"(?:(?P<sep>,?\s)(?P<year>1\d{{3}}|20\d{{2}})\b)?",
            month_day,
        )

        add(  # "Nov. 30-Dec. 1": the dash between two dates is "to"
            "date:dash-between-dates",
            rf"(?<=[a-z](?:st|nd|rd|th))\s?[-–]\s?(?=(?:{month_names}|{month_abbr})\b)",
            lambda m: f" {w['to']} ",
        )

        def day_month(m: re.Match[str]) -> str:
            before = _before(m)
            the = "" if re.search(r"\bthe\s+$", before, re.IGNORECASE) else "the "
            out = f"{the}{self._day(m.group('day'))} of {month_of(m)}"
            if m.group("day0"):  # "12-15 December": the twelfth to fifteenth of December
                first = f"{the}{self._day(m.group('day0'))} {w['to']} "
                out = first + out[len(the) :]
            if m.group("year"):
                out += f" {year_words(int(m.group('year')))}"
            return out

        add(
            "date:day-month",
            rf"(?:(?<![\w.,\-–])(?P<day0>[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)?\s?[-–]\s?)?"
            rf"\b(?P<day>[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)?\s+(?:of\s+)?{month}"
            rf"(?:,?\s(?P<year>1\d{{3}}|20\d{{2}})\b)?",
            day_month,
        )

        def month_alone(m: re.Match[str]) -> str:
            return self.month_abbr[m.group("mabbr")] + self._keep_final_dot(m)

        add(  # a range of months, "Jan.-March 2024" or "June–August": the dash is "to"
            "month:range",
            rf"\b(?:(?P<mname>{month_names})|(?P<mabbr>{month_abbr})\.?)\s?[-–]\s?"
            rf"(?=(?:{month_names}|{month_abbr})\b)",
            lambda m: f"{m['mname'] or self.month_abbr[m['mabbr']]} {w['to']} ",
        )
        add("month:abbreviation", rf"\b(?P<mabbr>{month_abbr})\.(?=[\s,;)]|$)", month_alone)
        weekday_abbr = _alternation(list(self.weekday_abbr))
        add(
            "weekday",
            rf"\b(?P<d>{weekday_abbr})\.(?=,?\s+(?:{month_names}|{month_abbr}))",
            lambda m: self.weekday_abbr[m.group("d")],
        )

        # Race and match times: 1:59:40, 2:01:09.5 (hours, minutes, seconds).
        add(
            "duration:hours",
            r"(?<![\w:.,])(?P<h>\d{1,2}):(?P<m>[0-5]\d):(?P<s>[0-5]\d)(?:\.(?P<f>\d+))?(?![\w:]|[.,]\d)",
            self._duration,
        )

        # Race times without hours: 1:45.32 (minutes, seconds and hundredths).
        add(
            "duration:minutes",
            r"(?<![\w:.,])(?P<m>\d{1,2}):(?P<s>[0-5]\d)\.(?P<f>\d{1,3})(?![\w:]|[.,]\d)",
            self._duration,
        )

        # Times: 3:37 PM, 9 a.m., 11.30am, 17:30, noon.
        ampm = r"(?P<ampm>[ap])\.?\s?m\b\.?|(?P<AMPM>[AP])\.?M\b\.?"
        add(
            "time:range-clock",
            rf"\b(?P<h0>[01]?\d|2[0-3])(?::(?P<m0>[0-5]\d))?\s?(?:[-–]|to)\s?"
            rf"(?P<h>[01]?\d|2[0-3])(?::(?P<m>[0-5]\d))?\s?(?:{ampm})",
            self._time,
        )
        add(
            "time:clock",
            rf"\b(?P<h>[01]?\d|2[0-3])(?:[:.](?P<m>[0-5]\d))?\s?(?:{ampm})",
            self._time,
        )
        add(  # 11am-2pm: the dash between two times is "to"
            "time:dash-after-pm",
            r"(?<=\b[ap]\.m)\s?[-–]\s?(?=[a-z])",
            lambda m: f" {w['to']} ",
        )
        zones = _alternation(list(self.time_zones))
        add(
            "time-zone:after-clock",
            rf"(?<=[ap]\.m )(?P<tz>{zones})\b|(?<=[ap]\.m\. )(?P<tz2>{zones})\b",
            lambda m: self.time_zones[m.group("tz") or m.group("tz2")],
        )
        add(
            "time:range-24h",
            r"\b(?P<h0>[01]?\d|2[0-3]):(?P<m0>[0-5]\d)\s?[-–]\s?"
            r"(?P<h>[01]?\d|2[0-3]):(?P<m>[0-5]\d)\b(?!:\d|\s*%)",
            lambda m: f"{self._time24(m, '0')} {w['to']} {self._time24(m)}",
        )
        add("time:24h", r"\b(?P<h>[01]?\d|2[0-3]):(?P<m>[0-5]\d)\b(?!:\d|\s*%)", self._time24)

        # Money.
        cur = _alternation(list(self.currencies))
        scale = _alternation(list(self.scales))
        amount = rf"(?P<num>{NUM})(?:\s?[-–]\s?(?:{cur})?\s?(?P<num2>{NUM}))?"
        add(
            "money:currency-before",
            rf"(?<![\w$€£])(?P<cur>{cur})\s?{amount}(?:(?P<hyph>\s?|-)(?P<scale>(?i:{scale}))\b)?",
            self._money,
        )
        add(
            "money:currency-after",
            rf"(?<![\w.,]){amount}(?:\s?(?P<scale>{scale}))?\s?(?P<cur>{cur})(?![\w$])",
            self._money,
        )

        # A price per unit after a slash: "$75/bbl" -> "seventy-five dollars a barrel".
        money_words = _alternation(
            list({n.split()[-1] for names in self.currencies.values() for n in names if n})
        )
        # "$2.4bn-$3bn": the dash between two whole amounts is "to".
        units_words = (
            r"(?:zero|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|"
            r"thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|twenty|thirty|forty|"
            r"fifty|sixty|seventy|eighty|ninety)\b"
        )
        add(
            "money:dash-between-amounts",
            rf"\b(?P<cw>{money_words})\s?[-–]\s?(?={units_words})",
            lambda m: f"{m['cw']} {w['to']} ",
        )
        per = _alternation(list(self.money_per))
        add(
            "money:per-unit",
            rf"\b(?P<cur>{money_words})/(?P<u>{per})\b(?![/\w])",
            lambda m: f"{m['cur']} a {self.money_per[m['u']]}",
        )
        # Percentages.
        add(
            "percent",
            rf"(?<![\w.,])(?P<sign>[-+−]?)(?P<num>{NUM})(?:(?:%|\s?)[-–]\s?(?P<num2>{NUM}))?\s?%",
            lambda m: self._signed(m) + " " + w["percent"],
        )

        # Pence: 50p, a 20p coin (one or two digits: "1080p" is a screen resolution).
        add(
            "money:pence",
            r"(?<![\w.,£$€])(?P<n>\d{1,2})p\b(?![\w'’-])",
            lambda m: f"{cardinal(int(m['n']))} " + ("penny" if m["n"] == "1" else "pence"),
        )

        # Temperatures with a bare C or F: -10C, 20-25C, 41.2C, 90F.
        add(
            "unit:temperature",
            rf"(?<![\w.,])(?P<sign>[-+−]?)(?P<num>{NUM})(?:\s?[-–]\s?(?P<num2>{NUM}))?"
            r"(?P<deg>[CF])\b(?![\w'’-])",
            self._temperature,
        )

        # A lower-case tail on a designation is a word or a letter of its own: "A320neo",
        # "TOI-6894b" are read "A three twenty neo", "T.O.I sixty-eight ninety-four b".
        add(
            "designation-tail",
            r"\b(?P<pre>[A-Z][A-Za-z]{0,6}-?\d{1,4})(?P<low>(?!s\b|st\b|nd\b|rd\b|th\b)[a-z]{1,4})\b",
            lambda m: f"{m['pre']} {m['low']}",
        )
        # Model designations: F-16s, Su-34, MiG-29, PAC-3, Shahed-136, T-72, G7, COVID-19.
        add(
            "designation:model",
            r"\b(?P<prefix>[A-Z][A-Za-z]{0,6})(?:-|(?<=\b[A-Z])|(?<=\b[A-Z]{2})|(?<=\b[A-Z]{3}))"
            r"(?P<num>\d{1,4})(?P<suffix>[A-Z]{1,2}\d?)?(?:/(?P<alt>\d{1,4})\b(?![.,/]\d))?"
            r"(?P<plural>s\b|'s\b|’s\b)?(?![\w.,]\d|-\d)",
            self._designation,
        )

        # Letters before a decimal: PM2.5, PM10 went to the rule above.
        add(
            "designation:decimal",
            r"\b(?P<prefix>[A-Z]{1,3})(?P<num>\d{1,3}\.\d{1,2})\b(?![.,]?\d)",
            lambda m: f"{self._say_prefix(m['prefix'])} {number_words(m['num'])}",
        )

        # Teams named for a number: the 49ers, the 76ers.
        add(
            "name:ers-team",
            r"(?<![\w.,])(?P<n>\d{2})ers\b",
            lambda m: "-".join(p.capitalize() for p in _er_word(cardinal(int(m["n"]))).split("-")),
        )
        capitalized = _alternation(self.capitalized_numbers)
        add(
            "name:numbered",
            rf"\b(?P<name>{capitalized}) (?P<n>\d{{1,2}})\b(?![.,:]?\d)",
            lambda m: f"{m['name']} " + cardinal(int(m["n"])).title(),
        )

        # Model numbers after a maker or type name: Boeing 737-800, Type 055, Highway 101.
        makers = _alternation(list(self.designation_makers))
        add(
            "designation:maker",
            rf"(?<![\w.-])(?P<maker>{makers})[\s-](?P<num>\d{{3,4}})(?:-(?P<num2>\d{{1,4}}))?"
            r"(?P<plural>s)?\b(?![.,]\d)",
            self._maker_designation,
        )

        add(  # "the 1960s-80s": a dash before a short decade is "to"
            "decade-range",
            r"(?<=\d0s)[-–](?='?\d0s\b)",
            lambda m: f" {w['to']} ",
        )
        # Decades: the 1990s, the '90s, in her 40s.
        add(
            "decade:full",
            r"(?<![\w.,])(?P<y>1(?!000)[0-9]\d0|20[0-9]0)(?:'s|s)\b",
            lambda m: pluralize(year_words(int(m.group("y")))),
        )
        add(  # "the 1990s-2000s": the dash between two decades is "to"
            "decade:dash",
            r"(?<=[a-z]ies|[a-z]nds|[a-z]ens)[-–](?=[a-z]+ (?:nineties|[a-z]+ies|thousands|tens)\b"
            r"|two thousands\b)",
            lambda m: f" {w['to']} ",
        )
        add(
            "decade:short",
            r"(?<![\w.,])[‘'’]?(?P<y>[1-9]0)(?:'s|s)\b",
            lambda m: pluralize(cardinal(int(m.group("y")))),
        )
        # A plural round number is a rough count: "100s of people" is "hundreds of people",
        # "1000s" "thousands" and "10,000s" "tens of thousands".
        add(
            "number:round-plural",
            r"(?<![\w.,$€£])(?P<n>100|1,?000|10,000|100,000|1,000,000)s\b",
            self._round_plural,
        )

        # Ordinals: 1st, 22nd, 103rd ("1/4th" is a fraction, read by its rule first).
        add(
            "fraction:ordinal-suffix",
            r"(?<![\w/.,])(?P<n>\d{1,3})/(?P<d>\d{1,3})(?P<th>(?i:st|nd|rd|th))(?![\w/])",
            self._fraction,
        )
        add(
            "ordinal",
            r"(?<![\w.,])(?P<n>\d{1,3}(?:,\d{3})*|\d+)(?:st|nd|rd|th)\b",
            lambda m: ordinal(int(m.group("n").replace(",", ""))),
        )

        # Tennis sets: 6-4, 3-6, 7-6(5) -> "six-four, three-six, seven-six" (tiebreaks unsaid).
        set_score = r"[0-7]-[0-7](?:\s?\(\d{1,2}\))?"
        add(
            "score:tennis",
            rf"(?<![\w.,\-–])(?:{set_score},\s){{1,4}}{set_score}(?![\w\-–]|[.,]\d)",
            self._tennis,
        )
        # A football result between two names: "Arsenal 2-1 Chelsea" -> "Arsenal two, Chelsea one".
        add(
            "score:team",
            r"(?<=[A-Za-z] )(?P<a>\d{1,2})-(?P<b>\d{1,2}) "
            r"(?P<team>[A-Z][\w'.-]*(?: [A-Z][\w'.-]*){0,3})",
            self._result,
        )

        # A numbered label: "Table 6-1", "Figure 3-2" (a chapter and a number, not a range).
        add(
            "range:label",
            r"\b(?P<label>Table|Figure|Chart|Exhibit|Listing) (?P<a>\d{1,2})-(?P<b>\d{1,2})\b"
            r"(?![.,\-–]\d)",
            lambda m: f"{m['label']} {cardinal(int(m['a']))}-{cardinal(int(m['b']))}",
        )
        # Ranges: 2014-2022, 2022-23, 2020/21, 10-15.
        add(
            "range:years",
            r"(?<![\w.,\-–/])(?P<a>\d{4})\s?(?P<sep>[-–/])\s?(?P<b>\d{4}|\d{2})"
            r"(?![\w\-–.,/]?\d)",
            self._year_range,
        )
        add(
            "range:numbers",
            rf"(?<![\w.,\-–])(?P<a>{NUM})\s?[-–]\s?(?P<b>{NUM})(?![\w\-–°]|[.,]\d)"
            rf"(?!\s?(?:{unit})(?![\w/²³'’-]))",  # "10-12 km" goes to the unit rule
            self._range,
        )

        # Fractions: 1/2, 3/4, 1 1/2, 24/7.
        add(
            "fraction:mixed",
            r"(?<![\w/.,])(?P<whole>\d+)\s(?P<n>\d{1,2})/(?P<d>\d{1,2})(?![\w/])",
            self._mixed_fraction,
        )
        add(
            "fraction:simple",
            r"(?<![\w/.,])(?P<n>\d{1,3})/(?P<d>\d{1,3})(?P<th>(?i:st|nd|rd|th))?(?![\w/])",
            self._fraction,
        )

        # Scales stuck to a number: 10k, 2.3m people, 5bn (money took its own).
        add(
            "scale",
            rf"(?<![\w.,])(?P<sign>[-+−]?)(?P<num>{NUM})(?P<scale>k|bn|mn|tn|m)\b(?![.,]\d)",
            self._bare_scale,
        )

        # A unit after "per" or a slash: "$3.50 per kg", "12 kg/day", "12/kg" (a rate); before
        # the units rule, which then reads "12 kg per day".
        per = _alternation(list(self.per_units))
        add(
            "unit-per",
            rf"(?:(?<=\bper )|(?<=\bPer ))(?P<u>{per})(?![\w/²³])"
            rf"|(?<=\d)\s?/\s?(?P<u2>{per})(?![\w/²³])"
            rf"|(?P<pre>(?<=\d)\s?(?:{unit}))\s?/\s?(?P<u3>{per})(?![\w/²³])",
            self._per_unit,
        )

        # Units after a number (5 km, 100 km/h, -5°C, 10-km).
        add(
            "unit:after-number",
            rf"(?<![\w.,])(?P<sign>[-+−]?)(?P<num>{NUM})(?:\s?[-–]\s?(?P<num2>{NUM}))?"
            rf"(?P<sep>\s?|-)(?P<unit>{unit})(?![\w/²³])",
            self._unit,
        )

        # The same units in another case: "12KG", "3 mbps" (only those listed as safe).
        any_case = _alternation(self.units_any_case)
        add(
            "unit-any-case",
            rf"(?<![\w.,])(?P<sign>[-+−]?)(?P<num>{NUM})(?:\s?[-–]\s?(?P<num2>{NUM}))?"
            rf"(?P<sep>\s?|-)(?P<unit>(?i:{any_case}))(?![\w/²³])",
            lambda m: self._unit(m, self.units_any_case[m["unit"].lower()]),
        )
        after_scale = _alternation(self.units_after_scale)
        add(  # "100 million kg": the unit after a scale word is plural
            "unit-after-scale",
            rf"(?:(?<=\bthousand )|(?<=\bmillion )|(?<=\bbillion )|(?<=\btrillion ))"
            rf"(?P<unit>{after_scale})(?![\w/²³])",
            lambda m: self.units[m["unit"]][1],
        )
        # Letters and digits together: 5G, 4K, 3D, 2A6, x2, 4x4.
        add(
            "alphanumeric",
            r"(?<![\w.,'’-])(?P<tok>[A-Za-z]*\d[A-Za-z0-9]*[A-Za-z][A-Za-z0-9]*|[A-Za-z]+\d+)"
            r"(?![\w'’]|[.,]\d)",
            self._alphanumeric,
        )

        add("symbol:number-sign", r"(?<![\w&])#(?=\d)", lambda m: self.symbols["#"] + " ")

        # Roman numerals (World War II, Charles III).
        add(
            "roman",
            r"\b(?P<before>[A-Z][a-z]+)\s(?P<roman>(?:XC|XL|L?X{0,3})(?:IX|IV|V?I{0,3}))"
            r"(?P<poss>['’]s)?\b(?![.\w'’-])",
            self._roman,
        )

        # Years and all other numbers.
        add(
            "year",
            r"(?<![\w.,$€£:/])(?P<y>1[1-9]\d\d|20\d\d)(?![\w.,:/%°]?\d|\w)",
            self._year,
        )
        add("number:number", rf"(?<![\w.,])(?P<sign>[-+−]?)(?P<num>{NUM})(?!\d)", self._number)

        # U.S. states: "(D-Calif.)" -> Democrat of California; "ALBANY, N.Y." -> New York.
        states = _alternation(list(self.states))
        parties = _alternation(list(self.parties))
        add(
            "state:party",
            rf"(?<![\w.])(?P<party>{parties})-(?P<st>{states})(?!\w)",
            lambda m: f"{self.parties[m['party']]} of {self.states[m['st']]}",
        )
        add(
            "state:after-city",
            rf"(?<=[A-Za-z], )(?P<st>{states})(?!\w)",
            lambda m: self.states[m["st"]] + self._keep_final_dot(m),
        )

        # Abbreviations.
        title = _alternation(list(self.abbr_title))
        add(
            "abbreviation:title", rf"(?<![\w.])(?P<a>{title})(?=\s+[A-Z])", self._abbreviation_title
        )
        both = _alternation(list(self.abbr_both))
        add(
            "abbreviation:saint-or-street",
            rf"(?<![\w.])(?P<a>{both})(?!\w)",
            self._abbreviation_both,
        )
        always = _alternation(list(self.abbr_always))
        add(
            "abbreviation:always",
            rf"(?<![\w.])(?P<a>{always})(?!\w)",
            lambda m: self.abbr_always[m.group("a")] + self._keep_final_dot(m),
        )

        streets = _alternation(self.compass_streets)
        quarters = _alternation(list(self.compass))
        add(
            "abbreviation:compass-quarter",
            rf"\b(?P<st>{streets}) (?P<q>{quarters})\b(?![\w'’-])",
            lambda m: f"{m['st']} {self.compass[m['q']]}",
        )

        # Initialisms and acronyms.
        add(
            "initialism:dotted",
            r"(?<![\w.])(?P<letters>(?:[A-Za-z]\.){1,}[A-Za-z])\.?(?P<poss>['’]s\b)?(?![\w])",
            self._dotted,
        )
        add(
            "initialism:capitals",
            r"(?<![\w.’'\-])(?P<word>[A-Z][A-Za-z]*[A-Z])(?P<suffix>s\b|['’]s\b)?(?![\w’'])",
            self._caps_word,
        )
        add(  # a lower-case prefix before capitals: mRNA, siRNA, tRNA are spelled
            "initialism:lower-prefix",
            r"(?<![\w.’'\-])(?P<word>[a-z]{1,2}[A-Z]{3,})(?P<suffix>s\b|['’]s\b)?(?![\w’'])",
            lambda m: (
                self.acronym_respell.get(m["word"])
                or ".".join(m["word"].upper()) + (".'s" if m["suffix"] else "")
            ),
        )

        # Symbols.
        add(
            "symbol:hashtag",
            r"(?<!\w)#(?P<tag>[A-Za-z]\w*)",
            lambda m: f"{w['hashtag']} {m['tag']}",
        )
        add("symbol:and-or", r"\b(?:and|or)/(?:and|or)\b", lambda m: m.group(0).replace("/", " "))
        add(  # "TCP/IP", "I/O": a slash between initialisms is not said
            "symbol-initialisms",
            r"\b(?P<a>[A-Z]{1,5})/(?P<b>[A-Z]{1,5})\b",
            lambda m: f"{m['a']} {m['b']}",
        )
        add("symbol:slash", r"(?<=\w)/(?=\w)", lambda m: f" {w['or']} ")
        add("symbol:ampersand", r"\s*&\s*", lambda m: f" {self.symbols['&']} ")
        add("symbol:plus", r"\s*(?<![\w])\+(?=\s*\w)|\s+\+\s+", lambda m: f" {self.symbols['+']} ")
        add(
            "symbol:plus-after-name", r"(?<=[A-Za-z])\+(?!\w)", lambda m: f" {self.symbols['+']}"
        )  # OPEC+
        add("symbol:squared", r"(?<=[A-Za-z)])²", lambda m: " squared")
        add("symbol:cubed", r"(?<=[A-Za-z)])³", lambda m: " cubed")
        add(
            "symbol:sign",
            r"\s*[=§~×%‰°@≤≥≠≈]\s*",
            lambda m: f" {self.symbols[m.group(0).strip()]} ",
        )

        # Left-over numbers (the safety net: no digits reach the engine).
        add("number:digits", r"\d+", lambda m: number_words(m.group(0)))
        return rules

    # -- rule functions ------------------------------------------------------------------------

    @staticmethod
    def _keep_final_dot(m: re.Match[str]) -> str:
        """An abbreviation's dot that also ends the sentence stays as the full stop."""
        at_end = _AT_END.match(m.string, m.end()) is not None
        return "." if m.group(0).endswith(".") and at_end else ""

    def _street(self, m: re.Match[str]) -> str:
        name = re.sub(
            r"\b(\d{1,3})(?:st|nd|rd|th)\b", lambda o: ordinal(int(o.group(1))), m["name"]
        )
        said = _house_number(m["num"]) + " "
        if m["dir"]:
            said += self.directions[m["dir"]] + " "
        said += name + self.street_types[_title_key(m["type"], self.street_types)]
        if m["quad"]:  # "1600 Pennsylvania Ave. NW": the city quarter
            said += " " + self.compass[m["quad"]]
        if (m["dot2"] if m["quad"] else m["dot"]) and not _SENTENCE_GOES_ON.match(
            m.string, m.end()
        ):
            said += "."  # "Elm St. It was a strange place": the dot is also the full stop
        return said

    def _email(self, m: re.Match[str]) -> str:
        user, _, domain = m.group(0).partition("@")
        return f"{self._say_address(user)} {self.words['at']} {self._say_address(domain)}"

    def _say_address(self, text: str) -> str:
        parts = re.split(r"([./_\-+])", text)
        names = {
            ".": self.words["dot"],
            "/": self.words["slash"],
            "_": "underscore",
            "-": "dash",
            "+": self.words["plus"],
        }
        out = []
        for part in parts:
            if part in names:
                out.append(names[part])
            elif part.isdigit():
                out.append(digits_words(part) if len(part) > 4 else number_words(part))
            elif part:
                # digits in a name are read one by one: "asdf123" -> "asdf one two three"
                letters = re.sub(r"\d+", lambda d: " " + digits_words(d.group(0)) + " ", part)
                out.append(letters.strip())
        return " ".join(out)

    def _url(self, m: re.Match[str]) -> str:
        url = re.sub(r"^(?:https?://)?(?:www\.)?", "", m.group(0))
        host, _, path = url.partition("/")
        spoken = self._say_address(host)
        path = path.split("?")[0].split("#")[0].strip("/")
        segments = [s for s in path.split("/") if s]
        # A reader gives the site and a short path; long slugs and queries are not read.
        if segments and len(segments) <= 2 and all(len(s) <= 20 for s in segments):
            spoken += " " + " ".join(
                f"{self.words['slash']} {self._say_address(s)}" for s in segments
            )
        return spoken

    def _iso_date(self, m: re.Match[str]) -> str:
        year, month, day = (int(g) for g in m.groups())
        if not (1 <= month <= 12 and 1 <= day <= 31):
            return f"{year_words(year)} {number_words(m.group(2))} {number_words(m.group(3))}"
        return f"{self.month_names[month - 1]} {ordinal(day)}, {year_words(year)}"

    def _phone(self, m: re.Match[str]) -> str:
        """Each group of a phone number digit by digit, a pause (comma) between groups."""
        text = m.group(0)
        if m.groupdict().get("a"):
            a, b = m.group("a"), m.group("b")
            # "200-1000", "250-1500": a range of round numbers, not a phone number.
            if int(a) < 200 or b.endswith("000") or (a.endswith("0") and b.endswith("0")):
                return f"{number_words(a)} {self.words['to']} {number_words(b)}"
        sign = f"{self.words['plus']} " if text.startswith("+") else ""
        groups = re.findall(r"\d+", text)
        # A toll-free code after the trunk "1" is said as a number: "1-800-..." -> "one, eight
        # hundred"; written alone ("800-555-0199") it is read digit by digit.
        return sign + ", ".join(
            cardinal(int(g))
            if i == 1 and groups[0] == "1" and g.endswith("00")
            else digits_words(g)
            for i, g in enumerate(groups)
        )

    def _numeric_date(self, m: re.Match[str]) -> str:
        """12/26/2024 (American month first) or 26/12/2024, 26.12.2024 (day first)."""
        k = next(k for k in ("", "2", "3") if m.group("a" + k))
        ga, gb, gy = m.group("a" + k), m.group("b" + k), m.group("y" + k)
        a, b, year = int(ga), int(gb), int(gy)
        day_first = m.group("sep") == "." or a > 12
        month, day = (b, a) if day_first else (a, b)
        short_year = len(gy) == 2  # '05, '98: "oh five", "ninety-eight"
        if not (1 <= month <= 12 and 1 <= day <= 31 and (short_year or 1000 <= year <= 2099)):
            if k:  # not a date after all: the numbers with their separators
                return m.group(0).replace(ga, number_words(ga), 1)
            return " ".join(number_words(g) for g in (ga, gb, gy))
        said_year = _pair(year) if short_year else year_words(year)
        return f"{self.month_names[month - 1]} {ordinal(day)}, {said_year}"

    def _time(self, m: re.Match[str]) -> str:
        suffix = (m.group("ampm") or m.group("AMPM")).lower()
        said = _clock(int(m.group("h")), m.group("m"))
        if m.groupdict().get("h0"):
            said = f"{_clock(int(m.group('h0')), m.group('m0'))} {self.words['to']} {said}"
        mark = self.words["am"] if suffix == "a" else self.words["pm"]
        return f"{said} {mark}" + self._keep_final_dot(m)

    def _time24(self, m: re.Match[str], which: str = "") -> str:
        """A 24-hour time as a newsreader says it on the 12-hour clock: 14:30 -> two thirty p.m,
        00:30 -> twelve thirty a.m, 08:00 -> eight a.m. An hour without a leading zero below 13
        ("10:05") is read as written: the text does not say whether it is morning or evening."""
        written = m.group("h" + which)
        hour, minutes = int(written), int(m.group("m" + which))
        if hour == 0 and minutes == 0:
            return self.words["midnight"]
        if hour == 0 or hour >= 13 or (written.startswith("0") and len(written) == 2):
            mark = self.words["pm"] if hour >= 12 else self.words["am"]
            return f"{_clock(hour % 12 or 12, m.group('m' + which))} {mark}"
        return _clock(hour, m.group("m" + which))

    def _duration(self, m: re.Match[str]) -> str:
        """1:59:40 -> one hour fifty-nine minutes forty seconds (a race or match time)."""
        hours = int(m["h"]) if m.groupdict().get("h") else 0
        minutes, seconds = int(m["m"]), int(m["s"])
        parts = []
        if hours:
            parts.append(f"{cardinal(hours)} {'hour' if hours == 1 else 'hours'}")
        if minutes:
            parts.append(f"{cardinal(minutes)} {'minute' if minutes == 1 else 'minutes'}")
        said = cardinal(seconds)
        if m["f"]:
            said += f" {self.words['point']} {digits_words(m['f'])}"
        if seconds or m["f"] or not parts:
            one = seconds == 1 and not m["f"]
            parts.append(f"{said} {'second' if one else 'seconds'}")
        return " ".join(parts)

    def _temperature(self, m: re.Match[str]) -> str:
        value = float(m["num"].replace(",", ""))
        if m["deg"] == "C" and value > 60 or value > 140:
            return m.group(0)  # not a temperature ("300C" is a model, a class)
        one, many = self.units["°" + m["deg"]]
        singular = m["num"] == "1" and not m["num2"] and not m["sign"]
        return f"{self._signed(m)} {one if singular else many}"

    def _power(self, m: re.Match[str]) -> str:
        """10^6 -> ten to the power of six; 10^-3 m -> ... to the power of minus three meters."""
        base = m["base"] if m["base"].isalpha() else number_words(m["base"])
        said = f"{base} {self.words['to_the_power_of']} {number_words(m['exp'])}"
        if m.group("unit"):
            said += " " + self._unit_names(m["unit"], m)[1]
        return said

    def _tennis(self, m: re.Match[str]) -> str:
        """Set scores: each set "six-four"; a tiebreak in brackets is not read on air."""
        sets = re.findall(r"([0-7])-([0-7])", m.group(0))
        if not all(max(int(a), int(b)) >= 6 and a != b for a, b in sets):
            return m.group(0)  # not a tennis score line; the range rule reads it
        return ", ".join(f"{cardinal(int(a))}-{cardinal(int(b))}" for a, b in sets)

    def _result(self, m: re.Match[str]) -> str:
        """A result between two names ("Arsenal 2-1 Chelsea"): each team with its goals."""
        team = m.group("team")
        first = team.split()[0]
        prev = re.search(r"(\S+)\s$", _before(m))
        if (
            not prev
            or not prev.group(1)[:1].isupper()
            or prev.group(1).endswith((".", ","))
            or first in self.month_names
            or first in self.weekdays
            or first in self.month_abbr
            or first in {"The", "A", "An", "In", "On", "At", "For", "To", "And", "But"}
        ):
            return m.group(0)
        return f"{cardinal(int(m['a']))}, {team} {cardinal(int(m['b']))}"

    def _unit_names(self, unit: str, m: re.Match[str]) -> tuple[str, str]:
        """Singular and plural names of a unit; "nm" is nanometers before chip words."""
        if unit == "nm":
            nxt = re.match(r"[\s-]+([a-z]+)", _after(m))
            if nxt and nxt.group(1) in self.nanometer_context:
                return self.nanometer[0], self.nanometer[1]
        one, many = self.units[unit]
        return one, many

    def _range(self, m: re.Match[str]) -> str:
        a, b = m.group("a"), m.group("b")
        if a == b and "." not in a:
            return f"{number_words(a)}-{number_words(b)}"  # a 50-50 chance, drew 1-1
        return f"{number_words(a)} {self.words['to']} {number_words(b)}"

    def _adjectival(self, m: re.Match[str]) -> bool:
        """Is the amount used as an adjective ("a $5 billion deal")? Then the currency is
        singular, as a reader says it: "a five billion dollar deal"."""
        after = re.match(r"\s+([a-z][a-z-]*)\b", _after(m).lower())
        if not after or after.group(1) in self.money_not_nouns:
            return False
        noun = after.group(1)
        if noun in self.money_nouns or noun.split("-")[0] in self.money_nouns:
            return True
        before = re.search(r"(?:^|\s)([A-Za-z]+)\s+$", _before(m))
        return bool(before) and before.group(1).lower() in self.money_determiners

    def _money(self, m: re.Match[str]) -> str:
        cur = m.group("cur")
        one, many, minor_one, minor_many = self.currencies[cur]
        num, num2, scale = m.group("num"), m.group("num2"), m.group("scale")
        scale_word = (self.scales.get(scale) or self.scales[scale.lower()]) if scale else ""
        hyphenated = m.groupdict().get("hyph") == "-" and scale_word
        if self._adjectival(m) or hyphenated or re.match(r"-(?:per|an?)-", _after(m)):
            many = one  # "a $20-billion loan": the hyphen makes the amount an adjective
        if scale_word:
            amount = number_words(num)
            if num2:
                amount += f" {self.words['to']} {number_words(num2)}"
            return f"{amount} {scale_word} {many}"
        if num2:
            return f"{number_words(num)} {self.words['to']} {number_words(num2)} {many}"
        whole, _, cents = num.replace(",", "").partition(".")
        unit = one if whole == "1" else many
        said = f"{number_words(whole)} {unit}"
        if cents and len(cents) == 2:
            if whole == "0":
                return f"{cardinal(int(cents))} {minor_one if cents == '01' else minor_many}"
            if int(cents):
                if cur in self.short_cents:  # "three euros fifty", as said in Europe
                    return f"{said} {cardinal(int(cents))}"
                name = minor_one if cents == "01" else minor_many
                said += f" {self.words['and']} {cardinal(int(cents))} {name}"
            return said
        if cents:
            return f"{number_words(num)} {many}"
        return said

    def _signed(self, m: re.Match[str]) -> str:
        sign = {"-": "minus ", "−": "minus ", "+": "plus "}.get(m.group("sign") or "", "")
        out = sign + number_words(m.group("num"))
        if m.group("num2"):
            out += f" {self.words['to']} {number_words(m.group('num2'))}"
        return out

    def _round_plural(self, m: re.Match[str]) -> str:
        words = cardinal(int(m.group("n").replace(",", ""))).split()
        if words[0] != "one":  # "ten thousand" -> "tens of thousands"
            return f"{pluralize(words[0])} {self.words['of']} {pluralize(' '.join(words[1:]))}"
        if len(words) == 3:  # "one hundred thousand" -> "hundreds of thousands"
            return f"{pluralize(words[1])} {self.words['of']} {pluralize(words[2])}"
        return pluralize(words[1])

    def _maker_designation(self, m: re.Match[str]) -> str:
        num = m.group("num")
        if len(num) == 4 and num[:2] in {"19", "20"}:
            return m.group(0)  # a year: "Boeing 2024 results"
        said = f"{m.group('maker')} {designation_words(num)}"
        if m.group("num2"):
            said += " " + designation_words(m.group("num2"))
        return pluralize(said) if m.group("plural") else said

    def _bare_scale(self, m: re.Match[str]) -> str:
        scale, num = m.group("scale"), m.group("num")
        if scale == "m":
            # "2.3m people" is millions; "200m" alone is meters (left to the unit rule).
            nxt = re.match(r"\s+([a-z]+)", _after(m))
            counted = bool(nxt) and (
                _plural_noun(nxt.group(1), self.not_plural) or nxt.group(1) in {"people"}
            )
            if "." not in num and not counted:
                return m.group(0)
        sign = {"-": "minus ", "−": "minus ", "+": "plus "}.get(m.group("sign") or "", "")
        return f"{sign}{number_words(num)} {self.scales[scale.lower()]}"

    def _alphanumeric(self, m: re.Match[str]) -> str:
        """Read a mixed token run by run: letters spelled (or said when sayable), numbers as
        designations; an "x" between numbers is "by", before one "times"."""
        runs = re.findall(r"\d+|[A-Za-z]+", m.group("tok"))
        out: list[str] = []
        for i, run in enumerate(runs):
            if i == len(runs) - 1 and i > 1 and runs[i - 1].isdigit() and run in self.units:
                # "4x100m relay": a unit after the last number, singular before a noun
                one, many = self._unit_names(run, m)
                nxt = re.match(r"\s+([a-z][a-z-]*)\b", _after(m))
                noun = bool(nxt) and nxt.group(1) not in self.unit_not_nouns
                out.append(one if noun or runs[i - 1] == "1" else many)
            elif run.isdigit():
                out.append(designation_words(run) if len(run) >= 3 else cardinal(int(run)))
            elif run.lower() == "x" and (i == 0 or runs[i - 1].isdigit()):
                between = 0 < i < len(runs) - 1
                out.append("by" if between else "times")
            elif run in self.acronym_respell:
                out.append(self.acronym_respell[run])
            elif len(run) >= 4 and (run.isupper() or run.islower()) and _sayable(run):
                out.append(run.capitalize())
            else:
                out.append(".".join(run.upper()))
        return " ".join(out)

    def _designation(self, m: re.Match[str]) -> str:
        prefix, num = m.group("prefix"), m.group("num")
        if prefix in self.designation_respell and not m.group("suffix"):
            said = self.designation_respell[prefix]
            if prefix == "FY":
                year = int(num) + (2000 if len(num) == 2 else 0)
                return f"{said} {year_words(year)}"
        hyphen = "-" in m.group(0)[: len(prefix) + 1]
        if not hyphen and not (prefix.isupper() and len(prefix) <= 3):
            return m.group(0)
        if prefix in self.month_abbr or prefix in self.month_names:
            return m.group(0)
        said_prefix = self._say_prefix(prefix)
        said = f"{said_prefix} {designation_words(num)}"
        if m.group("suffix"):
            said += " " + self._say_prefix(m.group("suffix"))
        if m.group("alt"):  # "Shahed-136/131": two variants of one family
            said += f" {self.words['and']} {designation_words(m.group('alt'))}"
        plural = m.group("plural")
        if plural == "s":
            said = pluralize(said)
        elif plural:
            said += "'s"
        return said

    def _say_prefix(self, prefix: str) -> str:
        letters = re.match(r"([A-Za-z]+)(\d?)", prefix)
        assert letters is not None
        word, digit = letters.groups()
        if word in self.acronym_respell:
            said = self.acronym_respell[word]
        elif word in self.acronym_words:
            said = word
        elif word[0].isupper() and word[1:].islower() and len(word) >= 4:
            said = word  # Shahed-136, Iskander-M
        elif word.isupper() and len(word) >= 4 and word not in self.initialisms and _sayable(word):
            said = word
        else:
            said = ".".join(c.upper() for c in word)
        return f"{said} {cardinal(int(digit))}" if digit else said

    def _year_range(self, m: re.Match[str]) -> str:
        a, b = m.group("a"), m.group("b")
        first = int(a)
        if m.group("sep") == "/" and int(b) % 100 != (first + 1) % 100:
            return m.group(0)  # "2020/21" is a season; other slashes are not ranges
        if not (1000 <= first <= 2099):
            return f"{number_words(a)} {self.words['to']} {number_words(b)}"
        if len(b) == 2:
            full = first // 100 * 100 + int(b)
            second = year_words(full)
            # "1990-91" -> "nineteen ninety to ninety-one": the century is said once.
            if first % 100 >= 10 and full % 100 >= 10 and " " in second:
                second = second.split(" ", 1)[1]
            return f"{year_words(first)} {self.words['to']} {second}"
        return f"{year_words(first)} {self.words['to']} {year_words(int(b))}"

    def _mixed_fraction(self, m: re.Match[str]) -> str:
        n, d = int(m.group("n")), int(m.group("d"))
        if not (0 < n < d <= 16):
            return m.group(0)
        whole = number_words(m.group("whole"))
        if n == 1 and d == 2:
            return f"{whole} and a half"
        if n == 1 and d == 4:
            return f"{whole} and a quarter"
        return f"{whole} and {fraction_words(n, d)}"

    def _fraction(self, m: re.Match[str]) -> str:
        text = m.group(0)
        if text in self.fraction_special:
            return self.fraction_special[text]
        n, d = int(m.group("n")), int(m.group("d"))
        # a denominator that cannot be a day of the month is a fraction too ("31/32", "1/100");
        # "1/4th", "1/3RD" are fractions whatever the numbers
        if 0 < n < d and (d <= 16 or d > 31 or m.group("th")):
            return fraction_words(n, d)
        return f"{number_words(m.group('n'))} {self.words['slash']} {number_words(m.group('d'))}"

    def _per_unit(self, m: re.Match[str]) -> str:
        if m["u"]:
            return self.per_units[m["u"]]
        if m["u2"]:
            return f" per {self.per_units[m['u2']]}"
        if f"{m['pre'].strip()}/{m['u3']}" in self.units:
            return m.group(0)  # "km/h" is a unit of its own
        return f"{m['pre']} per {self.per_units[m['u3']]}"

    def _unit(self, m: re.Match[str], key: str | None = None) -> str:
        one, many = self._unit_names(key or m.group("unit"), m)
        number = self._signed(m)
        if m.group("sep") == "-" or re.match(r"-[a-z]", _after(m)):
            return f"{number}-{one.replace(' ', '-')}"  # a 10-km stretch, a 2 km-long convoy
        value = m.group("num").replace(",", "")
        singular = value == "1" and not m.group("num2") and not m.group("sign")
        if not singular and not m.group("unit").startswith("°") and self._unit_adjective(m):
            singular = True  # "a 2 kt yield", "155mm shells": a two kiloton yield
        return f"{number} {one if singular else many}"

    def _unit_adjective(self, m: re.Match[str]) -> bool:
        after = re.match(r"\s+([a-z][a-z-]*)\b", _after(m))
        if not after or after.group(1) in self.money_not_nouns:
            return False
        if after.group(1) in self.unit_not_nouns:
            return False
        if re.search(r"\b(?:up to|at|reaching|than|hitting|topping)\s+$", _before(m)):
            return False  # a quantity, not a modifier: "gusts of up to 100mph hit coasts"
        if not m.group("sep"):
            return True
        before = re.search(r"(?:^|\s)([A-Za-z]+)\s+$", _before(m))
        return bool(before) and before.group(1).lower() in self.money_determiners

    def _roman(self, m: re.Match[str]) -> str:
        before, roman = m.group("before"), m.group("roman")
        if not roman:
            return m.group(0)
        if "L" in roman and before not in self.roman_cardinal:
            return m.group(0)  # "Size XL", "Louis LV": only "Super Bowl LVIII" and the like
        value = _roman_value(roman)
        prior = _before(m).split()
        title_before = bool(prior) and prior[-1] in self.roman_titles
        poss = "'s" if m.group("poss") else ""
        if before in self.roman_cardinal:
            if roman == "I" and before != "War":
                return m.group(0)
            return f"{before} {cardinal(value).title()}{poss}"
        if roman == "I" and title_before:
            return f"{before} {self.words['the']} {ordinal(1).capitalize()}{poss}"  # Tsar Peter I
        if roman == "I" or roman in self.initialisms:
            return m.group(0)
        if before in self.month_names or before in {"The", "In", "On", "At", "A"}:
            return m.group(0)
        # any other capitalized name takes the regnal reading
        return f"{before} {self.words['the']} {ordinal(value).capitalize()}{poss}"

    def _year(self, m: re.Match[str]) -> str:
        year = int(m.group("y"))
        after = _after(m)
        before = _before(m).rstrip()
        prev = re.search(r"([A-Za-z]+)\W*$", before)
        prev_word = prev.group(1).lower() if prev else ""
        nxt = re.match(r"\s+([a-z]+)\b", after)
        counted = bool(nxt) and _plural_noun(nxt.group(1), self.not_plural)
        if prev_word in self.year_context or prev_word in {x.lower() for x in self.month_names}:
            return year_words(year)
        if counted or year >= 2100:
            return cardinal(year)
        return year_words(year)

    def _number(self, m: re.Match[str]) -> str:
        sign = m.group("sign")
        num = m.group("num")
        # A hyphen between words and digits ("Ukraine-2") is not a minus sign.
        start = m.start()
        if sign and start > 0 and not m.string[start - 1].isspace() and m.string[start - 1] != "(":
            return m.string[start] + number_words(num)
        return number_words((sign or "") + num)

    def _abbreviation_title(self, m: re.Match[str]) -> str:
        return self.abbr_title[m.group("a")]

    def _abbreviation_both(self, m: re.Match[str]) -> str:
        abbr = m.group("a")
        before_name, after_name = self.abbr_both[abbr]
        if re.match(r"\s+[A-Z0-9]", _after(m)):
            return before_name
        if re.search(r"[A-Z]\w*\s+$", _before(m)):
            return after_name + self._keep_final_dot(m)
        return before_name

    def _dotted(self, m: re.Match[str]) -> str:
        letters = m.group("letters").replace(".", "")
        if letters.islower() and letters in {"am", "pm"}:
            return m.group(0)
        if letters.islower() and len(letters) == 2:
            return m.group(0)  # e.g. "p.m" after a time: already spoken form
        out = ".".join(c.upper() for c in letters)
        if m.group("poss"):
            return out + ".'s"
        return out + self._keep_final_dot(m)

    def _caps_word(self, m: re.Match[str]) -> str:
        word, suffix = m.group("word"), m.group("suffix") or ""
        whole = word + suffix if suffix == "s" else None
        if whole and (whole in self.acronym_words or whole in self.acronym_respell):
            word, suffix = whole, ""
        if word in self.acronym_respell:
            return self.acronym_respell[word] + suffix
        if not word.isupper():
            return m.group(0)  # mixed case (iPhone, McDonald, MiG) is read as written
        if _shouting(m.string) and word not in self.initialisms:
            return word.capitalize() + suffix
        # Acronyms said as words keep their capitals (NATO, HIMARS): eSpeak NG (and Piper's
        # eSpeak phonemizer) read an all-capitals word as a word, checked word by word.
        if word in self.acronym_words:
            return word + suffix
        if word in self.initialisms or len(word) <= 3 or not _sayable(word):
            spelled = ".".join(word)
            return spelled + (".'s" if suffix else "")
        return word + suffix


@functools.cache
def _english() -> _English:
    data = load_rules("en")
    assert data is not None, "the English rule data ships with the package"
    return _English(data)


# ---------------------------------------------------------------------------------------------
# Heuristics

_ONSETS = {
    *"BCDFGHJKLMNPQRSTVWXYZ",
    *[
        "BL",
        "BR",
        "CH",
        "CL",
        "CR",
        "DR",
        "FL",
        "FR",
        "GL",
        "GR",
        "KL",
        "KN",
        "KR",
        "PH",
        "PL",
        "PR",
        "SC",
        "SH",
        "SK",
        "SL",
        "SM",
        "SN",
        "SP",
        "ST",
        "SW",
        "TH",
        "TR",
        "TW",
        "WH",
        "WR",
        "QU",
        "SCR",
        "SHR",
        "SPL",
        "SPR",
        "STR",
        "THR",
        "SQU",
    ],
}
_VOWELS = set("AEIOUY")


def _sentence_case(m: re.Match[str], said: str) -> str:
    """Capitalize `said` when the written word it replaces opens a sentence ("No. 10 Downing
    Street" -> "Number ten Downing Street")."""
    before = m.string[: m.start()].rstrip(" \t\"'“‘(")
    if m.group(0)[:1].isupper() and (not before or before[-1] in ".!?\n"):
        return said[:1].upper() + said[1:]
    return said


def _sayable(word: str) -> bool:
    """Can an all-capital word be read as a word (NATO, UNESCO) rather than spelled (FBI, IAEA)?

    A sound heuristic: it needs a plausible English onset, vowels that are not all in a row,
    no consonant run longer than three letters inside and two at the end.
    """
    word = word.upper()
    if len(word) < 4 or not any(c in "AEIOU" for c in word):
        return False  # Y alone does not make a word of it (NYPD, SDNY)
    groups = re.findall(r"[AEIOUY]+|[^AEIOUY]+", word)
    first = groups[0]
    if first[0] not in _VOWELS and first not in _ONSETS:
        return False
    vowel_groups = [g for g in groups if g[0] in _VOWELS]
    if any(len(g) > 2 for g in vowel_groups):
        return False
    if len(vowel_groups) == 1 and len(word) > 5:
        return False
    inner = groups[1:-1]
    if any(g[0] not in _VOWELS and len(g) > 3 for g in inner):
        return False
    last = groups[-1]
    if last[0] not in _VOWELS and len(last) == 2 and last not in _CODAS:
        return False  # no English word ends in -PD, -BK, -DF ...
    return not (last[0] not in _VOWELS and len(last) > 2 and last not in {"RST", "NTS", "NDS"})


# Two-consonant endings English words have (NATO-like words ending so are sayable).
_CODAS = frozenset(
    {
        "NT", "ND", "ST", "SK", "SP", "NK", "NG", "MP", "LT", "LD", "LK", "LP", "LF", "LM", "RT",
        "RD", "RK", "RN", "RM", "RS", "RB", "RG", "RL", "RP", "RF", "RC", "RCH", "FT", "PT", "KT",
        "CT", "CH", "SH", "TH", "GH", "PH", "NS", "TS", "LS", "MS", "PS", "KS", "CK", "LL", "SS",
        "FF", "ZZ", "NC", "DS", "GS", "BS", "WN", "WS", "WL", "WK", "WT", "XT",
    }
)  # fmt: skip


def _er_word(words: str) -> str:
    """forty-nine -> forty-niners, seventy-six -> seventy-sixers (teams named for a number)."""
    return words + ("rs" if words.endswith("e") else "ers")


def _plural_noun(word: str, not_plural: set[str]) -> bool:
    """Does ``word`` look like a counted plural noun ("2000 troops")?"""
    return (
        word.endswith("s")
        and not word.endswith(("ss", "us", "is"))
        and word not in not_plural
        and len(word) > 2
    )


_WINDOW = 60
# After an abbreviation's dot, the sentence goes on (a lower-case word, a comma, a digit).
_SENTENCE_GOES_ON = re.compile(r"\s*[,;:)]|\s+[a-z0-9]")


def _title_key(word: str, table: dict[str, str]) -> str:
    """The key of ``table`` that ``word`` is, in any case ("hwy" -> "Hwy")."""
    return next(k for k in table if k.lower() == word.lower())


def _house_number(digits: str) -> str:
    """House numbers in pairs, as said: 1428 -> fourteen twenty-eight, 123 -> one twenty-three,
    708 -> seven oh eight, 1005 -> ten oh five, 2000 -> two thousand; five digits one by one."""
    n = int(digits)
    if len(digits) == 5 or digits.startswith("0"):
        return digits_words(digits)
    if len(digits) == 4 and n % 1000 != 0:
        hi, lo = divmod(n, 100)
        return f"{cardinal(hi)} hundred" if lo == 0 else f"{cardinal(hi)} {_pair(lo)}"
    if len(digits) == 3 and n % 100 != 0:
        return f"{cardinal(n // 100)} {_pair(n % 100)}"
    return cardinal(n)


_AT_END = re.compile(r"\s*\Z")


def _before(m: re.Match[str]) -> str:
    """The text just before a match (a window: slicing the whole text per match is quadratic)."""
    return m.string[max(0, m.start() - _WINDOW) : m.start()]


def _after(m: re.Match[str]) -> str:
    return m.string[m.end() : m.end() + _WINDOW]


_RULE_WORDS = frozenset(
    re.findall(
        r"\w+",
        "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen "
        "fifteen sixteen seventeen eighteen nineteen twenty thirty forty fifty sixty seventy eighty "
        "ninety hundred thousand million billion trillion point minus plus percent dollar dollars "
        "euro euros pound pounds cents pence hryvnias rubles and to oh",
    )
)


@functools.lru_cache(maxsize=64)
def _shouting(text: str) -> bool:
    """All-caps text (a shouted headline) is read as words, not spelled."""
    # Number words the rules wrote ("$95 BILLION" -> "ninety-five billion dollars") are neither.
    words = [w for w in re.findall(r"[A-Za-z]{2,}", text) if w not in _RULE_WORDS]
    if len(words) < 4:
        return False
    caps = sum(1 for w in words if w.isupper())
    return caps / len(words) > 0.6


_ROMAN = {"I": 1, "V": 5, "X": 10, "L": 50, "C": 100}


def _roman_value(roman: str) -> int:
    total = 0
    for i, ch in enumerate(roman):
        value = _ROMAN[ch]
        if i + 1 < len(roman) and _ROMAN[roman[i + 1]] > value:
            total -= value
        else:
            total += value
    return total


# ---------------------------------------------------------------------------------------------
# Punctuation, symbols, cleanup

_TRANSLATE = str.maketrans(
    {
        "\u00a0": " ",
        "\u2009": " ",
        "\u202f": " ",
        "\u2007": " ",
        "\u200b": "",
        "\u200c": "",
        "\u200d": "",
        "\u2060": "",
        "\ufeff": "",
        "\u00ad": "",
        "“": '"',
        "”": '"',
        "„": '"',
        "«": '"',
        "»": '"',
        "‘": "'",
        "’": "'",
        "‚": "'",
        "−": "-",
        "‐": "-",
        "‑": "-",
        "…": "...",
    }
)
_VULGAR = {
    "½": "1/2",
    "⅓": "1/3",
    "⅔": "2/3",
    "¼": "1/4",
    "¾": "3/4",
    "⅕": "1/5",
    "⅛": "1/8",
    "⅜": "3/8",
    "⅝": "5/8",
    "⅞": "7/8",
}
_KEEP_SYMBOLS = set("$€£₴₽¥₹₩₺%&+=@#§~×°‰℃℉/²³±≤≥≠≈")


# A wire credit after a dateline ("KYIV, Ukraine (AP) —") is not read on air.
_CREDIT = re.compile(r"\s*\((?:AP|Reuters|AFP|UPI|dpa|CNN|Bloomberg|Xinhua)\)\s*(?=[—–-])")
# "(212) 555-0100": the brackets are part of a phone number, not a pause.
_PHONE_AREA = re.compile(
    r"(?<=\+1)\s?\((\d{3})\)[\s-]?(\d{3})[-.\s](\d{4})\b|\((\d{3})\)[\s-]?(\d{3})[-.\s](\d{4})\b"
)


# 6'2" (a height, written with primes or quotes): read by the feet-and-inches rule.
_FEET_INCHES = re.compile(r"(?<![\w.,])([4-8])['′]\s?(\d{1,2})(?:\"|″|'')")


_SUBSCRIPTS = str.maketrans("₀₁₂₃₄₅₆₇₈₉", "0123456789")
_SUPERSCRIPTS = str.maketrans("⁰¹²³⁴⁵⁶⁷⁸⁹⁻", "0123456789-")
# A power after a number ("10⁸", "10⁻⁶") or after a letter other than the ² and ³ of units ("x⁴").
_POWER = re.compile(r"(?<=\d)[⁻]?[⁰¹²³⁴⁵⁶⁷⁸⁹]+|(?<=[A-Za-z])[⁻]?[⁰¹⁴⁵⁶⁷⁸⁹][⁰¹²³⁴⁵⁶⁷⁸⁹]*")


_TIEBREAK = re.compile(r"(?<=\b[67]-[67])\s?\(\d{1,2}\)(?=[\s,;.]|$)")
_CARET = re.compile(r"(?<=[\dA-Za-z])\s?\^\s?(?=[-−]?\d)")


# A spaced dash between two clock times is "to", not a pause: "4:00 am - 8:12 pm".
_TIME_RANGE = re.compile(
    r"(?<=\d)(\s?(?:[ap]\.?m\b\.?|[AP]\.?M\b\.?)?)\s[-–]\s"
    r"(?=\d{1,2}(?::\d\d)?\s?(?:[ap]\.?m\b|[AP]\.?M\b))"
)


def _prepare(text: str) -> str:
    text = unicodedata.normalize("NFC", text).translate(_TRANSLATE)
    text = _TIME_RANGE.sub(r"\1 to ", text)
    text = text.translate(_SUBSCRIPTS)  # CO₂ -> CO2, read as a designation
    text = _POWER.sub(lambda m: "^" + m.group(0).translate(_SUPERSCRIPTS), text)
    # A tennis tiebreak, "7-6(5)", is not read on air (and its brackets are not a pause).
    text = _TIEBREAK.sub("", text)
    text = _CREDIT.sub(" ", text)
    text = _PHONE_AREA.sub(
        lambda m: ("-" if m.group(1) else "") + "-".join(g for g in m.groups() if g), text
    )
    text = _FEET_INCHES.sub(r"\1 ft \2 in", text)
    text = re.sub(
        r"(\d?)(\s?)([½⅓⅔¼¾⅕⅛⅜⅝⅞])",
        lambda m: (m.group(1) + " " if m.group(1) else m.group(2)) + _VULGAR[m.group(3)],
        text,
    )
    out = []
    for ch in text:
        cat = unicodedata.category(ch)
        if ch in _KEEP_SYMBOLS or ch in (_PROTECT_OPEN, _PROTECT_CLOSE) or ch == "^":
            out.append(ch)
        elif cat in {"So", "Sk", "Co", "Cs", "Cn", "Cf", "Cc"} or cat == "Sm" and ch not in "<>":
            out.append(" " if cat == "Cc" else "")
        else:
            out.append(ch)
    return _CARET.sub(_POW, "".join(out))


def _punctuation(text: str) -> str:
    """Quotes, dashes and brackets become the pauses a reader makes (commas), or nothing."""
    text = re.sub(r"\s*(?:—|--|―|\s–\s|\s-\s)\s*", ", ", text)
    text = re.sub(r"^\s*[-–•]\s+", "", text)
    # No pause between a conjunction and the bracket after it: "and (2) shorter hours" is read
    # "and two, shorter hours", not "and, two, ...".
    text = re.sub(r"\b(and|or|nor|but|And|Or|Nor|But)\s*[(\[{]\s*", r"\1 ", text)
    text = re.sub(r"\s*[(\[{]\s*", ", ", text)
    text = re.sub(r"\s*[)\]}]\s*", ", ", text)
    text = text.replace('"', " ")
    text = re.sub(r"(?<=[-–])'(?=\d)", "", text)  # "the late-'90s": no gap after the hyphen
    text = re.sub(r"(?<![A-Za-z])'(?!s\b)|'(?![A-Za-z])(?<!s')", " ", text)
    text = re.sub(r"[*_|•·<>\\^`]", " ", text)
    return text


# "a" before a spoken form that begins with a vowel sound becomes "an": the written "a Mi-8",
# "a 18-year-old", "a F-16" are said "an M.I eight", "an eighteen-year-old", "an F sixteen";
# "$7.25/hour" is "seven dollars and twenty-five cents an hour".
_A_BEFORE_VOWEL_SOUND = re.compile(
    r"(?<![\w.'-])([Aa])(?= (?:[AEFHILMNORSX](?:\.[A-Z]\b| )"
    r"|(?:eight|eighth|eleven|eleventh|eighteen|eighteenth|eighty|hour)(?![a-z])))"
)


def _articles(text: str) -> str:
    return _A_BEFORE_VOWEL_SOUND.sub(lambda m: m.group(1) + "n", text)


def _tidy(text: str) -> str:
    text = text.replace(_POW, " ")
    text = re.sub(r"\s+", " ", text)
    text = re.sub(r"\s+([,.;:!?])", r"\1", text)
    text = re.sub(r",(\s*[,;:])+", ",", text)
    text = re.sub(r"[,;:]\s*([.!?])", r"\1", text)
    text = re.sub(r"([;:]),", r"\1", text)
    text = re.sub(r"(?<=[.!?]),\s*", " ", text)
    text = re.sub(r"^[\s,;:.]+", "", text)
    text = re.sub(r"[\s,;:]+$", "", text)
    text = re.sub(r",(?=\w)", ", ", text)
    return text.strip()


# ---------------------------------------------------------------------------------------------
# Public API


_DIGIT = re.compile(r"\d")
# Rule classes that only ever match text with a digit in it (a rule's name is class:detail).
_NUMERIC_RULES = frozenset(
    {"street-address", "zip-code", "identifier", "digits", "decade-range", "symbol-plus",
     "decimal-point", "designation-tail", "phone", "date-iso", "date-numeric", "date", "time",
     "money", "percent", "designation", "decade", "ordinal", "range", "fraction", "scale", "unit",
     "unit-any-case", "unit-after-scale", "alphanumeric", "year", "number"}
)  # fmt: skip


def explain(
    text: str, language: str = "en", lexicon: Lexicon | None = None
) -> tuple[str, tuple[Substitution, ...]]:
    """The spoken form of ``text`` and every substitution made, in order."""
    subs: list[Substitution] = []
    data = load_rules(language)
    protected: list[str] = []

    def protect(spoken: str) -> str:
        protected.append(spoken)
        return f"{_PROTECT_OPEN}{chr(0xE100 + len(protected) - 1)}{_PROTECT_CLOSE}"

    def restore(value: str) -> str:
        return re.sub(
            f"{_PROTECT_OPEN}(.){_PROTECT_CLOSE}",
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

    english = _english()

    def one_pass(text: str) -> str:
        protected.clear()
        text = _punctuation(_prepare(text))
        if lexicon:
            text = lexicon.apply(text, _recorder(subs, protect))
        # Rules never write digits, so the rules that read numbers are skipped once there are
        # none (always so in the stabilizing passes): this halves the time of a long article.
        numbers = _DIGIT.search(text) is not None
        for rule in english.rules:
            if numbers or not rule.needs_digits:
                text = rule.pattern.sub(_recording(rule.name, rule.say, subs, restore), text)
        return _articles(_tidy(restore(_tidy(_punctuation(text)))))

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
