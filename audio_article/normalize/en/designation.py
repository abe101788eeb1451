"""Designations: model names and numbers ("F-16s", "Boeing 737-800", "PM2.5", "A320neo"), teams
named for a number ("the 49ers"), and mixed letter-digit tokens ("5G", "4x4").
"""

from __future__ import annotations

import functools
import re
from typing import TYPE_CHECKING

from audio_article.normalize.en.measure import unit_names
from audio_article.normalize.en.shared import Rule, adder, alternation, er_word, sayable, text_after
from audio_article.normalize.words import (
    cardinal,
    designation_words,
    number_words,
    pluralize,
    year_words,
)

if TYPE_CHECKING:
    from audio_article.normalize.en import English


def rules(en: English) -> list[Rule]:
    """The designation rules, in the order they run among themselves."""
    rules: list[Rule] = []
    add = adder(rules)

    # A lower-case tail on a designation is a word or a letter of its own: "A320neo",
    # "TOI-6894b" are read "A three twenty neo", "T.O.I sixty-eight ninety-four b".
    add(
        "designation:tail",
        r"\b(?P<pre>[A-Z][A-Za-z]{0,6}-?\d{1,4})(?P<low>(?!s\b|st\b|nd\b|rd\b|th\b)[a-z]{1,4})\b",
        lambda m: f"{m['pre']} {m['low']}",
        digits=True,
    )

    # Screen resolutions: "1080p", "1,440p" -> "ten eighty p", "fourteen forty p".
    add(
        "designation:resolution",
        r"(?<![\w.,])(?P<n>[1-9]\d{2,3}|[1-9],\d{3})p\b(?![\w'’-])",
        lambda m: f"{designation_words(m['n'].replace(',', ''))} p",
        digits=True,
    )

    # A letter, a dot and a number: the codecs "H.264", "H.265" -> "H two sixty-four".
    add(
        "designation:letter-dot-number",
        r"\b(?P<l>[A-Z])\.(?P<n>\d{3})\b(?![.,]?\d)",
        lambda m: f"{m['l']} {designation_words(m['n'])}",
        digits=True,
    )

    # Model designations: F-16s, Su-34, MiG-29, PAC-3, Shahed-136, T-72, G7, COVID-19.
    add(
        "designation:model",
        r"\b(?P<prefix>[A-Z][A-Za-z]{0,6})(?:-|(?<=\b[A-Z])|(?<=\b[A-Z]{2})|(?<=\b[A-Z]{3}))"
        r"(?P<num>\d{1,4})(?!\d)(?P<suffix>[A-Z]{1,2}\d?)?(?:/(?P<alt>\d{1,4})\b(?![.,/]\d))?"
        r"(?P<plural>s\b|'s\b|’s\b)?(?![\w.,]\d|-\d)",
        functools.partial(_designation, en),
        digits=True,
    )

    # Letters before a decimal: PM2.5, PM10 went to the rule above.
    add(
        "designation:decimal",
        r"\b(?P<prefix>[A-Z]{1,3})(?P<num>\d{1,3}\.\d{1,2})\b(?![.,]?\d)",
        lambda m: f"{say_prefix(en, m['prefix'])} {number_words(m['num'])}",
        digits=True,
    )

    # Teams named for a number: the 49ers, the 76ers.
    add(
        "designation:ers-team",
        r"(?<![\w.,])(?P<n>\d{2})ers\b",
        lambda m: "-".join(p.capitalize() for p in er_word(cardinal(int(m["n"]))).split("-")),
        digits=False,
    )
    capitalized = alternation(en.capitalized_numbers)

    add(
        "designation:numbered-name",
        rf"\b(?P<name>{capitalized}) (?P<n>\d{{1,2}})\b(?![.,:]?\d)",
        lambda m: f"{m['name']} " + cardinal(int(m["n"])).title(),
        digits=False,
    )

    # Model numbers after a maker or type name: Boeing 737-800, Type 055, Highway 101.
    makers = alternation(list(en.designation_makers))

    add(
        "designation:maker",
        rf"(?<![\w.-])(?P<maker>{makers})[\s-](?P<num>\d{{3,4}})(?:-(?P<num2>\d{{1,4}}))?"
        r"(?P<plural>s)?\b(?![.,]\d)",
        functools.partial(_maker_designation, en),
        digits=True,
    )

    # Letters and digits together: 5G, 4K, 3D, 2A6, x2, 4x4.
    add(
        "designation:alphanumeric",
        r"(?<![\w.,'’-])(?P<tok>[A-Za-z]*\d[A-Za-z0-9]*[A-Za-z][A-Za-z0-9]*|[A-Za-z]+\d+)"
        r"(?!\w|['’](?!s\b)|[.,]\d)",
        functools.partial(_alphanumeric, en),
        digits=True,
    )
    return rules


def _maker_designation(en: English, m: re.Match[str]) -> str:
    num = m.group("num")
    if len(num) == 4 and num[:2] in {"19", "20"}:
        return m.group(0)  # a year: "Boeing 2024 results"
    said = f"{m.group('maker')} {designation_words(num)}"
    if m.group("num2"):
        said += " " + designation_words(m.group("num2"))
    return pluralize(said) if m.group("plural") else said


def _alphanumeric(en: English, m: re.Match[str]) -> str:
    """Read a mixed token run by run: letters spelled (or said when sayable), numbers as
    designations; an "x" between numbers is "by", before one "times"."""
    runs = re.findall(r"\d+|[A-Za-z]+", m.group("tok"))
    out: list[str] = []
    for i, run in enumerate(runs):
        if i == len(runs) - 1 and i > 1 and runs[i - 1].isdigit() and run in en.units:
            # "4x100m relay": a unit after the last number, singular before a noun
            one, many = unit_names(en, run, m)
            nxt = re.match(r"\s+([a-z][a-z-]*)\b", text_after(m))
            noun = bool(nxt) and nxt.group(1) not in en.unit_not_nouns
            out.append(one if noun or runs[i - 1] == "1" else many)
        elif run.isdigit():
            out.append(designation_words(run) if len(run) >= 3 else cardinal(int(run)))
        elif (
            run.lower() == "x"
            and (i == 0 or runs[i - 1].isdigit())
            and not (i == 0 and len(runs) == 2 and len(runs[1]) >= 2)
            and not (i > 1 and runs[0].isalpha())  # "e4x" is a name, not "e four times"
        ):  # "x2" is "times two", "4x4" "four by four"; "x86", "x64" are names
            between = 0 < i < len(runs) - 1
            out.append("by" if between else "times")
        elif run in en.acronym_respell:
            out.append(en.acronym_respell[run])
        elif len(run) >= 4 and run[0].isupper() and run[1:2].islower() and not run[1:].islower():
            out.append(run)  # a CamelCase name is read as written: "GreenPak4"
        elif len(run) >= 4 and (run.isupper() or run.islower()) and sayable(run):
            out.append(run.capitalize())
        else:
            out.append(".".join(run.upper()))
    return " ".join(out)


def _designation(en: English, m: re.Match[str]) -> str:
    prefix, num = m.group("prefix"), m.group("num")
    if prefix in en.designation_respell and not m.group("suffix"):
        said = en.designation_respell[prefix]
        if prefix == "FY":
            year = int(num) + (2000 if len(num) == 2 else 0)
            return f"{said} {year_words(year)}"
    hyphen = "-" in m.group(0)[: len(prefix) + 1]
    if not hyphen and not (prefix.isupper() and len(prefix) <= 3):
        return m.group(0)
    if prefix in en.month_abbr or prefix in en.month_names:
        return m.group(0)
    said_prefix = say_prefix(en, prefix)
    said = f"{said_prefix} {designation_words(num)}"
    if m.group("suffix"):
        said += " " + say_prefix(en, m.group("suffix"))
    if m.group("alt"):  # "Shahed-136/131": two variants of one family
        said += f" {en.words['and']} {designation_words(m.group('alt'))}"
    plural = m.group("plural")
    if plural == "s":
        said = pluralize(said)
    elif plural:
        said += "'s"
    return said


def say_prefix(en: English, prefix: str) -> str:
    letters = re.match(r"([A-Za-z]+)(\d?)", prefix)
    assert letters is not None
    word, digit = letters.groups()
    if word in en.acronym_respell:
        said = en.acronym_respell[word]
    elif word in en.acronym_words:
        said = word
    elif word[0].isupper() and word[1:].islower() and len(word) >= 4:
        said = word  # Shahed-136, Iskander-M
    elif word.isupper() and len(word) >= 4 and word not in en.initialisms and sayable(word):
        said = word
    else:
        said = ".".join(c.upper() for c in word)
    return f"{said} {cardinal(int(digit))}" if digit else said
