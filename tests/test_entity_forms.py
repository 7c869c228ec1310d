"""How the names of bodies and instruments are printed in real texts, and what each form links to.

Rows are short excerpts of the real corpus (/work/shared/corpus-real) or sentences of the same form: the
spelling variants that must reach one registry entry (hyphen or space, a non-breaking hyphen, a
typographic apostrophe, a compound broken at a line end), the families of the UN and Council of Europe
systems, and the forms that must *not* link (a Deputy is never the Secretary-General; a treaty title that
only begins with another title does not name it).
"""

from __future__ import annotations

import pytest

from kg.entities.matcher import Context, Matcher
from kg.entities.normalize import tokens
from kg.entities.registry import registry


@pytest.fixture(scope="module")
def matcher() -> Matcher:
    return Matcher(registry())


# (id, language, home organisation, text, entity that must be linked, exact quote)
FOUND = [
    # hyphen and space variants, non-breaking hyphen, typographic apostrophes, line-broken compounds
    (
        "sg-hyphen",
        "en",
        None,
        "the deposit with the Secretary-General of the United Nations of the twentieth instrument",
        "un-secretary-general",
        "Secretary-General of the United Nations",
    ),
    (
        "sg-space",
        "en",
        None,
        "shall be deposited with the Secretary General of the United Nations",
        "un-secretary-general",
        "Secretary General of the United Nations",
    ),
    (
        "sg-nb-hyphen",
        "en",
        None,
        "shall be deposited with the Secretary\u2011General of the United Nations",
        "un-secretary-general",
        "Secretary\u2011General of the United Nations",
    ),
    (
        "sg-short-space-un",
        "en",
        "united-nations",
        "Requests the Secretary General to report to it at its eighty-first session",
        "un-secretary-general",
        "the Secretary General",
    ),
    (
        "sg-short-hyphen-coe",
        "en",
        "council-of-europe",
        "the deposit on its behalf with the Secretary-General of an instrument",
        "coe-secretary-general",
        "the Secretary-General",
    ),
    (
        "un-women-nb-hyphen",
        "en",
        None,
        "the United Nations Entity for Gender Equality and the Empowerment of Women (UN\u2011Women)",
        "un-women",
        "UN\u2011Women",
    ),
    (
        "apostrophe-typographic",
        "en",
        None,
        "the Memorandum on Security Assurances in Connection with Ukraine’s Accession to the Treaty on the "
        "Non-Proliferation of Nuclear Weapons",
        "budapest-memorandum",
        "Memorandum on Security Assurances in Connection with Ukraine’s Accession to the Treaty on the "
        "Non-Proliferation of Nuclear Weapons",
    ),
    (
        "apostrophe-straight",
        "en",
        None,
        "the Memorandum on Security Assurances in Connection with Ukraine's Accession to the Treaty on the "
        "Non-Proliferation of Nuclear Weapons",
        "budapest-memorandum",
        "Memorandum on Security Assurances in Connection with Ukraine's Accession to the Treaty on the "
        "Non-Proliferation of Nuclear Weapons",
    ),
    (
        "treaty-named-in-memorandum",
        "en",
        None,
        "the Memorandum on Security Assurances in Connection with Ukraine’s Accession to the Treaty on the "
        "Non-Proliferation of Nuclear Weapons",
        "npt",
        "Treaty on the Non-Proliferation of Nuclear Weapons",
    ),
    (
        "compound-broken-at-line-end",
        "en",
        None,
        "of the Protocol to the Treaty on a Nuclear-Weapon- Free Zone in Central Asia,16 in New York",
        "central-asia-nwfz-protocol",
        "Protocol to the Treaty on a Nuclear-Weapon- Free Zone in Central Asia",
    ),
    (
        "treaty-named-in-protocol",
        "en",
        None,
        "of the Protocol to the Treaty on a Nuclear-Weapon- Free Zone in Central Asia,16 in New York",
        "central-asia-nwfz-treaty",
        "Treaty on a Nuclear-Weapon- Free Zone in Central Asia",
    ),
    (
        "short-title-bangkok",
        "en",
        None,
        "willing to sign and ratify the Protocol to the Bangkok Treaty without reservations",
        "treaty-of-bangkok-protocol",
        "Protocol to the Bangkok Treaty",
    ),
    # UN bodies
    (
        "disarmament-commission",
        "en",
        "united-nations",
        "the discussions currently taking place in the Disarmament Commission on recommendations",
        "un-disarmament-commission",
        "Disarmament Commission",
    ),
    (
        "office-for-disarmament-affairs",
        "en",
        "united-nations",
        "the reporting template made available by the Office for Disarmament Affairs of the Secretariat",
        "unoda",
        "Office for Disarmament Affairs",
    ),
    (
        "icrc",
        "en",
        None,
        "to authorize the International Committee of the Red Cross to visit places of detention",
        "icrc",
        "International Committee of the Red Cross",
    ),
    (
        "deputy-sg-un",
        "en",
        "united-nations",
        "The Deputy Secretary-General made a statement.",
        "un-deputy-secretary-general",
        "The Deputy Secretary-General",
    ),
    # Council of Europe bodies
    (
        "bureau-consultative-assembly",
        "en",
        "council-of-europe",
        "drawn up by the Bureau of the Consultative Assembly of the Council of Europe",
        "coe-bureau-of-the-assembly",
        "Bureau of the Consultative Assembly of the Council of Europe",
    ),
    (
        "coe-deputy-sg",
        "en",
        "council-of-europe",
        "The Secretariat shall consist of a Secretary General, a Deputy Secretary General and such other staff",
        "coe-deputy-secretary-general",
        "Deputy Secretary General",
    ),
    # treaties
    (
        "geneva-convention-i",
        "en",
        "council-of-europe",
        "the violations specified in Article 50 of the 1949 Geneva Convention for the Amelioration of the Condition of "
        "the Wounded and Sick in Armed Forces in the Field",
        "geneva-convention-i",
        "Geneva Convention for the Amelioration of the Condition of the Wounded and Sick in Armed Forces in the Field",
    ),
    (
        "geneva-conventions-bare",
        "en",
        "council-of-europe",
        "which are not already provided for in the abovementioned provisions of the Geneva Conventions.",
        "geneva-conventions-1949",
        "Geneva Conventions",
    ),
    (
        "geneva-conventions-dated",
        "en",
        None,
        "the Geneva Conventions of 12 August 1949 and the Additional Protocol",
        "geneva-conventions-1949",
        "Geneva Conventions of 12 August 1949",
    ),
    (
        "ccw-short-title",
        "en",
        None,
        "the Convention on Prohibitions or Restrictions on the Use of Certain Conventional Weapons, 2 and welcoming",
        "ccw",
        "Convention on Prohibitions or Restrictions on the Use of Certain Conventional Weapons",
    ),
    (
        "hague-1907",
        "en",
        "united-nations",
        "by Article 44 of the Convention of The Hague of 1907 for the pacific settlement of international disputes",
        "hague-convention-pacific-settlement-1907",
        "Convention of The Hague of 1907 for the pacific settlement of international disputes",
    ),
    (
        "extradition-protocol",
        "en",
        "council-of-europe",
        "the Additional Protocol to the European Convention on Extradition",
        "extradition-additional-protocol",
        "Additional Protocol to the European Convention on Extradition",
    ),
    (
        "convention-named-in-protocol",
        "en",
        "council-of-europe",
        "the Additional Protocol to the European Convention on Extradition",
        "european-convention-on-extradition",
        "European Convention on Extradition",
    ),
    # French
    (
        "ccnr-fr",
        "fr",
        None,
        "seront soumises à la Commission Centrale pour la Navigation du Rhin.",
        "ccnr",
        "Commission Centrale pour la Navigation du Rhin",
    ),
    (
        "league-covenant-fr",
        "fr",
        None,
        "Conformément à l'article 23e) du Pacte de la Société des Nations, tout Etat",
        "covenant-of-the-league-of-nations",
        "Pacte de la Société des Nations",
    ),
    (
        "pcij-fr",
        "fr",
        None,
        "seront portés devant la Cour permanente de Justice internationale, à moins que",
        "pcij",
        "Cour permanente de Justice internationale",
    ),
    (
        "versailles-fr",
        "fr",
        None,
        "des dispositions du Traité de Paix, signé à Versailles le 28 juin 1919, ou des",
        "treaty-of-versailles",
        "Traité de Paix, signé à Versailles le 28 juin 1919",
    ),
    (
        "hcch-fr",
        "fr",
        None,
        "les Membres de la Conférence de La Haye de Droit International Privé",
        "hcch",
        "Conférence de La Haye de Droit International Privé",
    ),
    (
        "pca-fr",
        "fr",
        None,
        "conformément aux règles de la Cour Permanente d'Arbitrage",
        "permanent-court-of-arbitration",
        "Cour Permanente d'Arbitrage",
    ),
    (
        "refugees-geneva-fr",
        "fr",
        None,
        "au sens de la Convention de Genève du 28 juillet 1951 relative au statut des réfugiés",
        "refugee-convention",
        "Convention de Genève du 28 juillet 1951",
    ),
    (
        "apostrophe-fr",
        "fr",
        None,
        "la Convention de Vienne sur les relations diplomatiques et l’Acte final d’Helsinki",
        "helsinki-final-act",
        "Acte final d’Helsinki",
    ),
    # Russian (inflected)
    (
        "cfe-ru",
        "ru",
        None,
        "в соответствии с положениями Договора об обычных вооруженных силах в Европе",
        "cfe-treaty",
        "Договора об обычных вооруженных силах в Европе",
    ),
    (
        "helsinki-ru",
        "ru",
        None,
        "с учетом Хельсинкского заключительного акта",
        "helsinki-final-act",
        "Хельсинкского заключительного акта",
    ),
    (
        "npt-ru",
        "ru",
        None,
        "участники Договора о нераспространении ядерного оружия",
        "npt",
        "Договора о нераспространении ядерного оружия",
    ),
]


@pytest.mark.parametrize(("lang", "home", "text", "entity", "quote"), [r[1:] for r in FOUND], ids=[r[0] for r in FOUND])
def test_form_links_to_entry(matcher: Matcher, lang: str, home: str | None, text: str, entity: str, quote: str) -> None:
    found = matcher.find(text, lang, Context(home=home))
    assert any(m.entity == entity and m.quote == quote for m in found), [(m.quote, m.entity, m.how) for m in found]


# (id, language, home organisation, text, entity that must NOT be linked)
NOT_FOUND = [
    (
        "deputy-is-not-sg-un",
        "en",
        "united-nations",
        "The Deputy Secretary-General made a statement.",
        "un-secretary-general",
    ),
    (
        "assistant-is-not-sg",
        "en",
        "united-nations",
        "an Assistant Secretary-General for Human Rights",
        "un-secretary-general",
    ),
    (
        "deputy-is-not-sg-coe",
        "en",
        "council-of-europe",
        "a Deputy Secretary General and such other staff",
        "coe-secretary-general",
    ),
    (
        "deputy-is-not-sg-un-in-coe",
        "en",
        "council-of-europe",
        "a Deputy Secretary General and such other staff",
        "un-secretary-general",
    ),
    (
        "adjoint-is-not-sg-fr",
        "fr",
        "council-of-europe",
        "le Secrétaire Général adjoint présente le rapport",
        "coe-secretary-general",
    ),
    (
        "zamestitel-is-not-sg-ru",
        "ru",
        "council-of-europe",
        "заместитель Генерального секретаря выступил",
        "coe-secretary-general",
    ),
    (
        "sea-1958-is-not-1949",
        "en",
        None,
        "the Geneva Conventions on the Law of the Sea of 29 April 1958",
        "geneva-conventions-1949",
    ),
    (
        "revised-charter-is-not-1961",
        "en",
        "council-of-europe",
        "the European Social Charter (revised)",
        "european-social-charter",
    ),
    (
        "title-prefix-is-not-another-treaty",
        "en",
        "council-of-europe",
        "the Council of Europe Convention on Laundering, Search, Seizure and Confiscation of the Proceeds from Crime "
        "and on the Financing of Terrorism",
        "coe-laundering-convention-1990",
    ),
    (
        "bare-pacific-settlement-is-undated",
        "en",
        None,
        "the Convention for the Pacific Settlement of International Disputes",
        "hague-convention-pacific-settlement-1907",
    ),
]


@pytest.mark.parametrize(("lang", "home", "text", "entity"), [r[1:] for r in NOT_FOUND], ids=[r[0] for r in NOT_FOUND])
def test_form_does_not_link(matcher: Matcher, lang: str, home: str | None, text: str, entity: str) -> None:
    found = matcher.find(text, lang, Context(home=home))
    assert all(m.entity != entity for m in found), [(m.quote, m.entity, m.how) for m in found]


# (id, language, two spellings whose normal forms must be equal)
SAME = [
    ("hyphen-space", "en", "Secretary-General", "Secretary General"),
    ("nb-hyphen", "en", "Secretary\u2011General", "Secretary-General"),
    ("u2010-hyphen", "en", "Non\u2010Proliferation", "Non-Proliferation"),
    ("line-broken-compound", "en", "Nuclear- Weapon-Free", "Nuclear-Weapon-Free"),
    ("case", "en", "SECRETARY-GENERAL", "Secretary-General"),
    ("typographic-apostrophe", "en", "Children’s Fund", "Children's Fund"),
    ("modifier-apostrophe", "en", "Childrenʼs Fund", "Children's Fund"),
    ("soft-hyphen", "en", "Secre\u00adtariat", "Secretariat"),
    ("elision-typographic", "fr", "l’Assemblée", "l'Assemblée"),
    ("fr-hyphen-space", "fr", "Secrétaire-Général", "Secrétaire Général"),
    ("ru-hyphen", "ru", "ООН-Хабитат", "ООН Хабитат"),
]


@pytest.mark.parametrize(("lang", "a", "b"), [r[1:] for r in SAME], ids=[r[0] for r in SAME])
def test_spellings_normalise_alike(lang: str, a: str, b: str) -> None:
    def words(s: str) -> list[str]:
        return " ".join(t.norm for t in tokens(s, lang)).split()

    assert words(a) == words(b)
