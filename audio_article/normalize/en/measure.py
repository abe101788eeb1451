"""Measures: units after a number in any case ("5 km", "12KG", "10-km"), after "per" or a slash
("$3.50 per kg", "12 kg/day"), after a scale word, heights ("6'2\""), temperatures and
percentages.
"""

from __future__ import annotations

import functools
import re
from typing import TYPE_CHECKING

from audio_article.normalize.en.shared import (
    NUM,
    Rule,
    adder,
    alternation,
    keep_final_dot,
    text_after,
    text_before,
)
from audio_article.normalize.words import cardinal, number_words

if TYPE_CHECKING:
    from audio_article.normalize.en import English


def rules(en: English) -> list[Rule]:
    """The measure rules, in the order they run among themselves."""
    w = en.words
    rules: list[Rule] = []
    add = adder(rules)

    unit = alternation(list(en.units))

    # Dimensions with a unit: "2x3 mm", "1.6 x 2 mm", "10 x 20 x 5 cm" (all of it in the unit).
    add(
        "measure:dimensions",
        rf"(?<![\w.,])(?P<a>{NUM})\s?[x×]\s?(?P<b>{NUM})(?:\s?[x×]\s?(?P<c>{NUM}))?"
        rf"\s(?P<unit>{unit})(?![\w/²³])",  # "4x400m relay" is the alphanumeric rule's
        lambda m: (
            f" {w['by']} ".join(number_words(m[g]) for g in "abc" if m[g])
            + " "
            + unit_names(en, m["unit"], m)[1]
        ),
        digits=True,
    )

    # Heights: 6 ft 2 in, 6'2" (made "6 ft 2 in" when the text was prepared).
    add(
        "measure:feet-inches",
        r"(?<![\w.,])(?P<ft>\d)\s?(?:ft|feet|foot)\.?\s(?P<inch>\d{1,2})\s?(?:in|ins|inches)\b\.?",
        lambda m: (
            f"{cardinal(int(m['ft']))} feet {cardinal(int(m['inch']))} "
            + ("inch" if m["inch"] == "1" else "inches")
            + keep_final_dot(m)
        ),
        digits=True,
    )

    # Percentages.
    add(
        "measure:percent",
        rf"(?<![\w.,])(?P<sign>[-+−]?)(?P<num>{NUM})(?:(?:%|\s?)[-–]\s?(?P<num2>{NUM}))?\s?%",
        lambda m: signed(en, m) + " " + w["percent"],
        digits=True,
    )

    # Temperatures with a bare C or F: -10C, 20-25C, 41.2C, 90F.
    add(
        "measure:temperature",
        rf"(?<![\w.,])(?P<sign>[-+−]?)(?P<num>{NUM})(?:\s?[-–]\s?(?P<num2>{NUM}))?"
        r"(?P<deg>[CF])\b(?![\w'’-])",
        functools.partial(_temperature, en),
        digits=True,
    )

    # A unit after "per" or a slash: "$3.50 per kg", "12 kg/day", "12/kg" (a rate); before
    # the units rule, which then reads "12 kg per day".
    per = alternation(list(en.per_units))

    add(
        "measure:per-unit",
        rf"(?:(?<=\bper )|(?<=\bPer ))(?P<u>{per})(?![\w/²³])"
        rf"|(?<=\d)\s?/\s?(?P<u2>{per})(?![\w/²³])"
        rf"|(?P<pre>(?<=\d)\s?(?:{unit}))\s?/\s?(?P<u3>{per})(?![\w/²³])",
        functools.partial(_per_unit, en),
        digits=False,
    )

    # Units after a number (5 km, 100 km/h, -5°C, 10-km).
    add(
        "measure:unit",
        rf"(?<![\w.,])(?P<sign>[-+−]?)(?P<num>{NUM})(?:\s?[-–]\s?(?P<num2>{NUM}))?"
        # an abbreviation's dot inside the sentence goes with the unit: "6 ft. tall"
        rf"(?P<sep>\s?|-)(?P<unit>{unit})(?![\w/²³])(?:\.(?=\s+[a-z]))?",
        functools.partial(_unit, en),
        digits=True,
    )

    # The same units in another case: "12KG", "3 mbps" (only those listed as safe).
    any_case = alternation(en.units_any_case)

    add(
        "measure:unit-any-case",
        rf"(?<![\w.,])(?P<sign>[-+−]?)(?P<num>{NUM})(?:\s?[-–]\s?(?P<num2>{NUM}))?"
        rf"(?P<sep>\s?|-)(?P<unit>(?i:{any_case}))(?![\w/²³])",
        lambda m: _unit(en, m, en.units_any_case[m["unit"].lower()]),
        digits=True,
    )
    after_scale = alternation(en.units_after_scale)

    add(  # "100 million kg": the unit after a scale word is plural
        "measure:unit-after-scale",
        rf"(?:(?<=\bthousand )|(?<=\bmillion )|(?<=\bbillion )|(?<=\btrillion ))"
        rf"(?P<unit>{after_scale})(?![\w/²³])",
        lambda m: en.units[m["unit"]][1],
        digits=True,
    )

    fractions = "|".join(
        f"(?<=\\b{w} )"
        for w in ("and a half", "and a quarter", "halves", "quarters", "thirds", "fourths",
                  "fifths", "sixths", "eighths", "tenths")
    )  # fmt: skip
    add(  # "4 1/2 lbs" (made "four and a half lbs" by the fraction rule): the unit is plural
        "measure:unit-after-fraction",
        rf"(?:{fractions})(?P<unit>{unit})(?![\w/²³])",
        lambda m: en.units[m["unit"]][1],
        digits=False,
    )
    return rules


def _temperature(en: English, m: re.Match[str]) -> str:
    value = float(m["num"].replace(",", ""))
    if m["deg"] == "C" and value > 60 or value > 140:
        return m.group(0)  # not a temperature ("300C" is a model, a class)
    one, many = en.units["°" + m["deg"]]
    singular = m["num"] == "1" and not m["num2"] and not m["sign"]
    return f"{signed(en, m)} {one if singular else many}"


def unit_names(en: English, unit: str, m: re.Match[str]) -> tuple[str, str]:
    """Singular and plural names of a unit; "nm" is nanometers before chip words."""
    if unit == "nm":
        nxt = re.match(r"[\s-]+([a-z]+)", text_after(m))
        if nxt and nxt.group(1) in en.nanometer_context:
            return en.nanometer[0], en.nanometer[1]
    one, many = en.units[unit]
    return one, many


def signed(en: English, m: re.Match[str]) -> str:
    sign = {"-": "minus ", "−": "minus ", "+": "plus "}.get(m.group("sign") or "", "")
    out = sign + number_words(m.group("num"))
    if m.group("num2"):
        out += f" {en.words['to']} {number_words(m.group('num2'))}"
    return out


def _per_unit(en: English, m: re.Match[str]) -> str:
    if m["u"]:
        return en.per_units[m["u"]]
    if m["u2"]:
        return f" per {en.per_units[m['u2']]}"
    if f"{m['pre'].strip()}/{m['u3']}" in en.units:
        return m.group(0)  # "km/h" is a unit of its own
    return f"{m['pre']} per {en.per_units[m['u3']]}"


def _unit(en: English, m: re.Match[str], key: str | None = None) -> str:
    one, many = unit_names(en, key or m.group("unit"), m)
    number = signed(en, m)
    if m.group("sep") == "-" or re.match(r"-[a-z]", text_after(m)):
        return f"{number}-{one.replace(' ', '-')}"  # a 10-km stretch, a 2 km-long convoy
    value = m.group("num").replace(",", "")
    singular = value == "1" and not m.group("num2") and not m.group("sign")
    if not singular and not m.group("unit").startswith("°") and _unit_adjective(en, m):
        singular = True  # "a 2 kt yield", "155mm shells": a two kiloton yield
    return f"{number} {one if singular else many}"


# Units of an amount of something (mass, volume), read as a quantity when they open a line.
_AMOUNTS = frozenset({"g", "kg", "mg", "ml", "l", "cl", "dl", "oz", "lb", "lbs", "tbsp", "tsp"})


def _unit_adjective(en: English, m: re.Match[str]) -> bool:
    after = re.match(r"\s+([a-z][a-z-]*)\b", text_after(m))
    if not after or after.group(1) in en.money_not_nouns:
        return False
    if after.group(1) in en.unit_not_nouns:
        return False
    if re.search(r"\b(?:up to|at|reaching|than|hitting|topping)\s+$", text_before(m)):
        return False  # a quantity, not a modifier: "gusts of up to 100mph hit coasts"
    if m.group("unit") in _AMOUNTS and not text_before(m).strip(" \t-•*"):
        return False  # an ingredient list: "900ml hot chicken stock", "300g orzo"
    if not m.group("sep"):
        return True
    before = re.search(r"(?:^|\s)([A-Za-z]+)\s+$", text_before(m))
    return bool(before) and before.group(1).lower() in en.money_determiners
