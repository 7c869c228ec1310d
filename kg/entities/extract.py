"""The entity stage: every provision's mentions of bodies, treaties, states and documents.

For each language version in reading order (so that "the Committee" resolves to what was last
named), each provision's own words are searched for registry names (:mod:`kg.entities.matcher`),
UN document symbols (:mod:`kg.entities.documents`), names the registry does not know yet
(:mod:`kg.entities.discover`), Treaty Series citations in footnotes, and seat tables.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Callable, Iterable

from kg.entities.discover import discover
from kg.entities.documents import find_document_refs, find_treaty_series
from kg.entities.matcher import Context, Match, Matcher
from kg.entities.registry import Registry, registry
from kg.entities.registry import fold as registry_fold
from kg.entities.tables import read_table
from kg.model import Citation, Document, Entities, Fact, Finding, Mention, Provision, Text

#: the series of a body's resolutions, for "resolution 44/6" in its own texts
RESOLUTION_SERIES = {"un-general-assembly": "A/RES/", "un-security-council": "S/RES/",
                     "un-ecosoc": "E/RES/", "un-human-rights-council": "A/HRC/RES/"}
#: the classes of a home organisation: an organisation, or a UN organisation with bodies of its own (IAEA, UPU)
HOME_CLASSES = frozenset({"Organization", "UNEntity"})
#: most home organisations a document has (each beyond the first costs one more matcher pass)
MAX_HOMES = 3
#: a first line longer than this is text, not a title
TITLE_LINE_MAX = 200
#: what separates the words of a name in a title: anything but letters and digits ("Organisation,", "l'Union")
NON_WORD = re.compile(r"[\W_]+")
#: a table row: a run of three or more spaces between two cells
TABLE_ROW = re.compile(r"\S {3,}\S")


def discovered_key(cls: str, name: str) -> str:
    return f"discovered:{cls}:{name}"


class EntityStage:
    """Runs the stage over documents with one matcher (compiled once) and one registry."""

    def __init__(self, reg: Registry | None = None, matcher: Matcher | None = None,
                 discoverer: Callable[[str, str], Iterable] = discover) -> None:
        self.registry = reg or registry()
        self.matcher = matcher or Matcher(self.registry)
        self.discover = discoverer
        self._home_name_words: list[tuple[str, str]] | None = None

    # -- context ------------------------------------------------------------------------------

    def home_organisations(self, doc: Document) -> list[str]:
        """The organisations whose bodies a short form of ``doc`` names, first the most likely.

        A resolution's home is the organisation whose organ adopted it; a treaty's or resolution's home
        is also every organisation (or UN organisation, such as the IAEA or the UPU) its title names,
        longest name first ("Report of the International Atomic Energy Agency" is at home in the IAEA
        for "the General Conference", and in the United Nations, which adopted it, for "the
        Secretary-General"). A document without a title line is read from its first line (a heading
        such as "CONSTITUTION DE L'UNION POSTALE UNIVERSELLE").
        """
        homes: list[str] = []
        adopted = doc.meta("adopted_by")
        if adopted:
            body = self.matcher._by_any_name(adopted)
            if body:
                e = self.registry.get(body) or {}
                org = e.get("organ_of") or (body if e.get("class") in HOME_CLASSES else None)
                if org:
                    homes.append(org)
        found: dict[str, int] = {}
        for title in self._titles(doc):
            words = f" {_name_words(title)} "
            for entity, n in self._home_names():
                if f" {n} " in words and len(n) > found.get(entity, 0):
                    found[entity] = len(n)
        homes.extend(x for x in sorted(found, key=lambda x: (-found[x], x)) if x not in homes)
        return homes[:MAX_HOMES]

    def _home_names(self) -> list[tuple[str, str]]:
        """Every name of every organisation that can be a home, as folded words: made once per stage (it was
        made again for every document, a sixth of the entity stage)."""
        if self._home_name_words is None:
            self._home_name_words = [(e["id"], n) for e in self.registry.entries.values() if e["class"] in HOME_CLASSES
                                     for n in (_name_words(name) for name in Registry.names(e)) if n]
        return self._home_name_words

    def most_named_organisation(self, doc: Document) -> list[str]:
        """For a text whose title and adopting body name no organisation: the organisation its words name in
        full most often (at least twice, and more often than any other), so that "le Conseil de la Société" in
        a convention of the League of Nations is the League's Council. Empty when none stands out."""
        counts: dict[str, int] = {}
        ctx = Context()
        for lang in doc.languages:
            for prov in doc.provisions:
                text = prov.text(lang)
                if text is None:
                    continue
                for m in self.matcher.find(text.value, lang, ctx):
                    if m.how in ("name", "nested", "abbreviation") and self._cls(m.entity) in HOME_CLASSES:
                        counts[m.entity] = counts.get(m.entity, 0) + 1
        ranked = sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))
        if not ranked or ranked[0][1] < 2 or (len(ranked) > 1 and ranked[1][1] == ranked[0][1]):
            return []
        return [ranked[0][0]]

    def home_organisation(self, doc: Document) -> str | None:
        """The first of :meth:`home_organisations`, or None."""
        homes = self.home_organisations(doc)
        return homes[0] if homes else None

    @staticmethod
    def _titles(doc: Document) -> list[str]:
        if doc.titles:
            return [title for _lang, title in doc.titles]
        first = next((line.strip() for line in doc.source.text.split("\n") if line.strip()), "")
        return [first] if 0 < len(first) <= TITLE_LINE_MAX else []

    # -- the stage ----------------------------------------------------------------------------

    def run(self, doc: Document) -> Entities:
        self_id = doc.key if doc.kind == "treaty" and doc.key in self.registry.entries else None
        homes = self.home_organisations(doc) or self.most_named_organisation(doc)
        series = RESOLUTION_SERIES.get(self.matcher._by_any_name(doc.meta("adopted_by") or "") or "")
        if series is None and doc.kind == "resolution" and doc.symbol and "/RES/" in doc.symbol:
            series = doc.symbol.split("/RES/")[0] + "/RES/"
        mentions: list[Mention] = []
        citations: list[Citation] = []
        facts: list[Fact] = []
        findings: list[Finding] = []
        for lang in doc.languages:
            contexts = [Context(self_id=self_id, home=h) for h in homes] or [Context(self_id=self_id)]
            for prov in doc.provisions:
                text = prov.text(lang)
                if text is None:
                    continue
                found = [m for m in self._find(text.value, lang, contexts) if text.is_own(m.start, m.end)]
                mentions.extend(self._mention(prov, lang, m) for m in found)
                mentions.extend(self._discovered(prov, text, lang, found))
                citations.extend(self._documents(prov, text, lang, series))
                if prov.kind == "article" and any(TABLE_ROW.search(line) for line in text.value.split("\n")):
                    more, seats = self._seat_table(prov, text, lang, found)
                    mentions.extend(more)
                    facts.extend(seats)
        facts.extend(self._treaty_series(doc, mentions, findings))
        citations.extend(self._footnote_markers(doc))
        # a document printing its own symbol (its heading, a running header) names itself; it does not cite
        if doc.symbol:
            own = re.sub(r"\s+", "", doc.symbol)
            citations = [c for c in citations if c.target_kind != "document" or re.sub(r"\s+", "", c.target) != own]
        mentions = sorted(set(mentions), key=lambda m: (m.lang, m.eid, m.start, m.end, m.entity))
        return Entities(tuple(mentions), tuple(sorted(set(citations), key=_cite_key)), tuple(facts),
                        tuple(findings))

    def _find(self, text: str, lang: str, contexts: list[Context]) -> list[Match]:
        """Registry names in ``text``: a short form is read against the first home organisation, and one
        that it leaves unresolved against the next (each context keeps its own "last named")."""
        found = self.matcher.find(text, lang, contexts[0])
        for ctx in contexts[1:]:
            more = [m for m in self.matcher.find(text, lang, ctx) if m.how == "short_form"
                    and not any(m.start < f.end and f.start < m.end for f in found)]
            if more:
                found = sorted([*found, *more], key=lambda m: (m.start, m.end, m.entity))
        return found

    def _cls(self, entity: str) -> str:
        e = self.registry.get(entity)
        return str(e["class"]) if e else "Organ"

    def _mention(self, prov: Provision, lang: str, m: Match) -> Mention:
        return Mention(prov.eid, lang, m.start, m.end, m.quote, m.entity, self._cls(m.entity), m.how)

    def _discovered(self, prov: Provision, text: Text, lang: str, found: list[Match]) -> list[Mention]:
        out = []
        # only the matches that can overlap a discovered name are compared with it (all of them made a
        # long text of many names quadratic): those starting less than the longest match before it
        by_start = sorted(found, key=lambda m: m.start)
        starts = [m.start for m in by_start]
        longest = max((m.end - m.start for m in by_start), default=0)
        for d in self.discover(text.value, lang):
            if not text.is_own(d.start, d.end):
                continue
            near = by_start[bisect_left(starts, d.start - longest) : bisect_left(starts, d.end)]
            if any(m.start < d.end and d.start < m.end and (d.end - d.start) - (m.end - m.start) <= 2 for m in near):
                continue  # a registry name covers it already (give or take a bracket)
            known = self.matcher._by_any_name(d.name)
            if known:
                out.append(Mention(prov.eid, lang, d.start, d.end, d.quote, known, self._cls(known), "name"))
                continue
            out.append(Mention(prov.eid, lang, d.start, d.end, d.quote, discovered_key(d.cls, d.name), d.cls,
                               "discovered"))
        return out

    def _documents(self, prov: Provision, text: Text, lang: str, series: str | None) -> list[Citation]:
        out = []
        for ref in find_document_refs(text.value, resolution_series=series):
            if not text.is_own(ref.start, ref.end):
                continue
            key = ref.symbols[0]
            out.append(Citation(prov.eid, lang, ref.start, ref.end, ref.quote, key, "document", None, ref.symbols))
        return out

    def _seat_table(self, prov: Provision, text: Text, lang: str,
                    found: list[Match]) -> tuple[list[Mention], list[Fact]]:
        lines = text.value.split("\n")
        offsets = []
        pos = 0
        for line in lines:
            offsets.append(pos)
            pos += len(line) + 1
        rows = [(k, line) for k, line in enumerate(lines) if TABLE_ROW.search(line) or (k and line.startswith("   "))]
        if len(rows) < 2:
            return [], []
        cells = read_table([line for _, line in rows])
        mentions: list[Mention] = []
        facts: list[Fact] = []
        for cell in cells:
            state = self.registry.by_name("State", cell.name)
            if state is None:
                state = self._state_by_lemma(cell.name, lang)
            if state is None:
                continue
            r, s, e = cell.fragments[0]
            line_no = rows[r][0]
            start, end = offsets[line_no] + s, offsets[line_no] + e
            quote = text.value[start:end]
            if not any(m.start == start and m.entity == state for m in found):
                mentions.append(Mention(prov.eid, lang, start, end, quote, state, "State", "table"))
            facts.append(Fact(state, "seats", str(cell.number), prov.eid, lang, start, end, quote))
        return mentions, facts

    def _state_by_lemma(self, name: str, lang: str) -> str | None:
        found = self.matcher.find(name, lang, Context())
        states = [m.entity for m in found if self._cls(m.entity) == "State"]
        covered = sum(m.end - m.start for m in found)
        return states[0] if len(states) == 1 and covered >= len(registry_fold(name)) - 4 else None

    def _treaty_series(self, doc: Document, mentions: list[Mention], findings: list[Finding]) -> list[Fact]:
        """A footnote's Treaty Series citation goes on the treaty named just before its marker."""
        out: list[Fact] = []
        for fn in doc.provisions:
            if fn.kind != "footnote" or not fn.parent or not fn.marker:
                continue
            for text in fn.texts:
                refs = find_treaty_series(text.value)
                if not refs:
                    continue
                host = doc.provision(fn.parent)
                host_text = host.text(text.lang) if host else None
                if host_text is None:
                    continue
                marker = re.search(rf"(?<=[^\W\d_]|[,;.:)])(?:{re.escape(fn.marker)})(?=[\s,;.:)]|$)", host_text.value)
                if not marker:
                    continue
                before = [m for m in mentions if m.eid == fn.parent and m.lang == text.lang and m.cls == "Treaty"
                          and m.end <= marker.start() and marker.start() - m.end <= 3]
                if not before:
                    findings.append(Finding(doc.source.name, "entities", f"{fn.eid}: Treaty Series citation with no "
                                            "treaty named at its marker"))
                    continue
                treaty = max(before, key=lambda m: m.end).entity
                for ref in refs:
                    out.append(Fact(treaty, "untsVolume", ref.volume, fn.eid, text.lang, ref.start, ref.end, ref.quote))
                    if ref.number:
                        out.append(Fact(treaty, "untsNumber", ref.number, fn.eid, text.lang, ref.start, ref.end,
                                        ref.quote))
        return out

    def _footnote_markers(self, doc: Document) -> list[Citation]:
        """A footnote marker in its host's text cites the footnote."""
        out = []
        for fn in doc.provisions:
            if fn.kind != "footnote" or not fn.parent or not fn.marker:
                continue
            host = doc.provision(fn.parent)
            if host is None:
                continue
            for text in host.texts:
                if fn.text(text.lang) is None:
                    continue
                if fn.marker.startswith("<"):
                    pattern = re.escape(fn.marker)
                else:
                    pattern = rf"(?<=[^\W\d_]|[,;.:)])(?:{re.escape(fn.marker)})(?=[\s,;.:)]|$)"
                # the k-th footnote of a host with anonymous markers is its k-th marker
                k = int(fn.eid.rsplit("_", 1)[-1]) if fn.number is None and fn.eid[-1].isdigit() else 1
                hits = [m for m in re.finditer(pattern, text.value) if text.is_own(m.start(), m.end())]
                if len(hits) >= k:
                    m = hits[k - 1]
                    out.append(Citation(host.eid, text.lang, m.start(), m.end(), m.group(), doc.key, "footnote",
                                        fn.eid))
        return out


def _name_words(name: str) -> str:
    """A name's folded words separated by single spaces: "l'Union postale," -> "l union postale"."""
    return NON_WORD.sub(" ", registry_fold(name)).strip()


def _cite_key(c: Citation) -> tuple:
    return (c.lang, c.eid, c.start, c.end, c.target, c.target_eid or "")


def extract_entities(doc: Document, stage: EntityStage | None = None) -> Entities:
    """The entity stage for one document (a stage is built on first use and can be passed in)."""
    return (stage or default_stage()).run(doc)


_STAGE: list[EntityStage] = []


def default_stage() -> EntityStage:
    if not _STAGE:
        _STAGE.append(EntityStage())
    return _STAGE[0]
