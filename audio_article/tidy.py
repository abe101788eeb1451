"""Tidy: copied text made ready for sentence splitting, before segment.split_sentences.

Text pasted from a page, a PDF or an e-book carries things no sentence splitter should see:
markup left in the text ("<em>Yes.</em>"), escaped line breaks ("\\ r \\ n"), table-of-contents dot
leaders ("About Me.......5"), runs of dots or slashes, a word set one letter a line ("W⏎A⏎RN"),
typewriter quotes ("`So what?'"), soft line wraps ("It was a cold⏎night in the city.") and
sentences glued without a space ("world.Today"). :func:`tidy` removes or mends these and returns
one block per line; nothing else is changed. The rules follow pysbd's cleaner (pysbd.cleaner,
which pysbd applies only with ``clean=True``) where it is safe for article text, and are narrower
where it is not (only known HTML tags are markup, "///" in a URL stays).
"""

from __future__ import annotations

import re

__all__ = ["join_soft_wraps", "tidy", "unglue"]

# Escaped line breaks typed into the text: "\r\n", "\ r \ n", "\ n" (not a lone "\n" in code).
_ESCAPED_BREAK = re.compile(r"(?:\\ ?r\s*)?\\ ?n(?=\s|[A-Z])|\\ r(?=\s|[A-Z])|\\r(?=\\n)")
_HTML_TAGS = (
    "a|abbr|b|bdi|bdo|big|blockquote|body|bpt|br|center|cite|code|dd|del|dfn|div|dl|dt|em|ept|"
    "figcaption|figure|font|h[1-6]|head|hr|html|i|img|ins|kbd|li|mark|nobr|ol|p|pre|q|s|samp|"
    "small|span|strike|strong|sub|sup|table|tbody|td|tfoot|th|thead|tr|tt|u|ul|var|wbr"
)
_TAG = re.compile(
    rf"</?(?:{_HTML_TAGS})(?:\s+[\w:-]+(?:\s*=\s*(?:\"[^\"]*\"|'[^']*'|[^'\">\s]+))?)*\s*/?>",
    re.IGNORECASE,
)
# An escaped tag ("&lt;b&gt;") and pysbd's inline-formatting marks ("{b^&gt;1&lt;b^}").
_ESCAPED_TAG = re.compile(
    rf"&lt;/?(?:{_HTML_TAGS})\b[^&<>]*?&gt;|\{{b\^(?:&gt;|>)\d*(?:&lt;|<)b\^\}}"
)
# A table-of-contents leader and its page number(s) end the entry's line.
_TOC_LEADER = re.compile(r"[ \t]*\.{4,}[ \t]*\d+(?:-+\d+)?")
_DOT_RUN = re.compile(r"\.{5,}")
_SLASH_RUN = re.compile(r"/{4,}")
# Typewriter quotes: ``double'' and `single' (a closing ' not followed by a letter).
_BACKTICK_PAIR = re.compile(r"``(.*?)''", re.DOTALL)
_BACKTICK_SINGLE = re.compile(r"`(?=\w)([^`\n]*?)'(?!\w)")
# A word set one or two letters a line, three lines or more ("W⏎A⏎RN⏎I⏎NG").
_LETTER_LINES = re.compile(r"(?m)^[ \t]*[A-Za-z]{1,2}[ \t]*(?:\n[ \t]*[A-Za-z]{1,2}[ \t]*){2,}$")


def tidy(text: str) -> str:
    """``text`` with markup, escaped breaks, dot leaders, letter-a-line words and typewriter
    quotes mended, soft line wraps joined and glued sentences spaced; one block a line."""
    if not text:
        return ""
    # every line break ``str.splitlines`` knows ("\r\n", "\r", NEL, U+2028...) as "\n": the
    # patterns below see the lines that the block split at the end sees
    text = "\n".join(text.splitlines())
    text = _ESCAPED_BREAK.sub("\n", text)
    if "<" in text:
        text = _TAG.sub("", text)
    if "&lt;" in text or "{b^" in text:
        text = _ESCAPED_TAG.sub("", text)
    if "...." in text:
        text = _TOC_LEADER.sub("\n", text)
        text = _DOT_RUN.sub(" ", text)
    if "////" in text:
        text = _SLASH_RUN.sub("", text)
    if "`" in text:
        text = _BACKTICK_PAIR.sub(r'"\1"', text)
        text = _BACKTICK_SINGLE.sub(r"'\1'", text)
    text = _LETTER_LINES.sub(lambda m: "".join(m.group().split()), text)
    return "\n".join(unglue(block) for block in join_soft_wraps(text))


# A line that ends a sentence (or a heading-like line that the next, capitalized line does not
# continue) is a hard break; a line whose next line starts lower-case or with closing punctuation
# is a soft wrap of copied or PDF text ("It was a cold\nnight in the city.").
_SOFT_WRAP_NEXT = re.compile(r"[a-z(\[,;:.)\]]")
_LINE_END = re.compile(r"[.!?…][\"'”’)\]]*$")
_SENTENCE_END = re.compile(r"[.!?…][\"'”’)\]]*\s")


def join_soft_wraps(text: str) -> list[str]:
    """The blocks of ``text``: its non-blank lines, stripped, with soft wraps joined.

    A line continues the block before it when that block does not end a sentence, its last
    sentence so far has three words or more and is not all capitalized words (a heading such as
    "Putter King Trophy" or a one-word line such as "features" stands alone), and the line starts
    lower-case or with closing punctuation.
    """
    blocks: list[str] = []
    joinable = False  # may the next line continue the last block?
    for raw in text.splitlines():
        line = raw.strip()
        if not line:
            joinable = False
            continue
        if joinable and blocks and _SOFT_WRAP_NEXT.match(line):
            glue = "" if line[:1] in ".,;:)]" else " "
            blocks[-1] = f"{blocks[-1]}{glue}{line}"
        else:
            blocks.append(line)
        tail = _SENTENCE_END.split(blocks[-1])[-1].split()
        joinable = (
            not _LINE_END.search(blocks[-1])
            and len(tail) >= 3
            and not all(w[:1].isupper() or not w[:1].isalpha() for w in tail)
        )
    return blocks


# Sentences glued without a space: "Hello world.Today is Tuesday.Mr. Smith bought 1,000.That is".
# A word of two or more letters (or a number) ends, a capitalized word begins; URLs, e-mail
# addresses and file names are left alone (no capital after their dots, or an @ or :// nearby).
_GLUED = re.compile(r"(?<=[a-z]{2}[.!?])(?=[A-Z][a-z])|(?<=\d[.!?])(?=[A-Z][a-z]{2})")


def unglue(text: str) -> str:
    """``text`` with a space put between sentences glued together ("world.Today")."""
    if not _GLUED.search(text):
        return text
    words = text.split(" ")
    for i, word in enumerate(words):
        if "@" in word or "://" in word or "www." in word.lower() or not _GLUED.search(word):
            continue
        words[i] = _GLUED.sub(" ", word)
    return " ".join(words)
