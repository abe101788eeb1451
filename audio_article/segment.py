"""Segment: an article into the units the engine speaks, with the pause after each.

Sentences come from pysbd (a maintained rule-based segmenter, the "Golden Rules" set) and then news
fixes pysbd lacks: no break after titles and wire-style abbreviations before a name or number
("Gen. Valery", "Dec. 26", "9 a.m. Kyiv time"), a break after a closing quote or bracket that ends a
sentence, a break after a dotted initialism that ends one ("... D.C. He said").
Long sentences are cut at clause boundaries so no engine truncates or slurs them.
"""

from __future__ import annotations

import functools
import re

import pysbd

from audio_article.models import Article, Pauses, Segment, SegmentKind
from audio_article.tidy import tidy

# Abbreviations that never end a sentence in news copy: they stand before a name or a number.
_NEVER_FINAL = {
    "Gen.", "Gens.", "Lt.", "Col.", "Maj.", "Capt.", "Sgt.", "Cpl.", "Pvt.", "Adm.", "Cmdr.",
    "Brig.", "Sen.", "Sens.", "Rep.", "Reps.", "Gov.", "Pres.", "Amb.", "Prof.", "Rev.", "St.",
    "Mt.", "Ft.", "No.", "Nos.", "Mr.", "Mrs.", "Ms.", "Dr.", "Jan.", "Feb.", "Mar.", "Apr.",
    "Jun.", "Jul.", "Aug.", "Sep.", "Sept.", "Oct.", "Nov.", "Dec.", "vs.", "v.", "e.g.", "i.e.",
    "approx.", "Art.", "Vol.", "Fig.", "ca.", "Supt.", "Atty.", "Hon.", "incl.", "Incl.", "esp.",
    "cf.", "viz.", "ext.", "Messrs.", "Mmes.", "Msgr.", "Fr.", "Sra.", "Sgt.Maj.", "Govs.",
    "Col.Gen.", "Rte.", "Ch.", "pp.", "Nr.", "Apt.", "Figs.", "Arts.", "c.", "est.",
}  # fmt: skip
# Dotted place and body initialisms that often end a sentence ("... in the U.S. Officials said")
# and the capitalized words that continue a name after them instead ("the U.S. Army").
_PLACE_INITIALS = ("U.S.", "U.K.", "U.N.", "E.U.", "D.C.", "U.A.E.", "U.S.S.R.", "N.Y.", "L.A.")
_NAME_GOES_ON = (
    "Army|Navy|Air|Marine|Marines|Senate|House|Congress|Capitol|Embassy|Embassies|Department|"
    "State|Treasury|Open|Supreme|Central|Secretary|President|Ambassador|Attorney|Census|Forces|"
    "Coast|Special|Defense|Commerce|Geological|Federal|Postal|Customs|Border|Space|Agency|Chamber|"
    "Trade|Senator|Sen|Rep|Representative|District|Court|Circuit|Security|Mission|Command|Bank|"
    "Justice|Intelligence|Government|Administration|Envoy|Food|Energy|Southern|Northern|National|"
    "Olympic|Soccer|Dollar|Cyber|Military|Office|Institute|General|Consulate|Commission|Council|"
    "Parliament|Refugee|Human|High|Peacekeeping|Charter|Development|Environment|Climate|Labor|"
    "Marshals|Naval|Drug|Immigration|Citizenship|Fish|Forest|Park|Patent|Secret|Mint|Economic|"
    "Interior|Education|Health|Homeland|Veterans|Transportation|Agriculture|Housing|Mayor|"
    "Police|Metro|United|Women|Men|Team|Championship|Championships|Masters|Steel|Postal|Route|"
    "Highway|Interstate|Navy|Guard|National|Airways|Airlines|Foreign|Prime|Home|Ministry|"
    "Minister|Chancellor|Treasury|Supreme|Constitution|Bill|Declaration|Independence|Panel|"
    "Committee|Board|Authority|Team"
)
_PLACE_BREAK = (
    "(?:" + "|".join(f"(?<=\\b{re.escape(i)})" for i in _PLACE_INITIALS) + ")"
    rf"\s+(?=(?!(?:{_NAME_GOES_ON})\b)[A-Z][a-z]+\b)"
)
# Words that may follow "a.m."/"p.m." inside the same sentence.
_AFTER_TIME = re.compile(
    r"^(?:[a-z(,;:]|(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|"
    r"January|February|March|April|May|June|July|August|September|October|November|December|"
    r"Jan\.|Feb\.|Aug\.|Sept?\.|Oct\.|Nov\.|Dec\.|GMT|UTC|EST|EDT|CET|CEST|ET|PT)\b"
    r"|[A-Z][\w-]*\s+(?:time|local time)\b)"
)
_STARTERS = (
    r"(?:He|She|It|They|We|I|The|A|An|This|That|These|Those|But|And|However|In|On|At|His|Her|"
    r"Their|Its|Our|There|Meanwhile|According|After|Before|As|If|When|While|Yet|So)"
)
# Break after ."/.)/?' followed by a capitalized sentence, and after a dotted initialism that ends
# a sentence before a typical sentence opener.
_INNER_BREAKS = re.compile(
    rf"(?<=[.!?][)\]])\s+(?=[\"'“‘(\[]?[A-Z0-9])"
    # after a closing quotation, not before a bracket: '... the house!' (Which was true.)
    rf"|(?<=[.!?][\"'”’])\s+(?=[\"'“‘\[]?[A-Z0-9])"
    # "…" before a capital ends a sentence as "..." does for pysbd ("fell silent… Then it roared")
    rf"|(?<=…)\s+(?=[\"'“‘(\[]?[A-Z])"
    # "St."/"Dr." before a sentence opener is Street/Drive ending it ("on Main St. The house")
    rf"|(?:(?<= St\.)|(?<= Dr\.))\s+(?={_STARTERS}\s)"
    rf"|(?<=\b[A-Z]\.[A-Z]\.)\s+(?={_STARTERS}\s)"
    rf"|{_PLACE_BREAK}"
    # a month abbreviation without a day ends a sentence before a capitalized word
    # ("delivered in Dec. Germany paid"); with a day it never does ("Dec. 26")
    rf"|(?<=\b(?:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Oct|Nov|Dec)\.)\s+(?=[\"“‘(]?[A-Z][a-z])"
    rf"|(?<=\bSept\.)\s+(?=[\"“‘(]?[A-Z][a-z])"
)


def _inner_split(piece: str) -> list[str]:
    """Cut ``piece`` at the inner breaks, except after a single-quoted sentence inside an open
    double quotation ('"... the next question is, 'Who am I?' Ah, that's the puzzle!"')."""
    parts: list[str] = []
    start = 0
    for match in _INNER_BREAKS.finditer(piece):
        head = piece[: match.start()]
        if head[-1:] in "'’" and _quote_open(head):
            continue
        parts.append(piece[start : match.start()])
        start = match.end()
    parts.append(piece[start:])
    return [p.strip() for p in parts if p.strip()]


# A name and a speech verb after a quoted question: '"Are we alone?" Zelensky asked.'
_ATTRIBUTION = re.compile(
    r"(?:[A-Z][\w'’.-]*\s+){1,4}(?:said|says|asked|asks|wrote|writes|added|adds|told|replied|"
    r"stated|tweeted|posted|warned|explained|noted|shouted|wondered|recalled)\b"
)
# A company's legal form, which goes on the name before it ("Smith & Co. Ltd.", "Acme Corp. Inc.").
_COMPANY_SUFFIX = re.compile(
    r"(?:Ltd|Inc|Corp|LLC|LLP|PLC|plc|GmbH|S\.A|N\.V|B\.V|Pty|SpA|S\.p\.A)\b\.?"
    r"(?:[\s,;:)]|$)"
)
# A company officer's title, which follows the company's name in wire copy ("Tesla Inc. CEO").
_OFFICER = re.compile(
    r"(?:Chief|CEO|CFO|COO|CTO|Chairman|Chairwoman|Chair|President|Vice|Founder|Co-founder|"
    r"Executive|Managing|Director|General Counsel|Spokesman|Spokeswoman|Spokesperson)\b"
)
_WORD = re.compile(r"\w", re.UNICODE)
_OPENER = re.compile(rf"{_STARTERS}\s")


@functools.cache
def _segmenter() -> pysbd.Segmenter:
    return pysbd.Segmenter(language="en", clean=False)


def split_sentences(text: str, language: str = "en") -> list[str]:
    """The sentences of a paragraph, each with its own text and punctuation, stripped.

    The text is tidied first (:func:`audio_article.tidy.tidy`: markup, dot leaders and escaped
    breaks removed, soft line wraps joined, glued sentences ("world.Today") spaced); a hard line
    break always ends a sentence, an inline numbered or lettered list
    ("1.) The first item 2.) The second item") is cut before each marker. Languages with rules of
    their own (``audio_article/languages/``) split each block with those.
    """
    split_block = _split_block
    if language[:2].lower() != "en":
        from audio_article.languages import for_language

        native = for_language(language)
        if native is not None:
            split_block = native.split_sentences
    sentences: list[str] = []
    for block in tidy(text).splitlines():
        for item in _list_items(block):
            sentences.extend(split_block(item))
    return sentences


# Inline list markers: "1.)", "1)", "1.", "a.)", "a)", "a." at the start of a block or after a
# sentence end, followed by the next marker in sequence ("2.)", "b)") later in the same block.
_MARKER = re.compile(r"(?:(?<=^)|(?<=\s))(?:[•⁃▪]\s?)?(\d{1,2}|[a-z])(\.\)|\)|\.)\s+(?=\S)")


def _marker_value(token: str) -> int:
    return int(token) if token.isdigit() else ord(token) - ord("a") + 1


def _list_items(block: str) -> list[str]:
    """Cut a block before each marker of an inline list that counts up from its first marker.

    A list starts at a marker at the start of the block or after a sentence end and needs the
    next marker in sequence (same style) to follow; "for 1. above ... for 2. above" is no list.
    """
    markers = list(_MARKER.finditer(block))
    if len(markers) < 2:
        return [block]
    cuts: list[int] = []
    run: list[int] = []
    expected: tuple[int, str, bool] | None = None
    for m in markers:
        value, style, digit = _marker_value(m.group(1)), m.group(2), m.group(1).isdigit()
        if expected == (value, style, digit):
            run.append(m.start())
        else:
            was_list = len(run) >= 2
            if was_list:
                cuts.extend(run)
            run = []
            at_start = m.start() == 0 or re.search(r"[.!?][\"'”’)]*\s+$", block[: m.start()])
            restart = expected is not None and value == 1 and expected[1:] == (style, digit)
            at_start = at_start or restart  # "1.) a 2.) b 1.) c": a second list starts again
            if not at_start or value > 26:
                expected = None
                continue
            run = [m.start()]
            if restart and was_list:
                cuts.append(m.start())
        expected = (value + 1, style, digit)
    if len(run) >= 2:
        cuts.extend(run)
    if not cuts:
        return [block]
    bounds = sorted({0, *cuts})
    pieces = [block[a:b].strip() for a, b in zip(bounds, [*bounds[1:], len(block)], strict=True)]
    return [p for p in pieces if p]


_LEADING_MARKER = re.compile(r"(?:[•⁃▪*-]\s*)?(?:\d{1,2}|[a-zA-Z])(?:\.\)|\)|\.)\s+(?=\S)")


def _split_block(text: str) -> list[str]:
    text = text.strip()
    marker = _LEADING_MARKER.match(text)
    if marker and not re.match(r"[A-Z]\.\s+[A-Z][a-z]", text):  # not an initial ("J. Smith")
        # pysbd takes "1.)" or "a." for a sentence of its own; the marker goes on the first one.
        rest = _split_block(text[marker.end() :])
        return [f"{marker.group()}{rest[0]}", *rest[1:]] if rest else [text]
    if not text:
        return []
    pieces = [
        p.strip() for chunk in _chunks(text) for p in _segmenter().segment(chunk) if p.strip()
    ]
    split: list[str] = []
    for piece in pieces:
        split.extend(_inner_split(piece))
    merged: list[str] = []
    for i, piece in enumerate(split):
        last = i == len(split) - 1
        if (
            merged
            and _continues(merged[-1], piece)
            and not (last and _stray_word(merged[-1], piece))
        ):
            glue = "" if piece[:1] in ",;:)]" else " "
            merged[-1] = f"{merged[-1]}{glue}{piece}"
        else:
            merged.append(piece)
    return [
        part
        for sentence in merged
        for numbered in _split_after_numbered(sentence)
        for part in _split_in_quotes(numbered)
    ]


# A sentence end inside an open quotation: 'He said: "We will win. We must."' is read with a
# full stop after "win." (pysbd keeps a quotation whole).
_QUOTED_END = re.compile(r"(?<=\.)\s+(?=[\"“‘']?[A-Z])")


# Only a quotation introduced by a colon is cut ('Zelensky said: "We will win. We must."'); a
# quoted passage of fiction or a quote run into the sentence is read whole, as pysbd keeps it.
_COLON_QUOTE = re.compile(r":\s*[\"“][^\"”]*$")


def _quote_open(text: str) -> bool:
    return text.count("“") > text.count("”") or text.count('"') % 2 == 1


def _split_in_quotes(sentence: str) -> list[str]:
    if '"' not in sentence and "“" not in sentence:
        return [sentence]
    parts: list[str] = []
    start = 0
    for match in _QUOTED_END.finditer(sentence):
        head = sentence[start : match.start()]
        rest = sentence[match.end() :]
        last = head.split()[-1] if head.split() else ""
        if (
            not _quote_open(sentence[: match.start()])
            or not _COLON_QUOTE.search(sentence[: match.start()])
            or len(head.split()) < 2
            or len(rest.split()) < 2
            or re.search(r"(?:\b[A-Za-z]\.){2,}$", last)
            or _continues(head, rest)
        ):
            continue
        parts.append(head)
        start = match.end()
    parts.append(sentence[start:])
    return [p.strip() for p in parts if p.strip()]


# "... on Dec. 1. Russia ..." ends a sentence at "1." (pysbd may take "1." for a list marker).
# One capital after a lower-case word, then a quotation, is not a middle initial: 'He wrote on
# X. "It only..."' ends a sentence at "X." ('John F. "Jack" Kennedy' does not).
_NUMBER_END = re.compile(
    r"\b(?:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec|No|Nos|Art|Vol)\.\s\d{1,4}\."
    r"(\s+)(?=[\"“‘'(]?[A-Z])"
    r"|\b[a-z]+ [A-Z]\.(\s+)(?=[\"“][A-Z])"
)


def _split_after_numbered(sentence: str) -> list[str]:
    parts: list[str] = []
    start = 0
    for match in _NUMBER_END.finditer(sentence):
        gap = 1 if match.group(1) is not None else 2
        parts.append(sentence[start : match.start(gap)])
        start = match.end(gap)
    parts.append(sentence[start:])
    return [p.strip() for p in parts if p.strip()]


_CHUNK_CHARS = 1500
_LIKELY_BREAK = re.compile(r"(?<=[.!?])\s+(?=[A-Z])")


def _chunks(text: str) -> list[str]:
    """pysbd slows down more than linearly on long inputs (a 10,000-word paragraph takes over a
    second), so very long paragraphs are cut at likely sentence ends first; any false cut is
    mended by the same merge rules as pysbd's own false breaks."""
    if len(text) <= _CHUNK_CHARS:
        return [text]
    chunks: list[str] = []
    start = 0
    for match in _LIKELY_BREAK.finditer(text):
        if match.start() - start >= _CHUNK_CHARS:
            chunks.append(text[start : match.start()])
            start = match.end()
    chunks.append(text[start:])
    return chunks


def _stray_word(previous: str, following: str) -> bool:
    """A lone lower-case word after a plain word's full stop (at the end of a block) stands
    alone: "It was a cold night in the city. features" (a menu item run into the text)."""
    return bool(
        re.fullmatch(r"[a-z]+", following)
        and re.search(r"(?:^|\s)[a-z]{3,}\.$", previous)
        and previous.split()[-1] not in _NEVER_FINAL
    )


def _continues(previous: str, following: str) -> bool:
    """Is ``following`` the rest of ``previous`` (a false break after an abbreviation)?"""
    if following[:1] in ",;:)]":
        return True  # "Sen. Mitch McConnell, R-Ky., said": punctuation goes on the sentence
    last = previous.split()[-1]
    bare = last.lstrip("(\"'“‘")
    if (
        re.search(r"[?!][\"'”’]$", previous)
        and previous.lstrip()[:1] in "\"“‘'"
        and previous.count('"') + previous.count("“") + previous.count("”") <= 2
        and _ATTRIBUTION.match(following)
        and len(following.split()) <= 8
    ):
        # '"Are we alone?" Zelensky asked.' is one sentence; when the quotation already has its
        # attribution ('He asked, "Why now?" Nobody replied.', '"If I go," thought Alice, "will
        # it?" She said') or a long sentence follows ('"Soup!" Alice said to herself, as well as
        # she could for sneezing.') a new sentence follows.
        return True
    if re.fullmatch(r"(?:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec)\.", bare) and re.match(
        r"[\"“‘(]?[A-Z][a-z]", following
    ):
        return False  # "in Dec. Germany paid": a month without a day ends the sentence
    bare = bare.rpartition("-")[2] if "-" in bare[:-1] else bare  # "ex-Pres." is "Pres."
    if bare in {"St.", "Dr."} and len(previous.split()) > 1 and _OPENER.match(following):
        return False  # Street or Drive at the end of a sentence ("on Main St. The house")
    if bare in _NEVER_FINAL or (bare[:1].isupper() and bare[:1].lower() + bare[1:] in _NEVER_FINAL):
        return True  # "Approx. 200 people" opens a sentence with a lower-case abbreviation
    if re.match(r"\d{1,2}[.)]\s+\S", following) and previous.rstrip()[-1:] in ":;,":
        return True  # an inline list: "The demands were: 1. a ceasefire; 2. a prisoner swap."
    if re.search(r"\b[ap]\.m\.$", previous, re.IGNORECASE) and (
        _AFTER_TIME.match(following) or len(previous.split()) <= 3
    ):
        return True  # "At 5 a.m. Mr. Smith went": a time alone is no sentence
    if bare == "I." and re.search(r"\b[a-z]+\s+I\.$", previous):
        return False  # the pronoun ends a sentence: "you and I. Did you see Albert I. Jones?"
    if re.fullmatch(r"[A-Z]\.", bare) and following[:1].isupper():
        return True  # a middle initial: "John F. Kennedy"
    if previous.rstrip()[-1:].isalnum() and re.match(r"\d", following):
        return True  # no end mark at all: "Step 1. Check the list" is not "Step" + a list item
    if _COMPANY_SUFFIX.fullmatch(bare + " ") and _OFFICER.match(following):
        return True  # a title after a company: "Alphabet Inc. Chief Executive Sundar Pichai"
    if _COMPANY_SUFFIX.match(following):
        return True  # a company's legal form after "Co.": "Smith & Co. Ltd. in London"
    if re.fullmatch(r"\d+\.", previous.strip()):
        return True  # a numbered list marker on its own
    # A break before a lowercase word is not a sentence break (unless after ? or !).
    return previous.rstrip()[-1:] == "." and following[:1].islower()


_CLAUSE_BREAKS = [
    re.compile(r"(?<=[;:])\s+"),
    re.compile(r"\s+(?=[—–]\s)|(?<=[—–])\s+|(?<=\s--)\s+"),
    re.compile(r"(?<=,)\s+"),
    re.compile(
        r"\s+(?=(?:and|but|or|so|yet|because|while|although|though|whereas|which|who|where|"
        r"when|after|before|since|until|unless|as well as|according to)\s)"
    ),
]


def split_long(sentence: str, max_chars: int) -> list[str]:
    """Cut ``sentence`` at clause boundaries so each piece fits ``max_chars`` where possible.

    Tries the strongest boundary first (; :), then dashes, commas, conjunctions, and only then
    spaces; never cuts inside a word. Pieces keep their punctuation.
    """
    sentence = sentence.strip()
    if len(sentence) <= max_chars or max_chars <= 0:
        return [sentence] if sentence else []
    return [p for p in _split(sentence, max_chars, 0) if p]


def _split(text: str, max_chars: int, level: int) -> list[str]:
    if len(text) <= max_chars:
        return [text]
    if level >= len(_CLAUSE_BREAKS):
        return _split_words(text, max_chars)
    parts = [p.strip() for p in _CLAUSE_BREAKS[level].split(text) if p.strip()]
    if len(parts) == 1:
        return _split(text, max_chars, level + 1)
    # Join neighbouring parts greedily while they fit, then split what is still too long.
    joined: list[str] = []
    for part in parts:
        if joined and len(joined[-1]) + 1 + len(part) <= max_chars:
            joined[-1] = f"{joined[-1]} {part}"
        else:
            joined.append(part)
    out: list[str] = []
    for part in joined:
        out.extend(_split(part, max_chars, level + 1))
    return out


def _split_words(text: str, max_chars: int) -> list[str]:
    out: list[str] = []
    for word in text.split():
        if out and len(out[-1]) + 1 + len(word) <= max_chars:
            out[-1] = f"{out[-1]} {word}"
        else:
            out.append(word)
    return out


def _speakable(text: str) -> bool:
    return bool(_WORD.search(text))


def segment_article(
    article: Article, pauses: Pauses, max_chars: int = 250, language: str = "en"
) -> tuple[Segment, ...]:
    """Title, headings and sentences in reading order, with the pause after each."""
    drafts: list[tuple[SegmentKind, str, int, int, int]] = []  # kind, text, pause, section, block

    def add(kind: SegmentKind, text: str, pause: int, section: int, block: int) -> None:
        if _speakable(text):
            drafts.append((kind, text, pause, section, block))

    add("title", article.title.strip(), pauses.title, 0, -1)
    section_index = 0
    block = 0
    for section in article.sections:
        if section.heading:  # counted as a block exactly as Article.blocks counts it
            if _speakable(section.heading):
                section_index += 1
                if drafts:  # the segment before a heading gets the section pause
                    kind, text, _, sec, blk = drafts[-1]
                    drafts[-1] = (kind, text, pauses.section, sec, blk)
                add("heading", section.heading.strip(), pauses.heading, section_index, block)
            block += 1
        for paragraph in section.paragraphs:
            sentences = [s for s in split_sentences(paragraph, language) if _speakable(s)]
            for s_i, sentence in enumerate(sentences):
                pieces = split_long(sentence, max_chars)
                for p_i, piece in enumerate(pieces):
                    if p_i < len(pieces) - 1:
                        pause = pauses.clause
                    elif s_i < len(sentences) - 1:
                        pause = pauses.sentence
                    else:
                        pause = pauses.paragraph
                    add("sentence", piece, pause, section_index, block)
            block += 1
    segments = [
        Segment(
            index=i,
            kind=kind,
            text=text,
            spoken="",
            pause_after_ms=0 if i == len(drafts) - 1 else pause,
            section=section_idx,
            paragraph=blk,
        )
        for i, (kind, text, pause, section_idx, blk) in enumerate(drafts)
    ]
    return tuple(segments)
