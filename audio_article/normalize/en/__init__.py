"""English: the rule data (``audio_article/data/normalize/en.toml``), the rules of each semiotic
class in a module of their own (cardinal, ordinal, date, time, money, measure, fraction, ...), and
the one order they run in.

A rule's name is ``class:detail``; ``explain`` reports it for every substitution. The order matters
(a URL before its dots are read, a phone number before the range rule sees "555-1234", a unit after
"per" before the unit rule), so it is declared here, in one table, rather than by module.
"""

from __future__ import annotations

import functools
from typing import Any

from audio_article.normalize.en import (
    abbreviation,
    acronym,
    address,
    cardinal,
    date,
    decimal,
    designation,
    electronic,
    fraction,
    measure,
    money,
    ordinal,
    range,
    roman,
    symbol,
    telephone,
    time,
)
from audio_article.normalize.en.shared import Rule

_MODULES = (
    abbreviation,
    acronym,
    address,
    cardinal,
    date,
    decimal,
    designation,
    electronic,
    fraction,
    measure,
    money,
    ordinal,
    range,
    roman,
    symbol,
    telephone,
    time,
)

# Every English rule by name, in the order the rules run.
ORDER: tuple[str, ...] = (
    "electronic:doi",
    "electronic:email",
    "electronic:url",
    "electronic:file-name",
    "time:zone-offset",
    "symbol:plus-minus",
    "symbol:times-power",
    "symbol:power",
    "symbol:plus-between-numbers",
    "decimal:no-leading-zero",
    "abbreviation:before-number",
    "abbreviation:section",
    "measure:dimensions",
    "measure:feet-inches",
    "electronic:wifi-standard",
    "electronic:hex",
    "electronic:ip-address",
    "address:street",
    "address:zip-code",
    "address:state-code",
    "electronic:version-v",
    "electronic:version-wildcard",
    "electronic:version-protocol",
    "electronic:version-named",
    "telephone:international-or-us",
    "telephone:identifier",
    "telephone:digits-after-ending",
    "telephone:local",
    "telephone:service",
    "date:iso",
    "date:numeric-day-month-year",
    "date:numeric-year-month-day",
    "date:month-day",
    "date:month-dash-day",
    "date:dash-between-dates",
    "date:day-month",
    "date:month-range",
    "date:month-abbreviation",
    "date:weekday",
    "time:duration-hours",
    "time:duration-minutes",
    "time:range-clock",
    "time:clock",
    "time:dash-after-pm",
    "time:zone-after-clock",
    "time:range-24h",
    "time:24h",
    "money:currency-before",
    "money:currency-after",
    "money:dash-between-amounts",
    "money:per-unit",
    "measure:percent",
    "money:pence",
    "measure:temperature",
    "designation:tail",
    "designation:resolution",
    "designation:letter-dot-number",
    "designation:model",
    "designation:decimal",
    "designation:ers-team",
    "designation:numbered-name",
    "designation:maker",
    "date:decade-range",
    "date:decade",
    "date:decade-dash",
    "date:decade-short",
    "cardinal:footnote",
    "cardinal:round-plural",
    "fraction:ordinal-suffix",
    "ordinal:suffix",
    "cardinal:tennis-score",
    "cardinal:team-score",
    "range:label",
    "range:years",
    "range:numbers",
    "fraction:mixed",
    "fraction:simple",
    "cardinal:scale",
    "measure:per-unit",
    "measure:unit",
    "measure:unit-any-case",
    "measure:unit-after-scale",
    "measure:unit-after-fraction",
    "designation:alphanumeric",
    "symbol:dollar-sign",
    "symbol:number-sign",
    "roman:after-name",
    "date:year",
    "cardinal:number",
    "address:party-state",
    "address:state-after-city",
    "abbreviation:title",
    "abbreviation:saint-or-street",
    "abbreviation:always",
    "abbreviation:any-case",
    "address:compass-quarter",
    "acronym:dotted",
    "acronym:capitals",
    "acronym:lower-prefix",
    "symbol:preprocessor",
    "symbol:hashtag",
    "symbol:and-or",
    "symbol:slash-between-initialisms",
    "symbol:slash",
    "symbol:ampersand",
    "symbol:plus",
    "symbol:plus-after-name",
    "symbol:squared",
    "symbol:cubed",
    "symbol:sign",
    "cardinal:digits",
)


class English:
    """The English rule data and the rules compiled from it (built once, see :func:`english`)."""

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
        self.file_spelled: list[str] = data["file_extensions"]["spelled"]
        self.file_said: dict[str, str] = data["file_extensions"]["said"]
        self.initialisms = set(acr["initialisms"])
        self.acronym_respell: dict[str, str] = acr["respell"]
        self.roman_cardinal = set(data["roman"]["cardinal_after"])
        self.roman_titles = set(data["roman"]["ordinal_before_titles"])
        self.regnal_names = set(data["roman"]["regnal_names"])
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
        self.rules = build_rules(self)


def build_rules(en: English) -> list[Rule]:
    """Every module's rules, in :data:`ORDER`; each name must be listed exactly once, and each
    rule's name starts with its module's class (``date:month-day`` is in ``en/date.py``)."""
    by_name: dict[str, Rule] = {}
    for module in _MODULES:
        cls = module.__name__.rpartition(".")[2]
        for rule in module.rules(en):
            assert rule.name.startswith(f"{cls}:"), f"rule {rule.name!r} is not of class {cls}"
            assert rule.name not in by_name, f"rule {rule.name!r} is not unique"
            by_name[rule.name] = rule
    assert set(by_name) == set(ORDER), set(by_name) ^ set(ORDER)
    return [by_name[name] for name in ORDER]


@functools.cache
def english() -> English:
    """The English rules (built on first use)."""
    from audio_article.normalize import load_rules

    data = load_rules("en")
    assert data is not None, "the English rule data ships with the package"
    return English(data)
