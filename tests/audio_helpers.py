"""Articles and scripts built by hand, for the audio tests (no text stages needed)."""

from __future__ import annotations

from datetime import datetime

from audio_article.models import Article, Metadata, Pauses, Section, Segment

PAUSES = Pauses()


def sample_article() -> Article:
    return Article(
        title="Troops arrive at the front",
        sections=(
            Section(None, ("The first paragraph says what happened. It has two sentences.",)),
            Section("What comes next", ("Officials expect more. Nobody knows when.",)),
            Section("Reactions", ("Allies were alarmed by the news.",)),
        ),
        metadata=Metadata(
            author="Jane Doe",
            publication="The Daily Test",
            published=datetime(2024, 11, 5, 9, 30),
            url="https://example.com/news/troops",
            language="en",
            description="Troops arrived at the front on Tuesday.",
        ),
    )


def script(article: Article, pauses: Pauses = PAUSES) -> tuple[Segment, ...]:
    """Segments as the segment stage makes them: title, then sentences and headings."""
    import re

    out: list[Segment] = []
    out.append(Segment(0, "title", article.title, article.title, pauses.title, 0, 0))
    para = 0
    for sec_no, section in enumerate(article.sections):
        if section.heading:
            para += 1
            out.append(
                Segment(
                    0, "heading", section.heading, section.heading, pauses.heading, sec_no, para
                )
            )
        for paragraph in section.paragraphs:
            para += 1
            sentences = re.split(r"(?<=\.)\s+", paragraph)
            for i, s in enumerate(sentences):
                last = i == len(sentences) - 1
                pause = pauses.paragraph if last else pauses.sentence
                out.append(Segment(0, "sentence", s, s, pause, sec_no, para))
    return tuple(
        Segment(i, s.kind, s.text, s.spoken, s.pause_after_ms, s.section, s.paragraph)
        for i, s in enumerate(out)
    )
