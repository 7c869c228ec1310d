"""Finding registry names in text: one Aho-Corasick pass over normalised tokens, longest match first.

Three passes over a provision's text, each only where the earlier ones found nothing:

1. full names, former names and abbreviations (leftmost-longest; abbreviations are case-sensitive
   whole tokens; a name's capitalised words must be capitalised in the text too);
2. coordinated forms that expand into several entities ("the Secretaries-General of the United
   Nations and the Council of Europe", "United Nations Office at Geneva and at Vienna");
3. short and contextual forms ("the Committee", "Ассамблея", "this Statute"), resolved against the
   document itself, the entity of that kind last named, then the document's home organisation.

>>> from kg.entities.registry import Registry
>>> reg = Registry([{"id": "coe-committee-of-ministers", "class": "Organ", "organ_of": "council-of-europe",
...     "labels": {"en": "Committee of Ministers", "ru": "Комитет министров"},
...     "short_forms": {"en": ["the Committee"], "ru": ["Комитет"]}},
...    {"id": "council-of-europe", "class": "Organization", "labels": {"en": "Council of Europe"}}])
>>> m = Matcher(reg)
>>> [(x.quote, x.entity) for x in m.find("приглашено Комитетом министров", "ru", Context())]
[('Комитетом министров', 'coe-committee-of-ministers')]
>>> ctx = Context(home="council-of-europe")
>>> [(x.quote, x.entity, x.how) for x in m.find("The Committee shall meet.", "en", ctx)]
[('The Committee', 'coe-committee-of-ministers', 'short_form')]
"""

from __future__ import annotations

import json
import re
from bisect import bisect_left
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cache
from importlib import resources
from typing import Any

import ahocorasick

from kg.entities.normalize import (
    HYPHEN,
    Lemma,
    Token,
    default_lemma,
    deletions,
    fold_script,
    mixed_script,
    stem,
    tokens,
    within,
)
from kg.entities.registry import Registry
from kg.entities.registry import fold as registry_fold

#: a token that continues a longer, unknown name after a short form ("the Committee of the Parties")
NAME_CONTINUES = re.compile(r"^(?:of|on|for|against|to|de|du|des|sur|pour|по)$", re.I)


#: how many of the last named entities a short form looks back over
RECENT = 400
#: how far (in characters) coordinated names are looked for after a plural head ("the Secretaries-General
#: of ...") and a repeated place before "and at Vienna": without a bound, a text of many heads and no
#: punctuation was read to its end once per head (quadratic; a 1 MB line took hours)
COORDINATION_WINDOW = 500
#: where the coordinated tail after a plural head stops
TAIL_STOP = re.compile(r"[;:.()]")
#: the name before a repeated place: "United Nations Office at " before "Geneva and at Vienna"
NAMED_PLACE = re.compile(r"((?:[A-Z][\w-]*\s+)+(?:at|in)\s+)([A-Z][\w-]*)$")

#: which classes of name are kept when they stand inside a longer name of a class
NESTED = {
    # a treaty named in a protocol's or memorandum's title is named too ("Protocol to the Treaty on ...")
    "Treaty": frozenset({"Organization", "Organ", "UNEntity", "State", "Treaty"}),
    "Document": frozenset({"Organization", "Organ", "UNEntity", "State", "Treaty"}),
    "Organ": frozenset({"Organization"}),
    "UNEntity": frozenset({"Organization"}),
}

#: words (normal forms) after which a treaty named inside a longer title is itself named: "Protocol to the
#: Convention", "Protocol amending the Convention", "supplementing the Convention", "Accession to the
#: Treaty", "Protocole additionnel à la Convention", "aux Conventions de Genève", «Протокол к Договору»
TREATY_LEAD = frozenset({"to", "amending", "supplementing", "a", "aux", "modifiant", "к"})

#: articles and determiners left out when a short form's words are looked for in a name
ARTICLES = frozenset({"the", "this", "present", "le", "la", "les", "l'", "presente", "настоящий"})

#: words (normal forms) that make an office a lesser one when they stand just before or just after its
#: name: a Deputy, Assistant or Under-Secretary-General is never the Secretary-General ("the Deputy
#: Secretary General", "le Secrétaire général adjoint", «заместитель Генерального секретаря»); a body
#: or office name so qualified is not linked unless the registry holds the lesser office itself
SUBORDINATE_BEFORE = {"en": frozenset({"deputy", "assistant", "under", "vice", "acting"}),
                      "fr": frozenset({"vice", "sous"}),
                      "ru": frozenset({"заместитель", "помощник"})}
SUBORDINATE_AFTER = {"en": frozenset(), "fr": frozenset({"adjoint", "adjointe", "adjoints", "adjointes"}),
                     "ru": frozenset()}


def _contains(names: tuple[tuple[str, ...], ...], words: tuple[str, ...]) -> bool:
    """Whether one of the names holds ``words`` as a contiguous run."""
    n = len(words)
    return bool(n) and any(name[k : k + n] == words for name in names for k in range(len(name) - n + 1))


@dataclass(frozen=True)
class Match:
    start: int
    end: int
    quote: str
    entity: str
    how: str  # name | former_name | abbreviation | nested | coordinated | ocr | short_form

    def dump(self) -> dict[str, Any]:
        return {"start": self.start, "end": self.end, "quote": self.quote, "entity": self.entity, "how": self.how}


@dataclass
class Context:
    """What short forms resolve against: the document, its home organisation, what was last named."""

    self_id: str | None = None
    home: str | None = None
    #: each (entity id, the normal forms of the words of each of its names) named so far, with the
    #: place it was last named at (names are cached tuples, so their identity stands for them)
    latest: dict[tuple[str, int], tuple[int, tuple[tuple[str, ...], ...]]] = field(default_factory=dict)
    #: how many names have been recorded
    count: int = 0

    def name(self, entity: str, names: tuple[tuple[str, ...], ...]) -> None:
        """Record that ``entity`` was just named."""
        self.latest[(entity, id(names))] = (self.count, names)
        self.count += 1

    def recent(self, window: int) -> list[tuple[str, int, tuple[tuple[str, ...], ...]]]:
        """(entity, place, names) of each entity named among the last ``window`` names, at its last place."""
        floor = self.count - window
        return [(entity, k, names) for (entity, _), (k, names) in self.latest.items() if k >= floor]


@dataclass(frozen=True)
class _Key:
    entity: str
    how: str
    caps: tuple[bool, ...]  # which words of the name are capitalised


@cache
def _entity_rules() -> dict[str, Any]:
    data: dict[str, Any] = json.loads(
        resources.files("kg").joinpath("data/entities.json").read_text(encoding="utf-8"))
    return data


def _parts(surface: str) -> list[str]:
    """The parts of a hyphenated word ("Secretary-General" → Secretary, General), as its normal form has them."""
    return HYPHEN.split(surface) if "-" in surface or "\u2010" in surface or "\u2011" in surface else [surface]


def _caps(words: Iterable[Token]) -> tuple[bool, ...]:
    """Which parts of these words are capitalised (one flag per word of the normal forms)."""
    return tuple(p[:1].isupper() for w in words for p in _parts(w.surface))


def _words(toks: Iterable[Token]) -> tuple[str, ...]:
    """The normal forms of these tokens, a hyphenated one counting as its parts."""
    return tuple(x for t in toks for x in t.norm.split(" "))


class Matcher:
    """Registry names per language, compiled once into automata; see the module docstring."""

    def __init__(self, registry: Registry, lemma: Lemma = default_lemma) -> None:
        self.registry = registry
        self.lemma = lemma
        self._automata: dict[tuple[str, str], Any] = {}
        self._abbreviations: dict[str, str] = {}
        for e in registry.entries.values():
            for a in e.get("abbreviations", []):
                self._abbreviations.setdefault(a, e["id"])
        self._name_words: dict[tuple[str, str], tuple[tuple[str, ...], ...]] = {}
        self._heads: dict[tuple[str, str], str | None] = {}
        self._holds_cache: dict[tuple[str, tuple[str, ...]], bool] = {}
        self._classes: dict[str, str | None] = {}
        self._ocr_indexes: dict[str, _OcrIndex] = {}

    # -- compiling ----------------------------------------------------------------------------

    def _key(self, name: str, lang: str) -> tuple[str, tuple[Token, ...]]:
        toks = tuple(tokens(name, lang, self.lemma))
        return " " + " ".join(t.norm for t in toks) + " ", toks

    def _automaton(self, lang: str, kind: str) -> Any:
        """kind "names": labels, aliases, former names in ``lang``; "short": short forms."""
        cached = self._automata.get((lang, kind))
        if cached is not None:
            return cached
        table: dict[str, list[_Key]] = {}

        def add(name: str, entity: str, how: str) -> None:
            key, toks = self._key(name, lang)
            if key.strip():
                table.setdefault(key, []).append(_Key(entity, how, _caps(toks)))

        for e in self.registry.entries.values():
            if kind == "names":
                label = e.get("labels", {}).get(lang)
                if label:
                    add(label, e["id"], "name")
                for alias in e.get("aliases", {}).get(lang, []):
                    add(alias, e["id"], "name")
                for former in e.get("former_names", []):
                    if former["lang"] == lang:
                        add(former["name"], e["id"], "former_name")
                if lang == "ru":
                    # a Cyrillic abbreviation written as a word ("Интерпол") inflects: "по каналам Интерпола"
                    for a in e.get("abbreviations", []):
                        if re.search(r"[а-яё]", a):
                            add(a, e["id"], "abbreviation")
            else:
                for short in e.get("short_forms", {}).get(lang, []):
                    add(short, e["id"], "short_form")
        automaton = ahocorasick.Automaton()
        for key, values in table.items():
            automaton.add_word(key, (len(key), len(key.split()), tuple(values)))
        if len(automaton):
            automaton.make_automaton()
        self._automata[(lang, kind)] = automaton
        return automaton

    def name_words(self, entity: str, lang: str) -> tuple[tuple[str, ...], ...]:
        """The normal forms of the words of each of an entity's names in ``lang``."""
        cached = self._name_words.get((entity, lang))
        if cached is None:
            e = self.registry.get(entity) or {}
            names = [e.get("labels", {}).get(lang, "")] + list(e.get("aliases", {}).get(lang, []))
            names += [f["name"] for f in e.get("former_names", []) if f["lang"] == lang]
            cached = tuple(_words(tokens(n, lang, self.lemma)) for n in names if n)
            self._name_words[(entity, lang)] = cached
        return cached

    # -- matching -----------------------------------------------------------------------------

    @staticmethod
    def _scan(automaton: Any, toks: list[Token]) -> list[tuple[int, int, tuple[_Key, ...]]]:
        """Every (first token, last token + 1, keys) whose normal forms spell a key."""
        if not len(automaton) or not toks:
            return []
        # a key starts at the first character of a token and ends at the space after one: a token's normal
        # form may hold spaces ("secretary general"), so the count of a key's words is not a count of tokens
        first_char: dict[int, int] = {}
        after_last: dict[int, int] = {}
        pos = 1
        for i, t in enumerate(toks):
            first_char[pos] = i
            pos += len(t.norm)
            after_last[pos] = i
            pos += 1
        joined = " " + " ".join(t.norm for t in toks) + " "
        out = []
        for end, (key_len, _n_words, values) in automaton.iter(joined):
            first = first_char.get(end - key_len + 2)
            last = after_last.get(end)
            if first is not None and last is not None:
                out.append((first, last + 1, values))
        return out

    @staticmethod
    def _caps_ok(key: _Key, toks: list[Token]) -> bool:
        parts = (p for t in toks for p in _parts(t.surface))
        for want, part in zip(key.caps, parts, strict=False):
            if want and not (part[:1].isupper() or part[:1].isdigit()):
                return False
        return True

    def _subordinate(self, toks: list[Token], i: int, j: int, lang: str) -> bool:
        """Whether the name over toks[i:j] is qualified as a lesser office ("Deputy Secretary-General")."""
        before = i > 0 and toks[i - 1].norm.split(" ")[-1] in SUBORDINATE_BEFORE.get(lang, ())
        after = j < len(toks) and toks[j].norm.split(" ")[0] in SUBORDINATE_AFTER.get(lang, ())
        return before or after

    @staticmethod
    def _pick(candidates: list[tuple[int, int, str, str]], taken: list[bool]) -> list[tuple[int, int, str, str]]:
        """Leftmost-longest, non-overlapping, and only over tokens not taken yet."""
        candidates.sort(key=lambda c: (c[0], -(c[1] - c[0])))
        chosen = []
        for c in candidates:
            if any(taken[c[0] : c[1]]):
                continue
            for k in range(c[0], c[1]):
                taken[k] = True
            chosen.append(c)
        return chosen

    def find(self, text: str, lang: str, ctx: Context) -> list[Match]:
        toks = tokens(text, lang, self.lemma)
        taken = [False] * len(toks)
        out: list[Match] = []

        def emit(i: int, j: int, entity: str, how: str) -> None:
            s, e = toks[i].start, toks[j - 1].end
            if text[s:e].count("(") > text[s:e].count(")") and text[e : e + 1] == ")":
                e += 1  # "Germany (Federal Republic)": the bracket is not a token but is part of the name
            out.append(Match(s, e, text[s:e], entity, how))

        # 1. names, former names, abbreviations
        cands: list[tuple[int, int, str, str]] = []
        # abbreviations first: of two candidates over the same words the first listed is kept, and "UN-Women"
        # printed so is the abbreviation even though the alias "UN Women" spells the same words
        for i, t in enumerate(toks):
            # "UN‑Women" with a non-breaking hyphen is the abbreviation "UN-Women"
            entity = self._abbreviations.get(HYPHEN.sub("-", t.surface))
            if entity is not None:
                cands.append((i, i + 1, entity, "abbreviation"))
        for i, j, values in self._scan(self._automaton(lang, "names"), toks):
            ok = [v for v in values if self._caps_ok(v, toks[i:j])]
            office = self._class_of(ok[0].entity) in ("Organ", "UNEntity") if ok else False
            if ok and not (office and self._subordinate(toks, i, j, lang)):
                cands.append((i, j, ok[0].entity, ok[0].how))
        chosen = self._pick(cands, taken)
        for i, j, entity, how in chosen:
            emit(i, j, entity, how)
        # names inside a longer name: the parties in a treaty's title, the organisation in an organ's
        # (_pick sorted the candidates by start, so each outer name looks at its own stretch only)
        starts = [c[0] for c in cands]
        for i, j, entity, _how in chosen:
            outer = (self.registry.get(entity) or {}).get("class")
            inner_ok = NESTED.get(outer or "", frozenset())
            if not inner_ok or j - i < 2:
                continue
            lo, hi = bisect_left(starts, i), bisect_left(starts, j)
            inner = [c for c in cands[lo:hi] if c[1] <= j and (c[0], c[1]) != (i, j)
                     and (self.registry.get(c[2]) or {}).get("class") in inner_ok
                     and (self._class_of(c[2]) != "Treaty" or self._treaty_lead(toks, i, c[0]))]
            # picked over the outer name's own tokens, counted from i: a fresh flag per token of the whole
            # text for each outer name made a long text quadratic (a 1 MB line of treaty titles took minutes)
            local = [(a - i, b - i, ent, how) for a, b, ent, how in inner]
            for a, b, ent, _ in self._pick(local, [False] * (j - i)):
                emit(a + i, b + i, ent, "nested")

        # 2. coordinated forms
        for m in self._coordinated(text, toks, lang, taken):
            out.append(m)

        # 2b. names printed with OCR errors, around the words nothing covers yet
        out = self._ocr(text, toks, lang, taken, out)

        # 3. short forms, in reading order so that "last named" is right
        shorts: list[tuple[int, int, str, str]] = []
        scanned = self._scan(self._automaton(lang, "short"), toks)
        for i, j, values in scanned:
            ok = [v for v in values if self._caps_ok(v, toks[i:j])]
            if ok and not self._subordinate(toks, i, j, lang):
                shorts.append((i, j, "|".join(sorted({v.entity for v in ok})), "short_form"))
        chosen = self._pick(shorts, taken)
        # record names as they occur, interleaved with short forms by position
        events = sorted([(m.start, "name", m) for m in out] + [(toks[c[0]].start, "short", c) for c in chosen],
                        key=lambda x: (x[0], x[1]))
        final: list[Match] = []
        for _, kind, item in events:
            if kind == "name":
                assert isinstance(item, Match)
                final.append(item)
                ctx.name(item.entity, self.name_words(item.entity, lang))
                continue
            i, j, ids, _ = item  # type: ignore[misc]
            if self._longer_name_follows(toks, j, lang):
                continue  # "the Committee of the Parties": a longer name we do not know
            words = tuple(w for w in _words(toks[i:j]) if w not in ARTICLES)
            entity = self.resolve_short(ids.split("|"), words, lang, ctx)
            if entity is None:
                continue
            s, e = toks[i].start, toks[j - 1].end
            final.append(Match(s, e, text[s:e], entity, "short_form"))
            ctx.name(entity, self.name_words(entity, lang))
        final.sort(key=lambda m: (m.start, m.end, m.entity))
        return final

    @staticmethod
    def _treaty_lead(toks: list[Token], outer: int, inner: int) -> bool:
        """Whether a treaty named inside a longer title is named as the instrument it supplements ("Protocol
        to the Treaty on ...", "Protocole additionnel à la Convention ...", «Протокол к Договору»), not
        as the first words of a longer title ("European Social Charter (revised)")."""
        k = inner - 1
        while k > outer and toks[k].norm in ARTICLES:
            k -= 1
        return k >= outer and toks[k].norm in TREATY_LEAD

    def _class_of(self, entity: str) -> str | None:
        cls = self._classes.get(entity, "")
        if cls == "":
            e = self.registry.get(entity)
            cls = self._classes[entity] = e["class"] if e else None
        return cls

    def _holds(self, entity: str, names: tuple[tuple[str, ...], ...], words: tuple[str, ...]) -> bool:
        key = (entity, words)
        hit = self._holds_cache.get(key)
        if hit is None:
            hit = self._holds_cache[key] = _contains(names, words)
        return hit

    @staticmethod
    def _longer_name_follows(toks: list[Token], j: int, lang: str) -> bool:
        """A preposition then a capitalised word ("of the Parties") continues an unknown name."""
        if lang == "ru" or j >= len(toks) or not NAME_CONTINUES.match(toks[j].surface):
            return False
        k = j + 1
        while k < len(toks) and toks[k].surface.lower() in ("the", "la", "le", "les", "l'"):
            k += 1
        return k < len(toks) and toks[k].surface[:1].isupper()

    def resolve_short(self, candidates: list[str], words: tuple[str, ...], lang: str, ctx: Context) -> str | None:
        """Resolve a short form ("the Assembly"): the document itself if it is a candidate; else, among
        the candidates and the entities already named whose names contain its words, a body of the home
        organisation before others and then the one named last; else the candidate of the home
        organisation."""
        if ctx.self_id in candidates:
            return ctx.self_id
        classes = {self.registry.entries[c]["class"] for c in candidates if c in self.registry.entries}
        family = {"Organ", "UNEntity"} if classes & {"Organ", "UNEntity"} else classes
        counts: dict[str, int] = {}
        last: dict[str, int] = {}
        for entity, k, names in ctx.recent(RECENT):
            if entity in candidates or (self._class_of(entity) in family and self._holds(entity, names, words)):
                counts[entity] = counts.get(entity, 0) + 1
                if k > last.get(entity, -1):
                    last[entity] = k
        if counts:
            # the home organisation's own bodies first (a CoE treaty's "the Assembly" is its Assembly even
            # right after "the General Assembly of the United Nations"), then the one named last
            def home_related(x: str) -> bool:
                return bool(ctx.home) and (x == ctx.home or (self.registry.get(x) or {}).get("organ_of") == ctx.home)

            return max(counts, key=lambda x: (home_related(x), last[x]))
        home = [c for c in candidates if c == ctx.home
                or (self.registry.get(c) or {}).get("organ_of") == ctx.home]
        return home[0] if ctx.home and len(home) == 1 else None

    def _coordinated(self, text: str, toks: list[Token], lang: str, taken: list[bool]) -> list[Match]:
        """Expand plural heads over coordinated organisations, and "at A and at B" places."""
        rules = _entity_rules().get("coordination", {}).get(lang)
        if not rules:
            return []
        out: list[Match] = []
        surfaces = [t.surface for t in toks]
        if not any(s in rules["plural_heads"] for s in surfaces) and " and " not in text:
            return out
        lowered = [t.norm for t in toks]
        # "the Secretaries-General of the United Nations and the Council of Europe": the organs with
        # that head of each organisation named in the coordinated tail
        for i, s in enumerate(surfaces):
            singular = rules["plural_heads"].get(s)
            if not singular or i + 1 >= len(toks) or lowered[i + 1] != "of":
                continue
            limit = min(len(text), toks[i + 1].end + COORDINATION_WINDOW)
            stop = TAIL_STOP.search(text, toks[i + 1].end, limit)
            tail_end = stop.start() if stop else limit
            tail = text[toks[i + 1].end : tail_end]
            found = [m for m in self.find_names(tail, lang) if (self.registry.get(m.entity) or {}).get("class")
                     == "Organization"]
            # only the organisations coordinated right after the head: "the A and the B", "A, B and C"
            orgs: list[Match] = []
            prev_end = 0
            for org in found:
                gap = tail[prev_end : org.start]
                if not orgs and not re.fullmatch(r"\s*(?:the\s+)?", gap):
                    break
                if orgs and not re.fullmatch(r"\s*(?:,|and|,\s*and)\s+(?:the\s+)?", gap):
                    break
                orgs.append(org)
                prev_end = org.end
            for org in orgs:
                organ = self._organ_with_head(org.entity, singular)
                if organ:
                    end_char = toks[i + 1].end + org.end
                    out.append(Match(toks[i].start, end_char, text[toks[i].start : end_char], organ, "coordinated"))
        # "X at Geneva and at Vienna": a named place repeated with "and at"
        for m in re.finditer(rules["place_pattern"], text):
            before = text[max(0, m.start() - COORDINATION_WINDOW) : m.start()].rstrip()
            named = NAMED_PLACE.search(before)
            if not named:
                continue
            cand = named.group(1) + m.group("place")
            entity = self._by_any_name(re.sub(r"^(?:the|its)\s+", "", cand, flags=re.I))
            if entity:
                out.append(Match(m.start("place"), m.end("place"), m.group("place"), entity, "coordinated"))
        return out

    def _organ_with_head(self, organisation: str, head: str) -> str | None:
        """The organ of ``organisation`` one of whose names starts with ``head`` ("Secretariat")."""
        key = (organisation, head)
        if key not in self._heads:
            self._heads[key] = self._find_organ_with_head(organisation, head)
        return self._heads[key]

    def _find_organ_with_head(self, organisation: str, head: str) -> str | None:
        want = registry_fold(head)
        found = sorted(e["id"] for e in self.registry.entries.values() if e.get("organ_of") == organisation
                       and any(registry_fold(n).startswith(want + " ") or registry_fold(n) == want
                               for n in Registry.names(e)))
        return found[0] if len(found) == 1 else None

    # -- OCR look-alikes ------------------------------------------------------------------------

    def _ocr_index(self, lang: str) -> _OcrIndex:
        index = self._ocr_indexes.get(lang)
        if index is None:
            index = self._ocr_indexes[lang] = _OcrIndex(self, lang, _entity_rules().get("ocr", {}))
        return index

    def _ocr(self, text: str, toks: list[Token], lang: str, taken: list[bool], out: list[Match]) -> list[Match]:
        """Names printed with OCR errors (rule "ocr"), see :class:`_OcrIndex`: ``out`` with them added. A name
        read so may hold names already matched ("Генеральному оекретарю Организации Объединенных Наций"):
        they stay as nested names where their class is kept inside it, as in pass 1."""
        index = self._ocr_index(lang)
        if not index.names:
            return out
        words = index.words(text, toks, taken)
        cands: list[tuple[int, int, str]] = []
        for w, word in enumerate(words):
            if word.taken or (not word.sign and word.forms & index.vocab):
                continue  # a word printed as some name prints it is no place to start looking for an error
            seen: set[tuple[int, int]] = set()
            for name_at in index.near(word.forms):
                for n, pos in index.by_word.get(name_at, ()):
                    if (n, pos) in seen:
                        continue
                    seen.add((n, pos))
                    name = index.names[n]
                    span = index.fits(name, words, w - pos)
                    if span is None:
                        continue
                    i, j = span
                    office = self._class_of(name.entity) in ("Organ", "UNEntity")
                    if not (office and self._subordinate(toks, i, j, lang)):
                        cands.append((i, j, name.entity))
        for i, j, entity in sorted(set(cands), key=lambda c: (c[0], c[0] - c[1], c[2])):
            if any(taken[i:j]) and not all(taken[i:j]):
                s, e = toks[i].start, toks[j - 1].end
                inner = [m for m in out if m.start < e and s < m.end]
                if any(m.start < s or m.end > e for m in inner):
                    continue  # a match reaching out of the name: the name is not read over it
            elif all(taken[i:j]):
                continue
            s, e = toks[i].start, toks[j - 1].end
            inner = [m for m in out if m.start < e and s < m.end]
            if any(m.how == "ocr" for m in inner):
                continue
            keep = NESTED.get(self._class_of(entity) or "", frozenset())
            out = [m for m in out if m not in inner]
            out += [Match(m.start, m.end, m.quote, m.entity, "nested") for m in inner
                    if self._class_of(m.entity) in keep]
            out.append(Match(s, e, text[s:e], entity, "ocr"))
            for k in range(i, j):
                taken[k] = True
        return out

    def find_names(self, text: str, lang: str) -> list[Match]:
        """Pass 1 only: full names and abbreviations, no context."""
        toks = tokens(text, lang, self.lemma)
        taken = [False] * len(toks)
        cands: list[tuple[int, int, str, str]] = []
        for i, j, values in self._scan(self._automaton(lang, "names"), toks):
            ok = [v for v in values if self._caps_ok(v, toks[i:j])]
            if ok:
                cands.append((i, j, ok[0].entity, ok[0].how))
        return [Match(toks[i].start, toks[j - 1].end, text[toks[i].start : toks[j - 1].end], e, h)
                for i, j, e, h in self._pick(cands, taken)]

    def _by_any_name(self, name: str) -> str | None:
        for cls in ("Organ", "UNEntity", "Organization", "Treaty", "Document", "State"):
            found = self.registry.by_name(cls, name)
            if found:
                return found
        return None


#: what a text word is to the approximate pass
@dataclass(frozen=True)
class _OcrWord:
    first: int  # its first token
    last: int  # its last token + 1
    starts: bool  # the first word of its token (a name starts at a token's first word)
    ends: bool  # the last word of its token
    capital: bool  # printed with a capital (or a digit) first
    forms: frozenset[str]  # what it is compared as: its folded surface and its normal form (stems in Russian)
    sign: bool  # printed with an OCR sign: a broken character inside, mixed scripts, broken at a line end
    taken: bool  # covered by a match already


@dataclass(frozen=True)
class _OcrName:
    entity: str
    forms: tuple[frozenset[str], ...]  # each word's compared forms
    edits: tuple[int, ...]  # how many edits each word may carry
    significant: tuple[bool, ...]
    caps: tuple[bool, ...]


#: between two tokens of one word: a broken character ("Nicar~gua"; the characters are data), or a hyphen at
#: a line end before a word going on in lower case ("Неза- висимых", "Организа-\nции")
LINE_BREAK_HYPHEN = re.compile(
    r"""
    -                  # the hyphen, right after the first part (no space: "государства - учредители" is a dash)
    [ \t]*\n?[ \t]*    # the line end (or the space it became)
    \Z
    """,
    re.VERBOSE,
)


class _OcrIndex:
    """Registry names of one language, for the approximate pass (rule "ocr").

    Only the words a match has not covered are looked at, and only those not printed as any name prints
    them start a search: each is looked up in a symmetric-deletion index of the names' words (every form
    of a word with up to its allowed number of letters left out), so the cost is one set of look-ups per
    distinct word, not a comparison with every name. A name is then read over the words around it: each
    of its words within the edits its length allows (``max_edits`` in kg/data/entities.json), at least
    one significant word printed exactly and one not (or printed with an OCR sign).
    """

    def __init__(self, matcher: Matcher, lang: str, rules: dict[str, Any]) -> None:
        self.lang = lang
        self.lemma = matcher.lemma
        self.max_edits = [tuple(x) for x in rules.get("max_edits", [])]
        self.min_letters = int(rules.get("min_letters", 4))
        self.long_word = int(rules.get("long_word", 8))
        self.junk = frozenset(rules.get("junk", ""))
        self.endings = tuple(sorted(rules.get("endings", {}).get(lang, []), key=len, reverse=True))
        self.inflections = tuple(rules.get("inflections", {}).get(lang, []))
        self.names: list[_OcrName] = []
        self.by_word: dict[str, list[tuple[int, int]]] = {}
        self.vocab: set[str] = set()
        self.keys: dict[str, set[str]] = {}
        self._near: dict[frozenset[str], tuple[str, ...]] = {}
        self.longest = 0  # the longest name word
        if not self.max_edits:
            return
        seen: set[tuple[str, tuple[str, ...]]] = set()
        for e in matcher.registry.entries.values():
            names = [e.get("labels", {}).get(lang, "")] + list(e.get("aliases", {}).get(lang, []))
            names += [f["name"] for f in e.get("former_names", []) if f["lang"] == lang]
            for raw in names:
                if raw:
                    self._add(e["id"], raw, seen)

    def edits(self, letters: int) -> int:
        """How many edits a word of this many letters may carry."""
        allowed = 0
        for least, n in self.max_edits:
            if letters >= least:
                allowed = n
        return allowed

    def form(self, word: str) -> str:
        return stem(word, self.endings) if self.endings else word

    def _add(self, entity: str, raw: str, seen: set[tuple[str, tuple[str, ...]]]) -> None:
        toks = tokens(raw, self.lang, self.lemma)
        norms = _words(toks)
        if not norms or (entity, norms) in seen:
            return
        seen.add((entity, norms))
        significant = tuple(len(w) >= self.min_letters and w.isalpha() for w in norms)
        if sum(significant) < 2 and not (len(norms) == 1 and len(norms[0]) >= self.long_word):
            return
        surfaces = [fold_script(p, self.lang) for t in toks for p in _parts(t.surface)]
        if len(surfaces) != len(norms):
            surfaces = list(norms)
        # a word is compared as its normal form and as printed in the name: pymorphy3 reads «Объединенных»
        # as the verb «объединить», an OCR-damaged «Фбъединенних» as an unknown word of its own
        forms = tuple(frozenset({self.form(w), self.form(p)}) for w, p in zip(norms, surfaces, strict=True))
        name = _OcrName(entity, forms, tuple(self.edits(len(w)) for w in norms), significant, _caps(toks))
        if len(name.caps) != len(forms):
            return
        n = len(self.names)
        self.names.append(name)
        for pos, (fs, sig, k) in enumerate(zip(forms, significant, name.edits, strict=True)):
            self.vocab |= fs
            self.longest = max([self.longest, *(len(f) for f in fs)])
            if sig and k:
                for f in fs:
                    self.by_word.setdefault(f, []).append((n, pos))
                    for key in deletions(f, k):
                        self.keys.setdefault(key, set()).add(f)

    def inflected(self, a: str, b: str) -> bool:
        """Whether one word is the other with a plural ending ("protocols", "protocol"): no OCR error."""
        return any(a == b + e or b == a + e for e in self.inflections)

    def near(self, forms: frozenset[str]) -> tuple[str, ...]:
        """The name words within their allowed edits of one of ``forms``."""
        hit = self._near.get(forms)
        if hit is None:
            found: set[str] = set()
            # a word longer than any name word and its allowed edits is near none (and its deletions would
            # be quadratic in its length: a 5,000-letter run took minutes)
            for x in (f for f in forms if len(f) <= self.longest + 2):
                for key in deletions(x, self.edits(len(x) + 2)):
                    found |= self.keys.get(key, set())
            hit = self._near[forms] = tuple(sorted(
                f for f in found if any(within(x, f, self.edits(len(f) + 1)) for x in forms)))
        return hit

    def words(self, text: str, toks: list[Token], taken: list[bool]) -> list[_OcrWord]:
        """The words of ``toks``, those of tokens nothing covers joined over a broken character or a
        line-end hyphen."""
        out: list[_OcrWord] = []
        i = 0
        while i < len(toks):
            if taken[i]:
                norms = toks[i].norm.split(" ")
                parts = _parts(toks[i].surface)
                if len(parts) != len(norms):
                    parts = [toks[i].surface] * len(norms)
                for k, (part, norm) in enumerate(zip(parts, norms, strict=True)):
                    forms = frozenset({self.form(fold_script(part, self.lang)), self.form(norm)})
                    out.append(_OcrWord(i, i + 1, k == 0, k == len(norms) - 1, part[:1].isupper()
                                        or part[:1].isdigit(), forms, False, True))
                i += 1
                continue
            j, surface, sign = i + 1, toks[i].surface, False
            while j < len(toks) and not taken[j]:
                gap = text[toks[j - 1].end : toks[j].start]
                joined = (len(gap) == 1 and gap in self.junk) or (
                    toks[j].surface[:1].islower() and LINE_BREAK_HYPHEN.match(gap) is not None)
                if not joined:
                    break
                surface, sign, j = surface + toks[j].surface, True, j + 1
            mixed = mixed_script(surface)
            if sign or mixed:
                clean = fold_script(surface, self.lang)
                norms = self.lemma(clean, self.lang).split(" ") if clean else [clean]
                norms = [" ".join(HYPHEN.split(x)) for x in norms]
                norms = " ".join(norms).split(" ")
            else:
                norms = toks[i].norm.split(" ")
            parts = _parts(surface)
            if len(parts) != len(norms):
                parts = [surface] * len(norms)
            for k, (part, norm) in enumerate(zip(parts, norms, strict=True)):
                folded = fold_script(part, self.lang)
                forms = frozenset({self.form(folded), self.form(norm)})
                out.append(_OcrWord(i, j, k == 0, k == len(norms) - 1, part[:1].isupper() or part[:1].isdigit(),
                                    forms, sign or mixed, False))
            i = j
        return out

    def fits(self, name: _OcrName, words: list[_OcrWord], start: int) -> tuple[int, int] | None:
        """The tokens (first, last + 1) over which ``name`` is read from word ``start`` on, or None."""
        end = start + len(name.forms)
        if start < 0 or end > len(words):
            return None
        exact = approx = 0
        sign = False
        for k, fs in enumerate(name.forms):
            word = words[start + k]
            if name.caps[k] and not word.capital:
                return None
            if fs & word.forms:
                exact += name.significant[k]
            elif name.edits[k] and not word.taken and any(within(x, f, name.edits[k]) and not self.inflected(x, f)
                                                          for x in word.forms for f in fs):
                approx += 1
            else:
                return None
            sign = sign or word.sign
        first, last = words[start], words[end - 1]
        if not (first.starts and last.ends):
            return None
        if len(name.forms) == 1:
            return (first.first, last.last) if sign else None  # one long word: only where the print is broken
        return (first.first, last.last) if exact and (approx or sign) else None
