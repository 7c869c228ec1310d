"""Discovery of names the registry does not hold (kg/entities/discover.py, kg/data/discovery.json).

The patterns are data: every pattern must find its own examples and nothing in its counter-examples. The
tables below show what the tails do (and where they stop); the seed resolution A/RES/67/83 has its full
set of discoveries written out, so that any change in what is found shows up here.
"""

from __future__ import annotations

import json
import time
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from jsonschema import Draft202012Validator

from kg.entities.discover import (
    Discovered,
    canonical_name,
    default_catalogue,
    discover,
    load_catalogue,
)

ROOT = Path(__file__).resolve().parents[1]
DATA_PATH = ROOT / "kg" / "data" / "discovery.json"
DATA = json.loads(DATA_PATH.read_text(encoding="utf-8"))
RESOLUTION_FILE = ROOT / "corpus" / "000_d4c02e8169758744.txt"
STATUTE_FILE = ROOT / "corpus" / "003_0c70701426cea265.txt"

# ---------------------------------------------------------------- the data file

WORDS = {"type": "array", "items": {"type": "string", "minLength": 1}, "uniqueItems": True}
SCHEMA = {
    "$schema": "https://json-schema.org/draft/2020-12/schema",
    "type": "object",
    "required": ["languages", "patterns"],
    "properties": {
        "$comment": {"type": "string"},
        "languages": {
            "type": "object",
            "additionalProperties": {
                "type": "object",
                "additionalProperties": False,
                "required": ["upper", "lower", "small_words", "articles", "conjunctions", "breakers", "stop_words"],
                "properties": {
                    "upper": {"type": "string"},
                    "lower": {"type": "string"},
                    "small_words": WORDS,
                    "articles": WORDS,
                    "conjunctions": WORDS,
                    "breakers": WORDS,
                    "stop_words": WORDS,
                    "generic": WORDS,
                },
            },
        },
        "patterns": {
            "type": "array",
            "items": {
                "type": "object",
                "additionalProperties": False,
                "required": ["id", "lang", "class", "tail", "examples"],
                "properties": {
                    "id": {"type": "string", "pattern": "^(en|fr|ru)-[a-z0-9]+(-[a-z0-9]+)*$"},
                    "lang": {"enum": ["en", "fr", "ru"]},
                    "class": {"enum": ["Treaty", "UNEntity", "Organ", "Document"]},
                    "head": {"type": "string", "minLength": 3, "not": {"pattern": "#|  "}},
                    "tail": {"enum": ["title", "lower", "title_or_lower", "any"]},
                    "small_words": WORDS,
                    "breakers": WORDS,
                    "conjunction_stops": {"type": "boolean"},
                    "keywords": WORDS,
                    "years": {"type": "boolean"},
                    "exclude": WORDS,
                    "comment": {"type": "string"},
                    "examples": {
                        "type": "array",
                        "minItems": 2,
                        "items": {
                            "type": "object",
                            "additionalProperties": False,
                            "required": ["text", "name"],
                            "properties": {"text": {"type": "string"}, "name": {"type": "string"}},
                        },
                    },
                    "counter_examples": WORDS,
                },
            },
        },
    },
}


def test_data_file_matches_its_schema():
    Draft202012Validator.check_schema(SCHEMA)
    errors = [e.message for e in Draft202012Validator(SCHEMA).iter_errors(DATA)]
    assert errors == []


def test_pattern_ids_are_unique_and_prefixed_by_their_language():
    ids = [p["id"] for p in DATA["patterns"]]
    assert len(ids) == len(set(ids))
    assert all(p["id"].startswith(p["lang"] + "-") for p in DATA["patterns"])


def test_every_example_name_is_printed_in_its_text():
    for p in DATA["patterns"]:
        for ex in p["examples"]:
            assert " ".join(ex["name"].split()) in " ".join(ex["text"].split()), (p["id"], ex["name"])


EXAMPLES = [(p.id, text, name) for p in default_catalogue().patterns for text, name in p.examples]
COUNTER_EXAMPLES = [(p.id, text) for p in default_catalogue().patterns for text in p.counter_examples]


@pytest.mark.parametrize(("pattern_id", "text", "name"), EXAMPLES, ids=[f"{e[0]}:{e[2][:50]}" for e in EXAMPLES])
def test_pattern_finds_its_own_examples(pattern_id, text, name):
    pattern = default_catalogue().get(pattern_id)
    assert name in [d.name for d in pattern.finditer(text)]
    # and discover() attributes it to this pattern (no other pattern wins the span)
    assert (name, pattern.cls, pattern_id) in [(d.name, d.cls, d.pattern) for d in discover(text, pattern.lang)]


@pytest.mark.parametrize(
    ("pattern_id", "text"), COUNTER_EXAMPLES, ids=[f"{c[0]}:{c[1][:50]}" for c in COUNTER_EXAMPLES]
)
def test_pattern_finds_nothing_in_its_counter_examples(pattern_id, text):
    assert list(default_catalogue().get(pattern_id).finditer(text)) == []


def test_every_required_pattern_is_there():
    ids = {p.id for p in default_catalogue().patterns}
    assert {
        "en-coe-convention", "en-protocol-to", "en-un-entity", "en-un-document", "en-committee-on",
        "en-special-rapporteur", "en-special-representative", "en-coe-document", "en-group-of-experts",
        "en-working-group", "ru-coe-convention", "ru-committee-po", "ru-special-rapporteur",
        "fr-coe-convention", "fr-comite-des", "fr-special-rapporteur",
    } <= ids


# ---------------------------------------------------------------- what discover() finds

CASES = [
    # --- English: title runs and where they stop
    ("the Committee on the Rights of the Child and the Council of Europe to protect", "en",
     [("Committee on the Rights of the Child", "Organ")], "title-stops-before-and-the-council"),
    ("the Committee on Enforced Disappearances.", "en",
     [("Committee on Enforced Disappearances", "Organ")], "committee-on-without-article"),
    ("the Committee on the Rights of the Child6 in its member States", "en",
     [("Committee on the Rights of the Child", "Organ")], "glued-footnote-digit-is-not-in-the-name"),
    ("the Committee\u00a0on the Rights of the Child", "en",
     [("Committee on the Rights of the Child", "Organ")], "no-break-space"),
    ("the Council of Europe Convention on the\nProtection of Children against Sexual Exploitation, and", "en",
     [("Council of Europe Convention on the Protection of Children against Sexual Exploitation", "Treaty")],
     "title-wrapped-over-two-lines"),
    ("the Additional Protocol to the Council of Europe Convention on Cybercrime;", "en",
     [("Additional Protocol to the Council of Europe Convention on Cybercrime", "Treaty")],
     "longest-wins-protocol-over-convention"),
    ("the United Nations Development Programme and the United Nations Children's Fund", "en",
     [("United Nations Development Programme", "UNEntity"), ("United Nations Children's Fund", "UNEntity")],
     "two-names-joined-by-and-the"),
    ("the Working Group of Experts on People of African Descent", "en",
     [("Working Group of Experts on People of African Descent", "Organ")],
     "longest-wins-working-group-over-group-of-experts"),
    ("the United Nations Programme of Action on Small Arms", "en",
     [("United Nations Programme of Action on Small Arms", "Document")], "tie-goes-to-the-earlier-pattern"),
    ("the Council of Europe Convention on Laundering, Search, Seizure and Confiscation of the Proceeds from "
     "Crime and on the Financing of Terrorism are open", "en",
     [("Council of Europe Convention on Laundering, Search, Seizure and Confiscation of the Proceeds from Crime "
       "and on the Financing of Terrorism", "Treaty")], "enumeration-with-commas"),
    # --- English: lower-case runs
    ("the Council of Europe Convention on preventing and combating violence against women and domestic "
     "violence is open", "en",
     [("Council of Europe Convention on preventing and combating violence against women and domestic violence",
       "Treaty")], "coe-lower-case-title-keeps-and"),
    ("the Council of Europe Convention on cybercrime as well as its protocol", "en",
     [("Council of Europe Convention on cybercrime", "Treaty")], "coe-lower-stops-at-as-well-as"),
    ("the Council of Europe Convention on the protection of children (Lanzarote Convention)", "en",
     [("Council of Europe Convention on the protection of children", "Treaty")], "coe-lower-stops-at-bracket"),
    ("the Special Rapporteur on the situation of human\nrights defenders, and the Council", "en",
     [("Special Rapporteur on the situation of human rights defenders", "Organ")], "lower-wrapped-over-two-lines"),
    ("the Special Rapporteur on the situation\n\tThe General Assembly", "en",
     [("Special Rapporteur on the situation", "Organ")], "lower-stops-at-line-break-before-capital"),
    ("the Special Rapporteur on freedom of expression and the Committee on Torture", "en",
     [("Special Rapporteur on freedom of expression", "Organ"), ("Committee on Torture", "Organ")],
     "lower-stops-at-and-the"),
    # --- English: nothing to find
    ("the Committee decided", "en", [], "committee-decided"),
    ("a convention on the matter", "en", [], "a-convention-on-the-matter"),
    ("United Nations", "en", [], "united-nations-alone"),
    ("cooperation between the United Nations and the Council of Europe", "en", [], "united-nations-and-coe"),
    ("Committee of Ministers", "en", [], "committee-of-ministers"),
    ("the Committee of Ministers shall determine", "en", [], "committee-of-ministers-in-a-sentence"),
    ("the Committee on the matter", "en", [], "committee-on-lower-case"),
    ("Committee on the\n\nRights of the Child", "en", [], "paragraph-break-ends-a-name"),
    ("Council of Europe Convention on the\n\n", "en", [], "name-ending-on-an-article-is-dropped"),
    ("Special Rapporteur on the", "en", [], "head-without-a-name"),
    ("the Committee on the Rights of the Child", "ru", [], "english-text-read-as-russian"),
    ("the Committee on the Rights of the Child", "de", [], "language-without-patterns"),
    # --- Russian: inflected forms, as printed
    ("Конвенцию Совета Европы о предупреждении терроризма и Конвенцию", "ru",
     [("Конвенцию Совета Европы о предупреждении терроризма", "Treaty")], "ru-accusative"),
    ("Комитету по правам ребенка, а также", "ru", [("Комитету по правам ребенка", "Organ")], "ru-dative"),
    ("Специальному докладчику по вопросу о пытках; Комитетом по правам человека.", "ru",
     [("Специальному докладчику по вопросу о пытках", "Organ"), ("Комитетом по правам человека", "Organ")],
     "ru-two-names"),
    ("Комитет по правам ребенка обсудил доклад.", "ru",
     [("Комитет по правам ребенка обсудил доклад", "Organ")], "ru-limit-unlisted-verb-is-not-a-stop"),
    ("Комитет министров по рекомендации Консультативной Ассамблеи", "ru", [], "ru-committee-of-ministers"),
    ("Комитет постановил", "ru", [], "ru-committee-alone"),
    # --- French
    ("la Convention du Conseil de l’Europe sur la cybercriminalité.", "fr",
     [("Convention du Conseil de l’Europe sur la cybercriminalité", "Treaty")], "fr-curly-apostrophe"),
    ("le Comité des droits de l'enfant a adopté", "fr", [("Comité des droits de l'enfant", "Organ")], "fr-stop-verb"),
    ("le Comité des Ministres a décidé", "fr", [], "fr-committee-of-ministers"),
    ("le Comité des ministres a décidé", "fr", [], "fr-committee-of-ministers-lower-case"),
]


@pytest.mark.parametrize(("text", "lang", "expected"), [c[:3] for c in CASES], ids=[c[3] for c in CASES])
def test_discover(text, lang, expected):
    found = discover(text, lang)
    assert [(d.name, d.cls) for d in found] == expected
    for d in found:
        assert d.quote == text[d.start:d.end]


CANONICAL = [
    ("the Committee on Torture", "Committee on Torture", "leading-the"),
    ("its Convention on Cybercrime", "Convention on Cybercrime", "leading-its"),
    ("United Nations Global Counter-Terrorism Strategy7", "United Nations Global Counter-Terrorism Strategy",
     "glued-footnote"),
    ("Council of Europe Disability Action Plan \n2006-2015", "Council of Europe Disability Action Plan 2006-2015",
     "line-break-and-years"),
    ("Council of Europe Strategy for the Rights of the Child (2012-2015)",
     "Council of Europe Strategy for the Rights of the Child (2012-2015)", "bracketed-years-stay"),
    ("Committee on Torture;", "Committee on Torture", "trailing-punctuation"),
    ("Theatre Committee", "Theatre Committee", "article-only-as-a-word"),
]


@pytest.mark.parametrize(("quote", "name"), [c[:2] for c in CANONICAL], ids=[c[2] for c in CANONICAL])
def test_canonical_name(quote, name):
    assert canonical_name(quote) == name


def test_dump():
    (d,) = discover("the Committee on the Rights of the Child.")
    assert d == Discovered(4, 40, "Committee on the Rights of the Child", "Committee on the Rights of the Child",
                           "Organ", "en-committee-on")
    assert d.dump() == {"start": 4, "end": 40, "quote": "Committee on the Rights of the Child",
                        "name": "Committee on the Rights of the Child", "class": "Organ",
                        "pattern": "en-committee-on"}


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (lambda d: d["patterns"].append(dict(d["patterns"][0])), "duplicate"),
        (lambda d: d["patterns"][0].update(lang="de"), "no language block"),
        (lambda d: d["patterns"][0].update({"class": "Person"}), "unknown class"),
        (lambda d: d["patterns"][0].update(tail="every"), "unknown tail"),
        (lambda d: d["patterns"][0].update(keywords=["Plan"], tail="lower"), "keywords"),
    ],
    ids=["duplicate-id", "unknown-language", "unknown-class", "unknown-tail", "keywords-with-lower-tail"],
)
def test_bad_data_is_refused(change, message):
    data = json.loads(DATA_PATH.read_text(encoding="utf-8"))
    change(data)
    with pytest.raises(ValueError, match=message):
        load_catalogue(data)


def test_a_catalogue_can_be_injected():
    data = {"languages": DATA["languages"], "patterns": [p for p in DATA["patterns"] if p["id"] == "en-committee-on"]}
    text = "the Committee on the Rights of the Child and the Special Rapporteur on torture."
    assert [d.pattern for d in discover(text, catalogue=load_catalogue(data))] == ["en-committee-on"]
    assert [d.pattern for d in discover(text)] == ["en-committee-on", "en-special-rapporteur"]


# ---------------------------------------------------------------- the seed texts

#: everything discover() finds in A/RES/67/83, in text order
SEED_FOUND = [
    ("Agreement between the Council of Europe and the Secretariat of the United Nations", "Treaty"),
    ("United Nations Office at Geneva", "UNEntity"),
    ("United Nations Convention on the Rights of Persons with Disabilities", "Treaty"),
    ("Council of Europe Disability Action Plan 2006-2015", "Document"),
    ("Office of the United Nations High Commissioner for Human Rights", "Organ"),
    ("Special Rapporteur on the situation of human rights defenders", "Organ"),
    ("Council of Europe Convention on Action against Trafficking in Human Beings", "Treaty"),
    ("Group of Experts on Action against Trafficking in Human Beings", "Organ"),
    ("United Nations Children's Fund", "UNEntity"),
    ("Special Representative of the Secretary-General on Violence against Children", "Organ"),
    ("Office of the United Nations High Commissioner for Human Rights", "Organ"),
    ("Committee on the Rights of the Child", "Organ"),
    ("Council of Europe Strategy for the Rights of the Child (2012-2015)", "Document"),
    ("Council of Europe Convention on the Protection of Children against Sexual Exploitation and Sexual Abuse",
     "Treaty"),
    ("United Nations Entity for Gender Equality and the Empowerment of Women", "UNEntity"),
    ("Council of Europe Convention on Preventing and Combating Violence against Women and Domestic Violence",
     "Treaty"),
    ("Office of the United Nations High Commissioner for Refugees", "Organ"),
    ("United Nations Office at Geneva", "UNEntity"),
    ("United Nations Decade of Education for Sustainable Development", "Document"),
    ("United Nations Development Programme", "UNEntity"),
    ("United Nations Development Programme Regional Bureau for Europe", "UNEntity"),
    ("United Nations Human Settlements Programme", "UNEntity"),
    ("United Nations Plan of Action on the Safety of Journalists and the Issue of Impunity", "Document"),
    ("Council of Europe Convention on Cybercrime", "Treaty"),
    ("Council of Europe Convention on the Counterfeiting of Medical Products and Similar Crimes Involving Threats "
     "to Public Health", "Treaty"),
    ("United Nations Global Counter-Terrorism Strategy", "Document"),
    ("Council of Europe Convention on the Prevention of Terrorism", "Treaty"),
    ("United Nations Office on Drugs and Crime", "UNEntity"),
    ("United Nations Educational, Scientific and Cultural Organization", "UNEntity"),
    ("United Nations Educational, Scientific and Cultural Organization", "UNEntity"),
]

#: the names the seed must yield whatever else changes
SEED_REQUIRED = {
    "Special Rapporteur on the situation of human rights defenders",
    "Special Representative of the Secretary-General on Violence against Children",
    "Council of Europe Disability Action Plan 2006-2015",
    "Council of Europe Strategy for the Rights of the Child (2012-2015)",
    "Council of Europe Convention on Action against Trafficking in Human Beings",
    "Council of Europe Convention on the Protection of Children against Sexual Exploitation and Sexual Abuse",
    "Council of Europe Convention on the Counterfeiting of Medical Products and Similar Crimes Involving Threats to "
    "Public Health",
    "Council of Europe Convention on Cybercrime",
    "Council of Europe Convention on the Prevention of Terrorism",
    "Committee on the Rights of the Child",
    "United Nations Development Programme Regional Bureau for Europe",
    "United Nations Global Counter-Terrorism Strategy",
    "United Nations Decade of Education for Sustainable Development",
}


@pytest.fixture(scope="module")
def seed_text() -> str:
    return RESOLUTION_FILE.read_text(encoding="utf-8")


def test_seed_resolution_required_names(seed_text):
    # the whole text, not line by line: "Council of Europe Disability Action Plan \n2006-2015" is wrapped
    assert {d.name for d in discover(seed_text)} >= SEED_REQUIRED


def test_seed_resolution_finds_exactly_this(seed_text):
    found = discover(seed_text)
    assert [(d.name, d.cls) for d in found] == SEED_FOUND
    assert set(SEED_FOUND) == {(d.name, d.cls) for d in found}
    for d in found:
        assert d.quote == seed_text[d.start:d.end]
    (plan,) = [d for d in found if d.name.startswith("Council of Europe Disability")]
    assert plan.quote == "Council of Europe Disability Action Plan \n2006-2015"


def test_seed_footnote_digit_after_strategy(seed_text):
    (d,) = [d for d in discover(seed_text) if d.name.endswith("Counter-Terrorism Strategy")]
    assert seed_text[d.end] == "7"


def test_seed_statute_gives_no_nonsense():
    text = STATUTE_FILE.read_text(encoding="utf-8")
    split = text.index("STATUTE OF THE COUNCIL OF EUROPE (LONDON")
    russian, english = text[:split], text[split:]
    assert "Комитет министров" in russian and "Committee of Ministers" in english
    assert {(d.name, d.cls) for d in discover(russian, "ru")} == set()
    assert {(d.name, d.cls) for d in discover(english, "en")} == set()


# ---------------------------------------------------------------- properties

FRAGMENTS = [
    "Committee on ", "the ", "Rights", " of ", "Child", ", ", " and ", " and the ", "Council of Europe ",
    "Convention on ", "Convention for ", "United Nations ", "Programme", "Strategy", "Action Plan", "2006-2015",
    "(", ")", "7", "\n", "\n\n", "\t", " ", "Special Rapporteur on ", "situation", " is ", "Working Group on ",
    "Group of Experts on ", "Additional Protocol to the ", "Комитет по ", "правам", " и ", "Конвенции Совета Европы о ",
    "Специальный докладчик по ", "Comité des ", "droits", "l'", "’", "Rapporteur spécial sur ", " est ", "-", ".",
    "Secretary-General", "Special Representative of the Secretary-General on ", "a", "B",
]


def _check(text: str, lang: str) -> None:
    found = discover(text, lang)
    for d in found:
        assert d.quote == text[d.start:d.end]
        assert d.name and d.name == d.name.strip()
    for a, b in zip(found, found[1:], strict=False):
        assert a.end <= b.start


@settings(max_examples=300, deadline=2000, suppress_health_check=[HealthCheck.too_slow])
@given(st.text(max_size=400), st.sampled_from(["en", "fr", "ru"]))
def test_arbitrary_text(text, lang):
    _check(text, lang)


@settings(max_examples=300, deadline=2000, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.sampled_from(FRAGMENTS), max_size=80).map("".join), st.sampled_from(["en", "fr", "ru"]))
def test_text_made_of_name_fragments(text, lang):
    _check(text, lang)


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("Committee on the " * 6000, "en"),
        ("Committee on the" + " " * 100_000, "en"),
        ("Special Rapporteur on the " + "situation, " * 9000, "en"),
        ("United Nations A, " * 6000, "en"),
        ("Council of Europe Convention on " + "and " * 25_000, "en"),
        ("Комитет по " + "правам, " * 12_000, "ru"),
    ],
    ids=["committee-on-the-repeated", "spaces", "lower-enumeration", "title-enumeration", "conjunctions",
         "ru-enumeration"],
)
def test_no_catastrophic_backtracking(text, lang):
    default_catalogue()  # compiled before the clock starts
    started = time.perf_counter()
    _check(text, lang)
    assert time.perf_counter() - started < 5  # a sanity bound, not a benchmark
