"""The English text around the rules: prepared before them (Unicode forms, vulgar fractions,
superscript powers, phone brackets, wire credits), punctuation made pauses, and tidied after."""

from __future__ import annotations

import re
import unicodedata

from audio_article.normalize.en.shared import POW, PROTECT_CLOSE, PROTECT_OPEN

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
_KEEP_SYMBOLS = set("$€£₴₽¥₹₩₺%&+=@#§~×°‰℃℉/²³±≤≥≠≈©")


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


def prepare(text: str) -> str:
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
        if ch in _KEEP_SYMBOLS or ch in (PROTECT_OPEN, PROTECT_CLOSE) or ch == "^":
            out.append(ch)
        elif cat in {"So", "Sk", "Co", "Cs", "Cn", "Cf", "Cc"} or cat == "Sm" and ch not in "<>":
            out.append(" " if cat == "Cc" else "")
        else:
            out.append(ch)
    return _CARET.sub(POW, "".join(out))


_TIMES = re.compile(r"(?<=[\d)])\s?\*\s?(?=[\d(])")


def punctuation(text: str) -> str:
    """Quotes, dashes and brackets become the pauses a reader makes (commas), or nothing."""
    text = re.sub(r"\s*(?:—|--|―|\s–\s|\s-\s)\s*", ", ", text)
    text = re.sub(r"^\s*[-–•]\s+", "", text)
    # No pause between a conjunction and the bracket after it: "and (2) shorter hours" is read
    # "and two, shorter hours", not "and, two, ...".
    text = re.sub(r"\b(and|or|nor|but|And|Or|Nor|But)\s*[(\[{]\s*", r"\1 ", text)
    text = re.sub(r"\s*[(\[{]\s*", ", ", text)
    text = re.sub(r"\s*[)\]}]\s*", ", ", text)
    text = text.replace('"', " ")
    text = _TIMES.sub(" times ", text)  # "10^5 * 300": an asterisk between numbers
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


def articles(text: str) -> str:
    return _A_BEFORE_VOWEL_SOUND.sub(lambda m: m.group(1) + "n", text)


def tidy(text: str) -> str:
    text = text.replace(POW, " ")
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
