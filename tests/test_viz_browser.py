"""The page in a real browser: headless Chromium opens the file with the network cut off.

Every request that is not for the file itself is aborted and recorded; the tests check that there were none,
that vis-network drew the nodes the projection holds and switched physics off once the layout settled, that
no payload of the hostile graph ran, and that its tooltips and details show the payloads as text.
"""

from __future__ import annotations

import shutil
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest

from kg.viz.page import render_page
from kg.viz.projection import View, project
from kg.viz.source import from_file

from .conftest import CORPUS, ROOT

HOSTILE = ROOT / "tests" / "data" / "viz" / "hostile.ttl"
CHROMIUM = shutil.which("chromium")

try:
    from playwright.sync_api import Browser, Page, sync_playwright
except ImportError:  # pragma: no cover - depends on the machine
    sync_playwright = None

pytestmark = pytest.mark.skipif(CHROMIUM is None or sync_playwright is None,
                                reason="no Chromium here (needs the chromium binary and the playwright package)")

ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
        "--no-first-run", "--disable-default-apps", "--disable-sync", "--metrics-recording-only",
        "--disable-features=Translate,OptimizationHints,MediaRouter"]


@dataclass
class Opened:
    """A page opened from a file, with everything the browser tried to fetch and every complaint it made."""

    page: Page
    blocked: list[str] = field(default_factory=list)
    requests: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)

    def eval(self, script: str) -> Any:
        return self.page.evaluate(script)


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    assert sync_playwright is not None
    with sync_playwright() as pw:
        b = pw.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        yield b
        b.close()


@pytest.fixture(scope="module")
def seed(tmp_path_factory: pytest.TempPathFactory) -> Any:
    from kg.export import write_graph
    from kg.pipeline import build

    trig = tmp_path_factory.mktemp("viz-browser") / "seed.trig"
    write_graph(build([CORPUS]).dataset(), trig)
    return from_file(trig)


def open_page(browser: Browser, html: str, path: Path) -> Opened:
    path.write_text(html, encoding="utf-8")
    context = browser.new_context(viewport={"width": 1280, "height": 860}, service_workers="block")
    page = context.new_page()
    opened = Opened(page)

    def route(r: Any) -> None:
        url = r.request.url
        if url.startswith("file:") and url.endswith(path.name):
            r.continue_()
        else:
            opened.blocked.append(url)
            r.abort()

    page.route("**/*", route)
    page.on("request", lambda req: opened.requests.append(req.url))
    page.on("pageerror", lambda exc: opened.errors.append(f"pageerror: {exc}"))
    page.on("console", lambda msg: opened.errors.append(f"console {msg.type}: {msg.text}")
            if msg.type in ("error", "warning") else None)
    # a fetch the Content-Security-Policy stopped shows up here, so it cannot hide behind the policy
    page.add_init_script("document.addEventListener('securitypolicyviolation', function (e) {"
                         "(window.__violations = window.__violations || []).push(e.violatedDirective + ' '"
                         " + e.blockedURI); });")
    page.goto(path.as_uri())
    # the page marks itself settled when the layout has stabilised and physics is off
    page.wait_for_selector("body[data-settled=yes]", state="attached", timeout=60_000)
    return opened


def assert_quiet(opened: Opened, path: Path) -> None:
    assert opened.blocked == []
    assert [u for u in opened.requests if u != path.as_uri()] == []
    assert opened.eval("window.__violations || []") == []
    assert opened.errors == []


def test_bodies_page_offline(browser: Browser, seed: Any, tmp_path: Path) -> None:
    projection = project(seed, View())
    path = tmp_path / "bodies.html"
    opened = open_page(browser, render_page(projection), path)
    assert_quiet(opened, path)
    nodes, edges, drawn, physics = opened.eval(
        "[network.body.data.nodes.length, network.body.data.edges.length, "
        "Object.keys(network.getPositions()).length, network.physics.options.enabled]")
    assert nodes == drawn == projection.graph.number_of_nodes() > 100
    assert edges == projection.graph.number_of_edges()
    assert physics is False
    # the legend names each class drawn, with its count
    kinds = Counter(a["kind"] for _, a in projection.graph.nodes(data=True))
    for kind, n in kinds.items():
        assert opened.page.locator(f"#legend li[data-kind={kind}]").inner_text().endswith(f"({n})")
    # hiding a class from the legend hides its nodes
    states = sum(1 for _, a in projection.graph.nodes(data=True) if a["kind"] == "State")
    opened.page.locator("#legend li[data-kind=State]").click()
    assert opened.eval("nodes.get({filter: function (n) { return n.hidden; }}).length") == states > 30
    opened.page.screenshot(path=str(tmp_path / "bodies.png"))
    assert (tmp_path / "bodies.png").stat().st_size > 10_000
    assert_quiet(opened, path)


def test_citations_page_in_russian(browser: Browser, seed: Any, tmp_path: Path) -> None:
    projection = project(seed, View(name="citations", treaty="coe-statute", lang="ru"))
    path = tmp_path / "citations.html"
    opened = open_page(browser, render_page(projection, "ru"), path)
    assert_quiet(opened, path)
    cites = sum(1 for *_, k in projection.graph.edges(keys=True) if k == "cites")
    assert opened.eval("edges.get({filter: function (e) { return e.relation === 'cites'; }}).length") == cites > 50
    assert opened.eval("network.body.data.nodes.length") == projection.graph.number_of_nodes()
    assert opened.page.locator("h1").inner_text() == "Cross-references of Устав Совета Европы"
    assert opened.eval("nodes.get('https://w3id.org/treaty-kg/id/treaty/coe-statute/art_20').label") == "Статья 20"
    opened.page.screenshot(path=str(tmp_path / "citations.png"))


def test_hostile_page_runs_nothing_and_shows_the_words(browser: Browser, tmp_path: Path) -> None:
    db = from_file(HOSTILE)
    projection = project(db, View(name="all"))
    path = tmp_path / "hostile.html"
    opened = open_page(browser, render_page(projection), path)
    assert opened.eval("network.body.data.nodes.length") == projection.graph.number_of_nodes() == 6
    evil = "https://w3id.org/treaty-kg/id/org/evil"
    assert opened.eval(f"nodes.get('{evil}').label") == "<img src=x onerror=window.__pwned=1>"
    # hover: vis-network shows the tooltip; the words are text in it, not elements
    box = opened.page.locator("#mynetwork").bounding_box()
    assert box is not None
    # spread the nodes on a wide circle so that no wide label covers the one under test
    x, y = opened.eval(f"""(function () {{
        var ids = nodes.getIds();
        ids.forEach(function (id, i) {{
            var a = 2 * Math.PI * i / ids.length;
            network.moveNode(id, 600 * Math.cos(a), 400 * Math.sin(a));
        }});
        network.fit({{animation: false}});
        var p = network.canvasToDOM(network.getPositions(['{evil}'])['{evil}']);
        return [p.x, p.y]; }}())""")
    assert opened.eval(f"network.getNodeAt({{x: {x}, y: {y}}})") == evil
    opened.page.mouse.move(box["x"] + x, box["y"] + y)
    tip = opened.page.locator("div.vis-tooltip")
    tip.wait_for(state="visible", timeout=10_000)
    text = tip.inner_text()
    assert "<img src=x onerror=window.__pwned=1>" in text
    assert "</script><script>window.__pwned=2</script>" in text
    assert "Q8908" in text
    assert opened.page.locator("div.vis-tooltip img, div.vis-tooltip script, div.vis-tooltip svg").count() == 0
    # click: the details panel shows the same, as text
    opened.page.mouse.click(box["x"] + x, box["y"] + y)
    details = opened.page.locator("#details")
    assert '"onload="window.__pwned=3' in details.inner_text()
    assert "</textarea><b>bold</b><!--" in details.inner_text()
    assert details.locator("b").count() == 1  # the label in bold: the page's own tag, not the payload's
    # the citation's quote on the edge between the two articles
    quote = opened.eval("edges.get({filter: function (e) { return e.relation === 'cites'; }})[0].title.textContent")
    assert '<iframe src="javascript:window.__pwned=8">' in quote
    opened.page.screenshot(path=str(tmp_path / "hostile.png"))
    assert opened.eval("typeof window.__pwned") == "undefined"
    assert_quiet(opened, path)
