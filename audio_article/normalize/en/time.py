"""Times: clock times with a.m./p.m. and their ranges, 24-hour times (read on the 12-hour clock),
time zones after a time and as offsets ("UTC+2"), race durations ("1:59:40").
"""

from __future__ import annotations

import functools
import re
from typing import TYPE_CHECKING

from audio_article.normalize.en.shared import Rule, adder, alternation, keep_final_dot
from audio_article.normalize.words import cardinal, clock, digits_words

if TYPE_CHECKING:
    from audio_article.normalize.en import English


def rules(en: English) -> list[Rule]:
    """The time rules, in the order they run among themselves."""
    w = en.words
    rules: list[Rule] = []
    add = adder(rules)

    # Time-zone offsets: UTC+2, GMT-5.
    add(
        "time:zone-offset",
        r"\b(?P<z>UTC|GMT)\s?(?P<s>[+−-])\s?(?P<h>\d{1,2})(?::(?P<m>[0-5]\d))?\b",
        lambda m: (
            f"{'.'.join(m['z'])} {w['plus'] if m['s'] == '+' else w['minus']} "
            + cardinal(int(m["h"]))
            + (f" {cardinal(int(m['m']))}" if m["m"] and m["m"] != "00" else "")
        ),
        digits=False,
    )

    # Race and match times: 1:59:40, 2:01:09.5 (hours, minutes, seconds).
    add(
        "time:duration-hours",
        r"(?<![\w:.,])(?P<h>\d{1,2}):(?P<m>[0-5]\d):(?P<s>[0-5]\d)(?:\.(?P<f>\d+))?(?![\w:]|[.,]\d)",
        functools.partial(_duration, en),
        digits=False,
    )

    # Race times without hours: 1:45.32 (minutes, seconds and hundredths).
    add(
        "time:duration-minutes",
        r"(?<![\w:.,])(?P<m>\d{1,2}):(?P<s>[0-5]\d)\.(?P<f>\d{1,3})(?![\w:]|[.,]\d)",
        functools.partial(_duration, en),
        digits=False,
    )

    # Times: 3:37 PM, 9 a.m., 11.30am, 17:30, noon.
    ampm = r"(?P<ampm>[ap])\.?\s?m\b\.?|(?P<AMPM>[AP])\.?M\b\.?"

    add(
        "time:range-clock",
        rf"\b(?P<h0>[01]?\d|2[0-3])(?::(?P<m0>[0-5]\d))?\s?(?:[-–]|to)\s?"
        rf"(?P<h>[01]?\d|2[0-3])(?::(?P<m>[0-5]\d))?\s?(?:{ampm})",
        functools.partial(_time, en),
        digits=True,
    )

    add(
        "time:clock",
        rf"\b(?P<h>[01]?\d|2[0-3])(?:[:.](?P<m>[0-5]\d))?\s?(?:{ampm})",
        functools.partial(_time, en),
        digits=True,
    )

    add(  # 11am-2pm: the dash between two times is "to"
        "time:dash-after-pm",
        r"(?<=\b[ap]\.m)\s?[-–]\s?(?=[a-z])",
        lambda m: f" {w['to']} ",
        digits=True,
    )
    zones = alternation(list(en.time_zones))

    add(
        "time:zone-after-clock",
        rf"(?<=[ap]\.m )(?P<tz>{zones})\b|(?<=[ap]\.m\. )(?P<tz2>{zones})\b",
        lambda m: en.time_zones[m.group("tz") or m.group("tz2")],
        digits=False,
    )

    add(
        "time:range-24h",
        r"\b(?P<h0>[01]?\d|2[0-3]):(?P<m0>[0-5]\d)\s?[-–]\s?"
        r"(?P<h>[01]?\d|2[0-3]):(?P<m>[0-5]\d)\b(?!:\d|\s*%)",
        lambda m: f"{_time24(en, m, '0')} {w['to']} {_time24(en, m)}",
        digits=True,
    )

    add(
        "time:24h",
        r"\b(?P<h>[01]?\d|2[0-3]):(?P<m>[0-5]\d)\b(?!:\d|\s*%)",
        functools.partial(_time24, en),
        digits=True,
    )
    return rules


def _time(en: English, m: re.Match[str]) -> str:
    suffix = (m.group("ampm") or m.group("AMPM")).lower()
    said = clock(int(m.group("h")), m.group("m"))
    if m.groupdict().get("h0"):
        said = f"{clock(int(m.group('h0')), m.group('m0'))} {en.words['to']} {said}"
    mark = en.words["am"] if suffix == "a" else en.words["pm"]
    return f"{said} {mark}" + keep_final_dot(m)


def _time24(en: English, m: re.Match[str], which: str = "") -> str:
    """A 24-hour time as a newsreader says it on the 12-hour clock: 14:30 -> two thirty p.m,
    00:30 -> twelve thirty a.m, 08:00 -> eight a.m. An hour without a leading zero below 13
    ("10:05") is read as written: the text does not say whether it is morning or evening."""
    written = m.group("h" + which)
    hour, minutes = int(written), int(m.group("m" + which))
    if hour == 0 and minutes == 0:
        return en.words["midnight"]
    if hour == 0 or hour >= 13 or (written.startswith("0") and len(written) == 2):
        mark = en.words["pm"] if hour >= 12 else en.words["am"]
        return f"{clock(hour % 12 or 12, m.group('m' + which))} {mark}"
    return clock(hour, m.group("m" + which))


def _duration(en: English, m: re.Match[str]) -> str:
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
        said += f" {en.words['point']} {digits_words(m['f'])}"
    if seconds or m["f"] or not parts:
        one = seconds == 1 and not m["f"]
        parts.append(f"{said} {'second' if one else 'seconds'}")
    return " ".join(parts)
