"""Treaty layouts met in real texts (issue 15): roman article numbers with sections inside, French and OCR'd
Russian heading forms, annexed instruments that number their articles from 1 again, subheadings, database
status lines, and texts of no recognised kind. Rows are short excerpts of the real corpus."""

from __future__ import annotations

import pytest

from kg.model import SourceLine
from kg.structure.treaty import article_heading, parse_treaty_version


def lines_of(text: str, lang: str) -> tuple[list[SourceLine], str]:
    out, pos = [], 0
    for n, raw in enumerate(text.split("\n"), 1):
        stripped = raw.strip()
        start = pos + (len(raw) - len(raw.lstrip()))
        out.append(SourceLine(n, start, start + len(stripped), stripped, 0, pos, lang))
        pos += len(raw) + 1
    return out, text


def parse(text: str, lang: str = "en"):
    lines, src = lines_of(text, lang)
    return parse_treaty_version(lines, lang, src, "t.txt"), src


def eids(tv) -> list[str]:
    return [n.eid for r in tv.roots for n in r.walk() if n.kind not in ("recital", "preamble", "conclusions")]


@pytest.mark.parametrize(
    ("line", "lang", "number"),
    [
        ("Art 1er", "fr", "1er"),
        ("Art. 2", "fr", "2"),
        ("Article. 6", "fr", "6"),
        ("ARTICLE PREMIER", "fr", "PREMIER"),
        ("Article UNIQUE", "fr", "UNIQUE"),
        ("ARTICLE XVI", "fr", "XVI"),
        ("Article IV", "en", "IV"),
    ],
    ids=["art-1er-no-dot", "art-dot", "article-dot", "article-premier-caps", "article-unique", "roman-fr",
         "roman-en"],
)
def test_heading_forms(line: str, lang: str, number: str) -> None:
    m = article_heading(line, lang)
    assert m is not None and m.group("num") == number


LAYOUTS = [
    pytest.param(  # coe-articles-agreement-council-europe-development-bank: sections inside roman articles
        "Articles of Agreement of the Council of Europe Development Bank\n\nArticle I\n\nEstablishment of the Bank\n\n"
        "A Council of Europe Development Bank shall be established.\n\nArticle II\n\nObligations of Members\n\n"
        "Section 1 – Participating certificates\n\nThe Bank shall issue participating certificates.\n"
        "Section 2 – Apportionment\n\na.  The table appended lays down the apportionment.\n"
        "b.  The number of certificates shall be fixed.\n\nArticle III\n\nGoverning Board\n\nSection 1\n\n"
        "1.  The Governing Board shall\n\na.determine the conditions of membership;\n\nb.suspend a Member;\n",
        "en",
        ["art_I", "art_II", "art_II__sec_1", "art_II__sec_2", "art_II__sec_2__para_a", "art_II__sec_2__para_b",
         "art_III", "art_III__sec_1", "art_III__sec_1__para_1", "art_III__sec_1__para_1__para_a",
         "art_III__sec_1__para_1__para_b"],
        id="roman-articles-with-sections",
    ),
    pytest.param(  # un-convention-privileges-immunities: sections numbered through the text, several on a line
        "CONVENTION ON THE PRIVILEGES AND IMMUNITIES OF THE UNITED NATIONS\n\nArticle I\n\nJuridical personality.\n\n"
        "Section 1. The United Nations shall possess juridical personality.\n\nArticle II\n\n"
        "Property, funds and assets.\n\n"
        "Section 2. The United Nations shall enjoy immunity.  Section 3. The premises shall be inviolable.\n\n"
        "(a) exempt from all direct taxes;\n\n(b) exempt from customs duties on imports;\n\n"
        "(c) exempt from customs duties in respect of its publications.    Section 8. While the United Nations "
        "will not claim exemption from excise duties.\n\nFinal article\n\n"
        "Section 31. This convention is submitted to every Member of the United Nations for accession.\n",
        "en",
        ["art_I", "art_I__sec_1", "art_II", "art_II__sec_2", "art_II__sec_3", "art_II__sec_3__para_a",
         "art_II__sec_3__para_b", "art_II__sec_3__para_c",
         "art_II__sec_8", "art_final", "art_final__sec_31"],
        id="sections-through-the-text",
    ),
    pytest.param(  # coe-framework-convention-protection-national-minorities: a section above articles
        "Framework Convention for the Protection of National Minorities\n\nSECTION I\n\nArticle 1\n\n"
        "The protection of national minorities forms an integral part of human rights.\n\nSECTION II\n\n"
        "Article 2\n\nThe Parties undertake to guarantee equality before the law.\n",
        "en",
        ["sec_I", "art_1", "sec_II", "art_2"],
        id="section-above-articles",
    ),
    pytest.param(  # mlt-convention-statut-liberte-transit: a statute annexed after the final clauses
        "Convention sur la liberté du transit.\n\nArticle premier\n\nLes Hautes Parties contractantes déclarent "
        "accepter le Statut.\n\nArticle 2\n\nLa présente Convention sera ratifiée.\n\n"
        "En foi de quoi, les Plénipotentiaires susnommés ont signé la présente Convention.\n\n"
        "Statut sur la liberté du transit.\n\nArticle premier\n\nSeront considérés comme en transit les "
        "personnes.\n\nArticle 2\n\nSous réserve des autres stipulations du présent Statut, les mesures sont "
        "prises.\n",
        "fr",
        ["art_1", "art_2", "annex_1", "annex_1__art_1", "annex_1__art_2"],
        id="annexed-statute",
    ),
    pytest.param(  # mlt-constitution-union-postale-universelle: an agreement that numbers again with roman
        "Constitution de l'Union postale universelle\n\nArticle PREMIER\n\nLes pays forment une Union.\n\n"
        "Article 2\n\nSont pays membres les pays qui adhèrent.\n\nACCORD entre L'ORGANISATION DES NATIONS UNIES "
        "et L'UNION POSTALE UNIVERSELLE\n\nARTICLE I\n\nL'Organisation reconnaît l'Union.\n\nARTICLE II\n\n"
        "Représentation réciproque\n\nDes représentants seront invités.\n",
        "fr",
        ["art_1", "art_2", "annex_1", "annex_1__art_I", "annex_1__art_II"],
        id="annexed-agreement-roman",
    ),
    pytest.param(  # cis-agreement-establishing-1991 (OCR): "Статья Г." for I, "Статья Ш." for 11
        "Соглашение о создании Содружества Независимых Государств\n\nСтатья Г.\n\nВысокие Договаривающиеся "
        "Стороны образуют Содружество.\n\nСтатья 2.\n\nСтороны гарантируют равные права.\n\nСтатья Ш.\n\n"
        "Стороны обязуются.\n\nСтатья 4.\n\nНастоящее Соглашение вступает в силу.\n",
        "ru",
        ["art_1", "art_2", "art_3", "art_4"],
        id="ocr-garbled-numbers",
    ),
    pytest.param(  # mlt-accord-concernant-conditions-travail-bateliers-rhenans: a long title after the title's number
        "Accord concernant les conditions de travail des bateliers rhénans\n\nTITRE I\n\nArticle 1\n\n"
        "Le présent Accord s'applique à bord de tous les bateaux.\n\nTITRE II\n\n"
        "Durée du travail au port et sur les lieux de chargement et de déchargement des bateaux\n\nArticle 2\n\n"
        "1. Lorsqu'un bateau se trouve au port, la durée du travail est limitée.\n",
        "fr",
        ["part_I", "art_1", "part_II", "art_2", "art_2__para_1"],
        id="subheading-not-an-article",
    ),
    pytest.param(  # coe-protocol-no-3-european-outline-convention: database status lines
        "Protocol No. 3 to the European Outline Convention on Transfrontier Co-operation\n\n"
        "Treedt in werking op een nader te bepalen tijdstip\n\nPART I\n"
        "Treedt in werking op een nader te bepalen tijdstip\n\nArticle 1\n\nEuroregional co-operation groupings\n\n"
        "Treedt in werking op een nader te bepalen tijdstip\n\n1.  Territorial communities may set up a body.\n"
        "Vervallen per 01-09-1982\n",
        "en",
        ["part_I", "art_1", "art_1__para_1"],
        id="database-status-lines",
    ),
    pytest.param(  # cis-agreement-establishing-1991.md: Markdown heading marks
        "English text published by The European Commission for Democracy through Law (the Venice Commission)\n\n"
        "# AGREEMENT ESTABLISHING THE COMMONWEALTH OF INDEPENDENT STATES\n\nWe, the Republic of Belarus, have "
        "agreed as follows:\n\n## Article 1\n\nThe High Contracting Parties form the Commonwealth.\n\n"
        "## Article 2\n\nThe High Contracting Parties guarantee equal rights.\n",
        "en",
        ["art_1", "art_2"],
        id="markdown-headings",
    ),
    pytest.param(  # bil-convention-generale-entre-pays-bas-france-securite-sociale: worded paragraph labels
        "Article 3\n\nParagraphe 1er. Les travailleurs salariés sont soumis aux législations.\n"
        "Paragraphe 2. Le principe posé au paragraphe 1er du présent article comporte les exceptions suivantes:\n\n"
        "a)Les travailleurs salariés occupés dans un pays autre;\n\nb)Les personnes attachées;\n"
        "Paragraphe 3. Les ressortissants néerlandais sont soumis à la législation française.\n",
        "fr",
        ["art_3", "art_3__para_1", "art_3__para_2", "art_3__para_2__para_a", "art_3__para_2__para_b",
         "art_3__para_3"],
        id="paragraphe-1er",
    ),
    pytest.param(  # ciec texts: paragraph numbers glued to the capital that opens the sentence
        "Article 4\n\n1.Aucun empêchement au mariage ne peut être fondé sur la race.\n"
        "2.Le mariage ne peut être subordonné à une autorisation administrative.\n",
        "fr",
        ["art_4", "art_4__para_1", "art_4__para_2"],
        id="glued-paragraph-numbers",
    ),
]


@pytest.mark.parametrize(("text", "lang", "expected"), LAYOUTS)
def test_layouts(text: str, lang: str, expected: list[str]) -> None:
    tv, _ = parse(text, lang)
    assert eids(tv) == expected
    assert not [f for f in tv.findings if "repeats article" in f.message]


def test_annex_articles_are_articles_of_the_annex() -> None:
    tv, _ = parse(LAYOUTS[3].values[0], "fr")
    annex = next(r for r in tv.roots if r.kind == "annex")
    assert annex.heading == "Statut sur la liberté du transit."
    assert [c.number for c in annex.children if c.kind == "article"] == ["1", "2"]


def test_section_words_and_heading() -> None:
    tv, src = parse(LAYOUTS[1].values[0])
    sec = next(n for r in tv.roots for n in r.walk() if n.eid == "art_II__sec_3")
    assert src[sec.parts[0].own : sec.parts[0].end] == "The premises shall be inviolable."
    assert sec.heading is None
    bank, src = parse(LAYOUTS[0].values[0])
    sec = next(n for r in bank.roots for n in r.walk() if n.eid == "art_II__sec_1")
    assert sec.heading == "Participating certificates"


@pytest.mark.parametrize(
    ("text", "lang", "expected"),
    [
        pytest.param(  # ussr-statement-cfe-treaty-1990: roman-labelled paragraphs, "1." under III
            "ЗАЯВЛЕНИЕ ПРАВИТЕЛЬСТВА СОЮЗА СОВЕТСКИХ СОЦИАЛИСТИЧЕСКИХ РЕСПУБЛИК\n\n"
            "В целях содействия осуществлению Договора об обычных вооруженных силах в Европе заявляет следующее.\n\n"
            "I Союз Советских Социалистических Республик в пределах района применения Договора ограничит.\n\nIII\n\n"
            "1. Союз Советских Социалистических Республик сокращает вооружения.\n\n"
            "2. Такое дополнительное сокращение осуществляется путем уничтожения.\n\n"
            "IV Имеющиеся в наличии вооружения сокращаются.\n",
            "ru",
            ["para_1", "para_I", "para_III", "para_III__para_1", "para_III__para_2", "para_IV"],
            id="statement",
        ),
        pytest.param(  # ola-note-verbale-ukraine-2022-03-04 (OCR): wrapped lines, blank lines between paragraphs
            "The Office of Legal Affairs of the Secretariat of the United Nations presents its\n"
            "compliments to the Permanent Mission of Ukraine to the United Nations.\n\n"
            "The Office of Legal Affairs wishes to provide an update regarding the review of\n"
            "its relevant files that it has undertaken.\n",
            "en",
            ["para_1", "para_2"],
            id="note-verbale",
        ),
        pytest.param(  # eu-russia-pca-letter-of-russia: a letter that names an agreement is no treaty
            "B. Письмо России\n\nГосподин. Благодарю Вас за Ваше письмо от сего числа следующего содержания: "
            "\"Я ссылаюсь на Соглашение о партнерстве и сотрудничестве, подписанное сего числа\". Имею честь "
            "подтвердить, что мое Правительство согласно с содержанием Вашего письма.\n",
            "ru",
            ["para_1"],
            id="letter",
        ),
    ],
)
def test_text_of_no_recognised_kind(text: str, lang: str, expected: list[str]) -> None:
    tv, _ = parse(text, lang)
    assert eids(tv) == expected
    assert not any(n.kind == "article" for r in tv.roots for n in r.walk())
    assert all(r.parent is None for r in tv.roots)
    assert any("not recognised" in f.message for f in tv.findings)


def test_unnumbered_paragraphs_are_numbered_by_position() -> None:
    # mlt-convention-concernant-reconnaissance-personnalite-juridique: alinéas run together by the conversion
    text = ("Article 1\n\nLa personnalité juridique acquise par une société sera reconnue de plein droit dans tout "
            "autre Etat contractant, pourvu que la société y ait son siège statutaire.La personnalité juridique, "
            "acquise sans formalité d'enregistrement ou de publicité, sera reconnue de plein droit aux mêmes "
            "conditions.\n\nArticle 2\n\nToutefois, la personnalité, acquise conformément aux dispositions de "
            "l'article 1er, pourra ne pas être reconnue dans un autre Etat contractant dont la loi le prévoit.\n"
            "Les dispositions des alinéas 1 et 2 ne sont pas applicables, si la société a son siège statutaire dans "
            "un Etat qui prend en considération le siège statutaire.\n")
    tv, src = parse(text, "fr")
    assert eids(tv) == ["art_1", "art_1__para_1", "art_1__para_2", "art_2", "art_2__para_1", "art_2__para_2"]
    para = next(n for r in tv.roots for n in r.walk() if n.eid == "art_1__para_2")
    assert para.inferred and src[para.parts[0].own : para.parts[0].own + 20] == "La personnalité juri"


def test_no_positional_paragraphs_where_articles_were_inferred() -> None:
    # the seed Statute's layout: most headings missing, so a plain paragraph may be an article whose heading
    # was lost; nothing is split there
    text = "Article 1\n\nThe aim is unity.\n\nThis aim shall be pursued.\n\nArticle 3\n\nEvery Member accepts.\n"
    tv, _ = parse(text, "en")
    assert not [e for e in eids(tv) if "__para_" in e]



def test_a_scans_wrapped_preamble_is_a_preamble() -> None:
    # cis-agreement-establishing-1991.ocr.ru: the title, then a sentence wrapped over short lines
    text = ("СОГЛАШЕНИЕ\n\nо создании Содружества Независимых Государств\n\n"
            "Мы, Республика Беларусь, Российская Федерация (РСФСР), Украина,\n"
            "как государства - учредители Союза ССР, подписавшие Союзный Договор\n"
            "1922 года, далее именуемые Высокими Договаривающимися Сторонами,\n"
            "констатируем, что Союз ССР как субъект международного права и\n"
            "геополитическая реальность, прекращает свое существование.\n\n"
            "стремясь построить демократические правовые государства,\n\nсоглашаются о нижеследующем:\n\n"
            "Статья 1\n\nВысокие Договаривающиеся Стороны образуют Содружество Независимых Государств.\n")
    tv, src = parse(text, "ru")
    pre = next(r for r in tv.roots if r.kind == "preamble")
    recitals = [c for c in pre.children if c.kind == "recital"]
    assert len(recitals) == 5
    # "геополитическая реальность" continues the clause the line before left open
    assert src[recitals[2].parts[0].own : recitals[2].parts[0].end].startswith("констатируем")
    assert len(recitals[2].parts) == 2
    assert tv.title and "Содружества" in tv.title
