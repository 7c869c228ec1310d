"""The benchmark corpus of issue 8: N realistic treaties and resolutions, and a manifest of what they say.

    python bench/make_corpus.py 1000 /tmp/c1k [--seed 0] [--leave-out VARIANT]...

or, from Python, ``make_corpus(1000, Path("/tmp/c1k"))``, which returns the :class:`Manifest`. Write
corpora outside the checkout (``/tmp``); ``bench/corpus-*/`` is ignored by git for those that are not.

What is written
    Treaties in English, in Russian, and Russian then English in one file (like the seed Statute):
    a title (with a treaty series number, a place and date, Russian front matter), a preamble, parts and
    chapters, articles (most headed, some not, so that numbering must be inferred as in the seed),
    numbered and lettered paragraphs, items, seat tables, footnotes on ``<*>`` markers, final clauses;
    some with the seed's transport-error line, four-space indents and outline counters.
    Resolutions of the General Assembly in the UN print layout of the seed: ``[DU1]``, the adopting
    line, the committee line, ``67/83.<tab>Title``, preambular and operative paragraphs with their
    opening phrases, sub-paragraphs, footnotes with glued markers (``Disabilities4``), the meeting and
    date, and print-shop noise (ODS tags, rules, page numbers, masthead, job number, barcode, running
    titles), at the end as in the seed or also between pages.
Names
    Bodies, organisations, treaties, states and documents come from the registry
    (``kg/data/registry``), in English or Russian; Russian names in the case the sentence needs, from
    the registry's own examples (their case is told by pymorphy3), else the nominative label.
References
    Inside a text (``Article 7, paragraph 2``, ``Articles 3 to 6``, ``Article 12.b.ii``, ``paragraph a
    above``, «пункта «а» статьи 3», «подпункта "ii" пункта "b" статьи 12», ``paragraph 3 above`` in a
    resolution), to other generated texts (``Article 4 of the European Social Charter`` when a
    generated treaty carries that registry title, ``paragraph 3 of resolution 61/45``, ``Recalling its
    resolution 61/45``), to registry treaties not in the corpus, and a few deliberately dangling ones.
Variants
    Some realistic forms trip the pipeline today (a masthead printed first, a bare "The States Parties
    to the present Convention," opening, Cyrillic paragraph letters...). They are all written by
    default; ``leave_out`` names those not to write (see ``VARIANTS``), and the manifest says which
    file and reference carries which, so a test can hold the pipeline to the rest and watch those apart.
Manifest
    ``OUTDIR/manifest.json``, one line per file: its kind, languages, encoding, expected document key
    and titles, counts (articles, inferred articles, paragraphs, items, footnotes, preambular and
    operative paragraphs), a treaty's provision eids, a resolution's footnotes with the paragraph that
    carries each marker, the opening phrase of each paragraph, every reference written with its quote,
    form, source provision and target provisions (and the file holding them), the documents cited, the
    registry entities named, the layout and the variants used.

The same N and seed give byte-identical files: every document has its own random generator seeded
from ``(seed, index)``, and nothing depends on hash order or the clock. Sizes follow the benchmark's
needs: many resolutions of 5-15 KB, treaties of 10-60 KB, a few of 100-300 KB; about 25 KB a file.
"""

from __future__ import annotations

import argparse
import json
import math
import random
import re
import sys
import time
import zlib
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

import pymorphy3

from kg.entities.registry import Registry, registry
from kg.references.grammar import vocabulary
from kg.structure import slug

WORDS_FILE = Path(__file__).with_name("corpus_words.json")

#: kinds of file and their shares (treaties split by language)
MIX = (("resolution", 0.58), ("treaty_en", 0.17), ("treaty_ru", 0.13), ("treaty_ru_en", 0.12))
#: the Russian cases a template may ask for (pymorphy3 tags)
CASES = ("nomn", "gent", "datv", "ablt", "loct")
#: slot kinds and the registry entries that fill them
SLOT_CLASSES: dict[str, Callable[[dict[str, Any]], bool]] = {
    "coe_organ": lambda e: e["class"] == "Organ" and e.get("organ_of") == "council-of-europe",
    "un_body": lambda e: e["class"] in ("Organ", "UNEntity") and e.get("organ_of") == "united-nations",
    "org": lambda e: e["class"] == "Organization",
    "treaty": lambda e: e["class"] == "Treaty",
    "state": lambda e: e["class"] == "State",
    "document": lambda e: e["class"] == "Document",
}
#: where a Russian slot looks when its own kind has no name in the case asked for
SLOT_FALLBACK = ("coe_organ", "un_body", "org")
#: realistic forms that can be left out of a corpus (``make_corpus(..., leave_out=...)``); all are written by
#: default. Each is a way real texts are printed that a reader may stumble on, so a test can build a corpus
#: without the ones it knows the pipeline misreads and check those forms on their own.
VARIANTS = {
    "masthead-first": "a resolution's masthead at the top of the file, as on a PDF's first page; without a "
                      "reissue mark the symbol runs into the body: 'United NationsA/RES/61/45General Assembly"
                      "Distr.: General'",
    "bare-preamble-opening": "a treaty preamble opening on a line of its own: 'The States Parties to the present "
                             "Convention,', 'The High Contracting Parties,'",
    "its-resolution": "'paragraph 3 of its resolution 61/45' in a resolution",
    "ga-resolution": "'paragraph 3 of General Assembly resolution 61/45' in a resolution",
    "dangling-paragraph": "a resolution citing an operative paragraph it does not have: 'paragraph 40 above'",
    "cyrillic-letters": "Russian lettered paragraphs printed а) б) в) and cited with those letters: "
                        "«пункта «б» статьи 3»",
    "year-marker": "a footnote marker glued to a name that ends in a year: '... and Psychotropic Substances, 19887'",
    "instrumental-this": "«настоящей статьей», 'this Article' in the instrumental case",
    "ru-title-not-in-registry": "a Russian-only treaty whose title the registry does not know",
    "items-after-h": "items i., ii. under a lettered paragraph h., where 'i.' could also be the letter after h",
    "ru-statut-title": "a Russian treaty title with «Статут»: «Римский статут Международного уголовного суда»",
    "first-of-month": "a resolution adopted on the first of a month: the date line '1 November 1998' after the "
                      "meeting line",
    "long-title": "a treaty title of twelve words or more with its series number, or of over 100 characters "
                  "('Protocol No. 4 to the Convention for the Protection of Human Rights and Fundamental Freedoms "
                  "(ETS No. 46)'), for the treaty itself and when other texts cite its articles",
}

#: registry names printed in the fixed item phrases of corpus_words.json
ITEM_NAMES = (("coe-committee-of-ministers", "Committee of Ministers"),
              ("coe-parliamentary-assembly", "Parliamentary Assembly"))
SLOT = re.compile(r"\{(?P<kind>[a-z_]+)(?::(?P<case>[a-z]+))?\}")

MONTHS_EN = ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
             "November", "December")
MONTHS_RU = ("января", "февраля", "марта", "апреля", "мая", "июня", "июля", "августа", "сентября", "октября",
             "ноября", "декабря")
ROMAN_MONTHS = ("I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII")
CYRILLIC_LETTERS = "абвгдежзиклмнопрстуфхцчшщэюя"
ORDINAL_UNITS = ("", "first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth")
ORDINAL_TENS = {5: ("fifty", "fiftieth"), 6: ("sixty", "sixtieth"), 7: ("seventy", "seventieth"),
                8: ("eighty", "eightieth")}

#: Russian unit words by case, for references written in Russian
RU_UNITS = {
    "article": {"gent": "статьи", "ablt": "статьей", "datv": "статье", "loct": "статье"},
    "articles": {"gent": "статей", "ablt": "статьями", "datv": "статьям", "loct": "статьях"},
    "paragraph": {"gent": "пункта", "ablt": "пунктом", "datv": "пункту", "loct": "пункте"},
    "subparagraph": {"gent": "подпункта", "ablt": "подпунктом", "datv": "подпункту", "loct": "подпункте"},
    "this": {"gent": "настоящей статьи", "ablt": "настоящей статьей", "datv": "настоящей статье",
             "loct": "настоящей статье"},
}


def long_title(title: dict[str, str]) -> bool:
    """A title of the "long-title" variant: 12 words with a series number "(CETS No. 196)", or over 100
    characters."""
    return any(len(t.split()) + 3 >= 12 or len(t) > 100 for t in title.values())


# -- the manifest ------------------------------------------------------------------------------------


def stable_number(key: str, low: int, high: int) -> int:
    """A number in [low, high] fixed by ``key`` alone (not by the order of generation or the seed)."""
    return low + zlib.crc32(key.encode("utf-8")) % (high - low + 1)


@dataclass
class RefRecord:
    """One reference written: where (provision eid, language), the exact quote the grammar should read,
    the form it was written in, and the provisions it means.

    ``document`` is None for the file's own text, else the key of the text cited; ``file`` names the
    generated file holding that text (None when the text is not in the corpus); ``dangling`` marks a
    reference written on purpose to a provision that does not exist.
    """

    lang: str
    source: str
    quote: str
    form: str
    targets: list[str]
    document: str | None = None
    file: str | None = None
    dangling: bool = False
    #: the VARIANT this reference is written in, if any
    variant: str | None = None
    #: why the grammar misreads this form today ("misread" of its row in the table of real forms), if it does:
    #: an expected failure, not held against the pipeline
    expected_failure: str | None = None


@dataclass
class FileRecord:
    name: str
    kind: str
    languages: list[str]
    encoding: str
    key: str
    titles: dict[str, str]
    bytes: int = 0
    symbol: str | None = None
    parts: int = 0
    chapters: int = 0
    articles: int = 0
    inferred_articles: int = 0
    paragraphs: int = 0
    items: int = 0
    footnotes: int = 0
    preambular: int = 0
    operative: int = 0
    verbs: list[str] = field(default_factory=list)
    pp_verbs: list[str] = field(default_factory=list)
    #: a treaty's articles, paragraphs and items (eids, in text order)
    provisions: list[str] = field(default_factory=list)
    #: a resolution's footnotes: [number, eid of the paragraph with the marker, text]
    notes: list[list[str]] = field(default_factory=list)
    refs: list[RefRecord] = field(default_factory=list)
    cited_documents: list[str] = field(default_factory=list)
    entities: list[str] = field(default_factory=list)
    layout: list[str] = field(default_factory=list)
    #: the VARIANTS written in this file
    variants: list[str] = field(default_factory=list)

    def used(self, variant: str) -> None:
        assert variant in VARIANTS, variant
        if variant not in self.variants:
            self.variants.append(variant)


@dataclass
class Manifest:
    seed: int
    n: int
    total_bytes: int = 0
    files: list[FileRecord] = field(default_factory=list)
    #: the VARIANTS this corpus was made without
    left_out: list[str] = field(default_factory=list)

    def dump(self) -> dict[str, Any]:
        out = {k: v for k, v in vars(self).items() if k != "files"}
        out["files"] = [{**vars(f), "refs": [vars(r) for r in f.refs]} for f in self.files]
        return out

    def write(self, path: Path) -> None:
        """JSON with one line per file (fast to write, easy to grep)."""
        head = {k: v for k, v in self.dump().items() if k != "files"}
        lines = [json.dumps(f, ensure_ascii=False) for f in self.dump()["files"]]
        text = json.dumps(head, ensure_ascii=False)[:-1] + ', "files": [\n' + ",\n".join(lines) + "\n]}\n"
        path.write_text(text, encoding="utf-8")

    @classmethod
    def load(cls, path: Path) -> Manifest:
        data = json.loads(path.read_text(encoding="utf-8"))
        files = []
        for f in data.pop("files"):
            f["refs"] = [RefRecord(**r) for r in f["refs"]]
            files.append(FileRecord(**f))
        return cls(files=files, **data)


# -- vocabulary and names ----------------------------------------------------------------------------


@cache
def words() -> dict[str, Any]:
    data: dict[str, Any] = json.loads(WORDS_FILE.read_text(encoding="utf-8"))
    return data


@cache
def table_forms() -> dict[str, list[dict[str, Any]]]:
    """The rows of the table of real reference forms (``kg/data/reference-grammar.json``, "examples", the rows
    tests/test_reference_forms.py checks) that a treaty can write about its own articles: one reference,
    to articles numbered in Arabic figures and what is under them, not "of this article" nor "above", and in
    Russian with the case it stands in."""
    out: dict[str, list[dict[str, Any]]] = {"en": [], "ru": []}
    for row in vocabulary()["examples"]:
        lang = row["lang"]
        if lang not in out or len(row["cites"]) != 1 or row.get("relative") or row.get("scope"):
            continue
        v = vocabulary()[lang]
        article = "|".join(v["units"]["article"])
        own = "|".join(v.get("this_article", []) + v.get("in_this", []))
        if (not re.search(rf"(?<!\w)(?:{article})", row["text"], re.IGNORECASE) or (own and re.search(own, row["text"]))
                or (lang == "ru" and not row.get("case"))
                or not all(p.split(".")[0].isdigit() for p in row["cites"][0])):
            continue
        out[lang].append(row)
    return out


@dataclass(frozen=True)
class Name:
    """A registry entry as printed: its English form and its Russian forms by case."""

    id: str
    kind: str
    en: str
    ru: tuple[tuple[str, tuple[str, ...]], ...]  # (case, forms)
    ru_label: str = ""

    def ru_forms(self, case: str) -> tuple[str, ...]:
        return next((forms for c, forms in self.ru if c == case), ())


def _ru_cases(morph: pymorphy3.MorphAnalyzer, form: str) -> set[str]:
    """The cases a Russian name can stand in: those its leading adjectives and head noun share."""
    cases: set[str] | None = None
    for w in form.split():
        parses = morph.parse(w.strip(",()"))
        if any("Fixd" in p.tag or "Abbr" in p.tag for p in parses) and w.isupper():
            here = set(CASES)
        else:
            here = {p.tag.case for p in parses if p.tag.POS in ("NOUN", "ADJF", "PRTF") and p.tag.case}
        cases = here if cases is None else cases & here
        if any(p.tag.POS == "NOUN" for p in parses):
            break
    return cases or set()


def _plural_head(morph: pymorphy3.MorphAnalyzer, form: str) -> bool:
    for w in form.split():
        parses = [p for p in morph.parse(w) if p.tag.POS == "NOUN"]
        if parses:
            return all(p.tag.number == "plur" for p in parses if p.tag.case == "nomn") and any(
                p.tag.case == "nomn" for p in parses)
    return False


@cache
def registry_names() -> dict[str, list[Name]]:
    return build_names(registry())


def build_names(reg: Registry) -> dict[str, list[Name]]:
    """Every registry entry usable in a slot, by slot kind, in registry order."""
    morph = pymorphy3.MorphAnalyzer()

    def lemmas(form: str) -> str:
        return " ".join(morph.parse(w)[0].normal_form for w in form.split())

    out: dict[str, list[Name]] = {k: [] for k in SLOT_CLASSES}
    for e in reg.entries.values():
        kinds = [k for k, pred in SLOT_CLASSES.items() if pred(e)]
        if not kinds:
            continue
        en = e["labels"]["en"]
        if e["class"] != "State":
            en = "the " + en
        by_case: dict[str, list[str]] = {}
        ru_label = e["labels"].get("ru")
        nominatives = [n for n in [ru_label, *e.get("aliases", {}).get("ru", [])] if n]
        for n in nominatives:
            if not _plural_head(morph, n):
                by_case.setdefault("nomn", []).append(n)
        short = {lemmas(f) for f in e.get("short_forms", {}).get("ru", [])}
        for ex in e.get("examples", []):
            if (ex["lang"] != "ru" or ex["match"] in nominatives or ex["match"].isupper() or " " not in ex["match"]
                    or lemmas(ex["match"]) in short):
                continue  # «Устава», «заместителя Генерального секретаря»: short forms, names only in context
            for case in sorted(_ru_cases(morph, ex["match"]) - {"nomn", "accs"}):
                if case in CASES and ex["match"] not in by_case.get(case, []):
                    by_case.setdefault(case, []).append(ex["match"])
        ru = tuple((c, tuple(by_case[c])) for c in CASES if c in by_case)
        for k in kinds:
            out[k].append(Name(e["id"], k, en, ru, ru_label or ""))
    return out


class Filler:
    """Fills the name slots of a template pair; with ``ru`` it keeps both languages on one entity."""

    def __init__(self, names: dict[str, list[Name]]) -> None:
        self.names = names
        self.by_case: dict[tuple[str, str], list[Name]] = {}
        for kind, lst in names.items():
            for case in CASES:
                self.by_case[(kind, case)] = [n for n in lst if n.ru_forms(case)]

    def pick(self, rng: random.Random, kind: str, case: str | None) -> Name:
        if case is None:
            return rng.choice(self.names[kind])
        pool = self.by_case[(kind, case)]
        for other in SLOT_FALLBACK:
            if pool:
                break
            pool = self.by_case[(other, case)]
        return rng.choice(pool)

    def fill(self, rng: random.Random, pair: Sequence[str], with_ru: bool) -> tuple[str, str, tuple[str, ...]]:
        """(English, Russian, entity ids) of a template pair; slots that are not names (``{ref}``,
        ``{session_ord}``) are left in place."""
        en_t, ru_t = pair[0], pair[1]
        chosen: dict[str, Name] = {}
        ru_out = ""
        if with_ru:
            def ru_sub(m: re.Match[str]) -> str:
                kind, case = m.group("kind"), m.group("case") or "nomn"
                if kind not in self.names:
                    return m.group()
                name = self.pick(rng, kind, case)
                chosen[kind] = name
                return rng.choice(name.ru_forms(case))
            ru_out = SLOT.sub(ru_sub, ru_t)

        def en_sub(m: re.Match[str]) -> str:
            kind = m.group("kind")
            if kind not in self.names:
                return m.group()
            name = chosen.get(kind) or self.pick(rng, kind, None)
            chosen[kind] = name
            return name.en
        en_out = SLOT.sub(en_sub, en_t)
        return en_out, ru_out, tuple(sorted({n.id for n in chosen.values()}))


def cap(s: str) -> str:
    return s[:1].upper() + s[1:]


def ordinal_word(n: int) -> str:
    """'sixty-seventh' for 67 (sessions 50 to 89)."""
    tens, units = divmod(n, 10)
    plain, nth = ORDINAL_TENS[tens]
    return nth if units == 0 else f"{plain}-{ORDINAL_UNITS[units]}"


def ordinal_suffix(n: int) -> str:
    if n % 100 in (11, 12, 13):
        return f"{n}th"
    return f"{n}{ {1: 'st', 2: 'nd', 3: 'rd'}.get(n % 10, 'th') }"


def to_roman(n: int) -> str:
    out = []
    for v, s in ((100, "C"), (90, "XC"), (50, "L"), (40, "XL"), (10, "X"), (9, "IX"), (5, "V"), (4, "IV"),
                 (1, "I")):
        while n >= v:
            out.append(s)
            n -= v
    return "".join(out)


# -- pools of phrases --------------------------------------------------------------------------------

Pair = tuple[str, str, tuple[str, ...]]  # English, Russian, entity ids


@dataclass
class Pools:
    """Phrases filled once per corpus; documents draw from them. ``en`` pools fill names from every
    entry; ``ru`` pools only from entries with the Russian case asked for (used for ru and ru+en)."""

    clauses: dict[str, list[Pair]]  # subject + action, no final stop
    qualifiers: dict[str, list[Pair]]
    recitals: dict[str, list[Pair]]
    pp: list[Pair]
    op: dict[str, list[Pair]]
    filler: Filler


def build_pools(rng: random.Random, filler: Filler, size: int = 600) -> Pools:
    w = words()["treaty"]
    r = words()["resolution"]
    clauses: dict[str, list[Pair]] = {}
    qualifiers: dict[str, list[Pair]] = {}
    recitals: dict[str, list[Pair]] = {}
    for variant, with_ru in (("en", False), ("ru", True)):
        clauses[variant] = []
        for _ in range(size):
            s = rng.choice(w["subjects"])
            a = rng.choice(w["actions"])
            en, ru, ids = filler.fill(rng, (f"{s[0]} {a[0]}", f"{s[1]} {a[1]}"), with_ru)
            clauses[variant].append((cap(en), cap(ru), ids))
        qualifiers[variant] = [filler.fill(rng, q, with_ru) for q in w["qualifiers"] for _ in range(12)]
        recitals[variant] = [filler.fill(rng, x, with_ru) for x in w["recitals"] for _ in range(8)]
    pp = []
    for _ in range(size):
        opening = rng.choice(r["pp_openings"])
        body = rng.choice(r["pp_bodies"])
        if body.startswith("that") and opening[0].endswith((" of", " about")):
            body = r["pp_bodies"][0]
        topic = rng.choice(r["topics"])
        en, _, ids = filler.fill(rng, (f"{opening[0]} {body}".replace("{topic}", topic), ""), False)
        pp.append((en, opening[1], ids))
    op: dict[str, list[Pair]] = {"np": [], "inf": [], "that": []}
    for kind in op:
        for _ in range(size // 2):
            body = rng.choice(r[f"op_{kind}"]).replace("{topic}", rng.choice(r["topics"]))
            en, _, ids = filler.fill(rng, (body, ""), False)
            op[kind].append((en, "", ids))
    return Pools(clauses, qualifiers, recitals, pp, op, filler)


# -- treaty skeleton -------------------------------------------------------------------------------------


@dataclass
class Line:
    """One line of a text: ``kind`` is heading/text/blank/rule/footnote/table; ``label`` is printed
    before the words (a numbered, lettered or item label, in the document's style); ``words`` per
    language; ``marker`` puts a footnote marker ``<*>`` at its end."""

    kind: str
    words: dict[str, str]
    label: tuple[str, str] | None = None  # (label kind: num/let/item, Latin label)
    marker: bool = False


@dataclass
class TreatyStyle:
    langs: tuple[str, ...]
    letters_en: str  # "a." | "(a)" | "a)"
    letters_ru: str  # "a)" (Latin, like the seed) | "а)" (Cyrillic)
    items_en: str  # "i." | "(i)"
    chapter_en: str  # "own_line" | "dash_upper" | "dash"
    chapter_ru: str  # "glued" | "dot" | "own_line"
    article_title: str  # "own_line" | "dash" | "none"
    indent: bool  # four spaces before every line, like the seed
    counters: bool  # outline counters in front of blocks
    transport_error: bool
    headless: str  # "none" | "some" | "most"


@dataclass
class Target:
    """An addressable provision of a generated treaty."""

    eid: str
    article: int
    kind: str  # article | num | let | item | num_let
    labels: tuple[str, ...]  # labels below the article


@dataclass
class CorpusTreaty:
    """What other documents may cite of a generated treaty."""

    file: str
    key: str
    entry: Name | None  # the registry entry whose title it carries
    articles: int
    numbered: dict[int, int]  # article -> numbered paragraph count


@dataclass
class CorpusResolution:
    file: str
    symbol: str
    session: int
    number: int
    date: str
    operative: int


class TreatyWriter:
    """Builds one treaty: its skeleton, then its lines in every language, recording refs and names."""

    def __init__(self, rng: random.Random, pools: Pools, style: TreatyStyle, rec: FileRecord,
                 others: Sequence[CorpusTreaty], unread: Sequence[Name], on: Callable[[str], bool]) -> None:
        self.rng = rng
        self.on = on
        self.pools = pools
        self.style = style
        self.rec = rec
        self.pool = "en" if style.langs == ("en",) else "ru"  # which phrase pools
        self.others = others
        self.unread = unread
        self.lines: list[Line] = []
        self.ids: set[str] = set()
        self.targets: list[Target] = []
        self.by_article: dict[int, list[Target]] = {}
        self.w = words()["treaty"]

    # -- words ---------------------------------------------------------------------------------

    def pair_words(self, p: Pair) -> dict[str, str]:
        self.ids.update(p[2])
        return {"en": p[0], "ru": p[1]}

    def sentence(self) -> dict[str, str]:
        c = self.rng.choice(self.pools.clauses[self.pool])
        q = self.rng.choice(self.pools.qualifiers[self.pool])
        self.ids.update(c[2])
        self.ids.update(q[2])
        return {"en": f"{c[0]}{q[0]}.", "ru": f"{c[1]}{q[1]}."}

    def fixed(self, pair: Sequence[str]) -> dict[str, str]:
        return {"en": pair[0], "ru": pair[1]}

    def state_name(self, state: Name) -> str:
        """A state as a preamble names it: "the Kingdom of Belgium" where the registry has such a form."""
        if "en" in self.style.langs:
            self.ids.add(state.id)
        aliases = (registry().get(state.id) or {}).get("aliases", {}).get("en", [])
        formal = [a for a in aliases if a.split()[0] in ("Kingdom", "Republic", "Principality", "Grand", "State")]
        return "the " + formal[0] if formal else state.en

    # -- references ------------------------------------------------------------------------------

    def ru_letter(self, latin: str) -> str:
        if self.style.letters_ru == "а)":
            return CYRILLIC_LETTERS["abcdefghijklmnopqrstuvwxyz".index(latin)]
        return latin

    def quote_pair(self, form: str, case: str, nums: Sequence[Any]) -> dict[str, str]:
        """The English and Russian quote of a reference ``form`` with its numbers and labels; the Russian
        unit words in ``case``, letters in quotes «a» or "a", Cyrillic where the text letters so."""
        rng = self.rng
        u = {k: v[case] for k, v in RU_UNITS.items()}
        q = "«{}»" if rng.random() < 0.6 else '"{}"'

        def letter(latin: str) -> str:
            return q.format(self.ru_letter(latin))

        a = nums[0] if nums else None
        if form == "art":
            return {"en": f"Article {a}", "ru": f"{u['article']} {a}"}
        if form == "arts":
            head = ", ".join(map(str, nums[:-1]))
            return {"en": f"Articles {head} and {nums[-1]}", "ru": f"{u['articles']} {head} и {nums[-1]}"}
        if form == "range":
            return {"en": f"Articles {a} to {nums[1]}", "ru": f"{u['articles']} {a} - {nums[1]}"}
        if form == "art_num":
            en = f"Article {a}, paragraph {nums[1]}" if rng.random() < 0.5 else f"paragraph {nums[1]} of Article {a}"
            return {"en": en, "ru": f"{u['paragraph']} {nums[1]} статьи {a}"}
        if form == "art_let":
            en = f"Article {a}.{nums[1]}" if rng.random() < 0.6 else f"paragraph {nums[1]} of Article {a}"
            return {"en": en, "ru": f"{u['paragraph']} {letter(nums[1])} статьи {a}"}
        if form == "art_let_item":
            ru = f"{u['subparagraph']} {q.format(nums[2])} пункта {letter(nums[1])} статьи {a}"
            return {"en": f"Article {a}.{nums[1]}.{nums[2]}", "ru": ru}
        if form == "art_item":
            return {"en": f"Article {a}.{nums[1]}", "ru": f"{u['subparagraph']} {q.format(nums[1])} статьи {a}"}
        if form == "num_let":
            en = (f"Article {a}, paragraph {nums[1]} ({nums[2]})" if rng.random() < 0.5
                  else f"paragraph {nums[1]} ({nums[2]}) of Article {a}")
            return {"en": en, "ru": f"{u['subparagraph']} {letter(nums[2])} пункта {nums[1]} статьи {a}"}
        if form == "rel_num":
            return {"en": f"paragraph {a} above", "ru": f"{u['paragraph']} {a} выше"}
        if form == "rel_let":
            return {"en": f"paragraph {a} above", "ru": f"{u['paragraph']} {letter(a)} выше"}
        if form == "this":
            return {"en": "this Article", "ru": u["this"]}
        raise ValueError(form)

    def eid_of(self, labels: Sequence[str]) -> str | None:
        """The eid of a dotted path of this treaty ("4.1.b"), or None when it has no such provision."""
        known = {t.eid for t in self.targets}
        eids = [f"art_{labels[0]}"]
        for prev, lab in zip(labels, labels[1:], strict=False):
            roman = re.fullmatch(r"[ivx]+", lab) is not None
            if roman and re.fullmatch(r"[a-z]", prev) and not prev.isdigit() and len(eids) > 1:
                kinds = ["item"]
            elif roman:
                kinds = ["item", "para"]
            else:
                kinds = ["para"]
            found = next((e for e in (f"{eids[-1]}__{k}_{lab}" for k in kinds) if e in known), None)
            if found is None:
                return None
            eids.append(found)
        return eids[-1] if eids[-1] in known else None

    def table_ref(self, lang: str, case: str) -> tuple[str, str, list[str], dict[str, Any]] | None:
        """A form of the table of real forms in ``lang`` (Russian: in ``case``), its articles moved to ones
        this treaty has with the provisions it cites: (written words, quote read, target eids, row)."""
        rng = self.rng
        rows = [r for r in table_forms()[lang] if lang != "ru" or r["case"] == case]
        for row in rng.sample(rows, min(4, len(rows))):
            paths = [p.split(".") for p in row["cites"][0]]
            arts = sorted({int(p[0]) for p in paths})
            if {str(a) for a in arts} & {x for p in paths for x in p[1:]}:
                continue  # "paragraph 1 of Article 1": which 1 is the article's is not told by the number
            deltas = list(range(1 - arts[0], self.rec.articles - arts[-1] + 1))
            rng.shuffle(deltas)
            for d in deltas[:40]:
                eids = [self.eid_of([str(int(p[0]) + d), *p[1:]]) for p in paths]
                if all(eids):
                    def move(s: str, d: int = d, arts: frozenset[int] = frozenset(arts)) -> str:
                        return re.sub(r"(?<!\d)\d+(?!\d)",
                                      lambda m: str(int(m.group()) + d) if int(m.group()) in arts else m.group(), s)
                    quote = row.get("quote", row["text"])
                    # the row's own words when they are the reference and a glued dash or a comma ("-Article 3")
                    said = row["text"] if row["text"].strip(" -–,;") == quote else quote
                    return move(said), move(quote), [e for e in eids if e], row
        return None

    def ref_form(self, t: Target) -> tuple[str, list[Any]]:
        if t.kind == "article":
            return "art", [t.article]
        if t.kind == "num":
            return "art_num", [t.article, t.labels[0]]
        if t.kind == "let":
            return "art_let", [t.article, t.labels[0]]
        if t.kind == "item" and len(t.labels) == 2:
            return "art_let_item", [t.article, *t.labels]
        if t.kind == "item":
            return "art_item", [t.article, t.labels[0]]
        return "num_let", [t.article, *t.labels]

    def cited_text(self) -> tuple[str, list[Any], list[str], str, str | None, dict[str, str], bool] | None:
        """A reference to an article of another text: a generated treaty carrying a registry title
        (read), or a registry treaty not in the corpus (cited, not read). None when the Russian text
        cannot name one (no genitive form in the registry)."""
        rng = self.rng
        if self.others and rng.random() < 0.65:
            other = rng.choice(self.others)
            entry = other.entry
            a = rng.randint(1, other.articles)
            if other.numbered.get(a) and rng.random() < 0.4:
                p = rng.randint(1, other.numbered[a])
                form, nums, targets = "art_num", [a, p], [f"art_{a}__para_{p}"]
            else:
                form, nums, targets = "art", [a], [f"art_{a}"]
            key, file = other.key, other.file
        elif self.unread:
            entry = rng.choice(self.unread)
            a = rng.randint(1, 40)
            form, nums, targets, key, file = "art", [a], [f"art_{a}"], entry.id, None
        else:
            return None
        if entry is None or ("ru" in self.style.langs and not entry.ru_forms("gent")):
            return None
        self.ids.add(entry.id)
        genitive = entry.ru_forms("gent")
        tail = {"en": f" of {entry.en}", "ru": " " + rng.choice(genitive) if genitive else ""}
        return form, nums, targets, key, file, tail, long_title({"en": entry.en[4:], "ru": entry.ru_label})

    def ref_sentence(self, source: str, article: int, earlier: Sequence[Target]) -> dict[str, str]:
        """A sentence with one reference in it; ``earlier`` are this article's paragraphs above."""
        rng = self.rng
        refq = rng.choice(self.w["ref_qualifiers"])
        case = SLOT.search(refq[1]).group("case")  # type: ignore[union-attr]
        roll = rng.random()
        document: str | None = None
        file: str | None = None
        tail = {"en": "", "ru": ""}
        dangling = False
        variant: str | None = None
        n_art = self.rec.articles
        cited = self.cited_text() if 0.03 <= roll < 0.13 else None
        if roll < 0.03:
            a = n_art + rng.randint(2, 9)  # a text renumbered since: the article is gone
            form, nums, targets, dangling = "art", [a], [f"art_{a}"], True
        elif cited is not None:
            form, nums, targets, document, file, tail, long = cited
            variant = "long-title" if long else None
        elif 0.13 <= roll < 0.23 and earlier:
            t = rng.choice(earlier)
            form, nums, targets = ("rel_num" if t.kind == "num" else "rel_let"), [t.labels[0]], [t.eid]
        elif 0.23 <= roll < 0.28 and (case != "ablt" or self.on("instrumental-this")):
            form, nums, targets = "this", [], [f"art_{article}"]
        elif 0.28 <= roll < 0.40 and n_art >= 3:
            a = rng.randint(1, n_art - 1)
            b = min(n_art, a + rng.randint(1, 3))
            if rng.random() < 0.5:
                form, nums, targets = "range", [a, b], [f"art_{k}" for k in range(a, b + 1)]
            else:
                picks = sorted(rng.sample(range(1, n_art + 1), rng.choice((2, 2, 3))))
                form, nums, targets = "arts", picks, [f"art_{k}" for k in picks]
        else:
            t = rng.choice(self.targets)
            form, nums = self.ref_form(t)
            targets = [t.eid]
        quotes = self.quote_pair(form, case, nums)
        written = dict(quotes)
        # a reference to a provision of this text: often in a form of the table of real forms, per language
        table: dict[str, tuple[str, str, list[str], dict[str, Any]] | None] = {}
        if form in ("art", "art_num", "art_let", "art_let_item", "art_item", "num_let") and not dangling \
                and document is None and rng.random() < 0.4:
            table = {lang: self.table_ref(lang, case) for lang in ("en", "ru") if lang in self.style.langs}
        c = rng.choice(self.pools.clauses[self.pool])
        self.ids.update(c[2])
        out = {}
        for i, lang in enumerate(("en", "ru")):
            if lang not in self.style.langs:
                out[lang] = ""
                continue
            drawn = table.get(lang)
            if drawn is not None:
                written[lang], quotes[lang] = drawn[0], drawn[1]
            said = written[lang] + tail[lang]
            text = SLOT.sub(lambda m, said=said: said if m.group("kind") == "ref" else m.group(), refq[i])
            text = re.sub(r" с (?=ст)", " со ", text)
            out[lang] = f"{c[i]}{text}."
            tag = f"{lang}.{form}" if drawn is None else f"{lang}.table.{drawn[3]['id']}"
            var = variant
            if lang == "ru":
                tag += f".{case}"
                if drawn is None and self.style.letters_ru == "а)" and "let" in form:
                    var = "cyrillic-letters"
                elif drawn is None and form == "this" and case == "ablt":
                    var = "instrumental-this"
            if var:
                self.rec.used(var)
            self.rec.refs.append(RefRecord(lang, source, quotes[lang], tag, targets if drawn is None else drawn[2],
                                           document, file, dangling, var,
                                           None if drawn is None else drawn[3].get("misread")))
        return out

    # -- skeleton ------------------------------------------------------------------------------------

    def plan_articles(self, n: int, chapter_starts: set[int]) -> list[dict[str, Any]]:
        """Per article: explicit heading or not, and the shape of its body, so that a reader who infers
        missing headings as the seed requires can get every number right:

        * an unheaded article is one plain paragraph, lettered paragraphs from ``a``, or an intro with
          items; never ``a.`` right after an article with numbered paragraphs (it would read as 2.a);
        * a headed article followed by an unheaded one has a single block (several plain paragraphs
          would each start an article); the first article of a text without chapters is headed (an
          unheaded one would read as the end of the preamble).
        """
        rng = self.rng
        share = {"none": 0.0, "some": 0.25, "most": 0.75}[self.style.headless]
        arts: list[dict[str, Any]] = [{"n": k, "explicit": rng.random() >= share} for k in range(1, n + 1)]
        if share and all(a["explicit"] for a in arts) and n > 2:
            arts[n // 2]["explicit"] = False
        if 1 not in chapter_starts:
            arts[0]["explicit"] = True
        headed = [a["n"] for a in arts if a["explicit"]]
        if share and headed == list(range(1, len(headed) + 1)) and len(headed) < n:
            # headings 1..m then none: a reader takes the text for a fully headed one and infers nothing
            # (left out on purpose: reported, not generated)
            arts[-1]["explicit"] = True
            if len(headed) == n - 1 and n > 2:
                arts[n // 2]["explicit"] = False
        # where numbering is inferred (anywhere after the last heading, or between headings n and m > n+1)
        # a headed article must be one block
        inferring = any(not a["explicit"] for a in arts)
        for k, a in enumerate(arts):
            nxt_headless = (k + 1 < n and not arts[k + 1]["explicit"]) or (k + 1 == n and inferring)
            prev = arts[k - 1] if k else None
            if not a["explicit"]:
                options = ["plain", "plain", "lettered", "intro_items"]
                if prev is not None and prev["body"] == "numbered" and (k + 1) not in chapter_starts:
                    options = ["plain", "intro_items"]
                a["body"] = rng.choice(options)
            elif nxt_headless:
                a["body"] = rng.choice(["plain", "lettered", "intro_items", "numbered", "numbered"])
            elif k == 0:
                a["body"] = rng.choice(["numbered", "definitions", "lettered", "plain"])
            else:
                a["body"] = rng.choice(["numbered", "numbered", "numbered", "lettered", "plain_multi",
                                        "intro_items", "definitions", "table"])
        return arts

    def build(self, n_articles: int, n_chapters: int, n_parts: int) -> None:
        rng = self.rng
        # chapters: consecutive runs of articles; a chapter's first article may be unheaded
        bounds = sorted(rng.sample(range(2, n_articles + 1), n_chapters - 1)) if n_chapters > 1 else []
        chapter_starts = {1, *bounds} if n_chapters else set()
        part_starts = set()
        if n_parts:
            starts = sorted(chapter_starts)
            part_starts = {starts[int(i * len(starts) / n_parts)] for i in range(n_parts)}
        arts = self.plan_articles(n_articles, chapter_starts)
        # in a text whose every article is headed, an article of several plain paragraphs has them as
        # paragraphs numbered by position (the pipeline cannot tell them from lost headings otherwise)
        self.all_headed = all(a["explicit"] for a in arts)
        # the skeleton first, so that references can point anywhere in the text
        for a in arts:
            a["paras"] = self.skeleton(a)
        chapter_no = part_no = 0
        for a in arts:
            k = a["n"]
            if k in part_starts:
                part_no += 1
                title = rng.choice(self.w["chapter_titles"])
                self.lines.append(Line("blank", {}))
                self.lines.append(Line("heading", {"en": f"PART {to_roman(part_no)}",
                                                   "ru": f"РАЗДЕЛ {to_roman(part_no)}"}))
                self.lines.append(Line("heading", {"en": title[0].upper(), "ru": title[1].upper()}))
                self.lines.append(Line("blank", {}))
            if k in chapter_starts:
                chapter_no += 1
                self.chapter(chapter_no)
            self.article(a)
        self.rec.parts = part_no
        self.rec.chapters = chapter_no
        self.rec.inferred_articles = sum(1 for a in arts if not a["explicit"])

    def skeleton(self, a: dict[str, Any]) -> list[dict[str, Any]]:
        """The paragraphs of an article (eids and labels) and their targets."""
        rng = self.rng
        k = a["n"]
        art_eid = f"art_{k}"
        tg = [Target(art_eid, k, "article", ())]
        paras: list[dict[str, Any]] = []
        body = a["body"]
        if body == "numbered":
            for p in range(1, rng.choice((2, 2, 3, 3, 4, 5)) + 1):
                eid = f"{art_eid}__para_{p}"
                para: dict[str, Any] = {"kind": "num", "label": str(p), "eid": eid, "subs": []}
                tg.append(Target(eid, k, "num", (str(p),)))
                if rng.random() < 0.2:
                    for li in range(rng.randint(2, 4)):
                        lab = "abcdefgh"[li]
                        sub = f"{eid}__para_{lab}"
                        para["subs"].append({"kind": "let", "label": lab, "eid": sub, "items": []})
                        tg.append(Target(sub, k, "num_let", (str(p), lab)))
                paras.append(para)
        elif body in ("lettered", "definitions"):
            count = rng.choice((2, 3, 3, 4, 4, 5, 6)) if body == "lettered" else rng.randint(3, 6)
            nine = rng.random() < (0.08 if body == "lettered" and self.on("items-after-h") else 0.03)
            if nine:
                count = 9  # "i." after "h." is a letter, not an item
            for li in range(count):
                lab = "abcdefghi"[li]
                eid = f"{art_eid}__para_{lab}"
                para = {"kind": "let", "label": lab, "eid": eid, "items": []}
                tg.append(Target(eid, k, "let", (lab,)))
                # items under "h." in most lettered articles of nine paragraphs, when that form is written
                if body == "lettered" and rng.random() < (0.7 if lab == "h" else 0.2) and li < count - 1 and (
                        lab != "h" or self.on("items-after-h")):
                    if lab == "h":
                        self.rec.used("items-after-h")
                    for ii in range(rng.randint(2, 4)):
                        lab_i = ("i", "ii", "iii", "iv")[ii]
                        para["items"].append({"eid": f"{eid}__item_{lab_i}", "label": lab_i})
                        tg.append(Target(f"{eid}__item_{lab_i}", k, "item", (lab, lab_i)))
                paras.append(para)
        elif body == "intro_items":
            for ii in range(rng.randint(2, 5)):
                lab_i = ("i", "ii", "iii", "iv", "v")[ii]
                paras.append({"kind": "item", "label": lab_i, "eid": f"{art_eid}__item_{lab_i}"})
                tg.append(Target(f"{art_eid}__item_{lab_i}", k, "item", (lab_i,)))
        self.targets.extend(tg)
        self.by_article[k] = tg
        return paras

    # -- lines ---------------------------------------------------------------------------------------

    def chapter(self, no: int) -> None:
        title = self.rng.choice(self.w["chapter_titles"])
        r = to_roman(no)
        en = {"own_line": f"CHAPTER {r}", "dash_upper": f"Chapter {r} - {title[0].upper()}",
              "dash": f"Chapter {r} – {title[0]}"}[self.style.chapter_en]
        ru = {"own_line": f"ГЛАВА {r}", "glued": f"Глава {r}.{title[1]}", "dot": f"Глава {r}. {title[1]}"}[
            self.style.chapter_ru]
        self.lines.append(Line("blank", {}))
        self.lines.append(Line("heading", {"en": en, "ru": ru}))
        own = {"en": self.style.chapter_en == "own_line", "ru": self.style.chapter_ru == "own_line"}
        if any(own.values()):
            words_ = {lang: title[i] if own[lang] else "" for i, lang in enumerate(("en", "ru"))}
            self.lines.append(Line("heading", words_))
        self.lines.append(Line("blank", {}))

    def text_line(self, eid: str, article: int, earlier: Sequence[Target], n: int | None = None,
                  ref_chance: float = 0.22) -> dict[str, str]:
        n = n or self.rng.choice((1, 1, 2, 2, 3))
        parts = [self.sentence() for _ in range(n)]
        if self.rng.random() < ref_chance:
            parts.insert(self.rng.randint(0, len(parts)), self.ref_sentence(eid, article, earlier))
        return {lang: " ".join(p[lang] for p in parts) for lang in ("en", "ru")}

    def footnote(self) -> list[Line]:
        self.rec.footnotes += len(self.style.langs)
        fn = self.rng.choice(self.w["footnotes"])
        return [Line("blank", {}), Line("rule", {}), Line("footnote", self.fixed(fn)), Line("blank", {}),
                Line("blank", {})]

    def article(self, a: dict[str, Any]) -> None:
        rng = self.rng
        k = a["n"]
        eid = f"art_{k}"
        body = a["body"]
        lines = self.lines
        after: list[Line] = []
        heading_marker = False
        if a["explicit"]:
            heading = rng.choice(self.w["article_headings"])
            style = self.style.article_title
            heading_marker = rng.random() < 0.05
            mark = " <*>" if heading_marker else ""
            if style == "dash" and not heading_marker:
                lines.append(Line("heading", {"en": f"Article {k} – {heading[0]}", "ru": f"Статья {k}. {heading[1]}"}))
            else:
                lines.append(Line("heading", {"en": f"Article {k}{mark}", "ru": f"Статья {k}{mark}"}))
                if style == "own_line":
                    lines.append(Line("heading", self.fixed(heading)))
            if heading_marker:
                after = self.footnote()
        marker_line: Line | None = None
        paras = a["paras"]
        earlier: list[Target] = []
        if body in ("plain", "plain_multi"):
            positional = body == "plain_multi" and self.all_headed
            for i in range(1 if body == "plain" else rng.randint(2, 4)):
                source = f"{eid}__para_{i + 1}" if positional else eid
                lines.append(Line("text", self.text_line(source, k, earlier)))
                marker_line = lines[-1]
                if positional:
                    target = Target(source, k, "num", (str(i + 1),))
                    self.targets.append(target)
                    self.by_article[k].append(target)
        elif body == "numbered":
            for p in paras:
                if p["subs"]:
                    words_ = self.fixed(rng.choice(self.w["definitions_intro"])) if rng.random() < 0.5 else {
                        lang: v.rstrip(".") + ", in particular:" if lang == "en" else v.rstrip(".") + ", в частности:"
                        for lang, v in self.sentence().items()}
                    lines.append(Line("text", words_, ("num", p["label"])))
                    for i, s in enumerate(p["subs"]):
                        t = self.text_line(s["eid"], k, earlier, 1, 0.15)
                        end = ";" if i + 1 < len(p["subs"]) else "."
                        lines.append(Line("text", {lang: v[:-1] + end if v else v for lang, v in t.items()},
                                          ("let", s["label"])))
                else:
                    lines.append(Line("text", self.text_line(p["eid"], k, earlier), ("num", p["label"])))
                    marker_line = lines[-1]
                earlier.append(Target(p["eid"], k, "num", (p["label"],)))
        elif body in ("lettered", "definitions"):
            if body == "definitions":
                lines.append(Line("text", self.fixed(rng.choice(self.w["definitions_intro"]))))
                defs = rng.sample(self.w["definitions"], min(len(paras), len(self.w["definitions"])))
                while len(defs) < len(paras):
                    defs.append(rng.choice(self.w["definitions"]))
            for i, p in enumerate(paras):
                if body == "definitions":
                    d = self.fixed(defs[i])
                    if i + 1 == len(paras):
                        d = {lang: v[:-1] + "." for lang, v in d.items()}
                    lines.append(Line("text", d, ("let", p["label"])))
                elif p["items"]:
                    intro = rng.choice(self.w["intros"])
                    lines.append(Line("text", self.fixed(intro), ("let", p["label"])))
                    self.items(p["items"])
                else:
                    lines.append(Line("text", self.text_line(p["eid"], k, earlier), ("let", p["label"])))
                    marker_line = lines[-1]
                earlier.append(Target(p["eid"], k, "let", (p["label"],)))
        elif body == "intro_items":
            lines.append(Line("text", self.fixed(rng.choice(self.w["intros"]))))
            self.items(paras)
            if a["explicit"] and rng.random() < 0.3:
                lines.append(Line("text", self.fixed(rng.choice(self.w["item_tails"]))))
        elif body == "table":
            self.table(eid, k)
        if not heading_marker and marker_line is not None and rng.random() < 0.06:
            marker_line.marker = True
            after = self.footnote()
        lines.extend(after)

    def items(self, items: Sequence[dict[str, Any]]) -> None:
        picks = self.rng.sample(self.w["items"], min(len(items), len(self.w["items"])))
        for i, it in enumerate(items):
            en, ru = picks[i % len(picks)]
            if i + 1 < len(items):
                last_but_one = i + 2 == len(items) and self.rng.random() < 0.4
                en, ru = en + ("; and" if last_but_one else ";"), ru + ("; и" if last_but_one else ";")
            else:
                en, ru = en + ".", ru + "."
            self.lines.append(Line("text", {"en": en, "ru": ru}, ("item", it["label"])))
            for entity, name in ITEM_NAMES:
                if name in en:
                    self.ids.add(entity)

    def table(self, eid: str, k: int) -> None:
        self.lines.append(Line("text", {"en": "Members shall be entitled to the number of representatives given below:",
                                        "ru": "Члены имеют право на следующее число представителей:"}))
        states = self.rng.sample(self.pools.filler.names["state"], 2 * self.rng.randint(3, 6))
        half = len(states) // 2
        rows_en, rows_ru = [], []
        for left, right in zip(states[:half], states[half:], strict=True):
            a, b = self.rng.randint(2, 18), self.rng.randint(2, 18)
            rows_en.append(f"{left.en:<26} {a:<5} {right.en:<26} {b}")
            rows_ru.append(f"{left.ru_label:<26} {a:<5} {right.ru_label:<26} {b}")
            self.ids.update((left.id, right.id))
        for en, ru in zip(rows_en, rows_ru, strict=True):
            self.lines.append(Line("table", {"en": en, "ru": ru}))
        self.lines.append(Line("blank", {}))


# -- treaty text -------------------------------------------------------------------------------------


def render_body(lang: str, tw: TreatyWriter) -> list[str]:
    """The body lines of one language version (chapters, articles, footnotes), without counters."""
    st = tw.style
    ind = "    " if st.indent else ""
    body: list[str] = []
    for ln in tw.lines:
        if ln.kind == "blank":
            body.append("")
            continue
        if ln.kind == "rule":
            body.append(ind + "-" * 32)
            continue
        text = ln.words.get(lang, "")
        if not text:
            continue
        if ln.kind == "footnote":
            body.append(f"{ind}<*> {text}")
            continue
        if ln.label is not None:
            kind, lab = ln.label
            if kind == "num":
                text = f"{lab}. {text}"
            elif kind == "let" and lang == "ru":
                text = f"{tw.ru_letter(lab)}) {text}"
            elif kind == "let":
                text = {"a.": f"{lab}. ", "(a)": f"({lab}) ", "a)": f"{lab}) "}[st.letters_en] + text
            elif lang == "ru":
                text = f"{lab}) {text}"
            else:
                text = {"i.": f"{lab}. ", "(i)": f"({lab}) "}[st.items_en] + text
        if ln.marker:
            text += " <*>"
        body.append(ind + text)
    return body


def add_counters(body: list[str], start: int) -> int:
    """The outline counters a HTML conversion leaves: ``  N. `` before every block, numbered on across
    the file's language versions. Returns the last number used."""
    counter = start
    for i in range(1, len(body)):
        if body[i] and not body[i - 1]:
            counter += 1
            body[i] = f"  {counter}. " + body[i].lstrip()
    return counter


def write_treaty(rng: random.Random, pools: Pools, rec: FileRecord, style: TreatyStyle, title: dict[str, str],
                 entry: Name | None, others: Sequence[CorpusTreaty], unread: Sequence[Name],
                 size: int, on: Callable[[str], bool]) -> tuple[str, CorpusTreaty]:
    tw = TreatyWriter(rng, pools, style, rec, others, unread, on)
    w = words()["treaty"]
    rec.articles = size
    n_chapters = 0 if size < 6 or rng.random() < 0.2 else max(2, min(size // 2, round(size / rng.uniform(4, 9))))
    n_parts = rng.choice((2, 3, 4)) if size > 60 and n_chapters >= 6 and rng.random() < 0.5 else 0
    if n_chapters == 0:
        style.counters = False  # counters are told from paragraph numbers by the headings they stand before
    tw.build(size, n_chapters, n_parts)
    d, m, y = rng.randint(1, 28), rng.randint(1, 12), rng.randint(1950, 2020)
    place = rng.choice(w["places"])
    rec.titles = {lang: title[lang] for lang in style.langs}
    # one series and number per title (several documents may carry the same registry treaty's title),
    # the registry's own where it has one
    idf = (registry().get(entry.id) or {}).get("identifiers", {}) if entry else {}
    kind = "CETS" if "cets" in idf else "ETS" if "ets" in idf else ("ETS", "CETS")[stable_number(title["en"], 0, 1)]
    series_no = idf.get(kind.lower()) or stable_number(title["en"], 1, 230)
    series = f"{kind} N{'o.' if rng.random() < 0.5 else ''} {series_no}"
    # front matter: English title (in capitals with place and date, or with its series number);
    # Russian as in the seed: "Международная организация", "Конвенция от ...", title, "Принята ..."
    en_title = title["en"]
    shape = rng.random()
    if shape < 0.3:
        en_title = f"{en_title.upper()} ({place[0].upper()}, {d}.{ROMAN_MONTHS[m - 1]}.{y})"
    elif shape < 0.6:
        en_title = f"{en_title} ({series.replace('N ', 'No. ').replace('No ', 'No. ')})"
    ru_title = title["ru"]
    noun = cap(next((wd for wd in ru_title.split() if re.fullmatch(
        r"(?i)устав|конвенция|хартия|протокол|соглашение|договор|пакт", wd)), "Договор"))
    adopted = "Принята" if noun in ("Конвенция", "Хартия") else "Принято" if noun == "Соглашение" else "Принят"
    front = {
        "en": [en_title, ""],
        "ru": (["Международная организация"] if rng.random() < 0.5 else [])
        + [f"{noun} от {d:02d} {MONTHS_RU[m - 1]} {y} года", "", f"{ru_title} ({series})", "", adopted,
           "Советом Европы", f"{d:02d} {MONTHS_RU[m - 1]} {y} года"],
    }
    openings = [o for o in w["openings"] if o[2] != "bare" or on("bare-preamble-opening")]
    opening = rng.choice(openings)
    if opening[2] == "bare" and "en" in style.langs:
        rec.used("bare-preamble-opening")
    if "{states}" in opening[0]:
        states = [tw.state_name(x) for x in rng.sample(pools.filler.names["state"], rng.randint(3, 9))]
        opening = [opening[0].replace("{states}", ", ".join(states[:-1]) + " and " + states[-1]), opening[1]]
    preamble = [tw.fixed(opening)]
    for _ in range(rng.randint(2, 7)):
        preamble.append(tw.pair_words(rng.choice(pools.recitals[tw.pool])))
    preamble.append(tw.fixed(rng.choice(w["closings"])))
    done = w["done"][0]
    final = [tw.fixed(w["witness"][0]),
             {"en": done[0].format(place=place[0], day=ordinal_suffix(d), month=MONTHS_EN[m - 1], year=y),
              "ru": done[1].format(place_ru=place[1], day_n=d, month_ru=MONTHS_RU[m - 1], year=y)}]
    if rng.random() < 0.5:
        final.append({"en": "(Signatures)", "ru": "(Подписи)"})
    ind = "    " if style.indent else ""
    out: list[str] = []
    if style.transport_error:
        out += ["-32300: transport error - HTTP status code was not 200", ""]
    counter = 0
    for lang in ("ru", "en"):
        if lang not in style.langs:
            continue
        out += front[lang]
        out += [ind + p[lang] for p in preamble]
        body = render_body(lang, tw)
        if style.counters:
            counter = add_counters(body, counter)
        out += body
        out += [""] + [ind + f[lang] for f in final] + [""]
    rec.paragraphs = sum(1 for t in tw.targets if t.kind in ("num", "let", "num_let"))
    rec.items = sum(1 for t in tw.targets if t.kind == "item")
    rec.provisions = [t.eid for t in tw.targets]
    rec.entities = sorted(tw.ids)
    numbered = {a: sum(1 for t in tw.by_article[a] if t.kind == "num") for a in tw.by_article}
    return "\n".join(out), CorpusTreaty(rec.name, rec.key, entry, size, numbered)


# -- resolutions -------------------------------------------------------------------------------------


class ResolutionWriter:
    """Builds one General Assembly resolution in the UN print layout of the seed."""

    def __init__(self, rng: random.Random, pools: Pools, rec: FileRecord, me: CorpusResolution,
                 others: Sequence[CorpusResolution], treaties: Sequence[CorpusTreaty], on: Callable[[str], bool]):
        self.rng = rng
        self.pools = pools
        self.rec = rec
        self.me = me
        self.treaties = treaties
        self.on = on
        self.r = words()["resolution"]
        self.ids: set[str] = set()
        self.footnotes: list[str] = []
        # a resolution cites older ones (earlier sessions, or earlier numbers of its own), else any other
        self.older = [o for o in others if (o.session, o.number) < (me.session, me.number)] or [
            o for o in others if o.symbol != me.symbol]

    def marker(self, host: str, text: str) -> str:
        """A footnote: its number, glued to the word before it in the text."""
        self.footnotes.append(text)
        self.rec.notes.append([str(len(self.footnotes)), host, text])
        return str(len(self.footnotes))

    def treaty_footnote(self, host: str, name: Name) -> str:
        """The footnote marker after a treaty's name, with a Treaty Series cite (the registry's numbers
        where it has them). A name that ends in a year gets one only under the "year-marker" variant."""
        idf = (registry().get(name.id) or {}).get("identifiers", {})
        if "unts_volume" in idf:
            cite = f"United Nations, Treaty Series, vol. {idf['unts_volume']}, No. {idf.get('unts_number', '')}."
        elif "cets" in idf:
            cite = f"Council of Europe, Council of Europe Treaty Series, No. {idf['cets']}."
        elif "ets" in idf:
            cite = f"Council of Europe, European Treaty Series, No. {idf['ets']}."
        else:
            # one volume and number per treaty, as in real citations: random ones gave a treaty hundreds
            # of Treaty Series numbers across the corpus, and every query that lists them a cross product
            vol, no = stable_number(name.id, 500, 3000), stable_number(name.id + "#no", 10000, 60000)
            cite = f"United Nations, Treaty Series, vol. {vol}, No. {no}."
        if name.en[-1:].isdigit():
            if not self.on("year-marker"):
                return ""
            self.rec.used("year-marker")
        return self.marker(host, cite)

    def preambular(self, k: int) -> str:
        rng, r = self.rng, self.r
        host = f"pp_{k}"
        roll = rng.random()
        if roll < 0.25 and self.older:
            o = rng.choice(self.older)
            opening = "Recalling" if k == 1 else rng.choice(("Recalling also", "Recalling further", "Reaffirming"))
            self.rec.cited_documents.append(o.symbol)
            self.rec.pp_verbs.append(opening)
            return (f"{opening} its resolution {o.session}/{o.number} of {o.date}, in which it "
                    f"{rng.choice(('welcomed', 'requested', 'reaffirmed', 'stressed'))} "
                    f"{rng.choice(r['topics'])},")
        if roll < 0.35 and len(self.older) >= 3:
            picks = sorted(rng.sample(self.older, 3), key=lambda o: (o.session, o.number))
            nums = [f"{o.session}/{o.number}" for o in picks]
            self.rec.cited_documents.extend(o.symbol for o in picks)
            org = self.pools.filler.pick(rng, "org", None)
            self.ids.add(org.id)
            self.rec.pp_verbs.append("Recalling also")
            fn = self.marker(host, f"Resolutions {', '.join(nums[:-1])} and {nums[-1]}.")
            return (f"Recalling also its previous resolutions on cooperation between the United Nations and "
                    f"{org.en},{fn}")
        if roll < 0.45:
            t = self.pools.filler.pick(rng, "treaty", None)
            self.ids.add(t.id)
            opening = rng.choice(("Reaffirming", "Recalling", "Bearing in mind"))
            self.rec.pp_verbs.append(opening)
            return (f"{opening} the importance of {t.en}{self.treaty_footnote(host, t)} for "
                    f"{rng.choice(r['topics'])},")
        if roll < 0.5:
            sym = f"A/{self.me.session}/{rng.randint(100, 700)}"
            if rng.random() < 0.3:
                sym += f"-S/{1945 + self.me.session}/{rng.randint(100, 900)}"
            self.rec.pp_verbs.append("Taking note with appreciation")
            fn = self.marker(host, f"{sym}, sect. II.")
            topic = rng.choice(r["topics"])
            return f"Taking note with appreciation of the report of the Secretary-General on {topic},{fn}"
        p = rng.choice(self.pools.pp)
        self.ids.update(p[2])
        self.rec.pp_verbs.append(p[1])
        return p[0] + ","

    def operative_ref(self, k: int, subs: dict[int, int]) -> str:
        """Words with a reference added to operative paragraph ``k`` (or "")."""
        rng, r, rec = self.rng, self.r, self.rec
        source = f"op_{k}"
        roll = rng.random()
        if roll < 0.2 and k > 1:
            j = rng.randint(1, k - 1)
            j2 = rng.randint(1, k - 1)
            if subs.get(j) and rng.random() < 0.5:
                lab = "abcdef"[rng.randint(0, subs[j] - 1)]
                quote, targets, form = f"paragraph {j} ({lab}) above", [f"op_{j}__para_{lab}"], "res.rel_sub"
            elif j != j2 and rng.random() < 0.3:
                a, b = sorted((j, j2))
                quote, targets, form = f"paragraphs {a} and {b} above", [f"op_{a}", f"op_{b}"], "res.rel_list"
            else:
                quote, targets, form = f"paragraph {j} above", [f"op_{j}"], "res.rel"
            rec.refs.append(RefRecord("en", source, quote, form, targets))
            return rng.choice(r["ref_phrases"]).replace("{ref}", quote).rstrip(",")
        if roll < 0.3 and self.older:
            o = rng.choice(self.older)
            j = rng.randint(1, o.operative)
            how = rng.random()
            of, form, variant = "resolution", "res.other", None
            if how < 0.2 and self.on("its-resolution"):
                of, form, variant = "its resolution", "res.other_its", "its-resolution"
            elif how > 0.85 and self.on("ga-resolution"):
                of, form, variant = "General Assembly resolution", "res.other_ga", "ga-resolution"
            if variant:
                rec.used(variant)
            quote = f"paragraph {j}"
            rec.refs.append(RefRecord("en", source, quote, form, [f"op_{j}"], o.symbol, o.file, variant=variant))
            rec.cited_documents.append(o.symbol)
            cited = f"{quote} of {of} {o.session}/{o.number}"
            return ", including " + rng.choice(r["cross_phrases"]).replace("{ref}", cited)
        if roll < 0.34 and self.treaties:
            t = rng.choice(self.treaties)
            assert t.entry is not None
            a = rng.randint(1, t.articles)
            quote = f"article {a}"
            long = long_title({"en": t.entry.en[4:], "ru": t.entry.ru_label})
            rec.refs.append(RefRecord("en", source, quote, "res.treaty_article", [f"art_{a}"], t.key, t.file,
                                      variant="long-title" if long else None))
            self.ids.add(t.entry.id)
            if long:
                rec.used("long-title")
            return f", in particular {quote} of {t.entry.en}"
        if roll < 0.35 and self.on("dangling-paragraph"):
            j = self.me.operative + rng.randint(1, 9)  # renumbered at adoption: the paragraph is gone
            quote = f"paragraph {j} above"
            rec.refs.append(RefRecord("en", source, quote, "res.rel", [f"op_{j}"], dangling=True,
                                      variant="dangling-paragraph"))
            rec.used("dangling-paragraph")
            return f", as set out in {quote}"
        if roll < 0.43:
            t = self.pools.filler.pick(rng, "treaty", None)
            self.ids.add(t.id)
            return f", in accordance with {t.en}{self.treaty_footnote(source, t)}"
        return ""

    def paragraphs(self) -> tuple[list[str], list[list[str]]]:
        rng, r, me = self.rng, self.r, self.me
        pps = [self.preambular(k) for k in range(1, rng.randint(6, 16) + 1)]
        subs = {k: rng.randint(2, 6) for k in range(1, me.operative + 1) if rng.random() < 0.12}
        ops: list[list[str]] = []
        for k in range(1, me.operative + 1):
            opening = rng.choice(r["op_openings"])
            phrase, _, ids = self.pools.filler.fill(rng, (opening[0], ""), False)
            body = rng.choice(self.pools.op[opening[2]])
            self.ids.update(ids + body[2])
            self.rec.verbs.append(opening[1])
            text = f"{phrase} {body[0]}".replace("{session_ord}", ordinal_word(me.session + 2))
            text += self.operative_ref(k, subs)
            last = k == me.operative
            paras = [text + (":" if k in subs else "." if last else ";")]
            for s in range(subs.get(k, 0)):
                sub = rng.choice(self.pools.op["np"])
                self.ids.update(sub[2])
                paras.append(f"({'abcdef'[s]})\t{cap(sub[0])}{'.' if last and s + 1 == subs[k] else ';'}")
            ops.append(paras)
        self.rec.preambular = len(pps)
        self.rec.operative = me.operative
        self.rec.paragraphs = sum(subs.values())
        self.rec.footnotes = len(self.footnotes)
        self.rec.entities = sorted(self.ids)
        return pps, ops

    def text(self) -> str:
        rng, r, me = self.rng, self.r, self.me
        sym, title = me.symbol, self.rec.titles["en"]
        pps, ops = self.paragraphs()
        year = 1945 + me.session
        yy = (year + 1) % 100
        job = rng.randint(20000, 69999)
        dist = f"{rng.randint(1, 28)} {MONTHS_EN[rng.randint(0, 2)]} {year + 1}"
        agenda = f"Agenda item {rng.randint(20, 160)}"
        if rng.random() < 0.4:
            agenda += f" ({'abcdefgh'[rng.randint(0, 7)]})"
        reissued = rng.random() < 0.1
        if rng.random() < 0.5:
            how = f"[on the report of the {rng.choice(r['committees'])} (A/{me.session}/{rng.randint(400, 650)})]"
        else:
            draft = f"A/{me.session}/L.{rng.randint(1, 80)}" + ("/Rev.1" if rng.random() < 0.3 else "")
            draft += " and Add.1" if rng.random() < 0.4 else ""
            how = f"[without reference to a Main Committee ({draft})]"
        masthead = [f"United Nations{sym}{'*' if reissued else ''}General AssemblyDistr.: General",
                    f"{dist}{cap(ordinal_word(me.session))} session", agenda]
        top = rng.random() < 0.3 and self.on("masthead-first")
        if top:
            self.rec.used("masthead-first")
        if me.date.startswith("1 "):
            self.rec.used("first-of-month")
        between_pages = rng.random() < 0.4
        lines: list[str] = ["[DU1]"] + (masthead + [""] if top else [])
        lines += [f"Resolution adopted by the General Assembly on {me.date}", how,
                  f"{me.session}/{me.number}.\t{title}", "\tThe General Assembly,"]
        body: list[str] = []
        for p in pps:
            body.extend(wrap(rng, "\t" + p))
        for k, paras in enumerate(ops, 1):
            body.extend(wrap(rng, f"\t{k}.\t{paras[0]}"))
            body.extend(f"\t\t{x}" for x in paras[1:])
        pages = max(2, math.ceil(sum(len(x) for x in body) / 3200) + 1)
        if between_pages:
            body = page_breaks(rng, body, pages, sym, title, f"{yy:02d}-{job:05d}")
        lines += body
        lines += ["", f"{ordinal_suffix(rng.randint(40, 90))} plenary meeting", me.date, ""]
        if reissued:
            lines.append(f"* Reissued for technical reasons on {rng.randint(1, 28)} {MONTHS_EN[rng.randint(3, 8)]} "
                         f"{year + 1}.")
        lines += [f"{i} {t}" for i, t in enumerate(self.footnotes, 1)]
        lines += [f"[DU1]<<ODS JOB NO>>N{yy:02d}{job:05d}E<<ODS JOB NO>>",
                  f"<<ODS DOC SYMBOL1>>{sym}<<ODS DOC SYMBOL1>>", "<<ODS DOC SYMBOL2>><<ODS DOC SYMBOL2>>",
                  "_______________", "", "-" * 60, "", "-" * 15, "", "-" * 60, "", str(pages), "    ", "", str(pages),
                  ""]
        lines += [] if top else masthead
        lines += ["", f"{yy:02d}-{job:05d}*", f"*{yy:02d}{job:05d}*Please recycle ", "", f"{sym}{title}", "",
                  f"{title}{sym}", "", f"{pages}/{pages}", "", f"{pages - 1}/{pages}"]
        self.rec.layout = ["masthead-first"] * top + ["page-breaks"] * between_pages
        return "\n".join(lines) + "\n"


def page_breaks(rng: random.Random, body: list[str], pages: int, sym: str, title: str, job: str) -> list[str]:
    """Page furniture between the lines of the text: page number, job number on the first page, and the
    running title (symbol glued before the title on even pages, after it on odd ones)."""
    per = max(1, len(body) // (pages - 1))
    out: list[str] = []
    page = 1
    for i, ln in enumerate(body):
        out.append(ln)
        if (i + 1) % per == 0 and page < pages - 1 and i + 1 < len(body):
            page += 1
            out += ["", str(page - 1) if rng.random() < 0.5 else f"{page - 1}/{pages}", ""]
            if page == 2:
                out += [job, ""]
            out += [f"{sym}{title}" if page % 2 == 0 else f"{title}{sym}", ""]
    return out


def wrap(rng: random.Random, line: str) -> list[str]:
    """Now and then a paragraph the print run wrapped: cut it at a space where the first part does not
    end with punctuation and the second does not start with a number or a bracket."""
    if rng.random() > 0.08 or len(line) < 200 or "paragraph" in line or "article" in line:
        return [line]
    for _ in range(5):
        cut = line.find(" ", rng.randint(80, len(line) - 60))
        if cut < 0:
            break
        head, tail = line[:cut], line[cut + 1 :]
        if not head.endswith((",", ";", ".", ":")) and tail[:1].isalpha() and not re.search(r"\d$", head):
            return [head + " ", tail]
    return [line]


# -- the corpus --------------------------------------------------------------------------------------


def encode(text: str, encoding: str) -> bytes:
    if encoding == "utf-8-crlf":
        return text.replace("\n", "\r\n").encode("utf-8")
    return text.encode(encoding)


def made_up_titles(rng: random.Random) -> list[dict[str, str]]:
    """Every made-up treaty title, in a fixed shuffled order, unique in English."""
    w = words()["treaty"]
    out = []
    for form in w["title_forms"]:
        for topic in w["title_topics"]:
            ru_topic = topic[1]
            prep = "об" if ru_topic[:1] in "аоуэиАОУЭИ" else "о"
            ru_form = form[1].replace(" о {topic}", f" {prep} {ru_topic}")
            out.append({"en": form[0].replace("{topic}", topic[0]), "ru": cap(ru_form)})
            for region in w["title_regions"]:
                out.append({"en": f"{region[0]} {form[0].replace('{topic}', topic[0])}",
                            "ru": f"{region[form[2]]} {ru_form}"})
    rng.shuffle(out)
    return out


def plan(n: int, seed: int, names: dict[str, list[Name]], on: Callable[[str], bool]) -> list[dict[str, Any]]:
    """What each file is: kind, languages, size, title or symbol. Decided before any text is written so
    that documents can cite each other."""
    rng = random.Random(f"{seed}:plan")
    reg = registry()
    registry_treaties = [t for t in names["treaty"] if reg.identify_treaty({"en": t.en[4:]}) == t.id
                         and t.ru_forms("nomn") and reg.identify_treaty({"ru": t.ru_forms("nomn")[0]}) == t.id
                         and (on("long-title") or not long_title({"en": t.en[4:], "ru": t.ru_forms("nomn")[0]}))
                         and (on("ru-statut-title") or "статут" not in t.ru_forms("nomn")[0].lower())]
    rng.shuffle(registry_treaties)
    # the «Статут» titles apart, the first Russian text with a registry title takes one (in registry order: the
    # registry grows, and so many treaties make one of a few Statutes a rare draw)
    statutes = [t for t in registry_treaties if "статут" in t.ru_forms("nomn")[0].lower()]
    statutes.sort(key=lambda t: t.id)
    titles = [t for t in made_up_titles(rng) if on("long-title") or not long_title(t)]
    used_symbols: set[tuple[int, int]] = set()
    out = []
    for i in range(1, n + 1):
        roll = rng.random()
        acc = 0.0
        kind = MIX[-1][0]
        for k, share in MIX:
            acc += share
            if roll < acc:
                kind = k
                break
        item: dict[str, Any] = {"index": i, "kind": kind}
        if kind == "resolution":
            while True:
                s, num = rng.randint(50, 78), rng.randint(1, 320)
                if (s, num) not in used_symbols:
                    used_symbols.add((s, num))
                    break
            day = rng.randint(1, 22)
            if day == 1 and not on("first-of-month"):
                day = 2
            item.update(session=s, number=num, operative=rng.randint(12, 36),
                        date=f"{day} {MONTHS_EN[rng.choice((8, 9, 10, 11, 11, 11))]} {1945 + s}")
            item["name"] = f"{i:05d}_resolution_en.txt"
        else:
            langs: tuple[str, ...] = {"treaty_en": ("en",), "treaty_ru": ("ru",), "treaty_ru_en": ("ru", "en")}[kind]
            roll = rng.random()
            size = rng.randint(5, 22) if roll < 0.55 else rng.randint(22, 55) if roll < 0.93 else rng.randint(60, 150)
            registry_title = rng.random() < 0.5
            if langs == ("ru",) and not on("ru-title-not-in-registry"):
                registry_title = True
                if not registry_treaties:
                    langs = ("ru", "en")
            if registry_title and "ru" in langs and statutes:
                item["entry"] = statutes.pop(0)
                registry_treaties.remove(item["entry"])
                statutes = []
            elif registry_title and registry_treaties:
                item["entry"] = registry_treaties.pop()
                if item["entry"] in statutes:
                    statutes.remove(item["entry"])
            else:
                item["made_up"] = titles.pop() if titles else {"en": f"Convention No. {i}", "ru": f"Конвенция N {i}"}
            if len(langs) == 2:
                size = min(size, 110)  # two versions of 110 articles make some 300 KB
            item.update(langs=langs, size=size)
            item["name"] = f"{i:05d}_treaty_{'_'.join(langs)}.txt"
        out.append(item)
    return out


def treaty_style(rng: random.Random, langs: tuple[str, ...], on: Callable[[str], bool]) -> tuple[TreatyStyle, bool]:
    style = TreatyStyle(
        langs=langs,
        letters_en=rng.choice(("a.", "a.", "(a)", "a)")),
        letters_ru="а)" if rng.random() < 0.5 and on("cyrillic-letters") else "a)",
        items_en=rng.choice(("i.", "i.", "(i)")),
        chapter_en=rng.choice(("own_line", "dash_upper", "dash")),
        chapter_ru=rng.choice(("glued", "dot", "own_line")),
        article_title=rng.choice(("own_line", "own_line", "dash", "none")),
        indent=False, counters=False, transport_error=False,
        headless=rng.choice(("none", "none", "none", "some", "some", "most")),
    )
    # like the seed Statute: four-space indents, outline counters, the downloader's error line, Latin
    # letters in the Russian version and most article headings missing
    seed_like = "ru" in langs and rng.random() < 0.35
    if seed_like:
        style.indent = True
        style.counters = rng.random() < 0.7
        style.transport_error = rng.random() < 0.7
        style.headless = "most"
        style.letters_ru = "a)"
        style.letters_en = "a."
        style.chapter_ru = "glued"
        style.chapter_en = "dash_upper"
    return style, seed_like


def pick_encoding(rng: random.Random, langs: tuple[str, ...]) -> str:
    r = rng.random()
    if r < 0.03:
        return "utf-8-sig"
    if r < 0.06:
        return "utf-8-crlf"
    if r < 0.10 and langs == ("ru",):
        return "cp1251"
    return "utf-8"


def make_corpus(n: int, outdir: Path, seed: int = 0, *, leave_out: Iterable[str] = (),
                progress: Callable[[int, int], None] | None = None) -> Manifest:
    """Write ``n`` documents and ``manifest.json`` into ``outdir`` and return the manifest; the same ``n``,
    ``seed`` and ``leave_out`` give the same bytes. ``leave_out`` names VARIANTS not to write.

    >>> import tempfile
    >>> m = make_corpus(3, Path(tempfile.mkdtemp()))
    >>> [f.name for f in m.files]
    ['00001_resolution_en.txt', '00002_treaty_ru_en.txt', '00003_resolution_en.txt']
    """
    left_out = sorted(set(leave_out))
    unknown = [v for v in left_out if v not in VARIANTS]
    if unknown:
        raise ValueError(f"no such variant(s): {', '.join(unknown)}; known: {', '.join(VARIANTS)}")

    def on(variant: str) -> bool:
        assert variant in VARIANTS, variant
        return variant not in left_out

    outdir.mkdir(parents=True, exist_ok=True)
    names = registry_names()
    filler = Filler(names)
    pools = build_pools(random.Random(f"{seed}:pools"), filler)
    items = plan(n, seed, names, on)
    resolutions = [CorpusResolution(it["name"], f"A/RES/{it['session']}/{it['number']}", it["session"], it["number"],
                                    it["date"], it["operative"]) for it in items if it["kind"] == "resolution"]
    by_name = {r.file: r for r in resolutions}
    in_corpus = {it["entry"].id for it in items if "entry" in it}
    unread = [t for t in names["treaty"] if t.id not in in_corpus and (on("long-title") or not long_title(
        {"en": t.en[4:], "ru": t.ru_label}))]
    corpus_treaties: list[CorpusTreaty] = []
    records: dict[int, FileRecord] = {}
    # treaties with a registry title first, so that the texts citing them know their articles
    order = sorted(items, key=lambda it: (0 if "entry" in it else 1, it["index"]))
    for done, it in enumerate(order, 1):
        rng = random.Random(f"{seed}:{it['index']}")
        if it["kind"] == "resolution":
            me = by_name[it["name"]]
            title = cap(filler.fill(rng, (rng.choice(words()["resolution"]["titles"]), ""), False)[0])
            rec = FileRecord(it["name"], "resolution", ["en"], "utf-8", me.symbol, {"en": title}, symbol=me.symbol)
            text = ResolutionWriter(rng, pools, rec, me, resolutions, corpus_treaties, on).text()
        else:
            langs = it["langs"]
            style, seed_like = treaty_style(rng, langs, on)
            entry = it.get("entry")
            if entry is not None:
                title = {"en": entry.en[len("the "):], "ru": entry.ru_forms("nomn")[0]}
                key = entry.id
            else:
                title = it["made_up"]
                key = slug(title["en"] if "en" in langs else title["ru"])
            rec = FileRecord(it["name"], "treaty", list(langs), pick_encoding(rng, langs), key, {})
            if long_title({lang: title[lang] for lang in langs}):
                rec.used("long-title")
            if "ru" in langs and "статут" in title["ru"].lower():
                rec.used("ru-statut-title")
            if langs == ("ru",) and entry is None:
                rec.used("ru-title-not-in-registry")
            if style.letters_ru == "а)" and "ru" in langs:
                rec.used("cyrillic-letters")
            cited = [t for t in corpus_treaties if t.key != key]
            text, ct = write_treaty(rng, pools, rec, style, title, entry, cited, unread, it["size"], on)
            rec.layout = [f"headless:{style.headless}"] + (["seed-like"] if seed_like else []) + (
                ["counters"] if style.counters else []) + ([f"letters-ru:{style.letters_ru}"] if "ru" in langs else [])
            if entry is not None:
                corpus_treaties.append(ct)
        data = encode(text, rec.encoding)
        (outdir / rec.name).write_bytes(data)
        rec.bytes = len(data)
        records[it["index"]] = rec
        if progress:
            progress(done, n)
    manifest = Manifest(seed, n, sum(r.bytes for r in records.values()), [records[i] for i in sorted(records)],
                        left_out)
    manifest.write(outdir / "manifest.json")
    return manifest


def main(argv: Sequence[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description="Write N generated treaties and resolutions and a manifest.")
    ap.add_argument("n", type=int, help="how many documents")
    ap.add_argument("outdir", type=Path, help="where to write them (created if missing)")
    ap.add_argument("--seed", type=int, default=0, help="the corpus seed (default 0)")
    ap.add_argument("--leave-out", action="append", default=[], metavar="VARIANT", choices=sorted(VARIANTS),
                    help="a realistic form not to write (repeatable): " + ", ".join(sorted(VARIANTS)))
    args = ap.parse_args(argv)
    if args.n < 1:
        ap.error("N must be at least 1")
    t = time.perf_counter()
    m = make_corpus(args.n, args.outdir, args.seed, leave_out=args.leave_out)
    secs = time.perf_counter() - t
    kinds: dict[str, int] = {}
    for f in m.files:
        k = f.kind if f.kind == "resolution" else "treaty " + "+".join(f.languages)
        kinds[k] = kinds.get(k, 0) + 1
    print(f"{len(m.files)} files, {m.total_bytes / 1e6:.1f} MB in {args.outdir} ({secs:.1f} s): "
          + ", ".join(f"{v} {k}" for k, v in sorted(kinds.items())), file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
