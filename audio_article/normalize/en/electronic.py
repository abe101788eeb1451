"""Electronic: e-mail addresses and URLs (the site and a short path, digits one by one in names),
IP addresses, and versions ("v2.4.1", "HTTP/1.1", "iOS 17.2").
"""

from __future__ import annotations

import functools
import re
from typing import TYPE_CHECKING

from audio_article.normalize.en.shared import Rule, adder, alternation
from audio_article.normalize.words import cardinal, digits_words, number_words

if TYPE_CHECKING:
    from audio_article.normalize.en import English


def rules(en: English) -> list[Rule]:
    """The electronic rules, in the order they run among themselves."""
    w = en.words
    rules: list[Rule] = []
    add = adder(rules)

    # A DOI ("doi:10.1016/j.respol.2004.01.006"): its digits one by one, dots and slashes said.
    add(
        "electronic:doi",
        r"\b(?i:doi):\s?(?P<id>10\.\d{4,9}/[^\s,;]+?)(?=[.,;]*(?:\s|$))",
        lambda m: "D.O.I " + _say_identifier(en, m["id"]),
        digits=False,
    )

    # URLs and e-mail addresses, before anything reads their dots and digits.
    add(
        "electronic:email",
        r"\b[\w.+&-]+@[\w-]+(?:\.[\w-]+)+\b",
        functools.partial(_email, en),
        digits=False,
    )

    add(
        "electronic:url",
        r"\b(?:https?://|www\.)[^\s<>\"')\]]+[^\s<>\"')\].,;:!?]"
        r"|\b[A-Za-z0-9-]+(?:\.[a-z0-9-]+)*\.(?:com|org|net|gov|edu|ua|uk|io|info|eu|int|cc|tv|nz|au|ca|"
        r"de|fr|jp|ru|ai|dev|app|ly)"
        r"|\b[A-Z]{3,}\.(?:UK|COM|ORG|GOV)\b"
        r"(?:/[^\s<>\"')\]]*[^\s<>\"')\].,;:!?])?\b",
        functools.partial(_url, en),
        digits=False,
    )

    # File names: "add.js", "stdio.h", "processed.txt" (a lower-case name and a known extension).
    extensions = alternation([*en.file_spelled, *en.file_said])
    add(
        "electronic:file-name",
        rf"(?<![\w./@-])(?P<stem>[a-z_][\w-]+)\.(?P<ext>{extensions})\b(?![\w-]|\.\w)",
        functools.partial(_file_name, en),
        digits=False,
    )

    # Wi-Fi standards: "802.11n", "802.11ac" -> "eight oh two dot eleven N".
    add(
        "electronic:wifi-standard",
        r"\b802\.11(?P<v>[a-z]{1,2})?\b",
        lambda m: f"eight oh two {w['dot']} eleven" + (f" {m['v'].upper()}" if m["v"] else ""),
        digits=True,
    )

    # Hexadecimal literals: "0x08" -> "zero x zero eight", "0xFF" -> "zero x F F".
    add(
        "electronic:hex",
        r"\b0[xX](?P<h>[0-9a-fA-F]{1,16})\b",
        lambda m: (
            "zero x " + " ".join(cardinal(int(c)) if c.isdigit() else c.upper() for c in m["h"])
        ),
        digits=True,
    )

    # IP addresses: 192.168.0.1 (each part a number, "dot" between).
    add(
        "electronic:ip-address",
        r"(?<![\w.,])\d{1,3}(?:\.\d{1,3}){3}(?![\w.]|[.,]\d)",
        lambda m: f" {w['dot']} ".join(cardinal(int(p)) for p in m.group(0).split(".")),
        digits=False,
    )

    add(
        "electronic:version-v",
        r"(?<![\w.-])v(?P<v>\d+(?:\.\d+)+)\b(?![.,]?\d)",
        lambda m: "version " + f" {w['point']} ".join(cardinal(int(p)) for p in m["v"].split(".")),
        digits=False,
    )

    add(  # "1.7.x", "8.x": a version family, "one point seven point x"
        "electronic:version-wildcard",
        r"(?<![\w.])(?P<v>\d+(?:\.\d+)*)\.(?P<x>[xX])\b(?!\.\w)",
        lambda m: f" {w['point']} ".join([*(cardinal(int(p)) for p in m["v"].split(".")), "x"]),
        digits=False,
    )

    add(  # "HTTP/1.1", "HTTP/2": a protocol and its version, the slash unsaid
        "electronic:version-protocol",
        r"\b(?P<p>[A-Z]{2,6})/(?P<v>\d(?:\.\d)?)\b(?![.,]?\d)",
        lambda m: (
            f"{m['p']} " + f" {w['point']} ".join(cardinal(int(x)) for x in m["v"].split("."))
        ),
        digits=False,
    )

    # Versions: iOS 17.2, Python 3.11, 2.4.1 (each part a whole number).
    versions = alternation(en.version_names)

    add(
        "electronic:version-named",
        rf"(?<![\w.-])(?P<name>{versions}) (?P<v>\d+(?:\.\d+)+)\b(?![.,]?\d)"
        r"|(?<![\w.,])(?P<v3>[1-9]?\d(?:\.(?:0|[1-9]\d{0,2})){2})\b(?![.,]?\d)",
        lambda m: (
            (f"{m['name']} " if m["name"] else "")
            + f" {w['point']} ".join(cardinal(int(p)) for p in (m["v"] or m["v3"]).split("."))
        ),
        digits=False,
    )
    return rules


def _email(en: English, m: re.Match[str]) -> str:
    user, _, domain = m.group(0).partition("@")
    return f"{_say_address(en, user)} {en.words['at']} {_say_address(en, domain)}"


def _say_address(en: English, text: str) -> str:
    parts = re.split(r"([./_\-+&])", text)
    names = {
        ".": en.words["dot"],
        "/": en.words["slash"],
        "_": "underscore",
        "-": "dash",
        "+": en.words["plus"],
        "&": "ampersand",
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


def _url(en: English, m: re.Match[str]) -> str:
    url = re.sub(r"^(?:https?://)?(?:www\.)?", "", m.group(0))
    host, _, path = url.partition("/")
    spoken = _say_address(en, host)
    path = path.split("?")[0].split("#")[0].strip("/")
    segments = [s for s in path.split("/") if s]
    # A reader gives the site and a short path; long slugs and queries are not read.
    if segments and len(segments) <= 2 and all(len(s) <= 20 for s in segments):
        spoken += " " + " ".join(f"{en.words['slash']} {_say_address(en, s)}" for s in segments)
    return spoken


def _file_name(en: English, m: re.Match[str]) -> str:
    ext = m["ext"]
    said = en.file_said.get(ext) or ".".join(ext.upper())
    return f"{_say_address(en, m['stem'])} {en.words['dot']} {said}"


def _say_identifier(en: English, text: str) -> str:
    """An identifier piece by piece: digits one by one, short letter runs spelled, ". / -" said."""
    names = {".": en.words["dot"], "/": en.words["slash"], "-": "dash", "_": "underscore"}
    out = []
    for part in re.findall(r"\d+|[A-Za-z]+|[./_-]", text):
        if part.isdigit():
            out.append(digits_words(part))
        elif part in names:
            out.append(names[part])
        elif len(part) <= 3:
            out.append(".".join(part.upper()))
        else:
            out.append(part)
    return " ".join(out)
