"""Short titles and full titles of other texts after a reference, resolved from the citing document's own
title, its earlier full mentions and the bodies it names (kg/references/resolve.py: ShortTitles); a
finding, never a guess, when two candidates fit or none. Rows are excerpts of real corpus sentences."""

from __future__ import annotations

from pathlib import Path

import pytest

from kg.pipeline import build

ROWS = [
    # (id, file text, expected (quote, target, eid) citations to other texts, expected finding fragment)
    ("protocol-title-convention",
     "Additional Protocol to the European Convention on Extradition\n\nHave agreed as follows:\n\nArticle 1\n\n"
     "For the application of Article 3 of the Convention, political offences shall not be considered to "
     "include the following.\n\nArticle 2\n\nThis Protocol shall be open for signature.\n",
     {("Article 3", "european-convention-on-extradition", "art_3")}, None),
    ("full-title-with-year",
     "Additional Protocol to the European Convention on Extradition\n\nArticle 1\n\nthe violations specified in "
     "Article 50 of the 1949 Geneva Convention for the Amelioration of the Condition of the Wounded and Sick in "
     "Armed Forces in the Field.\n\nArticle 2\n\nThis Protocol shall be open for signature.\n",
     {("Article 50", "geneva-convention-i", "art_50")}, None),
    ("the-same-convention",
     "European Convention for the prevention of torture and inhuman or degrading treatment or punishment\n\n"
     "The member States of the Council of Europe, Having regard to the provisions of the Convention for the "
     "Protection of Human Rights and Fundamental Freedoms; Recalling that, under Article 3 of the same "
     "Convention, \"no one shall be subjected to torture\";\n\nArticle 1\n\nThere shall be established a "
     "Committee.\n",
     {("Article 3", "echr", "art_3")}, None),
    ("charter-in-un-resolution",
     "Restoration of the lawful rights of the People's Republic of China in the United Nations\n\n"
     "The General Assembly,\n\n1. Decides that any proposal in the General Assembly which would result in "
     "depriving the Republic of China of representation in the United Nations is an important question under "
     "Article 18 of the Charter.\n",
     {("Article 18", "un-charter", "art_18")}, None),
    ("ru-roman-article-of-treaty",
     "ЗАЯВЛЕНИЕ ПРАВИТЕЛЬСТВА\n\nВ целях содействия осуществлению Договора об обычных вооруженных силах в "
     "Европе от 19 ноября 1990 г. Правительство заявляет следующее.\n\nI Правительство имеет 7150 единиц в "
     "пределах района, указанного в пункте 3 статьи IV Договора.\n",
     {("пункте 3 статьи IV", "cfe-treaty", "art_IV__para_3")}, None),
    ("french-title-as-printed-in-the-upu-texts",
     "Accord additionnel\n\nArticle I\n\nLe Secrétaire général des Nations Unies est prié d'étendre le "
     "bénéfice des dispositions de l'Article VII de la Convention sur les Privilèges et Immunités de "
     "l'Organisation des Nations Unies, et de soumettre cet accord.\n\nArticle II\n\nLe présent accord "
     "entre en vigueur.\n",
     {("Article VII", "convention-privileges-immunities-un", "art_VII")}, None),
    ("unknown-title-is-no-short-title",
     "Accord additionnel\n\nArticle I\n\nLes Parties appliquent les dispositions de l'Article VII de la "
     "Convention sur les Privilèges et Immunités de la Commission des Pêcheries du Lac Léman, et soumettent "
     "cet accord.\n\nArticle II\n\nLe présent accord entre en vigueur.\n",
     set(), "names another text: Convention sur"),
    ("statute-of-the-court-named-before",
     "Convention on the Privileges and Immunities of the United Nations\n\nArticle VIII\n\nSection 30. All "
     "differences arising out of the interpretation of the present convention shall be referred to the "
     "International Court of Justice. If a difference arises, a request shall be made for an advisory opinion "
     "in accordance with Article 96 of the Charter and Article 65 of the Statute of the Court. The opinion "
     "given by the Court shall be accepted as decisive.\n",
     {("Article 96", "un-charter", "art_96"), ("Article 65", "icj-statute", "art_65")}, None),
    ("hague-conventions-told-apart-by-date",
     "Traité général d'arbitrage\n\nArticle 3\n\nLa commission est composée de membres désignés de la "
     "manière prévue à l'article 45, alinéa 3 et 4 de la Convention de La Haye du 18 Octobre 1907.\n\n"
     "Article 5\n\nUne demande de révision sera admise conformément aux dispositions de l'article 55, alinéa 2, "
     "de la Convention de La Haye pour le règlement pacifique des conflits internationaux de 1899, reproduites "
     "à l'article 83, alinéa 2, de la même Convention du 18 octobre 1907, dans le délai fixé.\n",
     {("article 45, alinéa 3 et 4", "hague-convention-pacific-settlement-1907", "art_45__para_3"),
      ("article 45, alinéa 3 et 4", "hague-convention-pacific-settlement-1907", "art_45__para_4"),
      ("article 55, alinéa 2", "hague-convention-pacific-settlement-1899", "art_55__para_2"),
      ("article 83, alinéa 2", "hague-convention-pacific-settlement-1907", "art_83__para_2")}, None),
    ("glued-letter-read-by-the-bracketed-one",
     "Convention et Statut sur la liberté du transit\n\nréaliser les intentions de l'article 23e du Pacte de "
     "la Société des Nations,\n\nArticle 12\n\nen conformité de l'article 23e) du Pacte de la Société des "
     "Nations.\n",
     {("article 23e", "covenant-of-the-league-of-nations", "art_23__para_e"),
      ("article 23e)", "covenant-of-the-league-of-nations", "art_23__para_e")}, None),
    ("glued-letter-alone-is-a-finding",
     "Convention et Statut sur la liberté du transit\n\nréaliser les intentions de l'article 23e du Pacte de "
     "la Société des Nations,\n\nArticle 1\n\nLe transit est libre.\n",
     {("article 23e", "covenant-of-the-league-of-nations", "art_23")}, "two readings"),
]


@pytest.mark.parametrize(("text", "cites", "finding"), [r[1:] for r in ROWS], ids=[r[0] for r in ROWS])
def test_short_titles(tmp_path: Path, text: str, cites: set[tuple[str, str, str]], finding: str | None) -> None:
    f = tmp_path / "doc.txt"
    f.write_text(text, encoding="utf-8")
    result = build([f])
    doc = result.documents[0]
    refs = result.references[doc.source.name]
    got = {(c.quote, c.target, c.target_eid) for c in refs.citations if c.target != doc.key}
    assert got == cites
    if finding is not None:
        assert any(finding in u.reason for u in refs.unresolved), [u.reason for u in refs.unresolved]
