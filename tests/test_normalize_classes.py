"""Each English rule class (audio_article/normalize/en/<class>.py) on cases of its own: what is
said, and that explain() names a rule of that class for the substitution."""

from __future__ import annotations

import pytest

from audio_article.normalize import explain
from audio_article.normalize.en import ORDER, english

CASES: dict[str, list[tuple[str, str]]] = {
    "cardinal": [
        ("take 5 seconds.23", "take five seconds."),
        ("12,000 troops", "twelve thousand troops"),
        ("100s of people", "hundreds of people"),
        ("a 10k run", "a ten thousand run"),
        ("2.3m people", "two point three million people"),
        ("Arsenal 2-1 Chelsea", "Arsenal two, Chelsea one"),
        ("won 6-4, 6-3", "won six-four, six-three"),
        ("-5 points", "minus five points"),
    ],
    "ordinal": [
        ("the 1st time", "the first time"),
        ("his 22nd goal", "his twenty-second goal"),
        ("the 103rd session", "the one hundred third session"),
        ("the 1,000th visitor", "the one thousandth visitor"),
    ],
    "date": [
        ("all the 2017 conversations", "all the twenty seventeen conversations"),
        ("4.3 July 2014", "four point three July twenty fourteen"),
        ("posted 14 Oct. 15", "posted the fourteenth of October fifteen"),
        ("Jan-15-2020", "January fifteenth, twenty twenty"),
        ("Feb-2024", "February twenty twenty-four"),
        ("According to 2015 figures", "According to twenty fifteen figures"),
        ("on Dec. 26, 2024", "on December twenty-sixth, twenty twenty-four"),
        ("july 25 2012", "July twenty-fifth twenty twelve"),
        ("25 July 2012", "the twenty-fifth of July twenty twelve"),
        ("on 2024-12-26", "on December twenty-sixth, twenty twenty-four"),
        ("12/26/2024", "December twenty-sixth, twenty twenty-four"),
        ("in the 1990s", "in the nineteen nineties"),
        ("the '90s", "the nineties"),
        ("Jan.-March 2024", "January to March twenty twenty-four"),
        ("Sat. Dec. 28", "Saturday December twenty-eighth"),
    ],
    "time": [
        ("at 3:37 PM", "at three thirty-seven p.m"),
        ("9 a.m. ET", "nine a.m Eastern time"),
        ("from 9 a.m. to 5 p.m.", "from nine a.m to five p.m."),
        ("at 14:30", "at two thirty p.m"),
        ("UTC+2", "U.T.C plus two"),
        ("in 1:59:40", "in one hour fifty-nine minutes forty seconds"),
        ("1:45.32", "one minute forty-five point three two seconds"),
    ],
    "money": [
        ("$300/night", "three hundred dollars a night"),
        (
            "$150.25-$250.67",
            "one hundred fifty dollars and twenty-five cents to two hundred fifty dollars and sixty-seven cents",
        ),
        ("$.01", "one cent"),
        ("the $0 people pay", "the zero dollars people pay"),
        ("$5.5 billion", "five point five billion dollars"),
        ("a $5 billion deal", "a five billion dollar deal"),
        ("€3.50", "three euros fifty"),
        ("50p", "fifty pence"),
        ("$75/bbl", "seventy-five dollars a barrel"),
        ("$2.4bn-$3bn", "two point four billion dollars to three billion dollars"),
        ("£1.01", "one pound one"),
    ],
    "decimal": [
        ("a .1 trillion deal", "a point one trillion deal"),
    ],
    "measure": [
        ("measuring 2x3 mm", "measuring two by three millimeters"),
        ("It was 6 ft. tall", "It was six feet tall"),
        ("4 1/2 lbs", "four and a half pounds"),
        ("900ml hot chicken stock", "nine hundred milliliters hot chicken stock"),
        (
            "1980-1970 kg",
            "one thousand nine hundred eighty to one thousand nine hundred seventy kilograms",
        ),
        ("5 km", "five kilometers"),
        ("100 km/h", "one hundred kilometers per hour"),
        ("12KG", "twelve kilograms"),
        ("-5°C", "minus five degrees Celsius"),
        ("a 10-km stretch", "a ten-kilometer stretch"),
        ("6'2\"", "six feet two inches"),
        ("20%", "twenty percent"),
    ],
    "fraction": [
        ("1/2 of the budget", "one half of the budget"),
        ("2 1/2 years", "two and a half years"),
        ("24/7", "twenty-four seven"),
        ("31/32", "thirty-one thirty-seconds"),
        ("1/4th", "one quarter"),
        ("3/4 of the city", "three quarters of the city"),
    ],
    "roman": [
        ("Planet Earth II", "Planet Earth Two"),
        ("World War II", "World War Two"),
        ("Charles III", "Charles the Third"),
        ("Super Bowl LVIII", "Super Bowl Fifty-Eight"),
        ("Tsar Peter I", "Tsar Peter the First"),
    ],
    "electronic": [
        ("802.11n wireless", "eight oh two dot eleven N wireless"),
        ("the domain arduino.cc", "the domain arduino dot cc"),
        ("the 0x08 packet", "the zero x zero eight packet"),
        ("version 8.x", "version eight point x"),
        ("emit add.js", "emit add dot J.S"),
        ("beyond 1.7.x", "beyond one point seven point x"),
        (
            "doi:10.1093/acref.001",
            "D.O.I one zero dot one zero nine three slash acref dot zero zero one",
        ),
        ("jane.doe@example.com", "jane dot doe at example dot com"),
        ("https://www.example.com/news", "example dot com slash news"),
        ("192.168.0.1", "one hundred ninety-two dot one hundred sixty-eight dot zero dot one"),
        ("iOS 17.2", "iOS seventeen point two"),
        ("v2.4.1", "version two point four point one"),
    ],
    "telephone": [
        ("(212) 555-0100", "two one two, five five five, zero one zero zero"),
        ("+44 20 7946 0958", "plus four four, two zero, seven nine four six, zero nine five eight"),
        ("call 911", "call nine one one"),
        ("555-1234", "five five five, one two three four"),
        ("1-800-555-0199", "one, eight hundred, five five five, zero one nine nine"),
    ],
    "address": [
        ("1428 Elm St. It was", "fourteen twenty-eight Elm Street. It was"),
        ("708 N 1st St", "seven oh eight North first Street"),
        ("CA 95051", "California nine five zero five one"),
        ("2788 San Tomas Expy", "twenty-seven eighty-eight San Tomas Expressway"),
        ("(D-Calif.)", "Democrat of California"),
        ("1600 Pennsylvania Ave. NW", "sixteen hundred Pennsylvania Avenue Northwest"),
    ],
    "abbreviation": [
        ("GEN. SMITH SAID", "General SMITH SAID"),
        ("dr. jones arrived", "Doctor jones arrived"),
        ("MAIN ST.", "MAIN Street."),
        ("Gen. Smith", "General Smith"),
        ("St. Louis", "Saint Louis"),
        ("§ 1001", "section ten oh one"),
        ("Dr. Who", "Doctor Who"),
        ("on Main St.", "on Main Street."),
    ],
    "acronym": [
        ("FBI agents", "F.B.I agents"),
        ("mRNA vaccines", "M.R.N.A vaccines"),
        ("the BBC's report", "the B.B.C.'s report"),
    ],
    "designation": [
        ("e4x in account", "E four X in account"),
        ("described in RFC 2119", "described in R.F.C twenty-one nineteen"),
        ("The x86 architecture", "The X eighty-six architecture"),
        ("the SLG46620V chip", "the S.L.G forty-six thousand six hundred twenty V chip"),
        ("GreenPak4", "GreenPak four"),
        ("elmo666's tests", "Elmo six sixty-six's tests"),
        ("H.264 video", "H two sixty-four video"),
        ("1,440p", "fourteen forty p"),
        ("F-16s", "F sixteens"),
        ("Boeing 737-800", "Boeing seven thirty-seven eight hundred"),
        ("PM2.5", "P.M two point five"),
        ("the 49ers", "the Forty-Niners"),
        ("5G", "five G"),
        ("A320neo", "A three twenty neo"),
        ("4x4", "four by four"),
    ],
    "range": [
        ("New Zealand, 1846-8.", "New Zealand, eighteen forty-six to forty-eight."),
        ("in 2008-9", "in two thousand eight to two thousand nine"),
        ("2014-2022", "twenty fourteen to twenty twenty-two"),
        ("1990-91", "nineteen ninety to ninety-one"),
        ("10-15 people", "ten to fifteen people"),
        ("Table 6-1", "Table six-one"),
        ("2020/21", "twenty twenty to twenty-one"),
    ],
    "symbol": [
        ("the $ and fame angle", "the dollar and fame angle"),
        ("10^5 * 300", "ten to the power of five times three hundred"),
        ("Nintendo/Apple", "Nintendo slash Apple"),
        ("© 2002", "copyright two thousand two"),
        ("GET /. well-known/webfinger", "GET /. well-known slash webfinger"),
        ("#include <stdio.h>", "hash include stdio dot H"),
        ("10^6", "ten to the power of six"),
        ("Q&A", "Q and A"),
        ("and/or", "and or"),
        ("#MeToo", "hashtag MeToo"),
        ("OPEC+", "OPEC plus"),
    ],
}


@pytest.mark.parametrize(
    ("cls", "written", "spoken"),
    [(cls, w, s) for cls, cases in CASES.items() for w, s in cases],
)
def test_class(cls: str, written: str, spoken: str) -> None:
    said, subs = explain(written)
    assert said == spoken
    assert any(sub.rule.startswith(f"{cls}:") for sub in subs), [s.rule for s in subs]


def test_a_letter_after_a_number_word_is_no_numeral() -> None:
    assert explain("the Xbox One X")[0] == "the Xbox One X"


def test_capital_words_said_as_words_stay() -> None:
    assert explain('the key WORDS "MAY" and "SHOULD"')[0] == "the key WORDS MAY and SHOULD"


def test_every_class_module_has_cases_and_every_rule_a_class() -> None:
    classes = {name.partition(":")[0] for name in ORDER}
    assert classes == set(CASES)
    assert [rule.name for rule in english().rules] == list(ORDER)
