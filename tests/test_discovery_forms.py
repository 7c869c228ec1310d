"""Discovery forms on real sentences of ../shared/corpus-real (short excerpts), and home organisations.

Each row: an excerpt, its language, and the (name, class) pairs discovery must find in it, in text order;
an empty list where the excerpt names nothing new (a short title, a generic phrase, half a sentence).
"""

from __future__ import annotations

import pytest

from kg.entities.discover import discover, prefilter

ROWS = [
    # --- English instruments
    ("Recalling the Agreement between the United Nations and the Universal Postal Union, approved", "en",
     [("Agreement between the United Nations and the Universal Postal Union", "Treaty")], "en-agreement-between"),
    ("the Final Act of the Conference on Security and Co-operation in Europe, signed at Helsinki", "en",
     [("Final Act of the Conference on Security and Co-operation in Europe", "Treaty")], "en-final-act"),
    ("the Declaration on the Strengthening of International Security, adopted", "en",
     [("Declaration on the Strengthening of International Security", "Document")], "en-declaration-on"),
    ("the Sevilla Commitment, 7  which renews the global financing for development framework", "en",
     [("Sevilla Commitment", "Document")], "en-place-commitment"),
    ("Doha Programme of Action for the Least Developed Countries, 11  the", "en",
     [("Doha Programme of Action for the Least Developed Countries", "Document")], "en-place-programme-of-action"),
    ("and the Antigua and Barbuda Agenda for Small Island Developing States, 13 and reaffirm", "en",
     [("Antigua and Barbuda Agenda for Small Island Developing States", "Document")], "en-place-with-and"),
    ("(17-20 December 2001), the Budapest Commitment and Plan of Action, adopted at the preparatory Conference", "en",
     [("Budapest Commitment and Plan of Action", "Document")], "en-commitment-and-plan-of-action"),
    # --- English bodies
    ("the open-ended working group on security of and in the use of information and communications "
     "technologies established pursuant to resolution 75/240", "en",
     [("open-ended working group on security of and in the use of information and communications technologies",
       "Organ")], "en-open-ended-working-group-stops-at-participle"),
    ("the work of the Group of Governmental Experts on Emerging Technologies in the Area of Lethal Autonomous "
     "Weapons Systems, established under", "en",
     [("Group of Governmental Experts on Emerging Technologies in the Area of Lethal Autonomous Weapons Systems",
       "Organ")], "en-gge"),
    ("Welcomes the commitment and efforts of the Commission for the South- East Asia Nuclear-Weapon-Free Zone to "
     "further enhance", "en",
     [("Commission for the South- East Asia Nuclear-Weapon-Free Zone", "Organ")], "en-commission-line-break-hyphen"),
    ("recalling the mandate of the Inter-Agency Coordination Group against Trafficking in \nPersons, we urge", "en",
     [("Inter-Agency Coordination Group against Trafficking in Persons", "Organ")], "en-inter-agency-wrapped"),
    ("the Ad Hoc Committee on the Prevention of an Arms Race in Outer Space, taking into account", "en",
     [("Ad Hoc Committee on the Prevention of an Arms Race in Outer Space", "Organ")], "en-ad-hoc-with-an"),
    ("the Conference of the Parties to the Treaty on the Non-Proliferation of Nuclear Weapons", "en",
     [("Conference of the Parties to the Treaty on the Non-Proliferation of Nuclear Weapons", "Organ")],
     "en-conference-of-the-parties"),
    # --- English: nothing new
    ("This Protocol to the Convention shall be open for signature", "en", [], "en-protocol-to-short-title"),
    ("the Conference of the Parties to the Convention shall", "en", [], "en-cop-of-a-short-title"),
    ("the Agreement between the Parties shall", "en", [], "en-agreement-between-the-parties"),
    ("the provisional agenda of its eighty-first session", "en", [], "en-provisional-agenda"),
    ("Reaffirming our Commitment to the 2030 Agenda", "en", [], "en-our-commitment"),
    # --- French
    ("l'Accord entre l'Organisation des Nations Unies et l'Union postale universelle, ", "fr",
     [("Accord entre l'Organisation des Nations Unies et l'Union postale universelle", "Treaty")],
     "fr-accord-entre-goes-on-after-et"),
    ("ACCORD entre L'ORGANISATION DES NATIONS UNIES et L'UNION POSTALE UNIVERSELLE\n", "fr",
     [("ACCORD entre L'ORGANISATION DES NATIONS UNIES et L'UNION POSTALE UNIVERSELLE", "Treaty")],
     "fr-accord-entre-capitals"),
    ("la Déclaration sur l'octroi de l'indépendance aux pays et aux peuples coloniaux, ", "fr",
     [("Déclaration sur l'octroi de l'indépendance aux pays et aux peuples coloniaux", "Document")],
     "fr-declaration-sur"),
    ("un Accord entre les Parties contractantes;", "fr", [], "fr-accord-entre-les-parties"),
    # --- Russian
    ("в соответствии с положениями Протокола об инспекциях. Обеспечивается", "ru",
     [("Протокола об инспекциях", "Treaty")], "ru-protocol"),
    ("раздела III Протокола об обмене информацией и согласно тому же расписанию", "ru",
     [("Протокола об обмене информацией", "Treaty")], "ru-protocol-stops-before-conjunction-and-stop"),
    ("«Соглашение между Организацией Объединенных Наций и Всемирным почтовым союзом»", "ru",
     [("Соглашение между Организацией Объединенных Наций и Всемирным почтовым союзом", "Treaty")],
     "ru-agreement-between"),
    ("Декларации о предоставлении независимости колониальным странам и народам, ", "ru",
     [("Декларации о предоставлении независимости колониальным странам и народам", "Document")],
     "ru-declaration"),
    ("c) Протокол о внесении поправок вступает в силу после его подписания", "ru", [], "ru-amending-protocol"),
]


@pytest.mark.parametrize(("text", "lang", "expected"), [r[:3] for r in ROWS], ids=[r[3] for r in ROWS])
def test_discovery_forms(text: str, lang: str, expected: list[tuple[str, str]]) -> None:
    found = discover(text, lang)
    assert [(d.name, d.cls) for d in found] == expected
    for d in found:
        assert d.quote == text[d.start:d.end]


PREFILTERS = [
    ({"head": "Committee on"}, ("Committee",), "plain-head"),
    ({"head": "(?:Additional|Optional) Protocol to the"}, ("Protocol",), "optional-alternatives-left-out"),
    ({"head": "Протокол(?:а|у|ом|е)? (?:об?|по|против|к)"}, ("Протокол",), "ru-inflection-left-out"),
    ({"head": "(?:Inter-[Aa]gency|Interagency)"}, ("Inter", "Interagency"), "one-word-per-alternative"),
    ({"keywords": ["Commitment", "Programme of Action"]}, ("Commitment", "Programme"), "headless-keywords"),
]


@pytest.mark.parametrize(("entry", "needs"), [p[:2] for p in PREFILTERS], ids=[p[2] for p in PREFILTERS])
def test_prefilter(entry: dict, needs: tuple[str, ...]) -> None:
    assert prefilter(entry) == needs
