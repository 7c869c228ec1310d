"""The entity stage on the seed texts: what each text names, in every language, with its evidence."""

from __future__ import annotations

import pytest

from kg.entities import extract_entities
from kg.model import Document, Entities

#: what A/RES/67/83 names (issue: entities, "Expected on the seeds")
RESOLUTION_ENTITIES = [
    "united-nations", "council-of-europe", "european-union", "un-general-assembly", "un-human-rights-council",
    "ohchr", "unicef", "un-women", "unhcr", "undp", "un-habitat", "unesco", "unodc", "incb", "crc-committee",
    "un-sixth-committee", "international-law-commission", "unaoc", "ecthr", "coe-commissioner-for-human-rights",
    "coe-european-committee-of-social-rights", "greta", "pompidou-group", "echr", "rome-statute",
    "european-social-charter-revised", "crpd", "crc", "coe-trafficking-convention", "lanzarote-convention",
    "istanbul-convention", "convention-108", "cybercrime-convention", "medicrime-convention",
    "coe-convention-prevention-of-terrorism", "coe-warsaw-convention",
]
#: everything the seed build finds in A/RES/67/83, reviewed by hand: a change shows here
RESOLUTION_ALL = set(RESOLUTION_ENTITIES) | {
    "coe-conference-of-ingos", "coe-disability-action-plan-2006-2015", "international-criminal-court",
    "coe-secretariat", "coe-secretary-general",
    "coe-strategy-rights-of-the-child-2012-2015", "commonwealth-of-independent-states", "north-south-centre",
    "standard-minimum-rules-treatment-of-prisoners", "un-coe-agreement-1951", "un-coe-arrangement-1971",
    "un-global-counter-terrorism-strategy", "un-secretariat", "un-secretary-general", "unog", "unov",
    "discovered:Document:United Nations Decade of Education for Sustainable Development",
    "discovered:Document:United Nations Plan of Action on the Safety of Journalists and the Issue of Impunity",
    "discovered:Organ:Special Rapporteur on the situation of human rights defenders",
    "discovered:Organ:Special Representative of the Secretary-General on Violence against Children",
    "discovered:UNEntity:United Nations Development Programme Regional Bureau for Europe",
}
STATUTE_BODIES = ["coe-committee-of-ministers", "coe-parliamentary-assembly", "coe-secretariat",
                  "coe-secretary-general", "council-of-europe", "united-nations"]


@pytest.fixture(scope="module")
def res_entities(resolution: Document) -> Entities:
    return extract_entities(resolution)


@pytest.fixture(scope="module")
def statute_entities(statute: Document) -> Entities:
    return extract_entities(statute)


@pytest.mark.parametrize("entity", RESOLUTION_ENTITIES)
def test_resolution_names(res_entities: Entities, entity: str) -> None:
    assert entity in {m.entity for m in res_entities.mentions}


def test_resolution_finds_nothing_else(res_entities: Entities) -> None:
    assert {m.entity for m in res_entities.mentions} == RESOLUTION_ALL


@pytest.mark.parametrize("lang", ["en", "ru"])
@pytest.mark.parametrize("entity", STATUTE_BODIES)
def test_statute_names_its_bodies_in_both_languages(statute_entities: Entities, entity: str, lang: str) -> None:
    assert entity in {m.entity for m in statute_entities.mentions if m.lang == lang}


#: (provision, lang, quote, entity, rule): inflection, former names, short forms, coordination
EVIDENCE = [
    ("art_4", "ru", "Комитетом министров", "coe-committee-of-ministers", "name"),
    ("art_5__para_a", "ru", "Консультативной Ассамблее", "coe-parliamentary-assembly", "former_name"),
    ("art_5__para_a", "en", "Consultative Assembly", "coe-parliamentary-assembly", "former_name"),
    ("art_4", "ru", "Генеральному секретарю", "coe-secretary-general", "short_form"),
    ("art_4", "en", "the Secretary General", "coe-secretary-general", "short_form"),
    ("art_23__para_b", "en", "The Assembly", "coe-parliamentary-assembly", "short_form"),
    ("art_32", "en", "General Assembly of the United Nations", "un-general-assembly", "name"),
    ("art_14", "ru", "Комитете", "coe-committee-of-ministers", "short_form"),
    ("art_2", "en", "this Statute", "coe-statute", "short_form"),
    ("art_2", "ru", "настоящего Устава", "coe-statute", "short_form"),
    ("art_10", "ru", "Секретариат Совета Европы", "coe-secretariat", "name"),
    ("art_10__fn_ru_1", "ru", "Конгресс местных и региональных властей Европы", "coe-congress", "name"),
]


@pytest.mark.parametrize(("eid", "lang", "quote", "entity", "how"), EVIDENCE,
                         ids=[f"{e[0]}-{e[1]}-{e[3]}" for e in EVIDENCE])
def test_statute_evidence(statute_entities: Entities, eid: str, lang: str, quote: str, entity: str,
                          how: str) -> None:
    found = [m for m in statute_entities.mentions if m.eid == eid and m.lang == lang and m.entity == entity]
    assert any(m.quote == quote and m.how == how for m in found), found


RES_EVIDENCE = [
    ("op_26", "Secretaries-General of the United Nations", "un-secretary-general", "coordinated"),
    ("op_26", "Secretaries-General of the United Nations and the Council of Europe", "coe-secretary-general",
     "coordinated"),
    ("pp_7", "Vienna", "unov", "coordinated"),
    ("pp_7", "United Nations Office at Geneva", "unog", "name"),
    ("pp_8", "the Secretary-General", "un-secretary-general", "short_form"),
    ("op_2", "the Court", "ecthr", "short_form"),
    ("op_2", "the Convention", "echr", "short_form"),
    ("op_8", "the Convention", "coe-trafficking-convention", "short_form"),
    ("op_12", "UN-Women", "un-women", "abbreviation"),
    ("op_10", "Convention on the Rights of the Child", "crc", "name"),
]


@pytest.mark.parametrize(("eid", "quote", "entity", "how"), RES_EVIDENCE, ids=[f"{e[0]}-{e[2]}" for e in RES_EVIDENCE])
def test_resolution_evidence(res_entities: Entities, eid: str, quote: str, entity: str, how: str) -> None:
    found = [m for m in res_entities.mentions if m.eid == eid and m.entity == entity]
    assert any(m.quote == quote and m.how == how for m in found), found


def test_unknown_committee_is_not_forced_onto_a_registry_body(res_entities: Entities) -> None:
    # "the Committee of the Parties to the Convention" (op 8) is a body the registry does not know
    assert not [m for m in res_entities.mentions if m.eid == "op_8" and m.quote == "the Committee"]


@pytest.mark.parametrize("fixture", ["statute", "resolution"])
def test_every_quote_sits_at_its_offsets(fixture: str, request: pytest.FixtureRequest) -> None:
    doc: Document = request.getfixturevalue(fixture)
    ents = extract_entities(doc)
    for m in [*ents.mentions, *ents.citations, *ents.facts]:
        assert doc.provision(m.eid).text(m.lang).value[m.start : m.end] == m.quote, m


def test_mentions_sit_on_the_deepest_provision(statute_entities: Entities) -> None:
    # Article 20 holds paragraph a and its items; a name in item iii is item iii's, not the article's
    assert not [m for m in statute_entities.mentions if m.eid == "art_1"]
    assert [m for m in statute_entities.mentions if m.eid == "art_1__para_a" and m.entity == "council-of-europe"]


def test_documents_cited(res_entities: Entities) -> None:
    targets = {c.target for c in res_entities.citations if c.target_kind == "document"}
    # the heading's "[without reference to a Main Committee (A/67/L.14/Rev.1 and Add.1)]" cites the draft
    assert {"A/RES/44/6", "A/RES/55/3", "A/RES/56/43", "A/RES/57/156", "A/RES/59/139", "A/RES/61/13",
            "A/RES/63/14", "A/RES/65/130", "A/RES/60/288", "A/67/280", "A/67/L.14/Rev.1", "A/67/L.14/Add.1"} == targets
    assert {c.eid for c in res_entities.citations if c.target.startswith("A/67/L.14")} == {"heading"}
    joint = next(c for c in res_entities.citations if c.target == "A/67/280")
    assert joint.symbols == ("A/67/280", "S/2012/614") and joint.eid == "fn_2"


def test_footnote_markers_cite_their_footnotes(res_entities: Entities) -> None:
    marks = {(c.eid, c.quote, c.target_eid) for c in res_entities.citations if c.target_kind == "footnote"}
    assert marks == {("pp_2", "1", "fn_1"), ("pp_8", "2", "fn_2"), ("op_3", "3", "fn_3"), ("op_4", "4", "fn_4"),
                     ("op_7", "5", "fn_5"), ("op_10", "6", "fn_6"), ("op_21", "7", "fn_7")}


def test_treaty_series_on_the_treaty_of_the_marker(res_entities: Entities) -> None:
    facts = {(f.subject, f.prop, f.value) for f in res_entities.facts}
    assert facts == {("rome-statute", "untsVolume", "2187"), ("rome-statute", "untsNumber", "38544"),
                     ("crpd", "untsVolume", "2515"), ("crpd", "untsNumber", "44910"),
                     ("crc", "untsVolume", "1577"), ("crc", "untsNumber", "27531")}


def test_seat_tables_per_language_version(statute_entities: Entities) -> None:
    seats = {(f.lang, f.subject): int(f.value) for f in statute_entities.facts if f.prop == "seats"}
    en = {s: n for (lang, s), n in seats.items() if lang == "en"}
    ru = {s: n for (lang, s), n in seats.items() if lang == "ru"}
    assert len(en) == 23 and len(ru) == 39
    assert en["fra"] == 18 and en["gbr"] == 18 and en["lie"] == 2 and en["deu"] == 18
    assert ru["rus"] == 18 and ru["mkd"] == 3 and ru["gbr"] == 18 and ru["alb"] == 4
    assert "rus" not in en and "alb" not in en
    assert sum(en.values()) == 177 and sum(ru.values()) == 281


def test_states_in_the_preamble(statute_entities: Entities) -> None:
    for lang in ("en", "ru"):
        states = {m.entity for m in statute_entities.mentions if m.eid == "preamble__rec_1" and m.lang == lang}
        assert states == {"bel", "dnk", "fra", "irl", "ita", "lux", "nld", "nor", "swe", "gbr"}, lang
