"""Registry names printed with OCR errors (issue 16, Entities: "OCR look-alikes match the same entry").

Rows are short excerpts of the scanned texts in ../shared/corpus-real (format ``ocr``) and, as guards,
clean sentences the approximate pass must leave alone. Each row: (text, language, expected (quote,
entity, rule) of every match the approximate pass makes or the matcher keeps).
"""

from __future__ import annotations

import json
from importlib import resources

import pytest

from kg.entities.matcher import Context, Matcher
from kg.entities.normalize import fold_script, mixed_script, stem, within
from kg.entities.registry import registry


@pytest.fixture(scope="module")
def matcher() -> Matcher:
    return Matcher(registry())


FOUND = [
    ("получив рекомеидацию Совета Безонасности от 10 февраля 1971 года", "ru",
     [("Совета Безонасности", "un-security-council", "ocr")]),
    ("о создании Содружоства Нозависимых Государств", "ru",
     [("Содружоства Нозависимых Государств", "commonwealth-of-independent-states", "ocr")]),
    ("Генеральному оекретарю\nОрганизации Объединенных Наций", "ru",
     [("Генеральному оекретарю\nОрганизации Объединенных Наций", "un-secretary-general", "ocr"),
      ("Организации Объединенных Наций", "united-nations", "nested")]),
    ("чхенство Союза Советских Социалистических Республик в Организации Фбъединенних Наций", "ru",
     [("Союза Советских Социалистических Республик", "sun", "name"),
      ("Организации Фбъединенних Наций", "united-nations", "ocr")]),
    ("Хельсинского Заключительного акта", "ru", [("Хельсинского Заключительного акта", "helsinki-final-act", "ocr")]),
    ("Настоящим Соглашением Содружество Неза- висимых Государств", "ru",
     [("Содружество Неза- висимых Государств", "commonwealth-of-independent-states", "ocr")]),
    ("the representatives of Nicar~gua", "en", [("Nicar~gua", "nic", "ocr")]),
    # a Cyrillic "е" inside "Security"
    ("one of the five permanent members of the Sеcurity Council", "en",
     [("Sеcurity Council", "un-security-council", "ocr")]),
    # a compound broken at a line end is read by the exact pass already
    ("the Secretary- General of the United Nations", "en",
     [("Secretary- General of the United Nations", "un-secretary-general", "name"),
      ("United Nations", "united-nations", "nested")]),
]


@pytest.mark.parametrize(("text", "lang", "want"), FOUND, ids=[f"{r[1]}-{k}" for k, r in enumerate(FOUND)])
def test_ocr_names_found(matcher: Matcher, text: str, lang: str, want: list[tuple[str, str, str]]) -> None:
    got = [(m.quote, m.entity, m.how) for m in matcher.find(text, lang, Context())]
    assert got == want


LEFT_ALONE = [
    # an adjective of a state is not the state, even one letter away
    ("the Australian Government and the Argentine delegation", "en"),
    # "Organisation des Nations Unies" printed right, a different body one word away
    ("the World Health Organization and the World Trade Organization", "en"),
    # one word off a name of two words, neither printed exactly: nothing to anchor on
    ("Содрувества Независкыих Госудеротв", "ru"),
    # a Deputy is never the Secretary-General, OCR or not
    ("the Deputy Secretary-Genera1 of the United Nations", "en"),
    ("Committee on the Rights of Persons", "en"),
]


@pytest.mark.parametrize(("text", "lang"), LEFT_ALONE, ids=[f"{r[1]}-{k}" for k, r in enumerate(LEFT_ALONE)])
def test_ocr_pass_left_alone(matcher: Matcher, text: str, lang: str) -> None:
    assert [(m.quote, m.entity) for m in matcher.find(text, lang, Context()) if m.how == "ocr"] == []


WORDS = [
    ("fold-cyrillic-o-in-latin", lambda: fold_script("Cоuncil", "en"), "council"),
    ("fold-latin-a-in-cyrillic", lambda: fold_script("Aссамблея", "ru"), "ассамблея"),
    ("fold-one-script-kept", lambda: fold_script("UNESCO", "ru"), "unesco"),
    ("mixed", lambda: mixed_script("Cоuncil"), True),
    ("not-mixed", lambda: mixed_script("Council"), False),
    ("stem-dative", lambda: stem("секретарю", ("ю", "ь")), "секретар"),
    ("within-1", lambda: within("безонасност", "безопасност", 1), True),
    ("within-too-far", lambda: within("австралия", "австрия", 1), False),
]


@pytest.mark.parametrize(("call", "want"), [(r[1], r[2]) for r in WORDS], ids=[r[0] for r in WORDS])
def test_ocr_word_folds(call, want) -> None:  # type: ignore[no-untyped-def]
    assert call() == want


RULES = json.loads(resources.files("kg").joinpath("data/entities.json").read_text(encoding="utf-8"))["ocr"]


@pytest.mark.parametrize(("text", "lang", "quote", "entity"), RULES["examples"],
                         ids=[f"{x[1]}-{x[3]}" for x in RULES["examples"]])
def test_ocr_rule_examples(matcher: Matcher, text: str, lang: str, quote: str, entity: str) -> None:
    """Each example in kg/data/entities.json ("ocr") is found by its own rule."""
    got = [(m.quote, m.entity) for m in matcher.find(text, lang, Context()) if m.how == "ocr"]
    assert (quote, entity) in got



def test_a_hostile_run_of_letters_ends() -> None:
    # found by tests/test_properties.py: a 12,000-letter word made the OCR pass build every deletion of it;
    # guarded as the property tests guard a hang (a stop, not a speed measurement: that is bench/'s)
    from kg.entities.extract import default_stage
    from kg.entities.matcher import Context

    from .test_properties import no_hang

    matcher = default_stage().matcher
    for lang in ("en", "ru"):
        with no_hang("Matcher.find"):
            found = matcher.find("UNTS" * 3000, lang, Context())
        assert not [m for m in found if m.how == "ocr"]
