"""Segmentation: sentence splits in news copy, clause cuts, and the article's segment list."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from audio_article.models import Article, Pauses, Section
from audio_article.segment import segment_article, split_long, split_sentences

# (paragraph, expected sentences); sentences separated by " | ".
SPLITS = [
    ("HUR reported on Dec. 26. Russia has stationed troops.",
     "HUR reported on Dec. 26. | Russia has stationed troops."),
    ("... on Dec. 26. Russia has stationed 12,000 soldiers.",
     "... on Dec. 26. | Russia has stationed 12,000 soldiers."),
    ("On Dec. 20, Ukrainian strikes hit. HUR confirmed it.",
     "On Dec. 20, Ukrainian strikes hit. | HUR confirmed it."),
    ("Gen. Valery Zaluzhnyi said so. Lt. Col. John Smith agreed.",
     "Gen. Valery Zaluzhnyi said so. | Lt. Col. John Smith agreed."),
    ("Sen. Lindsey Graham spoke. Rep. Adam Smith replied.",
     "Sen. Lindsey Graham spoke. | Rep. Adam Smith replied."),
    ("Gov. Jay Inslee signed it. Pres. Biden praised it.",
     "Gov. Jay Inslee signed it. | Pres. Biden praised it."),
    ("He visited St. Sophia Cathedral. It was closed.",
     "He visited St. Sophia Cathedral. | It was closed."),
    ("Mr. Smith and Dr. Jones met Mrs. Brown. They talked.",
     "Mr. Smith and Dr. Jones met Mrs. Brown. | They talked."),
    ("The U.S. and the U.K. agreed. Talks resumed.",
     "The U.S. and the U.K. agreed. | Talks resumed."),
    ("U.S. officials said so. U.K. officials disagreed.",
     "U.S. officials said so. | U.K. officials disagreed."),
    ("He lives in Washington, D.C. He is 40.", "He lives in Washington, D.C. | He is 40."),
    ("The strike came at 5 p.m. Kyiv time on Monday. Nobody was hurt.",
     "The strike came at 5 p.m. Kyiv time on Monday. | Nobody was hurt."),
    ("The vote is set for 9 a.m. Tuesday. It may slip.",
     "The vote is set for 9 a.m. Tuesday. | It may slip."),
    ("The meeting starts at 10:30 a.m. The president will speak.",
     "The meeting starts at 10:30 a.m. | The president will speak."),
    ("Sirens sounded at 3 a.m. local time. Drones followed.",
     "Sirens sounded at 3 a.m. local time. | Drones followed."),
    ("It was Russia vs. Ukraine again. Nothing changed.",
     "It was Russia vs. Ukraine again. | Nothing changed."),
    ("Drones, missiles, etc. were used. The damage was large.",
     "Drones, missiles, etc. were used. | The damage was large."),
    ("Some allies, e.g. Poland, agreed. Others did not.",
     "Some allies, e.g. Poland, agreed. | Others did not."),
    ("The capital, i.e. Kyiv, was hit. Power failed.",
     "The capital, i.e. Kyiv, was hit. | Power failed."),
    ("John F. Kennedy was there. He left.", "John F. Kennedy was there. | He left."),
    ("Growth was 3.5 percent. Inflation was 12.1 percent.",
     "Growth was 3.5 percent. | Inflation was 12.1 percent."),
    ("It is No. 2 in the world. It was No. 1 last year.",
     "It is No. 2 in the world. | It was No. 1 last year."),
    ("Prices rose... and then fell. Nobody knew why.",
     "Prices rose... and then fell. | Nobody knew why."),
    ("He said \"we will win.\" Then he left.", "He said \"we will win.\" | Then he left."),
    ("“We will fight,” he said. “We will win.” The crowd cheered.",
     "“We will fight,” he said. | “We will win.” | The crowd cheered."),
    ("He left (finally.) Then others came.", "He left (finally.) | Then others came."),
    ("The ceasefire failed. (Russia denied it.) Talks resumed.",
     "The ceasefire failed. | (Russia denied it.) | Talks resumed."),
    ("1. First item. 2. Second item.", "1. First item. | 2. Second item."),
    ("Why? Because he could. Is that right?! Yes.",
     "Why? | Because he could. | Is that right?! | Yes."),
    ("Troops moved at 3 a.m. on Jan. 5. They met no resistance.",
     "Troops moved at 3 a.m. on Jan. 5. | They met no resistance."),
    ("The Feb. 24, 2022, invasion changed everything. Millions fled.",
     "The Feb. 24, 2022, invasion changed everything. | Millions fled."),
    ("By Sept. 30 it was over. Aug. 24 is a holiday.",
     "By Sept. 30 it was over. | Aug. 24 is a holiday."),
    ("Maj. Gen. Smith and Capt. Jones met Sgt. Brown. They spoke.",
     "Maj. Gen. Smith and Capt. Jones met Sgt. Brown. | They spoke."),
    ("He climbed Mt. Everest. Then he rested.", "He climbed Mt. Everest. | Then he rested."),
    ("The rate is 0.5 percent. It was 1.25 percent.",
     "The rate is 0.5 percent. | It was 1.25 percent."),
    ("Kyiv was hit again. Three people died. Dozens were injured.",
     "Kyiv was hit again. | Three people died. | Dozens were injured."),
    ("A single sentence without a full stop", "A single sentence without a full stop"),
    ("Is it over? Not yet! Talks go on.", "Is it over? | Not yet! | Talks go on."),
    ("It cost $3.5 billion. Officials said so.", "It cost $3.5 billion. | Officials said so."),
    ("The F-16s arrived. Pilots trained for months.",
     "The F-16s arrived. | Pilots trained for months."),
    ("He worked for Acme Inc. for years. He quit.",
     "He worked for Acme Inc. for years. | He quit."),
    ("Ukraine's Center for Strategic Communications (Stratcom) reported on Dec. 26.",
     "Ukraine's Center for Strategic Communications (Stratcom) reported on Dec. 26."),
    ("Rep. Adam Smith (D-Wash.) said it. Gov. Jay Inslee agreed.",
     "Rep. Adam Smith (D-Wash.) said it. | Gov. Jay Inslee agreed."),
    ("The talks were held in St. Petersburg. Putin attended.",
     "The talks were held in St. Petersburg. | Putin attended."),
    ("Temperatures hit minus 5 degrees. Heating failed.",
     "Temperatures hit minus 5 degrees. | Heating failed."),
    ("Lt. Gen. Kyrylo Budanov said the attack began at 4 a.m. It lasted hours.",
     "Lt. Gen. Kyrylo Budanov said the attack began at 4 a.m. | It lasted hours."),
    ("The war began in 2014. It escalated in 2022.",
     "The war began in 2014. | It escalated in 2022."),
    ("It rose 5%. Then it fell 3%.", "It rose 5%. | Then it fell 3%."),
    ("The plan — if approved — starts soon. Critics object.",
     "The plan — if approved — starts soon. | Critics object."),
    ("Sen. Rubio met Amb. Markarova. They discussed aid.",
     "Sen. Rubio met Amb. Markarova. | They discussed aid."),
    ("Officials said the figure was approx. 50 km. It was not verified.",
     "Officials said the figure was approx. 50 km. | It was not verified."),
    ("  Leading and trailing spaces.   Another one.  ",
     "Leading and trailing spaces. | Another one."),
]  # fmt: skip

# Second pass: quotes, ellipses, place initialisms at a sentence end, lists, headlines.
SPLITS += [
    # issue 12: soft line wraps, glued sentences, inline lists, the pronoun "I"
    ("It was a cold \nnight in the city.", "It was a cold night in the city."),
    ("The talks ended\nwithout a deal. Both sides left.",
     "The talks ended without a deal. | Both sides left."),
    ("Kyiv Strikes Continue\nRussia launched 40 drones overnight.",
     "Kyiv Strikes Continue | Russia launched 40 drones overnight."),
    ("Hello world.Today is Tuesday.Mr. Smith bought 1,000.That is a lot.",
     "Hello world. | Today is Tuesday. | Mr. Smith bought 1,000. | That is a lot."),
    ("Write to Jane.Doe@example.com today.", "Write to Jane.Doe@example.com today."),
    ("1.) The first item 2.) The second item", "1.) The first item | 2.) The second item"),
    ("a. The first item. b. The second item.", "a. The first item. | b. The second item."),
    ("As payment for 1. above, pay us a fee and for 2. above, nothing.",
     "As payment for 1. above, pay us a fee and for 2. above, nothing."),
    ("We make a good team, you and I. Did you see Albert I. Jones yesterday?",
     "We make a good team, you and I. | Did you see Albert I. Jones yesterday?"),
    ('"It\'s over." He left.',
     '"It\'s over." | He left.'),
    ('"It\'s over," he said. "We lost." Then silence.',
     '"It\'s over," he said. | "We lost." | Then silence.'),
    ('He waited... and waited. Nothing happened.',
     'He waited... and waited. | Nothing happened.'),
    ('He waited and nothing came... The end.',
     'He waited and nothing came... | The end.'),
    ('Troops are stationed in the U.S. The deployment is new.',
     'Troops are stationed in the U.S. | The deployment is new.'),
    ('The deal was signed in the U.S. Officials cheered.',
     'The deal was signed in the U.S. | Officials cheered.'),
    ('J.R.R. Tolkien wrote it. He was British.',
     'J.R.R. Tolkien wrote it. | He was British.'),
    ('Author J.R.R. Tolkien wrote it.',
     'Author J.R.R. Tolkien wrote it.'),
    ('Gen. Valery Zaluzhnyi was dismissed. He became ambassador.',
     'Gen. Valery Zaluzhnyi was dismissed. | He became ambassador.'),
    ('Russia launches massive attack',
     'Russia launches massive attack'),
    ('He said (and he meant it) that talks are over. Nobody replied.',
     'He said (and he meant it) that talks are over. | Nobody replied.'),
    ('The ceasefire (which began Monday) held. Shelling stopped.',
     'The ceasefire (which began Monday) held. | Shelling stopped.'),
    ('He was — he said — tired. Then he left.',
     'He was — he said — tired. | Then he left.'),
    ('Growth was 2.5 percent. It was 3.1 percent.',
     'Growth was 2.5 percent. | It was 3.1 percent.'),
    ('It is No. 2 worldwide. Last year it was No. 3.',
     'It is No. 2 worldwide. | Last year it was No. 3.'),
    ('Visit www.example.com. It has details.',
     'Visit www.example.com. | It has details.'),
    ('Write to info@example.org. Replies come fast.',
     'Write to info@example.org. | Replies come fast.'),
    ('1. First item',
     '1. First item'),
    ('The company, Acme Corp., grew. Its rival, Foo Ltd., shrank.',
     'The company, Acme Corp., grew. | Its rival, Foo Ltd., shrank.'),
    ('He met Lt. Col. Smith. They talked.',
     'He met Lt. Col. Smith. | They talked.'),
    ('The plane landed at 3 p.m. Passengers left.',
     'The plane landed at 3 p.m. | Passengers left.'),
    ('The report was released at 4 p.m. ET on Friday. It said little.',
     'The report was released at 4 p.m. ET on Friday. | It said little.'),
    ('She earned a Ph.D. in 2010. She now teaches.',
     'She earned a Ph.D. in 2010. | She now teaches.'),
    ('The U.N. Security Council met. It voted.',
     'The U.N. Security Council met. | It voted.'),
    ('"Why?" she asked. "Because," he said.',
     '"Why?" she asked. | "Because," he said.'),
    ('It happened on Jan. 5. Then it stopped.',
     'It happened on Jan. 5. | Then it stopped.'),
    ('The vote was 52-48. It passed.',
     'The vote was 52-48. | It passed.'),
    ('He scored in the 90th min. The crowd roared.',
     'He scored in the 90th min. | The crowd roared.'),
    ('They met in St. Louis. Then they flew to Ft. Worth.',
     'They met in St. Louis. | Then they flew to Ft. Worth.'),
    ('Smith et al. found it. Others disagreed.',
     'Smith et al. found it. | Others disagreed.'),
    ('He joined the U.S. Army in 2001. He served in Iraq.',
     'He joined the U.S. Army in 2001. | He served in Iraq.'),
    ('The U.S. Senate voted. The House did not.',
     'The U.S. Senate voted. | The House did not.'),
    ('Aid from the U.S. Congress stalled. Ukraine waited.',
     'Aid from the U.S. Congress stalled. | Ukraine waited.'),
    ('Officials in the U.K. They refused.',
     'Officials in the U.K. | They refused.'),
    ('He moved to Washington, D.C. Then he left.',
     'He moved to Washington, D.C. | Then he left.'),
    ('Washington, D.C. Mayor Muriel Bowser spoke.',
     'Washington, D.C. Mayor Muriel Bowser spoke.'),
    ('The E.U. Commission met. It agreed.',
     'The E.U. Commission met. | It agreed.'),
    ('The sale ended at 5 p.m. Sales were strong.',
     'The sale ended at 5 p.m. | Sales were strong.'),
    ('Meeting at 9 a.m. Monday, the board agreed.',
     'Meeting at 9 a.m. Monday, the board agreed.'),
    ("'We will win,' he said. 'We must.'",
     "'We will win,' he said. | 'We must.'"),
    ('The drone hit at 2:15 a.m. Two people died.',
     'The drone hit at 2:15 a.m. | Two people died.'),
    ('Russia fired 40 missiles, incl. 10 Kh-101s. Most were downed.',
     'Russia fired 40 missiles, incl. 10 Kh-101s. | Most were downed.'),
    ('The strike killed 3 people... including a child. It was condemned.',
     'The strike killed 3 people... including a child. | It was condemned.'),
    ('What now? Nobody knows.',
     'What now? | Nobody knows.'),
    ('The price is $3.50. It was $4.',
     'The price is $3.50. | It was $4.'),
    ('“Ukraine will not surrender!” he shouted. The crowd cheered.',
     '“Ukraine will not surrender!” he shouted. | The crowd cheered.'),
    ('He was born in 1990 in Kyiv, Ukraine. He moved in 2014.',
     'He was born in 1990 in Kyiv, Ukraine. | He moved in 2014.'),
    ('Mr. and Mrs. Smith arrived. They sat.',
     'Mr. and Mrs. Smith arrived. | They sat.'),
    ('The Rev. Dr. Martin Luther King Jr. spoke. Crowds listened.',
     'The Rev. Dr. Martin Luther King Jr. spoke. | Crowds listened.'),
    ('The firm, Smith & Co., grew. It hired 50.',
     'The firm, Smith & Co., grew. | It hired 50.'),
    ('The U.S. President met the U.K. Prime Minister. They agreed.',
     'The U.S. President met the U.K. Prime Minister. | They agreed.'),
    ('U.S. Secretary of State Antony Blinken visited. He left.',
     'U.S. Secretary of State Antony Blinken visited. | He left.'),
    ('Prices rose 5 pct. in May. They fell in June.',
     'Prices rose 5 pct. in May. | They fell in June.'),
    ('He said: "We will win. We must." The crowd cheered.',
     'He said: "We will win. | We must." | The crowd cheered.'),
    ('She wrote: “It was hard. It was worth it.”',
     'She wrote: “It was hard. | It was worth it.”'),
    ('"We love the U.S. and its people," he said. They clapped.',
     '"We love the U.S. and its people," he said. | They clapped.'),
    ('He said: "Gen. Smith agreed. So did I."',
     'He said: "Gen. Smith agreed. | So did I."'),
    ('Sen. Mitch McConnell, R-Ky., said he opposed it. Others disagreed.',
     'Sen. Mitch McConnell, R-Ky., said he opposed it. | Others disagreed.'),
    # Fourth pass (held-out round 2): Street/Drive at a sentence end, lower-case abbreviations
    # opening a sentence, inline numbered lists, "…" before a capital, "c." before a year.
    ('The shop is on Elm St. It closed in May.',
     'The shop is on Elm St. | It closed in May.'),
    ('They live at 12 Mulholland Dr. Their neighbors complained.',
     'They live at 12 Mulholland Dr. | Their neighbors complained.'),
    ('The church of St. Thomas was rebuilt. It reopened.',
     'The church of St. Thomas was rebuilt. | It reopened.'),
    ('Est. 1890, the firm grew. It now has 40 staff.',
     'Est. 1890, the firm grew. | It now has 40 staff.'),
    ('The plan had three parts: 1. a truce, 2. talks, 3. a vote. It failed.',
     'The plan had three parts: 1. a truce, 2. talks, 3. a vote. | It failed.'),
    ('The lights went out… Nobody moved.',
     'The lights went out… | Nobody moved.'),
    ('She waited… and waited.',
     'She waited… and waited.'),
    ('The bridge was built c. 1400 by monks. It still stands.',
     'The bridge was built c. 1400 by monks. | It still stands.'),
    # Fifth pass (held-out round 3): a month without a day ends a sentence, inline lists of
    # capitalized items, attribution after a quoted question, "ex-Pres.", a letter before a quote.
    ('Exports fell sharply in Oct. Officials blamed the port blockade.',
     'Exports fell sharply in Oct. | Officials blamed the port blockade.'),
    ('The vote is expected in Sept. "We are ready," he said.',
     'The vote is expected in Sept. | "We are ready," he said.'),
    ('The talks resumed on Oct. 3 in Istanbul. Both sides attended.',
     'The talks resumed on Oct. 3 in Istanbul. | Both sides attended.'),
    ('The list covers: 1. Leopard tanks; 2. Bradley vehicles. It was agreed.',
     'The list covers: 1. Leopard tanks; 2. Bradley vehicles. | It was agreed.'),
    ('"Why now?" Foreign Minister Sybiha asked. He got no answer.',
     '"Why now?" Foreign Minister Sybiha asked. | He got no answer.'),
    ('"Enough!" the mayor shouted. The crowd left.',
     '"Enough!" the mayor shouted. | The crowd left.'),
    ('A case against ex-Gov. Smith was dropped. He welcomed it.',
     'A case against ex-Gov. Smith was dropped. | He welcomed it.'),
    ('The minister posted a video on X. "We hold the line," he said.',
     'The minister posted a video on X. | "We hold the line," he said.'),
    ('John F. "Jack" Kennedy spoke.',
     'John F. "Jack" Kennedy spoke.'),
    # round 5: a quotation that already has its attribution, and an officer after a company
    ('He asked, "Why now?" Nobody replied.',
     'He asked, "Why now?" | Nobody replied.'),
    ('She said, "Is it over?" Officials declined to comment.',
     'She said, "Is it over?" | Officials declined to comment.'),
    ('Alphabet Inc. Chief Executive Sundar Pichai spoke. Shares rose.',
     'Alphabet Inc. Chief Executive Sundar Pichai spoke. | Shares rose.'),
    ('Tesla Inc. CEO Elon Musk posted on Friday. Shares fell.',
     'Tesla Inc. CEO Elon Musk posted on Friday. | Shares fell.'),
    ('It was founded by Acme Corp. The firm is now private.',
     'It was founded by Acme Corp. | The firm is now private.'),
]  # fmt: skip


@pytest.mark.parametrize(("paragraph", "expected"), SPLITS, ids=[s[0][:40] for s in SPLITS])
def test_split_sentences(paragraph: str, expected: str) -> None:
    assert split_sentences(paragraph) == expected.split(" | ")


def test_at_least_a_hundred_segmentation_cases() -> None:
    assert len(SPLITS) >= 100


def test_empty_paragraph_has_no_sentences() -> None:
    assert split_sentences("   ") == []


def test_long_paragraph_keeps_every_word() -> None:
    paragraph = " ".join(f"Sentence number {i} ends here on Dec. {i % 28 + 1}." for i in range(400))
    sentences = split_sentences(paragraph)
    assert len(sentences) == 400
    assert " ".join(sentences) == paragraph


LONG = (
    "The Ukrainian Air Force struck a plant in Kamensk-Shakhtynsky, Rostov Oblast, that produces "
    "solid propellant for ballistic missiles, Ukraine’s Center for Strategic Communications "
    "(Stratcom) reported on Dec. 26."
)


@pytest.mark.parametrize("max_chars", [40, 80, 120, 250])
def test_split_long_fits_and_keeps_words(max_chars: int) -> None:
    pieces = split_long(LONG, max_chars)
    assert " ".join(pieces) == LONG
    assert all(len(p) <= max_chars for p in pieces)


def test_split_long_prefers_clause_boundaries() -> None:
    sentence = "Russia attacked at night; Ukraine answered at dawn, and the talks stopped."
    assert split_long(sentence, 50) == [
        "Russia attacked at night;",
        "Ukraine answered at dawn, and the talks stopped.",
    ]
    assert split_long(sentence, 40) == [
        "Russia attacked at night;",
        "Ukraine answered at dawn,",
        "and the talks stopped.",
    ]


def test_split_long_cuts_before_conjunction_without_commas() -> None:
    sentence = "The troops held the line for weeks but the losses grew heavier every day"
    pieces = split_long(sentence, 45)
    assert pieces == ["The troops held the line for weeks", "but the losses grew heavier every day"]


def test_split_long_never_cuts_a_word() -> None:
    word = "Kamensk-Shakhtynsky"
    assert split_long(f"{word} {word}", 10) == [word, word]


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=st.sampled_from("abc ,;.:—"), max_size=300), st.integers(5, 120))
def test_split_long_property(sentence: str, max_chars: int) -> None:
    pieces = split_long(sentence, max_chars)
    assert " ".join(pieces).split() == sentence.split()
    for piece in pieces:
        assert len(piece) <= max_chars or " " not in piece


@settings(max_examples=100, deadline=None)
@given(st.text(max_size=200))
def test_split_sentences_never_crashes_or_loses_words(text: str) -> None:
    sentences = split_sentences(text)
    assert "".join("".join(sentences).split()) == "".join(text.split())


PAUSES = Pauses(clause=1, sentence=2, paragraph=3, heading=4, section=5, title=6)


def test_segment_article_kinds_indexes_and_pauses() -> None:
    article = Article(
        title="North Korean troops endure heavy losses",
        sections=(
            Section(None, ("First sentence. Second sentence.", "🎉", "Third on Dec. 26.")),
            Section("Stratcom reports", ("A plant was hit.",)),
            Section("Second heading", ("Last one.",)),
        ),
    )
    segs = segment_article(article, PAUSES)
    got = [(s.index, s.kind, s.text, s.pause_after_ms, s.section, s.paragraph) for s in segs]
    assert got == [
        (0, "title", "North Korean troops endure heavy losses", 6, 0, -1),
        (1, "sentence", "First sentence.", 2, 0, 0),
        (2, "sentence", "Second sentence.", 3, 0, 0),
        (3, "sentence", "Third on Dec. 26.", 5, 0, 2),
        (4, "heading", "Stratcom reports", 4, 1, 3),
        (5, "sentence", "A plant was hit.", 5, 1, 4),
        (6, "heading", "Second heading", 4, 2, 5),
        (7, "sentence", "Last one.", 0, 2, 6),
    ]
    assert all(s.spoken == "" for s in segs)
    assert len(article.blocks) == 7


def test_segment_article_clause_pauses_for_long_sentences() -> None:
    article = Article(title="T", sections=(Section(None, (LONG + " Short one.",)),))
    segs = segment_article(article, PAUSES, max_chars=80)
    assert [s.pause_after_ms for s in segs] == [6, 1, 1, 2, 0]
    assert " ".join(s.text for s in segs[1:4]) == LONG


@pytest.mark.parametrize(
    ("paragraph", "sentences"),
    [
        # a number after a word with no end mark is not a list item ("Step 1.")
        (
            "Step 1. Check the list. Step 2. Confirm.",
            ["Step 1. Check the list.", "Step 2. Confirm."],
        ),
        # a company's legal form after "Co." goes on the name
        (
            "It came from Smith & Co. Ltd. in London. It was leaked.",
            ["It came from Smith & Co. Ltd. in London.", "It was leaked."],
        ),
        (
            "Shares in Acme Corp. fell. Investors sold.",
            ["Shares in Acme Corp. fell.", "Investors sold."],
        ),
    ],
)
def test_round4_news_breaks(paragraph: str, sentences: list[str]) -> None:
    assert split_sentences(paragraph) == sentences
