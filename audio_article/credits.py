"""Who the episode is by: the author and publication podcast apps show (ID3 TPE1/TALB, the feed).

Precedence: what the user said (``Options.author`` / ``Options.publication``), then what the page
states (byline, site name), then ``Options.fallback_publication`` (a batch's default for every
file), then a guess, recorded in ``Metadata.guessed`` so the report says what was not stated:

- the site's own name in its verification disclaimer ("The Kyiv Independent could not verify
  these claims", "The Associated Press has reached out to the ministry for comment"): a newsroom
  names itself this way, and a text copied from the page keeps it when the masthead is lost;
- else the host name of the article's URL.

With no author, the artist (TPE1) is the publication (``tag.write_tags``), also noted as a guess.
"""

from __future__ import annotations

import dataclasses
import re
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

from .models import Article

if TYPE_CHECKING:
    from .config import Options

_NAME = r"(?:The |the )?[A-Z][\w’'&.-]*(?: (?:of |for |and )?[A-Z][\w’'&.-]*){0,4}"
_SELF_REFERENCE = re.compile(
    rf"(?:^|(?<=[.!?]\s))(?P<name>{_NAME})"
    r" (?:could not|couldn[’']t|cannot|can[’']t|was unable to|has been unable to|"
    r"has not been able to|was not able to) (?:independently )?verify\b"
    rf"|\b(?P<name2>{_NAME}) (?:has|had) (?:reached out to|contacted|asked) .{{1,80}}? for comment",
    re.MULTILINE,
)
_NOT_A_NAME = frozenset(
    [
        "he",
        "she",
        "it",
        "we",
        "they",
        "i",
        "you",
        "this",
        "that",
        "these",
        "those",
        "officials",
        "police",
        "authorities",
    ]
)


def self_named(article: Article) -> tuple[str, str] | None:
    """(name, the sentence it came from) where the article names itself, else None."""
    for block in article.blocks:
        for m in _SELF_REFERENCE.finditer(block):
            name = (m.group("name") or m.group("name2") or "").strip()
            words = name.split()
            if words and words[0].lower() == "the":
                words[0] = "The"
            if len(words) < 2 or words[0].lower() in _NOT_A_NAME:
                continue  # "Reuters could not verify" is too short to tell from "Police ..."
            return " ".join(words), m.group(0)
    return None


def site_name(url: str | None) -> str | None:
    host = urlsplit(url).hostname if url and "://" in url else None
    if not host:
        return None
    return host.removeprefix("www.")


def credit(article: Article, options: Options) -> Article:
    """The article with its author and publication settled (see the module docstring)."""
    meta = article.metadata
    notes = list(meta.guessed)
    author = options.author or meta.author
    publication = options.publication or meta.publication or options.fallback_publication
    if not publication:
        found = self_named(article)
        if found:
            publication = found[0]
            notes.append(f"publication {publication!r}: named in the text ({found[1]!r})")
        elif host := site_name(meta.url):
            publication = host
            notes.append(f"publication {host!r}: the host name of the article's URL")
    if not author and publication:
        notes.append(f"artist {publication!r}: the publication (the page names no author)")
    if (author, publication, tuple(notes)) == (meta.author, meta.publication, meta.guessed):
        return article
    return dataclasses.replace(
        article,
        metadata=dataclasses.replace(
            meta, author=author, publication=publication, guessed=tuple(notes)
        ),
    )
