"""UN document symbols in the forms real texts print them (issue 16), read by kg/entities/documents.py.

Each row is a short excerpt of a text in ../shared/corpus-real (the file named in the comment; a few
rows are the forms the issue names), with the canonical symbols it must give, in text order. Symbols
are canonical: Latin letters, ``-`` for any hyphen, no space around a slash, a part letter glued to
the number (``A/RES/45/55B``), a Roman session glued (``A/RES/2200A(XXI)``), a Security Council year
after one space (``S/RES/1325 (2000)``), a part or volume of a report after one space
(``NPT/CONF.1995/32 (Part I)``).
"""

from __future__ import annotations

import pytest

from kg.entities.documents import find_document_refs

Case = tuple[str, str, str | None, list[str]]

CASES: list[Case] = [
    # --- lists of resolution numbers, with dates and part letters (a-res-80-20, a-res-80-66) -------------
    ("list-runs-on-with-dates",
     "Recalling its resolutions 69/32 of 2 December 2014, 70/27 of 7 December 2015,\n71/32 of 5 December "
     "2016, 78/21 of 4 December 2023 and 79/20 of 2 December 2024, and its resolutions 45/55 B of "
     "4 December 1990 and 48/74 B of 16 December 1993, which, inter alia,",
     "A/RES/", ["A/RES/69/32", "A/RES/70/27", "A/RES/71/32", "A/RES/78/21", "A/RES/79/20", "A/RES/45/55B",
                "A/RES/48/74B"]),
    ("part-letters-in-a-list",
     "Recalling its resolutions 47/54 A of 9 December 1992, 47/54 G of 8 April 1993,\n48/77 A of "
     "16 December 1993, 57/95 of 22 November 2002,",
     "A/RES/", ["A/RES/47/54A", "A/RES/47/54G", "A/RES/48/77A", "A/RES/57/95"]),
    ("part-letter-before-a-date",
     "and with paragraph 3 of Assembly resolution 37/78 H of 9 December 1982, and to that end",
     "A/RES/", ["A/RES/37/78H"]),
    ("two-part-letters", "36/87 A and B of 9 December 1981", None, []),
    ("two-part-letters-after-the-word", "Recalling its resolutions 36/87 A and B of 9 December 1981, 37/75 of",
     "A/RES/", ["A/RES/36/87A", "A/RES/36/87B", "A/RES/37/75"]),
    # --- decisions (a-res-80-16, a-res-80-66, a-res-80-4, a-res-80-20) --------------------------------
    ("decisions-list",
     "Recalling also its decisions 77/512 of 7 December 2022 and 78/541 of 22 December 2023, as well",
     "A/RES/", ["A/DEC/77/512", "A/DEC/78/541"]),
    ("decisions-with-part-letters",
     "and its decisions 74/511 of 12 December 2019, 74/546 of 2 April 2020, 75/519 A of 7 December 2020, "
     "75/519 B of 25 March 2021 and 76/518 of 6 December 2021,",
     "A/RES/", ["A/DEC/74/511", "A/DEC/74/546", "A/DEC/75/519A", "A/DEC/75/519B", "A/DEC/76/518"]),
    ("decision-after-a-resolution-list",
     "78/7 of 2 November 2023 and 79/7 of 30 October 2024 and its \ndecision 76/563 of 11 May 2022,",
     "A/RES/", ["A/DEC/76/563"]),
    ("assembly-decision", "Assembly decision 52/492 of 8 September 1998 concerning the efficient functioning",
     "A/RES/", ["A/DEC/52/492"]),
    ("decision-of-no-known-series-dropped", "decision 52/492", None, []),
    ("unfccc-decision-is-not-a-number", "FCCC/CP/2015/10/Add.1, decision 1/CP.21.",
     "A/RES/", ["FCCC/CP/2015/10/Add.1"]),
    ("security-council-has-no-decision-series", "Security Council decision 12/3", "A/RES/", []),
    # --- Roman sessions (a-res-68-262, a-res-80-10, a-res-80-7, mlt-constitution-union-postale) ------
    ("roman-session", "as restated in its resolution 2625 (XXV) of 24 October 1970,", "A/RES/",
     ["A/RES/2625(XXV)"]),
    ("roman-session-with-part-in-footnote", "[^1]: See resolution 2200 A (XXI), annex.", "A/RES/",
     ["A/RES/2200A(XXI)"]),
    ("roman-session-body-before", "with General Assembly resolution 1514 (XV) and other relevant", None,
     ["A/RES/1514(XV)"]),
    ("roman-session-agreement", "Assembly in the annex to its resolution 1145 (XII) of 14 November", "A/RES/",
     ["A/RES/1145(XII)"]),
    ("roman-session-french-number-sign",
     "Considérant les résolutions N° 1904 (XVIII) du 20 novembre 1963 et N° 1905 (XVIII) du 21 novembre 1963 "
     "de l'Assemblée générale des Nations Unies,",
     None, ["A/RES/1904(XVIII)", "A/RES/1905(XVIII)"]),
    ("roman-session-french-adopted-by",
     "Considérant que, par la résolution 136 (VI) adoptée le 25 février 1948 par le Conseil économique et "
     "social, le Secrétaire général", None, ["E/RES/136(VI)"]),
    ("roman-session-ecosoc-part", "set forth in Annex I of Resolution 222 A (IX) of the Economic and Social "
     "Council", None, ["E/RES/222A(IX)"]),
    ("roman-session-no-body-in-a-treaty", "by resolution 843 (IX) of 17 December 1954", None, []),
    ("cyrillic-part-letter", "resolution 2200 \u0410 (XXI)", "A/RES/", ["A/RES/2200A(XXI)"]),
    # --- Security Council ------------------------------------------------------------------------------
    ("security-council-year", "of Security Council resolution 1325 (2000) on 31 October 2000", "A/RES/",
     ["S/RES/1325 (2000)"]),
    ("security-council-list", "Security Council resolutions 1325 (2000) and 1820 (2008)", "A/RES/",
     ["S/RES/1325 (2000)", "S/RES/1820 (2008)"]),
    ("two-bodies-one-sentence", "resolution 60/180 and Security Council resolution 1645 (2005),", "A/RES/",
     ["A/RES/60/180", "S/RES/1645 (2005)"]),
    ("security-council-printed", "S/RES/2231(2015)", None, ["S/RES/2231 (2015)"]),
    # --- special and emergency sessions, hyphens (a-res-80-66, a-res-es-11-*) -------------------------
    ("special-session-non-breaking-hyphen", "[^3]: Resolution S\u201110/2.", "A/RES/", ["A/RES/S-10/2"]),
    ("emergency-session-printed-non-breaking-hyphen", "A/RES/ES\u201111/1", None, ["A/RES/ES-11/1"]),
    ("items-with-their-titles",
     "Recalling its resolutions 68/262 of 27 March 2014, entitled \u201cTerritorial integrity of Ukraine\u201d, "
     "ES-11/1 of 2 March 2022, entitled \u201cAggression against Ukraine\u201d, and\nES-11/2 of 24 March 2022, "
     "entitled \u201cHumanitarian consequences\u201d",
     "A/RES/", ["A/RES/68/262", "A/RES/ES-11/1", "A/RES/ES-11/2"]),
    ("human-rights-council", "Taking note of Human Rights Council resolution 49/1 of 4 March 2022, in", "A/RES/",
     ["A/HRC/RES/49/1"]),
    # --- printed symbols as PDF text splits them ------------------------------------------------------
    ("space-after-slash", "A/RES/ES-11/ 4\n\nUnited Nations", None, ["A/RES/ES-11/4"]),
    ("space-before-addendum", "[without reference to a Main Committee (A/ES-11/L.2 and A/ES-11/L.2 /Add.1)]",
     None, ["A/ES-11/L.2", "A/ES-11/L.2/Add.1"]),
    ("report-with-paragraph", "[on the report of the First Committee (A/80/534, para. 7)]", None, ["A/80/534"]),
    ("draft", "[without reference to a Main Committee (A/80/L.11)]", None, ["A/80/L.11"]),
    ("joint-symbol", "2 A/79/552-S/2024/767.", None, ["A/79/552", "S/2024/767"]),
    ("cyrillic-series-letter", "? \u0410/8275. \u0422\u0435\u043a\u0441\u0442 \u044d\u0442\u043e\u0433\u043e",
     None, ["A/8275"]),
    ("cyrillic-abbreviation-is-not-a-symbol", "\u0421\u0421\u0421\u0420/1991", None, []),
    # --- other series (a-res-80-20, a-res-80-24, a-res-80-7, a-res-80-9, a-res-80-3) ------------------
    ("conference-on-disarmament", "[^2]: See CD/1839.", None, ["CD/1839"]),
    ("working-paper-revision", "[^6]: A/AC.297/2025/CRP.2/Rev.5.", None, ["A/AC.297/2025/CRP.2/Rev.5"]),
    ("treaty-body", "11 CEDAW/C/GC/38.", None, ["CEDAW/C/GC/38"]),
    ("unfccc", "7 Adopted under the UNFCCC in FCCC/CP/2015/10/Add.1, decision 1/CP.21.", None,
     ["FCCC/CP/2015/10/Add.1"]),
    ("report-part", "Final Document, Part I (NPT/CONF.1995/32 (Part I) and\nNPT/CONF.1995/32 (Part I)/Corr.2), annex.",
     None, ["NPT/CONF.1995/32 (Part I)", "NPT/CONF.1995/32 (Part I)/Corr.2"]),
    ("report-parts", "Final Document, vol. I (NPT/CONF.2000/28 (Parts I and II)), part I,", None,
     ["NPT/CONF.2000/28 (Parts I and II)"]),
    ("report-volume-on-next-line", "(NPT/CONF.2010/50 (Vol. I), NPT/CONF.2010/50\n (Vol. II) and", None,
     ["NPT/CONF.2010/50 (Vol. I)", "NPT/CONF.2010/50 (Vol. II)"]),
    ("supplement-parts", "Supplement No. 12 (A/73/12 \n(Part I) and A/73/12 (Part II)), part II.", None,
     ["A/73/12 (Part I)", "A/73/12 (Part II)"]),
    ("iaea-general-conference", "GC(69)/RES/16, entitled \u201cPersonnel\u201d, comprising GC(69)/RES/16 A, "
     "entitled", None, ["GC(69)/RES/16", "GC(69)/RES/16A"]),
    ("iaea-numbered-part", "comprising GC(69)/RES/9 A.2, entitled", None, ["GC(69)/RES/9A.2"]),
    ("iaea-decision-year", "(GC(69)/RES/DEC(2025))", None, ["GC(69)/RES/DEC(2025)"]),
    ("council-of-europe-recommendation", "and CM/Rec(2011)10 on promotion of", None, ["CM/Rec(2011)10"]),
]


@pytest.mark.parametrize(("text", "series", "expected"), [c[1:] for c in CASES], ids=[c[0] for c in CASES])
def test_symbol_forms(text: str, series: str | None, expected: list[str]) -> None:
    found = find_document_refs(text, resolution_series=series)
    for r in found:
        assert text[r.start : r.end] == r.quote
    assert [s for r in found for s in r.symbols] == expected
