"""The pictures and numbers of the graph (issue 6), without a browser: projection, page, exports, figures, stats.

The seed corpus is built once for the module, through the command line, into a TriG file and a store; counts
are checked against SPARQL over the same graph and against the query library's expected results.
"""

from __future__ import annotations

import csv
import doctest
import importlib
import io
import json
import re
import subprocess
import sys
import xml.etree.ElementTree as ET
from html.parser import HTMLParser
from pathlib import Path

import networkx as nx
import pyoxigraph as ox
import pytest

from kg.cli import main
from kg.query import parse_query, run_store
from kg.viz.figure import figure_bytes
from kg.viz.network import network_bytes
from kg.viz.page import render_page, script_json, tooltip
from kg.viz.projection import ProjectionError, View, project, read
from kg.viz.source import from_file
from kg.viz.stats import statistics

from .conftest import CORPUS, ROOT

HOSTILE = ROOT / "tests" / "data" / "viz" / "hostile.ttl"
ID = "https://w3id.org/treaty-kg/id/"
STATUTE = ID + "treaty/coe-statute"
COE = ID + "org/council-of-europe"
RESOLUTION = ID + "doc/A/RES/67/83"
#: every payload of the hostile graph, as the page must never contain it literally
PAYLOADS = (
    "<img src=x onerror=window.__pwned=1>", "</script><script>window.__pwned=2</script>", '"onload="window.__pwned=3',
    "</textarea><b>bold</b><!--", "<svg onload=window.__pwned=4>", "</script><script>window.__pwned=5</script>",
    "<b onmouseover=window.__pwned=6>", "</script><img src=x onerror=window.__pwned=7>",
    '<iframe src="javascript:window.__pwned=8">', "' onclick='window.__pwned=9",
)


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """The seed corpus built by the command line: (TriG file, store folder)."""
    folder = tmp_path_factory.mktemp("viz-build")
    trig, store = folder / "seed.trig", folder / "store"
    assert main(["build", str(CORPUS), "-o", str(trig), "--store", str(store), "-q"]) == 0
    return trig, store


@pytest.fixture(scope="module")
def db(built: tuple[Path, Path]) -> ox.Store:
    return from_file(built[0])


@pytest.fixture(scope="module")
def hostile() -> ox.Store:
    return from_file(HOSTILE)


def count(db: ox.Store, sparql: str) -> int:
    rows = run_store(db, parse_query(sparql, "test"), {}).rows
    return int(str(rows[0][0]))


@pytest.mark.parametrize("module", ["kg.viz", "kg.viz.style", "kg.viz.source", "kg.viz.projection", "kg.viz.page"])
def test_module_doctests(module: str) -> None:
    result = doctest.testmod(importlib.import_module(module))
    assert result.failed == 0 and result.attempted > 0


# -- projection ---------------------------------------------------------------------------------------------


def test_read_keeps_every_typed_entity_and_provision(db: ox.Store) -> None:
    full = read(db)
    provisions = count(db, "SELECT (COUNT(DISTINCT ?p) AS ?n) WHERE { ?p a tkg:Provision }")
    kinds = [a["kind"] for _, a in full.nodes(data=True)]
    assert provisions > 100
    assert sum(1 for k in kinds if k not in ("Organization", "Organ", "UNEntity", "Treaty", "Resolution",
                                             "Document", "State")) == provisions
    mentions = count(db, "SELECT (COUNT(*) AS ?n) WHERE { SELECT DISTINCT ?s ?o WHERE { ?s tkg:mentions ?o } }")
    assert sum(1 for *_, k in full.edges(keys=True) if k == "mentions") == mentions


def test_bodies_view_holds_the_seed_bodies_and_how_they_relate(db: ox.Store) -> None:
    g = project(db, View()).graph
    bodies = count(db, "SELECT (COUNT(DISTINCT ?e) AS ?n) WHERE { ?e a ?c VALUES ?c { tkg:Organization tkg:Organ "
                       "tkg:UNEntity tkg:Treaty tkg:Document tkg:State } }")
    assert g.number_of_nodes() == bodies
    kinds = {a["label"]: a["kind"] for _, a in g.nodes(data=True)}
    for label, kind in [("Council of Europe", "Organization"), ("United Nations", "Organization"),
                        ("Committee of Ministers", "Organ"), ("Parliamentary Assembly", "Organ"),
                        ("Statute of the Council of Europe", "Treaty"), ("France", "State")]:
        assert kinds.get(label) == kind, label
    assert g.nodes[RESOLUTION]["kind"] == "Resolution"
    relations = {(s, o, k) for s, o, k in g.edges(keys=True)}
    organs_of_coe = count(db, f"SELECT (COUNT(DISTINCT ?o) AS ?n) WHERE {{ ?o tkg:organOf <{COE}> }}")
    assert sum(1 for s, o, k in relations if k == "organOf" and o == COE) == organs_of_coe > 5
    assert (STATUTE, COE, "mentions") in relations
    assert (RESOLUTION, COE, "mentions") in relations
    # a text's mention edges are the entities its provisions name, lifted to the whole text
    named = count(db, f"""SELECT (COUNT(DISTINCT ?e) AS ?n) WHERE {{ ?p dcterms:isPartOf+ <{RESOLUTION}> ;
        tkg:mentions ?e FILTER(?e != <{RESOLUTION}>) }}""")
    assert sum(1 for s, _, k in relations if s == RESOLUTION and k == "mentions") == named > 20
    established = count(db, "SELECT (COUNT(DISTINCT ?o) AS ?n) WHERE { ?o tkg:establishedBy ?p }")
    assert sum(1 for *_, k in relations if k == "establishedBy") == established > 0
    # co-mentions: the pairs the library's co-mentions query lists (at least 2 provisions) are the dashed edges
    expected = (ROOT / "queries" / "expected" / "co-mentions.tsv").read_text(encoding="utf-8").splitlines()[1:]
    assert sum(1 for *_, k in relations if k == "coMentioned") == len(expected)


def test_mention_edges_carry_their_quotes(db: ox.Store) -> None:
    g = project(db, View(lang="ru")).graph
    ministers = next(n for n, a in g.nodes(data=True) if a.get("label_en") == "Committee of Ministers")
    data = g.get_edge_data(STATUTE, ministers, "mentions")
    quotes = data["quotes"].split("\n")
    assert data["weight"] >= 10
    assert any("\u00abCommittee of Ministers\u00bb (en)" in q for q in quotes)
    assert any(re.search(r"\u00abКомитет\w* министров\u00bb \(ru\)", q, re.I) for q in quotes)


def test_citations_view_of_the_statute_is_its_cross_references_by_chapter(db: ox.Store) -> None:
    g = project(db, View(name="citations", treaty="coe-statute")).graph
    cites = count(db, f"""SELECT (COUNT(*) AS ?n) WHERE {{ SELECT DISTINCT ?s ?o WHERE {{ ?s tkg:cites ?o .
        {{ ?s dcterms:isPartOf+ <{STATUTE}> }} UNION {{ ?o dcterms:isPartOf+ <{STATUTE}> }} }} }}""")
    assert cites > 50
    assert sum(1 for *_, k in g.edges(keys=True) if k == "cites") == cites
    # the library's citation-network query lists the internal ones: all of the Statute's are internal
    internal = (ROOT / "queries" / "expected" / "citation-network.tsv").read_text(encoding="utf-8").splitlines()[1:]
    assert len(internal) == cites
    chapters = {n for n, a in g.nodes(data=True) if a["kind"] == "Chapter"}
    assert len(chapters) >= 5
    for n, a in g.nodes(data=True):
        if a["kind"] not in ("Chapter", "Treaty") and a.get("chapter"):
            assert g.has_edge(n, a["chapter"], "partOf"), n
    assert g.get_edge_data(STATUTE + "/art_24", STATUTE + "/art_38__para_d", "cites")["quotes"]


@pytest.mark.parametrize("name", ["coe-statute", "Statute of the Council of Europe", "Устав Совета Европы",
                                  "statut du conseil de l'europe", STATUTE, f"<{STATUTE}>"],
                         ids=["key", "en", "ru", "fr-casefolded", "iri", "iri-brackets"])
def test_a_treaty_is_found_by_key_label_or_iri(db: ox.Store, name: str) -> None:
    assert project(db, View(name="citations", treaty=name)).title.endswith("Statute of the Council of Europe")


@pytest.mark.parametrize(("view", "message"), [
    (View(name="citations"), "needs --treaty"),
    (View(name="citations", treaty="Council of Europe"), "names no Document or Resolution or Treaty"),
    (View(name="citations", treaty="no such treaty anywhere"), "no node is named"),
    (View(name="all", focus="Article"), r"'Article' names \d+ nodes: Article 1 <"),
    (View(types=("Organ", "Planet")), "unknown class 'Planet'"),
    (View(name="pie"), "unknown view"),
], ids=["no-treaty", "not-a-treaty", "unknown", "ambiguous", "bad-class", "bad-view"])
def test_bad_views_say_what_to_give(db: ox.Store, view: View, message: str) -> None:
    with pytest.raises(ProjectionError, match=message):
        project(db, view)


def test_focus_keeps_the_neighbourhood(db: ox.Store) -> None:
    full = read(db)
    centre = COE
    g = project(db, View(name="all", focus="council-of-europe", depth=1)).graph
    expected = {centre} | set(full.successors(centre)) | set(full.predecessors(centre))
    assert set(g.nodes) == expected
    deeper = project(db, View(name="all", focus="council-of-europe", depth=2)).graph
    assert deeper.number_of_nodes() > g.number_of_nodes()


def test_types_keep_only_those_classes(db: ox.Store) -> None:
    g = project(db, View(types=("Organ,organization",))).graph
    assert {a["kind"] for _, a in g.nodes(data=True)} == {"Organ", "Organization"}
    organs = count(db, "SELECT (COUNT(DISTINCT ?o) AS ?n) WHERE { ?o a tkg:Organ FILTER NOT EXISTS "
                       "{ ?o a tkg:UNEntity } }")
    assert sum(1 for _, a in g.nodes(data=True) if a["kind"] == "Organ") == organs


def test_large_graphs_keep_the_nodes_of_highest_degree_and_say_so(db: ox.Store) -> None:
    whole = project(db, View(name="all")).graph
    p = project(db, View(name="all", max_nodes=25))
    assert p.graph.number_of_nodes() == 25
    degree = dict(whole.degree())
    kept = [degree[n] for n in p.graph]
    dropped = [degree[n] for n in whole if n not in p.graph]
    assert min(kept) >= max(dropped)
    assert any(n.startswith(f"Reduced: the 25 nodes of highest degree are shown (ties broken by IRI), out of "
                            f"{whole.number_of_nodes()}") for n in p.notes)
    assert "Reduced: the 25 nodes of highest degree" in render_page(p)


@pytest.mark.parametrize(("lang", "label"), [("en", "Statute of the Council of Europe"),
                                             ("ru", "Устав Совета Европы"),
                                             ("fr", "Statut du Conseil de l'Europe")])
def test_labels_in_the_language_asked_for(db: ox.Store, lang: str, label: str) -> None:
    g = project(db, View(lang=lang)).graph
    assert g.nodes[STATUTE]["label"] == label
    # a node without a label in that language falls back to English
    only_en = [a for _, a in g.nodes(data=True) if a.get("label_en") and not a.get(f"label_{lang}")]
    assert all(a["label"] == a["label_en"] for a in only_en)


# -- the page -----------------------------------------------------------------------------------------------


class _Tags(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.styles: list[str] = []
        self._in_style = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))
        self._in_style = tag == "style"

    def handle_endtag(self, tag: str) -> None:
        self._in_style = False

    def handle_data(self, data: str) -> None:
        if self._in_style:
            self.styles.append(data)


def assert_self_contained(page: str) -> None:
    parser = _Tags()
    parser.feed(page)
    names = [t for t, _ in parser.tags]
    assert not {"link", "iframe", "object", "embed", "base", "img", "audio", "video", "source"} & set(names)
    for tag, attrs in parser.tags:
        assert not {"src", "href", "srcset", "action", "formaction", "poster", "background"} & set(attrs), tag
    for css in parser.styles:
        assert "@import" not in css
        assert all(u.lstrip("'\"").startswith("data:") for u in re.findall(r"url\(\s*([^)]*)\)", css))
    csp = next(a for t, a in parser.tags if t == "meta" and a.get("http-equiv") == "Content-Security-Policy")
    assert "default-src 'none'" in (csp["content"] or "")
    assert names.count("script") == page.count("</script>") == 2
    for host in ("cdnjs", "jsdelivr", "unpkg", "bootstrap", "tom-select", "googleapis"):
        assert host not in page.lower()


def test_pyvis_alone_would_fetch_from_cdns() -> None:
    """The problem the page solves: pyvis's in_line mode still links bootstrap from a CDN."""
    from pyvis.network import Network

    net = Network(cdn_resources="in_line")
    net.add_node("a")
    assert "cdn.jsdelivr.net" in net.generate_html()


def test_the_page_is_one_self_contained_file(db: ox.Store) -> None:
    page = render_page(project(db, View()))
    assert_self_contained(page)
    assert "vis.Network" in page and len(page) > 400_000  # vis-network is inlined, not linked
    assert '"solver":"forceAtlas2Based"' in page and "setOptions({physics: false})" in page


def test_the_page_has_a_legend_and_tooltips_with_names_and_identifiers(db: ox.Store) -> None:
    p = project(db, View(lang="ru"))
    page = render_page(p, "ru")
    assert "Международная организация" in page or "Организация" in page  # class names from the ontology, in ru
    for kind in {a["kind"] for _, a in p.graph.nodes(data=True)}:
        assert f'data-kind="{kind}"' in page
    same_as = next(a for _, a in p.graph.nodes(data=True) if a.get("same_as"))
    tip = tooltip(same_as, "x")
    assert same_as["same_as"].rsplit("/", 1)[-1] in tip
    for lang in ("en", "ru", "fr"):
        if same_as.get(f"label_{lang}"):
            assert f"<th>{lang}</th>" in tip


def test_hostile_labels_are_escaped_everywhere(hostile: ox.Store) -> None:
    for view in (View(), View(name="all"), View(name="citations", treaty="treaty/evil")):
        page = render_page(project(hostile, view))
        assert_self_contained(page)
        for payload in PAYLOADS:
            if set(payload) & set('<>&"'):
                assert payload not in page, payload
        assert "\u2028" not in page
    # the data still holds the words exactly, as JSON the page reads back
    page = render_page(project(hostile, View()))
    data = re.search(r"var rawNodes = (\[.*?\]);\n", page)
    assert data is not None
    labels = {n["label"] for n in json.loads(data.group(1))}
    assert {"<img src=x onerror=window.__pwned=1>", "<svg onload=window.__pwned=4>"} <= labels


@pytest.mark.parametrize("value", list(PAYLOADS) + ["\u2028\u2029", "&amp;"], ids=lambda v: repr(v)[:20])
def test_script_json_has_no_markup_characters(value: str) -> None:
    text = script_json({"label": value, "list": [value]})
    assert not set("<>&\u2028\u2029") & set(text)
    assert json.loads(text) == {"label": value, "list": [value]}


# -- exports ---------------------------------------------------------------------------------------------------


def test_graphml_and_gexf_hold_the_projection(db: ox.Store) -> None:
    p = project(db, View(name="citations", treaty="coe-statute"))
    graphml = network_bytes(p, "graphml")
    back = nx.read_graphml(io.BytesIO(graphml), force_multigraph=True)
    assert back.number_of_nodes() == p.graph.number_of_nodes()
    assert back.number_of_edges() == p.graph.number_of_edges()
    assert back.nodes[STATUTE]["kind"] == "Treaty"
    ids = [e.get("id") for e in ET.fromstring(graphml).iter("{http://graphml.graphdrawing.org/xmlns}edge")]
    assert len(ids) == len(set(ids))
    gexf = network_bytes(p, "gexf")
    assert b"lastmodifieddate" not in gexf and b"<viz:color" in gexf
    back = nx.read_gexf(io.BytesIO(gexf))
    assert back.number_of_nodes() == p.graph.number_of_nodes()
    assert back.nodes[STATUTE]["label"] == "Statute of the Council of Europe"


def test_same_graph_same_bytes(db: ox.Store) -> None:
    def outputs() -> list[bytes]:
        p = project(db, View(name="citations", treaty="coe-statute"))
        return [render_page(p).encode("utf-8"), network_bytes(p, "graphml"), network_bytes(p, "gexf"),
                figure_bytes(p, "svg"), figure_bytes(p, "pdf")]

    first, second = outputs(), outputs()
    assert first == second
    assert b"<dc:date>" not in first[3] and b"CreationDate" not in first[4]


def test_figures_print_document_text_as_it_is(hostile: ox.Store) -> None:
    """A '$' in a label would start matplotlib's mathtext; "$\\undefinedcommand{$" must not break the figure."""
    p = project(hostile, View(name="all"))
    assert any("$" in a["label"] for _, a in p.graph.nodes(data=True))
    for fmt in ("svg", "png"):
        assert figure_bytes(p, fmt)


def test_figures_in_three_formats(db: ox.Store) -> None:
    p = project(db, View(max_nodes=300))
    png, svg, pdf = (figure_bytes(p, f) for f in ("png", "svg", "pdf"))
    assert png.startswith(b"\x89PNG") and pdf.startswith(b"%PDF")
    root = ET.fromstring(svg)
    assert root.tag == "{http://www.w3.org/2000/svg}svg"
    assert len(svg) > 50_000


# -- statistics ------------------------------------------------------------------------------------------------


def test_stats_of_the_seed(db: ox.Store) -> None:
    s = statistics(db, top=5)
    classes = dict(s.classes)
    assert classes["tkg:Organ"] == count(db, "SELECT (COUNT(DISTINCT ?o) AS ?n) WHERE { ?o a tkg:Organ }")
    # the most-cited provisions agree with the library query's expected results for the Statute
    expected = [ln.split("\t") for ln in (ROOT / "queries" / "expected" / "most-cited-provisions.tsv")
                .read_text(encoding="utf-8").splitlines()[1:]]
    assert s.most_cited[0].iri == expected[0][1].strip("<>") == STATUTE + "/art_23"
    assert s.most_cited[0].value == int(expected[0][3].split('"')[1]) == 4
    assert [r.label for r in s.degree[:4]].count("Council of Europe") == 1
    assert {"Council of Europe", "United Nations"} <= {r.label for r in s.betweenness}
    assert len(s.components) == 1 and len(s.components[0]) == s.body_nodes
    assert s.comentions[0][2] >= s.comentions[-1][2] >= 2
    unresolved = (ROOT / "queries" / "expected" / "unresolved-references.tsv").read_text(encoding="utf-8")
    assert len(s.unresolved) == len(unresolved.splitlines()) - 1


# -- the command line ---------------------------------------------------------------------------------------------


def test_commands_have_help(capsys: pytest.CaptureFixture[str]) -> None:
    for command, words in [("viz", ".graphml"), ("figure", ".svg"), ("stats", "betweenness")]:
        with pytest.raises(SystemExit) as exit_:
            main([command, "--help"])
        assert exit_.value.code == 0
        assert words in capsys.readouterr().out


def test_help_loads_no_heavy_module() -> None:
    code = ("import sys, kg.cli; kg.cli.parser().format_help(); "
            "print(sorted(m for m in ('networkx', 'pyvis', 'matplotlib') if m in sys.modules))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=ROOT)
    assert out.stdout.strip() == "[]"


def test_viz_from_the_store_and_from_a_file(built: tuple[Path, Path], tmp_path: Path,
                                            monkeypatch: pytest.MonkeyPatch,
                                            capsys: pytest.CaptureFixture[str]) -> None:
    trig, store = built
    monkeypatch.setenv("TREATY_KG_STORE", str(store))
    assert main(["viz", "-o", str(tmp_path / "store.html")]) == 0
    assert main(["viz", "-o", str(tmp_path / "file.html"), "--graph", str(trig)]) == 0
    assert (tmp_path / "store.html").read_bytes() == (tmp_path / "file.html").read_bytes()
    assert main(["viz", "-o", str(tmp_path / "c.gexf"), "--view", "citations", "--treaty", "coe-statute",
                 "--graph", str(trig)]) == 0
    assert main(["viz", "-o", str(tmp_path / "c.xml"), "--format", "graphml", "--types", "Organ",
                 "--graph", str(trig)]) == 0
    assert nx.read_graphml(tmp_path / "c.xml").number_of_nodes() > 10
    err = capsys.readouterr().err
    assert "-> " + str(tmp_path / "c.gexf") in err


def test_viz_errors_exit_2(built: tuple[Path, Path], tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    trig = str(built[0])
    assert main(["viz", "-o", str(tmp_path / "x.txt"), "--graph", trig]) == 2
    assert main(["viz", "-o", str(tmp_path / "x.html"), "--view", "citations", "--graph", trig]) == 2
    assert main(["viz", "-o", str(tmp_path / "x.html"), "--store", str(tmp_path / "none")]) == 2
    err = capsys.readouterr().err
    assert "cannot tell the output format" in err and "needs --treaty" in err and "no store here" in err
    assert not list(tmp_path.iterdir())


def test_figure_command_writes_the_same_svg_twice(built: tuple[Path, Path], tmp_path: Path) -> None:
    args = ["figure", "--view", "citations", "--treaty", "coe-statute", "--graph", str(built[0])]
    assert main([*args, "-o", str(tmp_path / "a.svg")]) == 0
    assert main([*args, "-o", str(tmp_path / "b.svg")]) == 0
    assert (tmp_path / "a.svg").read_bytes() == (tmp_path / "b.svg").read_bytes()


@pytest.mark.parametrize("fmt", ["table", "json", "csv"])
def test_stats_command(built: tuple[Path, Path], fmt: str, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["stats", "--format", fmt, "--top", "3", "--graph", str(built[0])]) == 0
    out = capsys.readouterr().out
    if fmt == "json":
        doc = json.loads(out)
        assert doc["most_cited_provisions"][0]["label"].endswith("Article 23")
        assert len(doc["body_network"]["highest_degree"]) == 3
        assert doc["body_network"]["components"]["count"] == 1
    elif fmt == "csv":
        rows = list(csv.reader(io.StringIO(out)))
        assert rows[0] == ["section", "rank", "iri", "label", "value"]
        assert {"class", "most-cited", "degree", "betweenness", "component", "co-mention"} <= {r[0] for r in rows[1:]}
    else:
        assert "Most-cited provisions" in out and "Highest betweenness in the body network" in out
        assert re.search(r"1\s+Statute of the Council of Europe, Article 23\s+4", out)
