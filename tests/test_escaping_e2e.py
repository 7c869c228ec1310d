"""Escaping end to end (issue 9): words from a document's text, through the real pipeline, into every output.

A treaty whose title, an article heading and a provision's text hold ``<script>``, ``"onload=`` and
``</textarea>`` is built with ``treaty-kg build FILE --store DIR -o x.trig``; ``treaty-kg viz`` draws it (the
page must hold no markup from the document), ``treaty-kg stats`` and ``treaty-kg query --format ...`` print it
(CSV quoting, JSON escaping, one table row per line). Then file names and UN symbols that try to leave the
IRI base (``../../x``, ``%2F``, ``#``, ``?``, newlines, quotes, NFC and NFD spellings, very long names) are
minted through :mod:`kg.rdf.iri` and through a real build, whose every IRI must parse and stay under the base.

``tests/test_viz.py`` checks a hand-made hostile graph; this is the same promise kept through the extractors.
"""

from __future__ import annotations

import csv
import html
import io
import json
import os
import re
import subprocess
import sys
import unicodedata
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pyoxigraph as ox
import pytest

import kg.rdf.iri
from kg.cli import main
from kg.rdf.iri import KINDS, ResourceIRI, check_base, source_graph
from kg.rdf.namespace import PREFIXES

from .conftest import ROOT

BASE = "https://w3id.org/treaty-kg/id/"
TKG = "https://w3id.org/treaty-kg/ontology#"
RDF = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"

TITLE = ('AGREEMENT ON <script>window.pwned=1</script>, "onload="window.pwned=2 </textarea>'
         "<img src=x onerror=window.pwned=3>")
HEADING = 'Scope of <script>window.pwned=4</script> "onload=x </textarea>'
TEXT = ('The Committee of Ministers shall read </textarea><script>window.pwned=5</script> and "onload="window.pwned=6" '
        "in the Council of Europe, with\ta tab and \x1b[2J an escape.\nand a second line, \"quoted\".")
DOCUMENT = f"""{TITLE}

The Parties,
Have agreed as follows:

Article 1 - {HEADING}
{TEXT}

Article 2 - Other
1. See Article 1 of this Agreement.
"""
#: what must never appear in a page as it is: each would open an element or an attribute
RAW = ("<script>window.pwned", "</script><", "</textarea>", "<img src=x")


def cli(*args: str, cwd: Path = ROOT) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k != "TREATY_KG_STORE"}
    return subprocess.run([sys.executable, "-m", "kg.cli", *args], capture_output=True, text=True, cwd=cwd,
                          env=env, timeout=120)


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    """``treaty-kg ARGS`` in this process (the drawing libraries load once): exit status, stdout, stderr."""
    capsys.readouterr()
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


@dataclass
class Built:
    folder: Path
    store: Path
    trig: Path
    treaty: str  # the treaty's IRI


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Built:
    folder = tmp_path_factory.mktemp("escaping")
    (folder / "hostile.txt").write_text(DOCUMENT, encoding="utf-8")
    proc = cli("build", str(folder / "hostile.txt"), "--store", str(folder / "store"), "-o", str(folder / "x.trig"))
    assert proc.returncode == 0, proc.stderr
    db = ox.Store()
    db.bulk_load(path=str(folder / "x.trig"), format=ox.RdfFormat.TRIG)
    treaties = [s["t"].value for s in db.query(f"SELECT ?t WHERE {{ GRAPH ?g {{ ?t a <{TKG}Treaty> }} }}")]
    assert len(treaties) == 1
    return Built(folder, folder / "store", folder / "x.trig", treaties[0])


def test_the_pipeline_kept_every_hostile_word(built: Built) -> None:
    """Else the tests below would prove less than they say."""
    db = ox.Store()
    db.bulk_load(path=str(built.trig), format=ox.RdfFormat.TRIG)

    def values(prop: str) -> set[str]:
        return {s["v"].value for s in db.query(f"SELECT ?v WHERE {{ GRAPH ?g {{ ?s <{prop}> ?v }} }}")}

    assert TITLE in values("http://www.w3.org/2000/01/rdf-schema#label")
    assert HEADING in values(TKG + "heading")
    assert TEXT in values(TKG + "text")


# -- the page ---------------------------------------------------------------------------------------------------


class Tags(HTMLParser):
    """Every start tag of a piece of HTML, with its attributes."""

    def __init__(self, text: str) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.text: list[str] = []
        self.feed(text)
        self.close()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))

    def handle_data(self, data: str) -> None:
        self.text.append(data)


def page_data(page: str, name: str) -> list[dict[str, Any]]:
    m = re.search(rf"var {name} = (\[.*?\]);\n", page)
    assert m is not None, name
    data: list[dict[str, Any]] = json.loads(m.group(1))
    return data


VIEWS = {
    "bodies": [],
    "all": ["--view", "all"],
    "citations": ["--view", "citations", "--treaty", "agreement-on-script-window-pwned-1-script-onload-window-pwned-2"
                                                    "-textarea-img-src-x-onerror-window-pwned-3"],
    "focus-ru": ["--focus", "Council of Europe", "--depth", "2", "--lang", "ru"],
}


@pytest.mark.parametrize("source", ["store", "graph"])
@pytest.mark.parametrize("view", list(VIEWS))
def test_the_page_holds_no_markup_from_the_document(built: Built, tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                                    view: str, source: str) -> None:
    out = tmp_path / "page.html"
    where = ["--store", str(built.store)] if source == "store" else ["--graph", str(built.trig)]
    code, _, err = run(capsys, "viz", "-o", str(out), *VIEWS[view], *where)
    assert code == 0, err
    page = out.read_text(encoding="utf-8")
    for raw in RAW:
        assert raw not in page, raw
    # a quote that would end an attribute: inside the page's JSON it is \" and in its HTML &quot;
    assert not re.search(r'(?<!\\)"onload=', page)
    parsed = Tags(page)
    names = [t for t, _ in parsed.tags]
    assert names.count("script") == 2 and "textarea" not in names and "img" not in names
    assert not [(t, a) for t, a in parsed.tags if any(k.lower().startswith("on") for k in a)]
    # the tooltips become elements (innerHTML): each must be markup the page made, with the words as text
    nodes, edges = page_data(page, "rawNodes"), page_data(page, "rawEdges")
    treaty = next(n for n in nodes if n["id"] == built.treaty)
    for item in nodes + edges:
        tip = Tags(item["title"])
        assert {t for t, _ in tip.tags} <= {"div", "b", "i", "table", "tr", "th", "td", "ul", "li", "br", "span"}
        assert not [a for _, a in tip.tags if any(k.lower().startswith("on") for k in a)], item["title"]
    assert TITLE in "".join(Tags(treaty["title"]).text)  # the whole title, as text
    assert html.escape(TITLE, quote=True) in treaty["title"]
    assert TITLE.startswith(treaty["label"].rstrip("…"))  # the canvas label is the title (shortened), as data


def test_the_page_title_is_escaped(built: Built, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """The citations view names its treaty in the page's <title> and <h1>, where the template escapes it."""
    out = tmp_path / "page.html"
    assert run(capsys, "viz", "-o", str(out), *VIEWS["citations"], "--graph", str(built.trig))[0] == 0
    page = out.read_text(encoding="utf-8")
    assert "&lt;script&gt;window.pwned=1&lt;/script&gt;" in page
    parsed = Tags(page)
    assert TITLE in "".join(parsed.text)


@pytest.mark.parametrize("fmt", ["graphml", "gexf"])
def test_network_exports_are_well_formed_xml_holding_the_words(built: Built, tmp_path: Path,
                                                               capsys: pytest.CaptureFixture[str], fmt: str) -> None:
    out = tmp_path / f"net.{fmt}"
    assert run(capsys, "viz", "-o", str(out), "--view", "all", "--graph", str(built.trig))[0] == 0
    root = ET.parse(out).getroot()  # a stray "<" or "&" would not parse
    words = {el.text for el in root.iter() if el.text} | {v for el in root.iter() for v in el.attrib.values()}
    assert TITLE in words


# -- stats and query outputs --------------------------------------------------------------------------------------


def test_stats_in_every_format(built: Built, capsys: pytest.CaptureFixture[str]) -> None:
    table = run(capsys, "stats", "--store", str(built.store))
    as_json = run(capsys, "stats", "--format", "json", "--store", str(built.store))
    as_csv = run(capsys, "stats", "--format", "csv", "--store", str(built.store))
    assert table[0] == as_json[0] == as_csv[0] == 0
    doc = json.loads(as_json[1])
    cited = doc["most_cited_provisions"]
    assert cited and cited[0]["label"] == f"{TITLE}, Article 1"
    rows = list(csv.reader(io.StringIO(as_csv[1])))
    assert rows[0] == ["section", "rank", "iri", "label", "value"]
    assert all(len(r) == 5 for r in rows)
    assert ["most-cited", "1", cited[0]["iri"], f"{TITLE}, Article 1", "1"] in rows
    assert not re.search(r"[\x00-\x08\x0b-\x1f]", table[1])
    assert "<script>window.pwned=1</script>" in table[1]  # text, as it is: a terminal is not a browser


#: the provision text's tail: a tab, an escape sequence, a newline, quotes and commas
TAIL = "with\ta tab and \x1b[2J an escape.\nand a second line, \"quoted\"."


@pytest.mark.parametrize("fmt", ["table", "csv", "tsv", "json"])
def test_query_output_formats_keep_rows_whole(built: Built, capsys: pytest.CaptureFixture[str], fmt: str) -> None:
    sparql = ('SELECT ?name ?tail WHERE { ?t a tkg:Treaty ; rdfs:label ?name . ?p tkg:text ?text '
              'FILTER(CONTAINS(?text, "escape")) BIND(STRAFTER(?text, "Europe, ") AS ?tail) }')
    code, out, err = run(capsys, "query", "-e", sparql, "--format", fmt, "--store", str(built.store))
    assert code == 0, err
    if fmt == "json":
        cells = json.loads(out)["results"]["bindings"]
        assert [(c["name"]["value"], c["tail"]["value"]) for c in cells] == [(TITLE, TAIL)]
    elif fmt == "csv":
        assert list(csv.reader(io.StringIO(out))) == [["name", "tail"], [TITLE, TAIL]]
    elif fmt == "tsv":
        lines = out.splitlines()
        assert len(lines) == 2 and [line.count("\t") for line in lines] == [1, 1]
        # each cell is an RDF term in Turtle syntax (SPARQL 1.1 TSV): it reads back as the very literal
        name, tail = (next(iter(ox.parse(f"<urn:s> <urn:p> {cell} .".encode(), format=ox.RdfFormat.TURTLE)))
                      .object.value for cell in lines[1].split("\t"))
        assert (name, tail) == (TITLE, TAIL)
    else:
        lines = out.splitlines()
        assert len(lines) == 4 and lines[-1] == "(1 row)"  # header, rule, one row, count
        assert not re.search(r"[\x00-\x1f\x7f]", out.replace("\n", ""))  # no tab, CR or escape sequence


def test_query_by_hostile_name_in_every_format(built: Built, capsys: pytest.CaptureFixture[str]) -> None:
    for fmt in ("json", "csv", "table"):
        code, out, err = run(capsys, "query", "entities-by-name", "--param", f"name={TITLE}", "--format", fmt,
                             "--store", str(built.store))
        assert code == 0, err
        if fmt == "json":
            rows = json.loads(out)["results"]["bindings"]
            assert {(r["entity"]["value"], r["matched"]["value"]) for r in rows} == {(built.treaty, TITLE)}
        elif fmt == "csv":
            rows = list(csv.reader(io.StringIO(out)))
            assert rows[1][:2] == [TITLE, built.treaty] and all(len(r) == 4 for r in rows)
        else:
            assert out.splitlines()[-1] == "(1 row)"


# -- IRIs from names that try to leave the base -------------------------------------------------------------------

NFC = unicodedata.normalize("NFC", "Договор й.txt")
NFD = unicodedata.normalize("NFD", "Договор й.txt")
NAMES = {
    "space": "a b.txt",
    "slash-climb": "../../x.txt",
    "slashes": "a/b/../../../c",
    "encoded-slash": "..%2F..%2Fx.txt",
    "encoded-dots": "%2E%2E",
    "dots": "..",
    "dot": ".",
    "three-dots": "...",
    "quotes": "q'uo\"te <x> {y} |z| ^`\\",
    "hash-question": "a#b?c=d&e",
    "newline": "new\nline\r\t.txt",
    "cyrillic": "Устав Совета Европы.txt",
    "nfc": NFC,
    "nfd": NFD,
    "combining-only": "\u0301\u0306",
    "long": "L" * 5000,
    "long-cyrillic": "Ж" * 2000,
    "un-climb": "A/../../../etc",
    "absolute-url": "http://evil.example/x",
    "percent": "100%",
    "nul-and-controls": "a\x00b\x7fc\u2028d",
    "treaty-key-hash": "coe-statute#art_1",
}


def test_iri_module_doctests() -> None:
    import doctest

    result = doctest.testmod(kg.rdf.iri)
    assert result.failed == 0 and result.attempted > 0


def dot_segments(path: str) -> bool:
    return any(seg in (".", "..") for seg in path.split("/"))


def assert_under_base(iri: str, kind: str) -> None:
    ox.NamedNode(iri)  # Oxigraph's IRI parser: raises on anything that is not an absolute IRI
    assert iri.startswith(BASE + kind + "/"), iri
    rest = iri[len(BASE):]
    assert not set(rest) & set("#? \"<>{}|\\^`\n\r\t"), iri
    assert not dot_segments(rest), iri
    assert re.fullmatch(r"[\x21-\x7e]+", rest), iri  # ASCII only: everything else is a %XX escape


@pytest.mark.parametrize("kind", ["treaty", "doc", "entity", "org", "source"])
@pytest.mark.parametrize("name", list(NAMES.values()), ids=list(NAMES))
def test_minted_iris_stay_under_the_base_and_parse_back(kind: str, name: str) -> None:
    iri = source_graph(name) if kind == "source" else ResourceIRI(kind, name).to_iri()
    assert_under_base(str(iri), kind)
    assert ResourceIRI.parse(str(iri)).key == name
    kg.rdf.iri._mint.cache_clear()
    kg.rdf.iri._mint_ref.cache_clear()
    again = source_graph(name) if kind == "source" else ResourceIRI(kind, name).to_iri()
    assert again == iri  # deterministic, not an artefact of the cache


def test_nfc_and_nfd_spellings_give_distinct_deterministic_iris() -> None:
    """The documented choice (module docstring of kg.rdf.iri): a name is used code point for code point."""
    assert NFC != NFD and unicodedata.normalize("NFC", NFD) == NFC
    assert "NFC" in (kg.rdf.iri.__doc__ or "") and "NFD" in (kg.rdf.iri.__doc__ or "")
    for kind in ("treaty", "doc", "source"):
        a = str(source_graph(NFC)) if kind == "source" else str(ResourceIRI(kind, NFC))
        b = str(source_graph(NFD)) if kind == "source" else str(ResourceIRI(kind, NFD))
        assert a != b
        assert ResourceIRI.parse(a).key == NFC and ResourceIRI.parse(b).key == NFD
    # a title spelt either way is one treaty: keys made from titles are ASCII slugs
    from kg.structure import slug

    assert slug(unicodedata.normalize("NFC", "Convention sur la Sécurité")) == \
        slug(unicodedata.normalize("NFD", "Convention sur la Sécurité")) == "convention-sur-la-securite"


@pytest.mark.parametrize("base", ["https://example.org/kg#/", "https://example.org/kg?x=/", "https://example.org/a b/",
                                  "https://example.org/kg", "ftp://example.org/", "https://example.org/\n/",
                                  "https://example.org/kg/\n"])
def test_a_base_that_would_break_every_iri_is_refused(base: str) -> None:
    with pytest.raises(ValueError):
        check_base(base)


# -- a real build with such file names and symbols ------------------------------------------------------------------

TREATY_FORM = ROOT / "tests" / "data" / "forms" / "echr_style.txt"
RESOLUTION_FORM = ROOT / "tests" / "data" / "forms" / "resolution_subparagraphs.txt"
#: file names the file system allows (no "/" or NUL), each holding a small treaty
FILE_NAMES = ["a b.txt", "..%2F..%2Fx.txt", "%2E%2E.txt", "...txt", "..txt", "q'uo\"te <x>.txt", "a#b?c.txt",
              "new\nline.txt", "tab\there.txt", "Устав Совета.txt", NFC, NFD, "L" * 250 + ".txt",
              "Ж" * 120 + ".txt"]
#: UN symbols a document's print tags may claim (the ODS DOC SYMBOL field takes any text)
SYMBOLS = ["A/../../../etc", "A/RES/1 #x?y>z", "A/./RES/../x", "../../x", "http://evil.example/x", "A/RES/%2F..%2F/x"]


@dataclass
class NameBuild:
    quads: list[ox.Quad]
    names: list[str]


def build_names(folder: Path) -> NameBuild:
    folder.mkdir()
    treaty = TREATY_FORM.read_text(encoding="utf-8")
    names = []
    for i, name in enumerate(FILE_NAMES):
        (folder / name).write_text(treaty.replace("FOR THE PROTECTION", f"NUMBER {i} FOR THE PROTECTION"),
                                   encoding="utf-8")
        names.append(name)
    resolution = RESOLUTION_FORM.read_text(encoding="utf-8")
    for i, symbol in enumerate(SYMBOLS):
        name = f"res{i}.txt"
        (folder / name).write_text(f"<<ODS DOC SYMBOL1>>{symbol}<<ODS DOC SYMBOL1>>\n"
                                   + resolution.replace("67/999", f"67/99{i}"), encoding="utf-8")
        names.append(name)
    out = folder.parent / f"{folder.name}.nq"
    proc = cli("build", *(str(folder / n) for n in names), "--no-store", "-o", str(out), "-q", "-j", "1")
    assert proc.returncode == 0, proc.stderr
    return NameBuild(list(ox.parse(path=str(out), format=ox.RdfFormat.N_QUADS)), names)  # raises on a bad IRI


@pytest.fixture(scope="module")
def names_built(tmp_path_factory: pytest.TempPathFactory) -> tuple[NameBuild, NameBuild]:
    tmp = tmp_path_factory.mktemp("names")
    return build_names(tmp / "one"), build_names(tmp / "two")


def iris(quads: list[ox.Quad]) -> set[str]:
    return {t.value for q in quads for t in (q.subject, q.predicate, q.object, q.graph_name)
            if isinstance(t, ox.NamedNode)}


VOCABULARIES = (*PREFIXES.values(), RDF)


def test_every_iri_of_a_hostile_build_parses_and_stays_under_the_base(names_built: tuple[NameBuild, NameBuild]) -> None:
    built = names_built[0]
    assert built.quads
    for iri in iris(built.quads):
        if iri.startswith(BASE):
            kind = iri[len(BASE):].split("/", 1)[0]
            assert kind in KINDS, iri
            body, _, fragment = iri.partition("#")
            if fragment:  # only an annotation has parts, and only these
                assert kind == "annotation" and fragment in ("target", "quote", "position"), iri
            assert_under_base(body, kind)
        else:
            assert iri.startswith(VOCABULARIES), iri


def test_each_file_has_its_own_graph_named_by_its_exact_name(names_built: tuple[NameBuild, NameBuild]) -> None:
    built = names_built[0]
    graphs = {q.graph_name.value for q in built.quads if isinstance(q.graph_name, ox.NamedNode)}
    assert graphs == {str(source_graph(n)) for n in built.names} | {BASE + "source/registry"}
    assert {ResourceIRI.parse(g).key for g in graphs} == {*built.names, "registry"}
    assert str(source_graph(NFC)) in graphs and str(source_graph(NFD)) in graphs  # two files, two graphs


def test_symbols_that_climb_stay_documents_under_the_base(names_built: tuple[NameBuild, NameBuild]) -> None:
    found = iris(names_built[0].quads)
    for symbol in SYMBOLS:
        iri = str(ResourceIRI("doc", symbol))
        assert iri in found, symbol
        assert ResourceIRI.parse(iri).key == symbol


def test_the_same_files_give_the_same_iris(names_built: tuple[NameBuild, NameBuild]) -> None:
    one, two = names_built
    assert iris(one.quads) == iris(two.quads)


# -- known collisions (not in the modules these tests may fix: see the report of issue 9) ------------------------


def test_a_file_named_registry_does_not_write_into_the_registry_graph(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "registry").write_text(TREATY_FORM.read_text(encoding="utf-8"), encoding="utf-8")
    (folder / "other.txt").write_text(TREATY_FORM.read_text(encoding="utf-8").replace("FOR THE", "ON THE"),
                                      encoding="utf-8")
    out = tmp_path / "o.nq"
    proc = cli("build", str(folder / "registry"), str(folder / "other.txt"), "--no-store", "-o", str(out), "-q",
               "-j", "1")
    assert proc.returncode == 0, proc.stderr
    quads = list(ox.parse(path=str(out), format=ox.RdfFormat.N_QUADS))
    graphs = {q.graph_name.value for q in quads if isinstance(q.graph_name, ox.NamedNode)}
    assert len(graphs) == 3  # the two files and the registry


def test_two_treaties_with_russian_titles_get_two_iris(tmp_path: Path) -> None:
    form = (ROOT / "tests" / "data" / "forms" / "ru_cyrillic_letters.txt").read_text(encoding="utf-8")
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a.txt").write_text(form, encoding="utf-8")
    first, rest = form.split("\n", 1)
    (folder / "b.txt").write_text("ДОГОВОР О ДРУГОМ\n" + rest, encoding="utf-8")
    out = tmp_path / "o.nq"
    assert cli("build", str(folder), "--no-store", "-o", str(out), "-q", "-j", "1").returncode == 0
    db = ox.Store()
    db.bulk_load(path=str(out), format=ox.RdfFormat.N_QUADS)
    treaties = {s["t"].value for s in db.query(f"SELECT DISTINCT ?t WHERE {{ GRAPH ?g {{ ?t a <{TKG}Treaty> }} }}")}
    assert len(treaties) == 2, treaties
