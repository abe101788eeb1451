"""Number words: the grammar of numbers every English rule says them with (num2words underneath,
American style: no "and", no commas)."""

from __future__ import annotations

import functools
import re

from num2words import num2words


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


def clock(hour: int, minutes: str | None) -> str:
    """9 -> nine, 9:05 -> nine oh five, 10:30 -> ten thirty (12-hour clock, before a.m./p.m.)."""
    said = cardinal(hour)
    if minutes and int(minutes):
        said += " " + pair(int(minutes))
    return said


def pair(n: int) -> str:
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
    return f"{cardinal(hi)} {pair(lo)}"


def designation_words(digits: str) -> str:
    """Model numbers:
    16 -> sixteen, 136 -> one thirty-six, 101 -> one oh one, 400 -> four hundred.

    (Said the way designations are read on air: Shahed-136, Kh-101, S-400.)
    """
    n = int(digits)
    if digits.startswith("0") and len(digits) > 1:
        return " ".join(cardinal(int(d)) for d in digits)
    if len(digits) == 3 and n % 100 != 0:
        return f"{cardinal(n // 100)} {pair(n % 100)}"
    if len(digits) == 4 and n % 100 != 0 and n % 1000 >= 100:
        return f"{cardinal(n // 100)} {pair(n % 100)}"
    if len(digits) == 4 and n % 100 != 0:
        return f"{cardinal(n // 100)} {pair(n % 100)}"  # GTX 1080: "ten eighty"
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
