"""The benchmark corpus generator of issue 8 (``bench/make_corpus.py``): the same N and seed give the same
bytes, and the pipeline reads what the generator says it wrote (its manifest).

The generator writes some realistic forms that the pipeline misreads today (``MISREAD``). The main test
builds a corpus without them and holds the pipeline to every count, key, reference, footnote and name the
manifest records. Each misread form has a strict xfail test of its own, run on a corpus that has them
all: when the pipeline learns the form, the XPASS says so, and the form moves from ``MISREAD`` to ``READ``
(the main corpus then has it, and its own test runs unmarked).

The corpora are small; each fixture takes the first seed from MAIN_SEED / ALL_SEED whose manifest holds every
kind of file and reference the checks are about (the registry the names come from grows, and changes what
a seed writes), and two tests say so when none of SEED_TRIES seeds does. References in a form the table of
real forms marks as misread (kg/data/reference-grammar.json) are expected failures, not held here.
"""

from __future__ import annotations

import hashlib
import importlib.util
import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

from kg.model import Document
from kg.pipeline import BuildResult, build

ROOT = Path(__file__).resolve().parents[1]
GENERATOR = ROOT / "bench" / "make_corpus.py"

#: the main corpus: every kind of file and reference, without the misread forms
MAIN_N, MAIN_SEED = 14, 10
#: the corpus with every variant in it, for the xfail tests
ALL_N, ALL_SEED = 36, 119

#: realistic forms the pipeline misreads today, and what happens (found by this test's corpora)
MISREAD: dict[str, str] = {}
#: forms the pipeline misread once and reads now: the main corpus has them, and their checks run unmarked
READ = {
    "year-marker": "a footnote number glued to a year ('Substances, 19887') was not found; the footnote was "
                   "kept at document level with a finding",
    "instrumental-this": "«настоящей статьей» was quoted as «настоящей статье» (one letter short)",
    "cyrillic-letters": "the grammar's labels were Latin: «пункта «б» статьи 3» was read as «статьи 3»",
    "ru-statut-title": "«Статут» was not a title word: the title was not found and the key was the date's "
                       "slug",
    "ru-title-not-in-registry": "the key was the slug of the title, and a Cyrillic title slugged to "
                                "'untitled': all such treaties shared one key",
    "long-title": "a title line of 12 words or more ended the front matter (the title became a recital and "
                  "the key a slug of something else); a cited name over some 115 characters was not "
                  "recognised after 'Article 7 of', so the article was taken from the citing text itself",
    "items-after-h": "after 'h. ... :' the item 'i.' was read as paragraph i, and the items after it went "
                     "under it",
    "first-of-month": "the date line '1 November 1998' after the meeting line was read as footnote 1",
    "ga-resolution": "'paragraph 3 of General Assembly resolution 61/45': as its-resolution",
    "its-resolution": "'paragraph 3 of its resolution 61/45': the other text's number was looked for within "
                      "12 characters of 'of', so the paragraph was taken from the citing resolution itself",
    "masthead-first": "the symbol glued to the body ('A/RES/61/45General Assembly') became the key "
                      "'A/RES/61/45General'; running titles were then not removed and citations of the "
                      "resolution did not find it",
    "bare-preamble-opening": "'The States Parties to the present Convention,' matched the resolution body line "
                             "('The General Assembly,'): the treaty was read as a resolution",
}
#: preambular opening phrases read differently today: written phrase -> phrase the pipeline gives (none now;
#: 'Bearing in mind', 'Reaffirming also' and 'Mindful' were read as 'Bearing', no phrase and no phrase)
PP_VERB_GAPS: dict[str, str | None] = {}


@pytest.fixture(scope="module")
def gen() -> ModuleType:
    """The generator script, loaded as a module (bench/ is not a package)."""
    spec = importlib.util.spec_from_file_location("make_corpus", GENERATOR)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules["make_corpus"] = module  # dataclasses look their module up by name
    spec.loader.exec_module(module)
    return module


#: how many seeds after MAIN_SEED / ALL_SEED a corpus fixture tries for one that holds everything its checks
#: need: the generator draws names from the registry, which grows, so a fixed seed's corpus changes with it
SEED_TRIES = 40


def _first_corpus(gen: ModuleType, folder: Path, n: int, seed: int, missing: Callable[[Any], list[str]],
                  **kw: Any) -> Any:
    """The corpus of the first seed from ``seed`` on whose manifest misses nothing (read without building)."""
    for s in range(seed, seed + SEED_TRIES):
        out = folder / f"seed-{s}"
        manifest = gen.make_corpus(n, out, s, **kw)
        if not missing(manifest):
            return manifest, out
    raise AssertionError(f"no seed in {seed}..{seed + SEED_TRIES - 1} gives a corpus with everything: "
                         f"{missing(manifest)}")


@pytest.fixture(scope="module")
def main_corpus(gen: ModuleType, tmp_path_factory: pytest.TempPathFactory) -> tuple[Any, BuildResult]:
    manifest, out = _first_corpus(gen, tmp_path_factory.mktemp("main"), MAIN_N, MAIN_SEED, _main_missing,
                                  leave_out=list(MISREAD))
    return manifest, build([out])


@pytest.fixture(scope="module")
def all_corpus(gen: ModuleType, tmp_path_factory: pytest.TempPathFactory) -> tuple[Any, BuildResult]:
    manifest, out = _first_corpus(gen, tmp_path_factory.mktemp("all"), ALL_N, ALL_SEED, _variants_missing)
    return manifest, build([out])


def _hashes(folder: Path) -> dict[str, str]:
    return {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(folder.iterdir())}


# -- the generator -------------------------------------------------------------------------------------


def test_same_n_and_seed_give_the_same_bytes(gen: ModuleType, tmp_path: Path) -> None:
    """In this process and in another one with another hash seed (no set or dict order may leak)."""
    a, b, c = tmp_path / "a", tmp_path / "b", tmp_path / "c"
    gen.make_corpus(12, a, seed=0)
    env = {**os.environ, "PYTHONHASHSEED": "4242"}
    subprocess.run([sys.executable, str(GENERATOR), "12", str(b), "--seed", "0"], env=env, check=True,
                   capture_output=True, timeout=120)
    gen.make_corpus(12, c, seed=1)
    assert len(_hashes(a)) == 13 and "manifest.json" in _hashes(a)
    assert _hashes(a) == _hashes(b)
    assert _hashes(a) != _hashes(c)


def test_file_names_kinds_and_manifest(gen: ModuleType, tmp_path: Path) -> None:
    m = gen.make_corpus(12, tmp_path, seed=0)
    assert [f.name[:6] for f in m.files] == [f"{i:05d}_" for i in range(1, 13)]
    for f in m.files:
        kind = "resolution" if f.kind == "resolution" else "treaty"
        assert f.name == f"{f.name[:5]}_{kind}_{'_'.join(f.languages)}.txt"
        assert (tmp_path / f.name).stat().st_size == f.bytes
    assert m.total_bytes == sum(f.bytes for f in m.files)
    again = gen.Manifest.load(tmp_path / "manifest.json")
    assert again.dump() == m.dump()


def test_unknown_variant_is_refused(gen: ModuleType, tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="no such variant"):
        gen.make_corpus(2, tmp_path, leave_out=["no-such-form"])
    assert set(MISREAD) | set(READ) <= set(gen.VARIANTS)


def test_command_line(gen: ModuleType, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert gen.main(["3", str(tmp_path / "c"), "--seed", "2", "--leave-out", "long-title"]) == 0
    assert "3 files" in capsys.readouterr().err
    assert len(list((tmp_path / "c").glob("*.txt"))) == 3


def _main_missing(manifest: Any) -> list[str]:
    """What the main corpus must hold and ``manifest`` does not."""
    files = manifest.files
    refs = [r for f in files for r in f.refs]
    need = {
        "resolutions and treaties in en, ru and ru+en": {(f.kind, tuple(f.languages)) for f in files} == {
            ("resolution", ("en",)), ("treaty", ("en",)), ("treaty", ("ru",)), ("treaty", ("ru", "en"))},
        "a paragraph of another resolution": any(r.form == "res.other" for r in refs),
        "an article of a generated treaty, from a resolution": any(r.form == "res.treaty_article" for r in refs),
        "an article of a generated treaty, from a treaty": any(r.file and r.form[:3] in ("en.", "ru.") for r in refs),
        "an article of a treaty not in the corpus": any(r.document and not r.file for r in refs),
        "a deliberately dangling reference in a treaty": any(r.dangling and r.form[:3] in ("en.", "ru.") for r in refs),
        "a deliberately dangling paragraph of a resolution": any(r.variant == "dangling-paragraph" for r in refs),
        "a paragraph above": any(".rel_" in r.form for r in refs),
        "Russian references": any(r.lang == "ru" for r in refs),
        "unheaded articles": any(f.inferred_articles for f in files),
        "outline counters": any("counters" in f.layout for f in files),
        "page furniture between pages": any("page-breaks" in f.layout for f in files),
        "treaty footnotes": any(f.kind == "treaty" and f.footnotes for f in files),
        "resolution footnotes": any(f.kind == "resolution" and f.footnotes for f in files),
        "another encoding": any(f.encoding != "utf-8" for f in files),
        "forms of the table of real forms, in English and Russian": {r.form[:9] for r in refs} >= {
            "en.table.", "ru.table."},
    }
    return [k for k, ok in need.items() if not ok]


def _variants_missing(manifest: Any) -> list[str]:
    """The variants no file of ``manifest`` is written in (leaving out files read as resolutions)."""
    used = {v for f in manifest.files if "bare-preamble-opening" not in f.variants for v in f.variants}
    used |= {v for f in manifest.files for v in f.variants if v == "bare-preamble-opening"}
    return sorted(set(CHECKS) - used)


def test_main_corpus_has_every_kind_of_file_and_reference(main_corpus: tuple[Any, BuildResult]) -> None:
    assert _main_missing(main_corpus[0]) == []


# -- the pipeline reads what was written ------------------------------------------------------------------


def _doc(result: BuildResult, name: str) -> Document:
    return next(d for d in result.documents if d.source.name == name)


def _titles(doc: Document) -> dict[str, str]:
    return {lang: " ".join(t.casefold().split()) for lang, t in doc.titles}


def _notes(doc: Document) -> dict[str, tuple[str | None, str]]:
    """A resolution's footnotes: eid -> (the paragraph they hang on, their text)."""
    out = {}
    for p in doc.provisions:
        if p.kind == "footnote":
            text = p.text("en")
            out[p.eid] = (p.parent, text.value if text is not None else "")
    return out


def _units(doc: Document) -> list[str]:
    """The eids of a treaty's articles, paragraphs and items, sorted."""
    return sorted(p.eid for p in doc.provisions if p.kind in ("article", "paragraph", "item"))


def _count(doc: Document, kind: str) -> int:
    return sum(1 for p in doc.provisions if p.kind == kind)


def _ref_problems(f: Any, result: BuildResult, keep: Callable[[Any], bool] = lambda r: True) -> list[str]:
    """Manifest references of ``f`` the pipeline did not resolve to their targets, and unresolved ones
    that were not written to dangle."""
    refs = result.references[f.name]
    found: dict[tuple[str, str, str], set[tuple[str, str | None]]] = {}
    for c in refs.citations:
        found.setdefault((c.eid, c.lang, c.quote), set()).add((c.target, c.target_eid))
    unresolved = {(u.eid, u.lang, u.quote) for u in refs.unresolved}
    problems = []
    for r in filter(keep, f.refs):
        if r.expected_failure:
            continue  # a form of the table of real forms the grammar misreads today: listed, not held
        where = (r.source, r.lang, r.quote)
        if r.dangling:
            if where not in unresolved:
                problems.append(f"{f.name}: {r.source} {r.quote!r} dangles on purpose but is not unresolved")
            continue
        want = {(r.document or f.key, t) for t in r.targets}
        if not want <= found.get(where, set()):
            got = sorted(found.get(where, set()), key=str) or [
                k for k in found if k[:2] == where[:2]]
            problems.append(f"{f.name}: {r.source} [{r.lang}] {r.quote!r} ({r.form}) should reach "
                            f"{sorted(want)}, got {got}")
    return problems


def test_pipeline_reads_what_was_written(main_corpus: tuple[Any, BuildResult]) -> None:
    manifest, result = main_corpus
    assert result.errors == []
    assert sorted(d.source.name for d in result.documents) == [f.name for f in manifest.files]
    problems: list[str] = []
    for f in manifest.files:
        doc = _doc(result, f.name)
        got: dict[str, Any] = {"kind": doc.kind, "key": doc.key, "languages": list(doc.languages),
                               "titles": _titles(doc)}
        want: dict[str, Any] = {"kind": f.kind, "key": f.key, "languages": f.languages,
                                "titles": {lang: " ".join(t.casefold().split()) for lang, t in f.titles.items()}}
        if f.kind == "treaty":
            got.update(articles=_count(doc, "article"), paragraphs=_count(doc, "paragraph"),
                       items=_count(doc, "item"), footnotes=_count(doc, "footnote"), provisions=_units(doc),
                       inferred=sum(1 for p in doc.provisions if p.kind == "article" and p.number_inferred))
            want.update(articles=f.articles, paragraphs=f.paragraphs, items=f.items, footnotes=f.footnotes,
                        provisions=sorted(f.provisions),
                        inferred=f.inferred_articles)
        else:
            ops = [p for p in doc.provisions if p.kind == "operative"]
            pps = [p for p in doc.provisions if p.kind == "preambular"]
            got.update(operative=len(ops), preambular=len(pps), paragraphs=_count(doc, "paragraph"),
                       verbs=[dict(p.verb).get("en") for p in ops],
                       pp_verbs=[dict(p.verb).get("en") for p in pps],
                       footnotes=_notes(doc),
                       symbol=doc.symbol)
            want.update(operative=f.operative, preambular=f.preambular, paragraphs=f.paragraphs, verbs=f.verbs,
                        pp_verbs=[PP_VERB_GAPS.get(v, v) for v in f.pp_verbs],
                        footnotes={f"fn_{n}": (host, text) for n, host, text in f.notes}, symbol=f.symbol)
        problems += [f"{f.name}: {k} is {got[k]!r}, written {want[k]!r}" for k in want if got[k] != want[k]]
        problems += _ref_problems(f, result)
        cited = {c.target for c in result.entities[f.name].citations}
        problems += [f"{f.name}: resolution {s} is cited but not found" for s in f.cited_documents if s not in cited]
        named = {m.entity for m in result.entities[f.name].mentions}
        problems += [f"{f.name}: {e} is named but not found" for e in f.entities if e not in named]
    assert problems == []
    assert not [f for f in result.findings if "no marker" in f.message]


def test_some_registry_entities_are_found_in_every_file(main_corpus: tuple[Any, BuildResult]) -> None:
    manifest, result = main_corpus
    for f in manifest.files:
        named = {m.entity for m in result.entities[f.name].mentions}
        assert f.entities and set(f.entities) & named, f.name
    assert sum(len(f.refs) for f in manifest.files) > 100


def test_preambular_opening_phrases(main_corpus: tuple[Any, BuildResult]) -> None:
    manifest, result = main_corpus
    for f in manifest.files:
        if f.kind == "resolution":
            doc = _doc(result, f.name)
            assert [dict(p.verb).get("en") for p in doc.provisions if p.kind == "preambular"] == f.pp_verbs


# -- the forms misread today --------------------------------------------------------------------------------
#
# Each check looks only at the files and references of its form, and leaves out those another misread form
# spoils: a file read as a resolution (bare-preamble-opening) says nothing about its other forms, and a
# reference to a text whose key is misread cannot reach it whatever its own form.

Check = Callable[[Any, BuildResult, dict[str, Any]], tuple[int, list[str]]]


def _own_long_title(f: Any) -> bool:
    return f.kind == "treaty" and any(len(t.split()) + 3 >= 12 or len(t) > 100 for t in f.titles.values())


def _key_misread(f: Any) -> bool:
    spoil = {"masthead-first", "bare-preamble-opening", "ru-statut-title", "ru-title-not-in-registry"}
    return bool(spoil & set(f.variants)) or _own_long_title(f)


def _key_is_right(f: Any, result: BuildResult, files: dict[str, Any]) -> tuple[int, list[str]]:
    doc = _doc(result, f.name)
    return 1, [] if doc.key == f.key else [f"{f.name}: key {doc.key!r}, written {f.key!r}"]


def _title_and_key(f: Any, result: BuildResult, files: dict[str, Any]) -> tuple[int, list[str]]:
    want = {lang: " ".join(t.casefold().split()) for lang, t in f.titles.items()}
    got = _titles(_doc(result, f.name))
    n, problems = _key_is_right(f, result, files)
    return n, problems + ([] if got == want else [f"{f.name}: titles {got}, written {want}"])


def _treaty_is_read(f: Any, result: BuildResult, files: dict[str, Any]) -> tuple[int, list[str]]:
    doc = _doc(result, f.name)
    if doc.kind != f.kind:
        return 1, [f"{f.name}: read as a {doc.kind}"]
    wrong = sorted(set(_units(doc)) ^ set(f.provisions))
    return 1, [f"{f.name}: provisions read but not written or written but not read: {wrong[:8]}"] if wrong else []


def _footnotes_attach(f: Any, result: BuildResult, files: dict[str, Any]) -> tuple[int, list[str]]:
    got = _notes(_doc(result, f.name))
    want = {f"fn_{n}": (host, text) for n, host, text in f.notes}
    return 1, [] if got == want else [f"{f.name}: footnotes {got}, written {want}"]


def _key_names_the_text(f: Any, result: BuildResult, files: dict[str, Any]) -> tuple[int, list[str]]:
    """A key of its own: not shared with another text, and not the slug of nothing ('untitled')."""
    doc = _doc(result, f.name)
    same = [d.source.name for d in result.documents if d.key == doc.key and d is not doc]
    bad = same or doc.key == "untitled"
    return 1, [f"{f.name}: key {doc.key!r}" + (f", shared with {same}" if same else "")] if bad else []


def _refs_of(variant: str) -> Check:
    def check(f: Any, result: BuildResult, files: dict[str, Any]) -> tuple[int, list[str]]:
        def keep(r: Any) -> bool:
            return r.variant == variant and not (r.file and _key_misread(files[r.file]))
        return sum(1 for r in f.refs if keep(r)), _ref_problems(f, result, keep)
    return check


def _long_title(f: Any, result: BuildResult, files: dict[str, Any]) -> tuple[int, list[str]]:
    n, problems = _title_and_key(f, result, files) if _own_long_title(f) else (0, [])
    m, more = _refs_of("long-title")(f, result, files)
    return n + m, problems + more


CHECKS: dict[str, Check] = {
    "masthead-first": _key_is_right,
    "bare-preamble-opening": _treaty_is_read,
    "its-resolution": _refs_of("its-resolution"),
    "ga-resolution": _refs_of("ga-resolution"),
    "cyrillic-letters": _refs_of("cyrillic-letters"),
    "year-marker": _footnotes_attach,
    "instrumental-this": _refs_of("instrumental-this"),
    "ru-title-not-in-registry": _key_names_the_text,
    "items-after-h": _treaty_is_read,
    "ru-statut-title": _title_and_key,
    "first-of-month": _footnotes_attach,
    "long-title": _long_title,
}


def _run_check(variant: str, manifest: Any, result: BuildResult) -> tuple[int, list[str]]:
    files = {f.name: f for f in manifest.files}
    checked, problems = 0, []
    for f in manifest.files:
        if variant in f.variants and (variant == "bare-preamble-opening" or "bare-preamble-opening" not in f.variants):
            n, more = CHECKS[variant](f, result, files)
            checked += n
            problems += more
    return checked, problems


def test_all_variants_corpus_has_a_case_of_each_form(all_corpus: tuple[Any, BuildResult]) -> None:
    manifest, result = all_corpus
    assert result.errors == []
    assert set(CHECKS) == set(MISREAD) | set(READ) and not set(MISREAD) & set(READ)
    assert [v for v in CHECKS if _run_check(v, manifest, result)[0] == 0] == [], "no case of a form: see SEED_TRIES"


def test_table_forms_are_written_and_misread_ones_listed(gen: ModuleType,
                                                          main_corpus: tuple[Any, BuildResult]) -> None:
    """The benchmark writes the reference forms of the table of real forms (kg/data/reference-grammar.json),
    and a reference in a form the table says the grammar misreads is an expected failure in the manifest."""
    manifest, _ = main_corpus
    refs = [r for f in manifest.files for r in f.refs if ".table." in r.form]
    assert len({r.form.split(".")[2] for r in refs}) >= 5
    misread = {row["id"]: row["misread"] for lang in ("en", "ru") for row in gen.table_forms()[lang]
               if row.get("misread")}
    for r in refs:
        assert r.expected_failure == misread.get(r.form.split(".")[2]), r.form


@pytest.mark.parametrize("variant", [
    pytest.param(v, marks=[pytest.mark.xfail(strict=True, reason=MISREAD[v])] if v in MISREAD else [])
    for v in CHECKS
])
def test_misread_form(variant: str, all_corpus: tuple[Any, BuildResult]) -> None:
    assert _run_check(variant, *all_corpus)[1] == []
