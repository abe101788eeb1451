"""Dates: ISO and numeric dates, month and day in any order and any case ("Dec. 26", "25 july
2012"), month ranges and abbreviations, weekdays, decades ("the '90s") and years.
"""

from __future__ import annotations

import functools
import re
from typing import TYPE_CHECKING

from audio_article.normalize.en.shared import (
    Rule,
    adder,
    alternation,
    keep_final_dot,
    plural_noun,
    text_after,
    text_before,
)
from audio_article.normalize.words import (
    cardinal,
    number_words,
    ordinal,
    pair,
    pluralize,
    year_words,
)

if TYPE_CHECKING:
    from audio_article.normalize.en import English


def rules(en: English) -> list[Rule]:
    """The date rules, in the order they run among themselves."""
    w = en.words
    month_names = "|".join(en.month_names)
    month_abbr = alternation(list(en.month_abbr))

    # Months in any case ("july 25 2012", "JAN. 15", "25 sept."); lower-case "may" and
    # "march" are verbs unless a year follows ("17 may 2010", not "17 may die").
    any_case = "|".join(
        [n.lower() for n in en.month_names if n not in {"May", "March"}]
        + sorted((a.lower() for a in en.month_abbr), key=len, reverse=True)
    )
    year_after = r"(?=,?\s+(?:\d{1,2}(?:st|nd|rd|th)?,?\s+)?(?:1\d{3}|20\d{2})\b)"
    month = (
        rf"(?:(?P<mname>{month_names})|(?P<mabbr>{month_abbr})\.?"
        rf"|(?P<mci>(?i:{any_case})|(?:may|march|MAY|MARCH){year_after})\.?)(?![\w-])"
    )
    rules: list[Rule] = []
    add = adder(rules)

    # Dates.
    add("date:iso", r"\b(\d{4})-(\d{2})-(\d{2})\b", functools.partial(_iso_date, en), digits=True)

    add(
        "date:numeric-day-month-year",
        r"(?<![\w/.])(?P<a>\d{1,2})(?P<sep>[/.])(?P<b>\d{1,2})(?P=sep)(?P<y>\d{4})(?![\w/]|\.\d)"
        # "15-01-2020" (a dash only with a four-digit year) and "11/17/05" (a slash only)
        r"|(?<![\w/.,-])(?P<a2>\d{1,2})(?P<sep2>-)(?P<b2>\d{1,2})-(?P<y2>\d{4})(?![\w/-]|\.\d)"
        r"|(?<![\w/.,-])(?P<a3>\d{1,2})/(?P<b3>\d{1,2})/(?P<y3>\d{2})(?![\w/]|[.,]\d)",
        functools.partial(_numeric_date, en),
        digits=True,
    )

    add(  # "2016/07/03": year, month, day
        "date:numeric-year-month-day",
        r"(?<![\w/.])(?P<y>1\d{3}|20\d{2})/(?P<mo>0?[1-9]|1[0-2])/(?P<d>[12]\d|3[01]|0?[1-9])(?![\w/]|[.,]\d)",
        lambda m: (
            f"{en.month_names[int(m['mo']) - 1]} {ordinal(int(m['d']))}, " + year_words(int(m["y"]))
        ),
        digits=True,
    )

    def month_of(m: re.Match[str]) -> str:
        if m.group("mci"):
            return en.month_lookup[m.group("mci").lower()]
        return m.group("mname") or en.month_abbr[m.group("mabbr")]

    def month_day(m: re.Match[str]) -> str:
        out = f"{month_of(m)} {_day(m.group('day'))}"
        if m.group("day2"):  # "Dec. 25-26", "Dec. 25 and 26": both days are dates
            joint = en.words["to"] if m.group("dash") else m.group("conj").strip()
            out += f" {joint} {_day(m.group('day2'))}"
        if m.group("year"):
            out += f"{m.group('sep') or ' '}{year_words(int(m.group('year')))}"
        return out

    add(
        "date:month-day",
        # (not after a day: "14 Oct. 15" is the day-month rule's, with a two-digit year)
        rf"(?<!\d\s)\b{month}\s+(?P<day>[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)?\b(?!\s*(?:[:.]\d|%))"
        # a second day: "25-26", or "25 and 26" closed by punctuation or a year
        rf"(?:(?:(?P<dash>\s?[-–]\s?)|(?P<conj>\s(?:and|or|to|through)\s))(?P<day2>[12]\d|3[01]|0?[1-9])"
        rf"(?:st|nd|rd|th)?\b(?![\w.,:%-]\d|\s*(?:%|-\w))(?=[\s,;.)]|$)"
        rf"(?(conj)(?!\s(?!(?:1\d{{3}}|20\d{{2}})\b)[a-z0-9])|))?"
        rf"(?:(?P<sep>,?\s)(?P<year>1\d{{3}}|20\d{{2}})\b)?",
        month_day,
        digits=True,
    )

    add(  # "Jan-15", "Jan-15-2020": a month abbreviation, a day and a year joined by dashes
        "date:month-dash-day",
        rf"\b(?P<mabbr>{month_abbr})-(?:(?P<day>[12]\d|3[01]|0?[1-9])"
        r"(?:-(?P<year>1\d{3}|20\d{2}))?|(?P<alone>1\d{3}|20\d{2}))\b(?![-–]?\d)",
        lambda m: (
            f"{en.month_abbr[m['mabbr']]} {year_words(int(m['alone']))}"
            if m["alone"]
            else f"{en.month_abbr[m['mabbr']]} {_day(m['day'])}"
            + (f", {year_words(int(m['year']))}" if m["year"] else "")
        ),
        digits=True,
    )

    add(  # "Nov. 30-Dec. 1": the dash between two dates is "to"
        "date:dash-between-dates",
        rf"(?<=[a-z](?:st|nd|rd|th))\s?[-–]\s?(?=(?:{month_names}|{month_abbr})\b)",
        lambda m: f" {w['to']} ",
        digits=True,
    )

    def day_month(m: re.Match[str]) -> str:
        before = text_before(m)
        the = "" if re.search(r"\bthe\s+$", before, re.IGNORECASE) else "the "
        out = f"{the}{_day(m.group('day'))} of {month_of(m)}"
        if m.group("day0"):  # "12-15 December": the twelfth to fifteenth of December
            first = f"{the}{_day(m.group('day0'))} {w['to']} "
            out = first + out[len(the) :]
        if m.group("year"):
            out += f" {year_words(int(m.group('year')))}"
        return out

    add(
        "date:day-month",
        rf"(?:(?<![\w.,\-–])(?P<day0>[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)?\s?[-–]\s?)?"
        rf"\b(?<!\d[.,])(?P<day>[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)?\s+(?:of\s+)?{month}"
        rf"(?:,?\s(?P<year>1\d{{3}}|20\d{{2}})\b)?",
        day_month,
        digits=True,
    )

    def month_alone(m: re.Match[str]) -> str:
        return en.month_abbr[m.group("mabbr")] + keep_final_dot(m)

    add(  # a range of months, "Jan.-March 2024" or "June–August": the dash is "to"
        "date:month-range",
        rf"\b(?:(?P<mname>{month_names})|(?P<mabbr>{month_abbr})\.?)\s?[-–]\s?"
        rf"(?=(?:{month_names}|{month_abbr})\b)",
        lambda m: f"{m['mname'] or en.month_abbr[m['mabbr']]} {w['to']} ",
        digits=False,
    )

    add(
        "date:month-abbreviation",
        rf"\b(?P<mabbr>{month_abbr})\.(?=[\s,;)]|$)",
        month_alone,
        digits=False,
    )
    weekday_abbr = alternation(list(en.weekday_abbr))

    add(
        "date:weekday",
        rf"\b(?P<d>{weekday_abbr})\.(?=,?\s+(?:{month_names}|{month_abbr}))",
        lambda m: en.weekday_abbr[m.group("d")],
        digits=False,
    )

    add(  # "the 1960s-80s": a dash before a short decade is "to"
        "date:decade-range",
        r"(?<=\d0s)[-–](?='?\d0s\b)",
        lambda m: f" {w['to']} ",
        digits=True,
    )

    # Decades: the 1990s, the '90s, in her 40s.
    add(
        "date:decade",
        r"(?<![\w.,])(?P<y>1(?!000)[0-9]\d0|20[0-9]0)(?:'s|s)\b",
        lambda m: pluralize(year_words(int(m.group("y")))),
        digits=True,
    )

    add(  # "the 1990s-2000s": the dash between two decades is "to"
        "date:decade-dash",
        r"(?<=[a-z]ies|[a-z]nds|[a-z]ens)[-–](?=[a-z]+ (?:nineties|[a-z]+ies|thousands|tens)\b"
        r"|two thousands\b)",
        lambda m: f" {w['to']} ",
        digits=True,
    )

    add(
        "date:decade-short",
        r"(?<![\w.,])[‘'’]?(?P<y>[1-9]0)(?:'s|s)\b",
        lambda m: pluralize(cardinal(int(m.group("y")))),
        digits=True,
    )

    # Years and all other numbers.
    add(
        "date:year",
        r"(?<![\w.$€£:/])(?<!\d,)(?P<y>1\d\d\d|20\d\d)(?![\w.,:/%°]?\d|\w)",
        functools.partial(_year, en),
        digits=True,
    )
    return rules


def _iso_date(en: English, m: re.Match[str]) -> str:
    year, month, day = (int(g) for g in m.groups())
    if not (1 <= month <= 12 and 1 <= day <= 31):
        return f"{year_words(year)} {number_words(m.group(2))} {number_words(m.group(3))}"
    return f"{en.month_names[month - 1]} {ordinal(day)}, {year_words(year)}"


def _numeric_date(en: English, m: re.Match[str]) -> str:
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
    said_year = pair(year) if short_year else year_words(year)
    return f"{en.month_names[month - 1]} {ordinal(day)}, {said_year}"


def _year(en: English, m: re.Match[str]) -> str:
    year = int(m.group("y"))
    after = text_after(m)
    before = text_before(m).rstrip()
    prev = re.search(r"([A-Za-z]+)\W*$", before)
    prev_word = prev.group(1).lower() if prev else ""
    nxt = re.match(r"\s+([a-z]+)\b", after)
    counted = bool(nxt) and plural_noun(nxt.group(1), en.not_plural)
    if prev_word in en.year_context or prev_word in {x.lower() for x in en.month_names}:
        return year_words(year)
    if counted and 1900 <= year <= 2039 and re.search(_YEAR_DETERMINER, before):
        return year_words(year)  # "all the 2017 conversations", "few 2017 movies": a year
    if counted or year >= 2100 or year < 1100:  # "1066" is a year only after "in", "since"
        return cardinal(year)
        return cardinal(year)
    return year_words(year)


def _day(day: str) -> str:
    return ordinal(int(day))


# Words before "2017 movies" that make the number a year, not a count.
_YEAR_DETERMINER = re.compile(
    r"\b(?:the|these|those|this|his|her|their|our|its|your|my|few|many|some|all)\s*$", re.I
)
