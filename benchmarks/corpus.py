"""Generate the benchmark corpus: realistic news prose with numbers, dates, money and quotes.

    python benchmarks/corpus.py OUT_DIR [--articles 40] [--seed 7]

Writes OUT_DIR/news/NN-<slug>.txt (40 articles of 400-1,500 words) and OUT_DIR/long/ with one
10,000-word and one 1,000-word article (the memory pair). Deterministic for a given seed.
"""

from __future__ import annotations

import argparse
import random
from datetime import date, timedelta
from pathlib import Path

CITIES = [
    "Kyiv",
    "Warsaw",
    "Lagos",
    "Toronto",
    "Osaka",
    "Lyon",
    "Denver",
    "Nairobi",
    "Leeds",
    "Porto",
    "Bremen",
    "Austin",
    "Tbilisi",
    "Adelaide",
    "Bergen",
    "Valencia",
]
ORGS = [
    "the city council",
    "the central bank",
    "the Ministry of Health",
    "the regional transport authority",
    "the state utility",
    "the European Commission",
    "the teachers' union",
    "the port authority",
    "the national statistics office",
    "the university",
]
PEOPLE = [
    "Maria Kovalenko",
    "James O'Neill",
    "Aiko Tanaka",
    "Samuel Okafor",
    "Lena Fischer",
    "Carlos Mendes",
    "Priya Raman",
    "Tomasz Nowak",
    "Hannah Berg",
    "Yusuf Demir",
]
ROLES = [
    "the mayor",
    "a senior economist",
    "the committee chair",
    "a spokesperson",
    "the chief executive",
    "an independent analyst",
    "the finance minister",
    "a local resident",
]
TOPICS = [
    "housing",
    "public transport",
    "energy prices",
    "school funding",
    "water supply",
    "hospital waiting lists",
    "road repairs",
    "the harbour expansion",
    "air quality",
    "broadband coverage",
    "the new tram line",
    "flood defences",
]
VERBS = ["approved", "rejected", "postponed", "announced", "revised", "questioned", "defended"]
MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August",
          "September", "October", "November", "December"]  # fmt: skip

SENTENCES = [
    "{org} {verb} a plan on {day} to spend ${money} million on {topic} over the next {n} years.",
    "Officials in {city} said the cost had risen by {pct}% since {year}, driven mostly by {topic}.",
    '"We cannot keep putting this off," said {person}, {role}, at a meeting on {day}.',
    "According to figures published on {date}, about {big} households in {city} are affected.",
    "The vote passed {a} to {b}, with {c} members abstaining after a debate of almost {n} hours.",
    "Critics argue that the {topic} budget of €{money} million is too small for a city of {big} people.",
    "{person}, {role}, told reporters that the first results would be known by {month} {year}.",
    "The figure compares with {pct2}% in {year2}, when {org} last reviewed spending on {topic}.",
    "Prices for {topic} rose {pct}% in the year to {month}, the fastest pace since {year2}.",
    'In a statement, {org} said it expected to finish the work "no later than {date}".',
    "Residents of {city} have waited {n} years for a decision, and many remain sceptical.",
    "At least {c} projects worth a combined ${money} million are now under review.",
    "The plan includes {a} new stations, {b} kilometres of track and a depot near {city}.",
    '"The numbers simply do not add up," said {person}, who has studied {topic} for {n} years.',
    "Turnout at the consultation reached {pct}%, up from {pct2}% in {year2}.",
    "{org} will publish a full report on {date}, followed by a public hearing in {city}.",
    "Since {year}, spending per person on {topic} has fallen from ${small} to ${small2}.",
    "Some {big} people signed a petition calling on {org} to reconsider.",
    "The deal, worth about ${money} million, was signed in {city} on {day}, {date}.",
    "Analysts at {org} estimate that delays cost the economy roughly ${small} million a month.",
]
HEADINGS = ["What happens next", "Why it matters", "The numbers", "Reaction", "Background",
            "A long wait", "What critics say", "Funding", "The timeline"]  # fmt: skip


def _fill(t: str, r: random.Random) -> str:
    d = date(2025, 1, 1) + timedelta(days=r.randrange(700))
    s = t.format(
        org=r.choice(ORGS), verb=r.choice(VERBS), day=d.strftime("%A"), money=r.randrange(2, 900),
        topic=r.choice(TOPICS), n=r.randrange(2, 15), city=r.choice(CITIES),
        pct=round(r.uniform(0.5, 40), 1), year=r.randrange(2005, 2024), person=r.choice(PEOPLE),
        role=r.choice(ROLES), date=f"{d.day} {MONTHS[d.month - 1]} {d.year}",
        big=f"{r.randrange(10, 900)},{r.randrange(0, 999):03d}", a=r.randrange(12, 40),
        b=r.randrange(3, 20), c=r.randrange(2, 9), month=r.choice(MONTHS),
        pct2=round(r.uniform(0.5, 40), 1), year2=r.randrange(1995, 2020),
        small=r.randrange(20, 900), small2=r.randrange(20, 900),
    )  # fmt: skip
    return s[0].upper() + s[1:] if s[0] != '"' else s


def article(words: int, r: random.Random) -> tuple[str, str]:
    """(title, text) of about ``words`` words: title, then paragraphs, headings now and then."""
    title = (
        f"{r.choice(CITIES)} {r.choice(['weighs', 'backs', 'delays', 'rethinks'])} "
        f"{r.choice(TOPICS)} plan as costs {r.choice(['rise', 'mount', 'climb'])}"
    )
    title = title[0].upper() + title[1:]
    blocks, count = [], 0
    while count < words:
        if blocks and r.random() < 0.12:
            blocks.append(r.choice(HEADINGS))
        para = " ".join(_fill(r.choice(SENTENCES), r) for _ in range(r.randrange(2, 5)))
        blocks.append(para)
        count += len(para.split())
    return title, "\n\n".join([title, *blocks]) + "\n"


def generate(out: Path, articles: int = 40, seed: int = 7) -> None:
    from slugify import slugify

    r = random.Random(seed)
    news = out / "news"
    news.mkdir(parents=True, exist_ok=True)
    for i in range(articles):
        title, text = article(r.randrange(400, 1501), r)
        (news / f"{i:02d}-{slugify(title)[:40]}.txt").write_text(text, encoding="utf-8")
    long = out / "long"
    long.mkdir(parents=True, exist_ok=True)
    for words in (10_000, 1_000):
        title, text = article(words, r)
        (long / f"words-{words}.txt").write_text(text, encoding="utf-8")


if __name__ == "__main__":
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("out", type=Path)
    ap.add_argument("--articles", type=int, default=40)
    ap.add_argument("--seed", type=int, default=7)
    args = ap.parse_args()
    generate(args.out, args.articles, args.seed)
