"""Resolving references to the provision nodes they mean, in the same text or in another one.

* A path with an article is absolute within its text; a path that starts lower ("paragraph a above",
  "sections i to iv above") is relative to the citing provision's article (or to the holder of its
  items); "this Article" is the citing provision's article, "the preceding paragraphs of this Article"
  its earlier sibling paragraphs.
* Words after the reference that name another text ("of the Statute of the Council of Europe",
  "of the Charter", «Устава», "of resolution 60/288") send it there: to that text's own provision
  when the corpus holds it, else to a provision node of that treaty made for the purpose (not read).
* Where a lettered paragraph and an item could be meant (``29.v``), the one that exists wins.
* What cannot be resolved is kept with its reason, never dropped.
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping
from dataclasses import asdict, dataclass
from functools import cache
from importlib import resources
from typing import Any

from kg.entities.documents import document_patterns, find_document_refs
from kg.entities.matcher import Context, Matcher
from kg.entities.registry import Registry, fold
from kg.model import Citation, Document, Provision
from kg.references.grammar import Path, Ref, parse_references

ROMANISH = re.compile(r"^[ivxl]+$")
#: how far after a reference the name of another text may start ("of the", «Устава»)
TAIL = 60
#: the connecting words before another text's name
TAIL_OPENING = re.compile(r"""^\s*,?\s*(?:of|in|under|to|du|de\s+la|de\s+l'|des|de)?\s*(?:the\s+)?
                              (?:(?:1[89]|20)\d\d\s+(?=[A-Z]))?   # "of the 1949 Geneva Convention ...": its year""",
                          re.IGNORECASE | re.VERBOSE)
#: how far after the opening words a document's symbol or number may start, whatever stands between
NEAR = 12
#: how far after the opening words a registry name may start ("of the" + "Charter")
NAME_START = 4
#: room for a name inflected longer than its longest registry form (a Russian case ending per word)
INFLECTION_ROOM = 60


@cache
def name_window(reg: Registry) -> int:
    """How much text after the opening words may hold a name of ``reg``: its longest name, and room to
    inflect it. (A fixed 120 characters cut off 'the Council of Europe Convention on the counterfeiting of
    medical products and similar crimes involving threats to public health'.)"""
    return NAME_START + max((len(n) for e in reg.entries.values() for n in reg.names(e)), default=0) + INFLECTION_ROOM


def _alternation(words: list[str]) -> str:
    return "|".join(r"\s+".join(re.escape(w) for w in name.split()) for name in sorted(set(words), key=len,
                                                                                       reverse=True))


@cache
def naming_words() -> re.Pattern[str]:
    """The words that may stand between the opening words and a resolution's number, from
    ``kg/data/references.json`` and the bodies of ``kg/data/document-patterns.json``: "its resolution",
    "General Assembly resolution", "резолюции Генеральной Ассамблеи"; the whole stretch must be such words.

    >>> bool(naming_words().fullmatch("General Assembly resolution "))
    True
    >>> bool(naming_words().fullmatch("the Convention and resolution "))
    False
    """
    data = json.loads(resources.files("kg").joinpath("data/references.json").read_text(encoding="utf-8"))
    possessive = _alternation([w for ws in data["possessives"].values() for w in ws])
    word = _alternation([w for ws in data["resolution_words"].values() for w in ws])
    bodies = _alternation([n for b in document_patterns()["bodies"] for n in b["names"]])
    return re.compile(
        rf"""(?:(?:{possessive})\s+)?                        # its / sa / своей
             (?:(?:{bodies})(?:,?\s+(?:in\s+its|в\s+своей|dans\s+sa))?\s+)?  # a body before the word
             (?:{word})\s+                                   # resolution / résolution / резолюции
             (?:(?:of\s+the\s+|of\s+)?(?:{bodies})\s+)?      # a body after the word
        """,
        re.VERBOSE | re.IGNORECASE,
    )


#: the words that open the name of a text after a reference, per language ('of the', 'de la', none in Russian)
_INSTRUMENT_OPENING = {"en": r"(?:of|in|under)\s+", "fr": r"(?:du|des|de)\s*", "ru": r""}


@cache
def instrument_name(lang: str) -> re.Pattern[str] | None:
    """After a reference, the words naming a text by its kind: "of the Convention", "of this Protocol",
    "de la présente Convention", «Конвенции», "of the Statute of the Permanent Court of International
    Justice"; ``own`` is set when the words say the citing text ("this", "présente", «настоящей»).
    Words from ``kg/data/reference-grammar.json``.

    >>> instrument_name("en").match(" of the Convention").group("word")
    'Convention'
    """
    from kg.references.grammar import vocabulary

    v = vocabulary().get(lang)
    if not v or "instruments" not in v or lang not in _INSTRUMENT_OPENING:
        return None
    words = "|".join(sorted((re.escape(w) for w in v["instruments"]), key=len, reverse=True))
    own = "|".join(v["own"])
    anaphora = "|".join(v.get("anaphora", [])) or r"(?!x)x"
    return re.compile(
        rf"""^\s*,?\s*{_INSTRUMENT_OPENING[lang]}
             (?:(?P<ana>{anaphora})\s+                               # "the same Convention", «этого Соглашения»
               |(?P<own>{own})\s+|(?:the|la|le|les|l['’])\s*)?    # "this Protocol" / "the Convention"
             (?P<word>(?:{words})\w*)(?!\w)                        # the kind of text
             (?P<rest>(?:\s+(?:of|on|for|de|du|des|sur|relative\s+à|relatif\s+à)(?:\s+(?:the|la|le|l['’]))?\s*
                        [A-ZÀ-Ý\d][\w'’-]*                         # "of the Permanent Court of International Justice"
                        (?:\s+(?:(?:of|on|and|for|de|du|des|et)\s+(?:(?:the|la|le|l['’])\s*)?)?[A-ZÀ-Ý\d][\w'’-]*)*)?)
        """,
        re.VERBOSE,
    )


def _words(text: str) -> set[str]:
    return {w.lower() for w in re.findall(r"\w+", text) if len(w) > 2 and w.lower() not in ("the", "des", "les")}


def another_text(doc: Document, text: str, ref: Ref, lang: str) -> str | None:
    """The words after a reference when they name a text other than the citing one by its kind: "Article 25
    of the Convention" in a protocol, "Article 36 of the Statute of the Permanent Court" in another statute.
    The citing text's own title decides: its first word of a kind ("Protocol" in "Additional Protocol to
    the European Convention on Extradition") is its own name; "of this Protocol" is always its own."""
    rx = instrument_name(lang)
    if rx is None or ref.tail is None:
        return None
    m = rx.match(text[ref.tail : ref.tail + 200])
    if m is None or m.group("own"):
        return None
    if m.group("ana"):
        return (word_rest(m)).strip()  # "that Convention": a text named before, never the citing one
    title = next((t for lg, t in doc.titles if lg == lang), None) or next((t for _, t in doc.titles), None) \
        or doc.key.replace("-", " ")  # no title found: the key, made from the title or the file's name
    if not title:
        return None  # no title to tell the texts apart: read it as the citing text, as before
    from kg.references.grammar import vocabulary

    kinds = [k.split()[0] for k in vocabulary()[lang]["instruments"]]
    head = next((w for w in re.findall(r"\w+", title) if any(w.lower().startswith(k.lower()) for k in kinds)),
                None)
    word = m.group("word")
    same_kind = head is not None and head.lower()[:6] == word.lower()[:6]
    if same_kind and _words(m.group("rest") or "") <= _words(title):
        return None
    return word_rest(m).strip()


def word_rest(m: re.Match[str]) -> str:
    return m.group("word") + (m.group("rest") or "")


@dataclass(frozen=True)
class Unresolved:
    """A reference that names no existing provision: where it stands and why."""

    file: str
    eid: str
    lang: str
    start: int
    end: int
    quote: str
    reason: str

    def dump(self) -> dict[str, Any]:
        return asdict(self)

    def __str__(self) -> str:
        return f"{self.file}: {self.eid} [{self.lang}] {self.quote!r}: {self.reason}"


@dataclass(frozen=True)
class References:
    citations: tuple[Citation, ...] = ()
    unresolved: tuple[Unresolved, ...] = ()
    #: provisions of texts outside the corpus that citations point to: (treaty key, eid, path)
    unread: tuple[tuple[str, str, Path], ...] = ()

    def dump(self) -> dict[str, Any]:
        return {"citations": [c.dump() for c in self.citations],
                "unresolved": [u.dump() for u in self.unresolved],
                "unread": [[k, e, [list(s) for s in p]] for k, e, p in self.unread]}


def eid_for(path: Path) -> str:
    parts = []
    for kind, label in path:
        prefix = {"article": "art", "section": "sec", "paragraph": "para", "item": "item", "chapter": "chp",
                  "part": "part", "operative": "op"}[kind]
        parts.append(f"{prefix}_{label}")
    return "__".join(parts)


def _ancestors(doc: Document, prov: Provision) -> list[Provision]:
    out = [prov]
    node = prov
    while node.parent:
        parent = doc.provision(node.parent)
        if parent is None:
            break
        out.append(parent)
        node = parent
    return out


def _alternatives(path: Path) -> list[Path]:
    """The path as written, then with roman-looking letters read the other way (paragraph <-> item)."""
    out = [path]
    for k, (kind, label) in enumerate(path):
        if ROMANISH.match(label) and kind in ("paragraph", "item"):
            other = "item" if kind == "paragraph" else "paragraph"
            out.append(path[:k] + ((other, label),) + path[k + 1 :])
    # an item straight under an article, without a paragraph ("Article 29.v")
    return out


class CorpusIndex:
    """What the resolver knows of the other texts of a build: each one's key and provision eids.

    It records every key it is asked about, found or not: a file's references depend on exactly those
    texts, so an incremental build knows which files to resolve again when another one changes.
    """

    def __init__(self, eids: Mapping[str, frozenset[str]]) -> None:
        self.eids = eids
        self.asked: set[str] = set()

    @classmethod
    def of(cls, docs: Mapping[str, Document]) -> CorpusIndex:
        return cls({k: frozenset(p.eid for p in d.provisions) for k, d in docs.items()})

    def __contains__(self, key: object) -> bool:
        if isinstance(key, str):
            self.asked.add(key)
        return key in self.eids

    def get(self, key: str) -> frozenset[str] | None:
        self.asked.add(key)
        return self.eids.get(key)


@dataclass(frozen=True)
class Named:
    """A text named by its kind after a reference: "of the Convention" (``word`` "Convention"), "of the
    Statute of the Court" (``rest`` "of the Court"), "of the same Convention" and «этого Соглашения"
    (``anaphoric``: a text named before, never the citing one's title)."""

    word: str
    rest: str
    anaphoric: bool


def named_instrument(text: str, ref: Ref, lang: str) -> Named | None:
    """The kind word after a reference, as :func:`instrument_name` reads it."""
    rx = instrument_name(lang)
    if rx is None or ref.tail is None:
        return None
    window = text[ref.tail : ref.tail + 200]
    m = rx.match(window)
    if m is None or m.group("own"):
        return None
    rest = (m.group("rest") or "").strip()
    more = title_goes_on().get(lang)
    if rest:
        # "de la Convention de La Haye pour le règlement ... de 1899", "de la même Convention du 18 octobre 1907":
        # the words after carry a date that tells two texts of one name apart (1899, 1907); kept only then
        longer = " ".join(re.split(r"[,;:.()]", window[m.end() :])[0].split()[:TITLE_WORDS])
        if (more is not None and more.match(window, m.end()) and YEAR.search(longer)) \
                or YEAR.search(" ".join(longer.split()[:2])):
            rest = f"{rest} {longer}"
    if not rest:
        # a title the regex does not read ("de la Convention sur les Privilèges et Immunités de l'Organisation
        # ..."): its words up to the next punctuation are part of it, so that no short title is assumed
        more = title_goes_on().get(lang)
        if more is not None and more.match(window, m.end()):
            rest = " ".join(re.split(r"[,;:.()]", window[m.end() :])[0].split()[:TITLE_WORDS])
    return Named(m.group("word"), rest, bool(m.group("ana")))


@cache
def title_goes_on() -> dict[str, re.Pattern[str]]:
    """After a kind word, the words that carry a title on ("Convention on ...", «Соглашение о ...»), per language."""
    from kg.references.grammar import vocabulary

    return {lang: re.compile(rf"\s+(?:{'|'.join(v['title_continues'])})(?!\w)", re.IGNORECASE)
            for lang, v in vocabulary().items() if isinstance(v, dict) and "title_continues" in v}


#: how many words of a title the regex does not read are kept to compare with the registry's names
TITLE_WORDS = 12
#: a year printed with a title ("du 18 octobre 1907", "of 1899"): it may tell two texts of one name apart
YEAR = re.compile(r"(?<!\d)(?:1[6-9]|20)\d\d(?!\d)")


@cache
def _kind_stem(lang: str, word: str) -> str:
    """The instrument word a printed word inflects: «Соглашения» is «Соглашени», "Conventions" "Convention"."""
    from kg.references.grammar import vocabulary

    for stem in sorted(vocabulary()[lang]["instruments"], key=len, reverse=True):
        if word.lower().startswith(stem.lower()):
            return stem.lower()
    return word.lower()


def _is_kind(lang: str, word: str) -> bool:
    """Whether ``word`` is an instrument word of ``lang`` ("Convention", «Соглашения»)."""
    from kg.references.grammar import vocabulary

    return any(word.lower().startswith(stem.lower()) for stem in vocabulary()[lang].get("instruments", []))


@cache
def _links(lang: str) -> frozenset[str]:
    from kg.references.grammar import vocabulary

    return frozenset(vocabulary()[lang].get("name_links", []))


def _head(name: str, lang: str) -> list[str]:
    """The words of a name before its first linking word: "Charter" of "Charter of the United Nations",
    "European Convention" of "European Convention on Extradition", «Соглашение» of «Соглашение о ...»: the
    kind of text a name is (a declaration "on ... the Charter" is no charter)."""
    out: list[str] = []
    for w in re.findall(r"[\w'’]+", name):
        if w.lower() in _links(lang) or any(re.fullmatch(x, w.lower()) for x in _links(lang) if "[" in x):
            break
        out.append(w.lower())
    return out


def _stems(text: str) -> set[str]:
    """Significant words, cut to five letters so that an inflected word meets its registry form."""
    return {w.lower()[:5] for w in re.findall(r"\w+", text) if len(w) > 3}


#: a capitalised word that may open a title ("Convention", «Соглашение»): one the registry does not hold
#: when a linking word follows it and no registry name covers it
UNKNOWN_TITLE = re.compile(r"(?<!\w)[A-ZÀ-ÝА-ЯЁ][\w]+")
#: the entity of such a title: "unknown:" and its kind
UNKNOWN = "unknown:"

#: what a short title's context holds: (the provision's place in the document, language, offset, entity)
NamedAt = tuple[int, str, int, str]


class ShortTitles:
    """The instrument a short title names ("the Charter", "the Convention", "the Statute of the Court",
    «этого Соглашения», a bare «статьей 90» in a letter on an agreement), found in one document:

    1. the document's own title, unless the words point back ("that Convention"): the convention a protocol
       supplements ("Additional Protocol to the European Convention on Extradition");
    2. the full mentions before the reference, nearest first: those of the reference's own provision, else
       of the nearest earlier provision that names one;
    3. the registry's instruments whose names hold the name of a body the document names or its home
       organisation ("the Charter" in a text that names the United Nations, "the Statute of the Court" in
       one that names the International Court of Justice).

    At each step exactly one candidate resolves it; two or more give a finding; none goes on to the next.
    The mentions come from the entity matcher, run once per document, only when a short title is met.
    """

    def __init__(self, doc: Document, matcher: Matcher) -> None:
        self.doc = doc
        self.matcher = matcher
        self.registry = matcher.registry
        self._mentions: list[NamedAt] | None = None
        self._title: set[str] | None = None
        self._home: str | None | bool = False

    def _treaty(self, entity: str) -> bool:
        return (self.registry.get(entity) or {}).get("class") == "Treaty" and entity != self.doc.key

    def title(self) -> set[str]:
        if self._title is None:
            self._title = {m.entity for lang, t in self.doc.titles for m in self.matcher.find(t, lang, Context())
                           if self._treaty(m.entity)}
        return self._title

    def mentions(self) -> list[NamedAt]:
        """Every name of the registry in the document, in reading order (all classes: bodies count in step 3)."""
        if self._mentions is None:
            out: list[NamedAt] = []
            ctxs: dict[str, Context] = {}
            for k, prov in enumerate(self.doc.provisions):
                for text in prov.texts:
                    ctx = ctxs.setdefault(text.lang, Context())
                    found = [m for m in self.matcher.find(text.value, text.lang, ctx) if text.is_own(m.start, m.end)]
                    out.extend((k, text.lang, m.start, m.entity) for m in found)
                    # a title the registry does not hold ("Convention sur les Privilèges ... de l'Organisation
                    # des Nations Unies"): a candidate that no registry id stands for
                    goes_on = title_goes_on().get(text.lang)
                    for t in UNKNOWN_TITLE.finditer(text.value) if goes_on is not None else ():
                        if goes_on is None or not _is_kind(text.lang, t.group()):
                            continue
                        if not text.is_own(t.start(), t.end()):
                            continue  # a unit's text quoting its sub-units' words: they are found there
                        if goes_on.match(text.value, t.end()) and not any(m.start <= t.start() < m.end for m in found):
                            out.append((k, text.lang, t.start(), UNKNOWN + _kind_stem(text.lang, t.group())))
            out.sort(key=lambda m: (m[0], m[1], m[2]))
            self._mentions = out
        return self._mentions

    def home(self) -> str | None:
        if self._home is False:
            from kg.entities.extract import default_stage

            self._home = default_stage().home_organisation(self.doc)
        return self._home if isinstance(self._home, str) else None

    def fits(self, entity: str, lang: str, named: Named | None) -> bool:
        """Whether one of ``entity``'s names in ``lang`` is of the named kind and holds the named words."""
        if entity.startswith(UNKNOWN):
            return named is None or entity == UNKNOWN + _kind_stem(lang, named.word)
        if not self._treaty(entity):
            return False
        if named is None:
            return True
        e = self.registry.get(entity) or {}
        names = [e.get("labels", {}).get(lang, "")] + list(e.get("aliases", {}).get(lang, []))
        stem = _kind_stem(lang, named.word)
        rest = _stems(named.rest)
        return any(any(w.startswith(stem) for w in _head(n, lang)) and rest <= _stems(n) for n in names if n)

    def find(self, k: int, lang: str, at: int, named: Named | None) -> tuple[str | None, str]:
        """(the registry id, "") for the instrument meant, or (None, why not)."""
        what = named.word + (" " + named.rest if named and named.rest else "") if named else "an article"
        if named is not None and not named.anaphoric:
            hits = sorted(e for e in self.title() if self.fits(e, lang, named))
            if len(hits) == 1:
                return hits[0], ""
            if len(hits) > 1:
                return None, f"names another text: {what} (the title names {', '.join(hits)})"
        if named is not None and YEAR.search(named.rest):
            # "la Convention de La Haye du 18 octobre 1907", "la même Convention du 18 octobre 1907": the date
            # picks one of the texts of that name (the 1899 and 1907 Conventions); several or none: go on
            dated = sorted(e for e, entry in self.registry.entries.items() if self.fits(e, lang, named))
            if len(dated) == 1:
                return dated[0], ""
        earlier = [m for m in self.mentions() if m[1] == lang and (m[0], m[2]) < (k, at)
                   # a bare article ("статьей 90" in a letter): only a text its own provision names
                   and self.fits(m[3], lang, named) and (named is not None or m[0] == k)]
        if earlier:
            nearest = earlier[-1][0]
            hits = sorted({m[3] for m in earlier if m[0] == nearest})
            if len(hits) == 1 and not hits[0].startswith(UNKNOWN):
                return hits[0], ""
            return None, f"names another text: {what} (named just before: {', '.join(hits)})"
        if named is None or named.anaphoric:
            return None, f"names another text: {what} (none named before)"
        bodies = {m[3] for m in self.mentions() if (self.registry.get(m[3]) or {}).get("class")
                  in ("Organization", "Organ", "UNEntity")}
        home = self.home()
        if home:
            bodies.add(home)
        body_names = {fold(n) for b in bodies for n in Registry.names(self.registry.get(b) or {})}
        hits = sorted(e for e, entry in self.registry.entries.items() if self.fits(e, lang, named)
                      and any(f" {b} " in f" {fold(n)} " for n in Registry.names(entry) for b in body_names if b))
        if len(hits) == 1:
            return hits[0], ""
        if len(hits) > 1:
            return None, f"names another text: {what} (candidates: {', '.join(hits)})"
        return None, f"names another text: {what}"


class Resolver:
    def __init__(self, docs: Mapping[str, Document] | CorpusIndex, matcher: Matcher) -> None:
        self.docs = docs if isinstance(docs, CorpusIndex) else CorpusIndex.of(docs)
        self.matcher = matcher

    def other_text(self, doc: Document, text: str, ref: Ref, lang: str) -> tuple[str, str, int] | None:
        """(key, kind, end of the name) of the text named right after the reference, if any."""
        if ref.tail is None:
            return None
        window = name_window(self.matcher.registry)
        tail = text[ref.tail : ref.tail + TAIL + window]
        opening = TAIL_OPENING.match(tail)
        offset = opening.end() if opening else 0
        if offset == 0 and lang != "ru":
            return None
        rest = tail[offset:]
        for d in find_document_refs(rest[:TAIL]):
            if d.start <= NEAR or naming_words().fullmatch(rest[: d.start]):
                return d.symbols[0], "document", ref.tail + offset + d.end
        ctx = Context(self_id=doc.key if doc.kind == "treaty" else None)
        for m in self.matcher.find(rest[:window], lang, ctx):
            e = self.matcher.registry.get(m.entity) or {}
            if m.start <= NAME_START and e.get("class") in ("Treaty", "Document"):
                symbol = e.get("identifiers", {}).get("un_symbol")
                return (symbol or m.entity), ("document" if symbol else "treaty"), ref.tail + offset + m.end
            if m.start > NAME_START:
                break
        return None

    def run(self, doc: Document) -> References:
        citations: list[Citation] = []
        unresolved: list[Unresolved] = []
        unread: dict[tuple[str, str], Path] = {}
        eids = {p.eid for p in doc.provisions}
        short = ShortTitles(doc, self.matcher)
        # a text without articles of its own (a letter, a statement) cites the articles of the text it names
        articleless = not any(p.kind == "article" for p in doc.provisions)
        kinds = {p.eid: (p.kind, p.parent) for p in doc.provisions}

        def in_article(eid: str | None) -> bool:
            while eid is not None and eid in kinds:
                if kinds[eid][0] == "article":
                    return True
                eid = kinds[eid][1]
            return False

        #: references with two readings ("l'article 23e"), and the articles cited with lettered paragraphs
        pending: list[tuple[Provision, str, Ref, str, str, int, str, list[Path]]] = []
        lettered: set[tuple[str, str]] = set()

        def emit(prov: Provision, lang: str, ref: Ref, key: str, kind: str, end: int, quote: str,
                 targets: list[Path]) -> None:
            if not targets:
                unresolved.append(Unresolved(doc.source.name, prov.eid, lang, ref.start, end, quote, "no target"))
                return
            for path in targets:
                if len(path) > 1 and path[0][0] == "article" and re.fullmatch(r"[a-z]", path[1][1]):
                    lettered.add((key, path[0][1]))  # the article has lettered paragraphs
                found = self.find(doc, key, path, eids, prov)
                if found is None:
                    if key != doc.key and key not in self.docs and path and path[0][0] == "article":
                        target_eid = eid_for(path)
                        unread[(key, target_eid)] = path
                        citations.append(Citation(prov.eid, lang, ref.start, end, quote, key,
                                                  "treaty" if kind == "treaty" else "document", target_eid))
                        continue
                    unresolved.append(Unresolved(doc.source.name, prov.eid, lang, ref.start, end,
                                                 quote, f"no {eid_for(path) or 'unit'} in {key}"))
                    continue
                if key == doc.key and ref.scope is None and ref.paths \
                        and all(p[0][0] in ("paragraph", "item") for p in ref.paths) \
                        and found in {a.eid for a in _ancestors(doc, prov)}:
                    # "litt. a" read in the very unit it stands in: never the citing provision
                    # unless its words say so ("this Article")
                    unresolved.append(Unresolved(doc.source.name, prov.eid, lang, ref.start, end,
                                                 quote, f"would cite its own provision {found}"))
                    continue
                citations.append(Citation(prov.eid, lang, ref.start, end, quote, key,
                                          "treaty" if kind == "treaty" else "document", found))

        for k, prov in enumerate(doc.provisions):
            if prov.kind in ("chapter", "part") or (prov.kind == "section" and not in_article(prov.parent)):
                continue  # a heading names its own unit (a section inside an article holds words of its own)
            for text in prov.texts:
                for ref in parse_references(text.value, text.lang):
                    if not text.is_own(ref.start, ref.end):
                        continue
                    other = self.other_text(doc, text.value, ref, text.lang)
                    end = ref.end
                    quote = text.value[ref.start : end]
                    named = another_text(doc, text.value, ref, text.lang) if other is None else None
                    articles = any(p and p[0][0] == "article" for p in ref.paths)
                    if named is not None or (other is None and articleless and articles and ref.scope is None
                                             and not ref.relative):
                        # "Article 25 of the Convention" in a protocol, "Article 18 of the Charter" in a
                        # resolution: the instrument the short title names, never the citing text
                        found, why = short.find(k, text.lang, ref.start,
                                                named_instrument(text.value, ref, text.lang) if named else None)
                        if found is not None:
                            other = (found, "treaty", end)
                        elif named is not None and articles:
                            unresolved.append(Unresolved(doc.source.name, prov.eid, text.lang, ref.start, end, quote,
                                                         why))
                            continue
                    key, kind = (other[0], other[1]) if other else (doc.key, doc.kind)
                    targets = self.targets(doc, prov, ref, eids) if other is None else _other_targets(ref, kind)
                    if ref.alternatives and targets:
                        # "l'article 23e": decided once every unambiguous reference of the document is read
                        pending.append((prov, text.lang, ref, key, kind, end, quote, targets))
                        continue
                    emit(prov, text.lang, ref, key, kind, end, quote, targets)
        evidence = set(lettered)  # from unambiguous words only, not from a reading chosen here
        for prov, lang, ref, key, kind, end, quote, targets in pending:
            chosen, why = self.glued_reading(doc, key, ref, targets, eids, evidence)
            if why:
                unresolved.append(Unresolved(doc.source.name, prov.eid, lang, ref.start, end, quote, why))
            emit(prov, lang, ref, key, kind, end, quote, chosen)
        unread_list = tuple(sorted((k, e, p) for (k, e), p in unread.items()))
        return References(tuple(citations), tuple(unresolved), unread_list)

    def glued_reading(self, doc: Document, key: str, ref: Ref, targets: list[Path], eids: set[str],
                      lettered: set[tuple[str, str]]) -> tuple[list[Path], str]:
        """The reading of "l'article 23e" (Article 23, or its paragraph e): paragraph e where the cited text
        has it (read in the build) or where the document cites a lettered paragraph of that article in
        words that allow one reading only ("l'article 23e)"); the article where the text read has no such
        paragraph. Otherwise the article, true under both readings, with a finding."""
        alternatives = [a for a in ref.alternatives if a[:1] in {t[:1] for t in targets}]
        if not alternatives:
            return targets, ""
        known = eids if key == doc.key else self.docs.get(key)
        if known is not None:
            if all(self.find(doc, key, a, set(known), doc.provisions[0]) for a in alternatives):
                return alternatives + [t for t in targets if t[:1] not in {a[:1] for a in alternatives}], ""
            return targets, ""
        if all((key, a[0][1]) in lettered for a in alternatives):
            return alternatives + [t for t in targets if t[:1] not in {a[:1] for a in alternatives}], ""
        return targets, f"two readings: {ref.quote!r} is the article or its paragraph {alternatives[0][-1][1]}"

    def targets(self, doc: Document, prov: Provision, ref: Ref, eids: set[str] | None = None) -> list[Path]:
        """Absolute paths (from the article or chapter down) for each path of the reference.

        A path that starts below an article is looked for where it can stand: a numbered paragraph in
        the citing article first, a lettered one or an item among the citing provision's siblings first
        ("sub-paragraph a" in 20.1.b is 20.1.a); "of this Article" puts it in the citing article.
        """
        chain = _ancestors(doc, prov)
        article = next((p for p in chain if p.kind == "article"), None)
        if ref.scope == "this":
            return [(("article", article.number),)] if article and article.number else []
        if ref.scope == "this_paragraph":
            para = next((p for p in chain if p.kind in ("paragraph", "operative")), None)
            return [_path_of(doc, para)] if para is not None and para.kind == "paragraph" else []
        if ref.scope == "preceding":
            return self.preceding(doc, chain, article, ref)
        if ref.scope == "same":
            return []  # "paragraph 1 of the same article" with no article named before it: nothing to place it in
        out: list[Path] = []
        for path in ref.paths:
            if path[0][0] in ("article", "chapter", "part"):
                out.append(path)
                continue
            if path[0][0] == "section":
                # "Section 5 above": the citing article's section, else the one section of that number
                here = (("article", article.number),) + path if article is not None and article.number else None
                if here is not None and (eids is None or self.find(doc, doc.key, here, eids, prov)):
                    out.append(here)
                else:
                    out.append(self.numbered_section(doc, path))
                continue
            if doc.kind == "resolution" and path[0] == ("paragraph", path[0][1]) and path[0][1].isdigit():
                out.append((("operative", path[0][1]),) + path[1:])
                continue
            if article is None or not article.number:
                continue
            at_article = (("article", article.number),) + path
            if ref.scope == "in_this" or eids is None:
                out.append(at_article)
                continue
            holders = [_path_of(doc, p) for p in chain[1:] if p.kind in ("paragraph", "item", "article", "section")]
            holders.append(_path_of(doc, prov) if prov.kind in ("paragraph", "item") else ())
            holders = [h for h in holders if h]
            if path[0][1].isdigit():
                holders.sort(key=len)  # "paragraph 2": the article's own paragraph first
            found = next((h + path for h in holders if self.find(doc, doc.key, h + path, eids, prov)), None)
            out.append(found or at_article)
        return out

    @staticmethod
    def numbered_section(doc: Document, path: Path) -> Path:
        """The path of the one section numbered as ``path`` starts, where sections run through the articles;
        the path as it is (left unresolved) when there is none or more than one."""
        found = [p for p in doc.provisions if p.kind == "section" and p.number == path[0][1]]
        if len(found) != 1:
            return path
        return _path_of(doc, found[0]) + path[1:]

    def preceding(self, doc: Document, chain: list[Provision], article: Provision | None, ref: Ref) -> list[Path]:
        """"the preceding paragraph", "the two preceding paragraphs", "l'article précédent": the siblings
        just before the citing unit, as many as the words say."""
        unit = ref.unit or "paragraph"
        if unit == "article":
            if article is None:
                return []
            earlier = [p for p in doc.provisions if p.kind == "article" and p.parent == article.parent
                       and p.order < article.order and p.number]
            return [(("article", earlier[-1].number or ""),)] if earlier else []
        para = next((p for p in chain if p.kind == "paragraph" and p.parent == (article.eid if article else None)),
                    None)
        if article is None or para is None:
            return []
        before: list[Path] = [(("article", article.number or ""), ("paragraph", p.number or "")) for p in doc.provisions
                  if p.parent == article.eid and p.kind == "paragraph" and p.order < para.order]
        if ref.count and ref.count.isdigit():
            return before[-int(ref.count):]
        return before

    def find(self, doc: Document, key: str, path: Path, eids: set[str], prov: Provision) -> str | None:
        target_eids = eids if key == doc.key else self.docs.get(key)
        if target_eids is None:
            return None
        # a provision inside an annex that holds articles of its own ("annex_2__art_V"): its "article XI" is
        # the annex's Article XI when the annex has one
        inner = prov.eid[: prov.eid.index("art_")] if key == doc.key and "__art_" in prov.eid else ""
        if inner and path and path[0][0] == "article":
            for alt in _alternatives(path):
                if inner + eid_for(alt) in target_eids:
                    return inner + eid_for(alt)
        for alt in _alternatives(path):
            if alt and alt[0][0] == "operative":
                eid = f"op_{alt[0][1]}" + ("__" + eid_for(alt[1:]) if len(alt) > 1 else "")
            else:
                eid = eid_for(alt)
            if eid in target_eids:
                return eid
            # an item straight under an article: Article 29.v
            if len(alt) == 2 and alt[0][0] == "article" and alt[1][0] in ("paragraph", "item"):
                direct = f"{eid_for(alt[:1])}__item_{alt[1][1]}"
                if direct in target_eids:
                    return direct
        return skipped_level(target_eids, eid_for(path))


def skipped_level(eids: frozenset[str] | set[str], eid: str) -> str | None:
    """A lettered unit cited without the numbered paragraph that holds it: "Article IX, Section 3. litt m."
    is item m of paragraph 1, the one paragraph of Section 3 with letters. Found when exactly one child of
    the unit named holds a unit of that letter; two or none: nothing.

    >>> skipped_level({"art_9__sec_3__para_1__para_m", "art_9__sec_3__para_2"}, "art_9__sec_3__para_m")
    'art_9__sec_3__para_1__para_m'
    """
    head, _, last = eid.rpartition("__")
    if not head or not re.fullmatch(r"(?:para|item)_[a-z]", last):
        return None
    found = [e for e in eids if e.startswith(head + "__") and e.endswith("__" + last)
             and e.count("__") == eid.count("__") + 1]
    return found[0] if len(found) == 1 else None


def _other_targets(ref: Ref, kind: str) -> list[Path]:
    """Paths into another text: absolute there, whatever the citing provision; a numbered paragraph
    of a resolution or other document is its operative paragraph ("paragraph 12 of resolution 67/83")."""
    out: list[Path] = []
    for path in ref.paths:
        if path[0][0] in ("article", "chapter", "part"):
            out.append(path)
        elif kind == "document" and path[0][0] == "paragraph" and path[0][1].isdigit():
            out.append((("operative", path[0][1]),) + path[1:])
    return out


def _path_of(doc: Document, prov: Provision) -> Path:
    steps: list[tuple[str, str]] = []
    for p in reversed(_ancestors(doc, prov)):
        if (p.kind in ("article", "paragraph", "item") or (p.kind == "section" and steps)) and p.number:
            steps.append((p.kind, p.number))
    return tuple(steps)


def resolve_references(doc: Document, docs: Mapping[str, Document] | CorpusIndex, matcher: Matcher) -> References:
    """The references stage for one document, against every document of the build (by key, or an
    index of their keys and provision eids)."""
    return Resolver(docs, matcher).run(doc)
