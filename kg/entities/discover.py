"""Discovery: names of bodies and treaties that the curated registry does not hold.

A name that no registry entry matches is not lost: when it fits a recognisable pattern ("Council of
Europe Convention on ...", "Committee on the ...", "Special Rapporteur on ...") it becomes a
:class:`Discovered` entity, which a user can later promote into the registry. The patterns are data
(``kg/data/discovery.json``): each has an id, a language, the class of what it finds, a regex *head*,
how the name continues after the head, and examples that a test checks.

How a name continues after its head (the pattern's ``tail``):

``title``
    a Title-Case run: capitalised words joined by spaces and the language's small words ("of", "the",
    "and", "against" ...) or by an enumeration closed by a conjunction ("Economic, Social and
    Cultural"). It ends on a capitalised word: before a lower-case word that is not a small word,
    before punctuation or a footnote digit glued to the word ("Strategy7"), and before
    "and [the] X" where X starts another name (the language's ``breakers``: "and the Council of
    Europe", "and the Additional Protocol", "and at Vienna").
``lower``
    a run in sentence case, for CoE and UN titles printed so and for French and Russian titles (lower
    case and inflected; the name is kept as printed). It starts with a lower-case word right after the
    head and must reach a *stop* within :data:`LOWER_MAX` words, else there is no name: punctuation,
    a line break, the end of the text, a glued footnote digit, one of the language's ``stop_words``
    (verb-like words and phrases: "is", "which", "and the", "as well as"; "est", "qui"; "является",
    "который"), or a conjunction before a capitalised word ("и Совета Европы", "et le Conseil").
    Plain "and" is *not* a stop, because such titles coordinate with it ("Council of Europe
    Convention on preventing and combating violence against women and domestic violence"); an
    enumeration closed by a conjunction crosses its commas ("жестоких, бесчеловечных или унижающих").
    Verbs that are not listed are not recognised: the run then goes on to the next stop.
``title_or_lower``
    the title run when the words after the head make one, else the lower run.
``any``
    a lower run whose first word may be capitalised, for names between parties in a language whose
    names are inflected («Соглашение между Организацией Объединенных Наций и ...»).

A pattern may widen its language's grammar: ``small_words`` adds words that may join a title run
("regarding", "between"), ``breakers`` replaces the language's breakers, and ``conjunction_stops:
false`` lets a conjunction before a capitalised word go on in a lower run ("Accord entre
l'Organisation des Nations Unies et l'Union postale universelle"). A name whose words after the first
are all of the language's ``generic`` words is no name ("Protocol to the Convention", "Agreement
between the Parties").

A pattern with ``keywords`` ("United Nations" + "Programme", "Fund", "Strategy" ...) needs one of them
after at most :data:`PRE_MAX` capitalised words ("United Nations Development Programme"); the title
run after the keyword is then optional ("... Regional Bureau for Europe"). ``years`` lets a year or a
range follow, bare or in brackets ("Disability Action Plan 2006-2015", "Strategy for the Rights of the
Child (2012-2015)"). ``exclude`` lists words that may not follow the head ("Comité des ministres").

Inside a name a space may be any run of spaces with at most one line break (a name wrapped over two
lines is found; the quote keeps the line break, the name collapses it). :func:`discover` returns
non-overlapping finds in text order; where finds overlap the longest wins, and between finds of the
same span the pattern listed first in the data.

>>> [(d.name, d.cls) for d in discover("the Committee on the Rights of the Child and the Council of Europe")]
[('Committee on the Rights of the Child', 'Organ')]
>>> discover("the United Nations Global Counter-Terrorism Strategy7 and")[0].dump()["name"]
'United Nations Global Counter-Terrorism Strategy'
"""

from __future__ import annotations

import json
import re
from bisect import bisect_right
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any

CLASSES = frozenset({"Treaty", "UNEntity", "Organ", "Document"})
TAILS = frozenset({"title", "lower", "title_or_lower", "any"})

#: most capitalised words a title run holds after the head (a sanity bound, not a grammar rule)
TITLE_MAX = 20
#: most words a lower-case run holds; without a stop within them there is no name
LOWER_MAX = 30
#: most capitalised words between a head and its keyword ("United Nations Global Counter-Terrorism Strategy")
PRE_MAX = 4

#: a letter of any script
LETTER = r"[^\W\d_]"
#: a space that is not a line break
HSPACE = r"[ \t\r\u00a0]"
#: the space between the words of a name: spaces with at most one line break (atomic: no backtracking)
SP = rf"(?>{HSPACE}+(?:\n{HSPACE}*)?|\n{HSPACE}*)"
#: the space inside a lower-case run, which never crosses a line
HSP = rf"(?>{HSPACE}+)"
#: a year or a range of years: 2006, 2006-2015, 2012–15
YEARS = r"(?:1[89]|20)\d\d(?:[-–—/](?:(?:1[89]|20)\d\d|\d\d))?(?!\d)"
#: a year or range after a name, bare ("Action Plan 2006-2015") or in brackets ("(2012-2015)")
YEARS_AFTER = rf"(?:{SP}{YEARS}|{SP}?\({YEARS}\))"


# ---------------------------------------------------------------- regex helpers


def _literal(phrase: str, space: str = SP) -> str:
    """A phrase as printed: a space matches ``space``, an apostrophe either apostrophe."""
    return space.join(re.escape(w).replace("'", "['’]") for w in phrase.split())


def _words(words: Iterable[str], space: str = SP) -> str:
    """Any of these words or phrases, longest first, each ending at the end of a word.

    >>> re.fullmatch(_words(["of", "with regard to"]), "with  regard to") is not None
    True
    """
    alts = [
        _literal(w, space) + ("" if w.endswith("'") else rf"(?!{LETTER})")
        for w in sorted(set(words), key=len, reverse=True)
    ]
    return "(?:" + "|".join(alts) + ")" if alts else "(?!)"


def _articles(words: Iterable[str], space: str) -> str:
    """An article with the space after it; an elided one ("l'") takes no space."""
    alts = [
        _literal(w, space) if w.endswith("'") else _literal(w, space) + rf"(?!{LETTER}){space}"
        for w in sorted(set(words), key=len, reverse=True)
    ]
    return "(?:" + "|".join(alts) + ")" if alts else "(?!)"


def _word(initial: str) -> str:
    """A word whose first letter is of class ``initial``: letters with inner hyphens or apostrophes
    ("Counter-Terrorism", "Children's", "l'enfant"); atomic, so it is never cut short."""
    return rf"(?>{initial}{LETTER}*(?:[-'’]{LETTER}+)*)"


def _title_word(initial: str) -> str:
    """A capitalised word, which may also be cut by a hyphen and a space before a capital where a line was
    broken ("South- East Asia")."""
    return rf"(?>{initial}{LETTER}*(?:[-'’]{LETTER}+|-{HSPACE}{initial}{LETTER}*)*)"


def _head(head: str) -> str:
    """A head from the data: a regex in which a space is :data:`SP` and an apostrophe either one."""
    return head.replace(" ", SP).replace("'", "['’]")


# ---------------------------------------------------------------- grammar of one language


@dataclass(frozen=True)
class Grammar:
    """The building blocks of names in one language, made from its block in the data."""

    title_word: str
    lower_word: str
    any_word: str
    join: str
    lower_join: str
    lower_end: str
    small_lead: str
    lead_join: str
    articles: tuple[str, ...]
    function_words: frozenset[str]
    generic: frozenset[str]

    @classmethod
    def from_data(cls, lang: Mapping[str, Any]) -> Grammar:
        upper, lower = f"[{lang['upper']}]", f"[{lang['lower']}]"
        tw, lw = _title_word(upper), _word(LETTER)
        small = _words(lang["small_words"])
        conj, hconj = _words(lang["conjunctions"]), _words(lang["conjunctions"], HSP)
        art, hart = _articles(lang["articles"], SP), _articles(lang["articles"], HSP)
        stops = _words(lang["stop_words"], HSP)
        breaker = rf"""{conj}{SP}{art}?{_words(lang["breakers"])}"""
        # an enumeration inside a title: ", Social and " / ", Search, Seizure and "
        title_enum = rf"""
            (?:,{SP}{tw}(?:{SP}{tw}){{0,3}}){{1,5}}     # one or more ", Title Words"
            ,?{SP}{conj}{SP}                              # closed by a conjunction (Oxford comma or not)
        """
        join = rf"""
            (?:{SP}(?!{breaker})                          # a space, unless "and [the] Council" follows
              |{title_enum})
            (?:{small}{SP}){{0,4}}                        # small words: "of the", "with regard to"
        """
        # where a lower-case run stops: a verb-like word, or a conjunction before a capitalised word
        # (a conjunction before a stop word stops too, so that no run ends on "and")
        stop = (rf"(?:(?:{hconj}{HSP})?{stops}|{hconj}{HSP}{hart}?{upper})" if lang.get("conjunction_stops", True)
                else rf"(?:(?:{hconj}{HSP})?{stops})")
        lower_enum = rf"""
            (?:,{HSP}(?!{hart}|{hconj}|{stops}){lw}(?:{HSP}{lw}){{0,2}}){{1,5}}  # ", inhuman" (not ", and the")
            ,?{HSP}{hconj}{HSP}(?!{hart})                 # closed by a conjunction, not "or the ..."
        """
        lower_join = rf"""
            (?:{HSP}(?!{stop})                            # a space, unless a stop follows
              |{HSPACE}*\n{HSPACE}*(?={lower})(?!{stop})  # a line break, when the next line goes on in lower case
              |{lower_enum})
        """
        lower_end = rf"""
            (?={HSPACE}*(?:[^\w\s]|\n|\Z)                 # punctuation, a line break, the end
              |\d                                         # a footnote digit glued to the word
              |{HSP}{stop}                                # a stop word
              |{HSP}\d{{1,2}}{HSP}{upper}                  # a date: "of 6 December"
              |{HSP}{YEARS}(?!\w))                        # a year
        """
        return cls(
            title_word=tw,
            lower_word=rf"(?={lower}){lw}",
            any_word=lw,
            join=join,
            lower_join=lower_join,
            lower_end=lower_end,
            # a title run may start with small words right after the head: "Committee on *the* Rights"
            small_lead=rf"(?:{small}{SP}){{0,3}}",
            # the words before a headless pattern's keyword: spaces or a conjunction ("Antigua and Barbuda")
            lead_join=rf"(?:{SP}(?:{conj}{SP})?)",
            articles=tuple(lang["articles"]),
            function_words=frozenset(
                w.casefold() for w in [*lang["small_words"], *lang["articles"], *lang["conjunctions"]]
            ),
            generic=frozenset(w.casefold() for w in lang.get("generic", [])),
        )

    def title_run(self) -> str:
        """Small words, then capitalised words joined by spaces, small words and enumerations; it ends on a
        capitalised word."""
        return rf"""(?:{self.small_lead}{self.title_word}(?:{self.join}{self.title_word}){{0,{TITLE_MAX - 1}}})"""

    def any_run(self) -> str:
        """A lower run whose first word may be capitalised."""
        return rf"""(?:{self.any_word}(?:{self.lower_join}{self.any_word}){{0,{LOWER_MAX - 1}}}{self.lower_end})"""

    def lower_run(self) -> str:
        """A run from a lower-case word to a stop, within :data:`LOWER_MAX` words."""
        return rf"""(?:{self.lower_word}(?:{self.lower_join}{self.any_word}){{0,{LOWER_MAX - 1}}}{self.lower_end})"""


# ---------------------------------------------------------------- values


@dataclass(frozen=True)
class Discovered:
    """A name found by a discovery pattern: ``quote == text[start:end]``."""

    start: int
    end: int
    quote: str
    name: str
    cls: str
    pattern: str

    def dump(self) -> dict[str, Any]:
        return {
            "start": self.start,
            "end": self.end,
            "quote": self.quote,
            "name": self.name,
            "class": self.cls,
            "pattern": self.pattern,
        }


FOOTNOTE = re.compile(r"(?<=[^\W\d_])\d{1,3}$")
TRAILING = re.compile(r"[\s.,;:]+$")


def canonical_name(quote: str, articles: Iterable[str] = ("the", "its")) -> str:
    """The name of a quote: whitespace collapsed, a leading article and trailing punctuation or a
    footnote digit glued to the last word removed; brackets around years stay.

    >>> canonical_name("the Council of Europe Disability Action Plan\\n2006-2015")
    'Council of Europe Disability Action Plan 2006-2015'
    >>> canonical_name("United Nations Global Counter-Terrorism Strategy7,")
    'United Nations Global Counter-Terrorism Strategy'
    """
    name = " ".join(quote.split())
    for art in sorted(articles, key=len, reverse=True):
        if art.endswith("'") and name.lower().startswith(art) and len(name) > len(art):
            name = name[len(art):]
            break
        if name.lower().startswith(art.lower() + " ") and len(name) > len(art) + 1:
            name = name[len(art) + 1:]
            break
    previous = None
    while previous != name:
        previous = name
        name = FOOTNOTE.sub("", TRAILING.sub("", name))
    return name


@dataclass(frozen=True)
class Pattern:
    """One discovery pattern, compiled: finds names of one class in one language."""

    id: str
    lang: str
    cls: str
    regex: re.Pattern[str]
    articles: tuple[str, ...] = ()
    function_words: frozenset[str] = frozenset()
    examples: tuple[tuple[str, str], ...] = ()
    counter_examples: tuple[str, ...] = ()
    #: strings of which a text must hold one for the regex to run (:func:`prefilter`)
    needs: tuple[str, ...] = ()
    #: words that alone make no name after the first word ("Protocol to the *Convention*")
    generic: frozenset[str] = frozenset()

    def finditer(self, text: str) -> Iterator[Discovered]:
        """The finds of this pattern alone; a name that ends on a function word ("Council of Europe
        Convention on the", cut by a line break) is no name and is dropped, and so is a name of generic
        words ("Agreement between the Parties")."""
        if self.needs and not any(w in text for w in self.needs):
            return
        for m in self.regex.finditer(text):
            quote = m.group()
            name = canonical_name(quote, self.articles)
            last = name.rsplit(" ", 1)[-1].casefold()
            if last in self.function_words or last.endswith(("'", "’")):
                continue
            if self.generic and self._is_generic(m.group("tail") if "tail" in m.re.groupindex else name):
                continue
            yield Discovered(m.start(), m.end(), quote, name, self.cls, self.id)

    def _is_generic(self, tail: str) -> bool:
        """Every word of ``tail`` (the name after its head; after its first word for a headless name) is a
        function word or a generic word."""
        words = [w.casefold() for w in WORD.findall(tail)]
        if "tail" not in self.regex.groupindex:
            words = words[1:]
        content = [w for w in words if w not in self.function_words]
        return all(w in self.generic for w in content)


WORD = re.compile(rf"{LETTER}+(?:[-'’]{LETTER}+)*")


def build_regex(entry: Mapping[str, Any], grammar: Grammar) -> re.Pattern[str]:
    """The regex of one pattern entry: head, then keyword and/or tail, then years.

    A pattern without a head names what comes before its keyword: one to :data:`PRE_MAX` capitalised
    words ("Sevilla Commitment", "Antigua and Barbuda Agenda for Small Island Developing States").
    """
    exclude = rf"(?!(?i:{_words(entry['exclude'], SP)}))" if entry.get("exclude") else ""
    tail = entry["tail"]
    title, lower = grammar.title_run(), grammar.lower_run()
    head = entry.get("head")
    if head is None:
        if not entry.get("keywords") or tail != "title":
            raise ValueError(f"discovery: {entry['id']}: a pattern without a head takes keywords and a title tail")
        return re.compile(
            rf"""
            (?<![\w-])                                                # a name starts a word
            {exclude}                                                 # not with an excluded word ("The", "Draft")
            {grammar.title_word}(?:{grammar.lead_join}{grammar.title_word}){{0,{PRE_MAX - 1}}}  # "Antigua and Barbuda"
            {SP}{_words(entry['keywords'])}                           # the keyword: Commitment, Programme of Action
            (?:{grammar.join}{grammar.title_word}){{0,{TITLE_MAX}}}   # what follows: "for the Least Developed ..."
            {rf"{YEARS_AFTER}?" if entry.get("years") else ""}        # a year or a range, when the pattern allows one
            """,
            re.VERBOSE,
        )
    if entry.get("keywords"):
        if tail != "title":
            raise ValueError(f"discovery: {entry['id']}: a pattern with keywords takes a title tail")
        body = rf"""
            (?:{grammar.title_word}{grammar.join}){{0,{PRE_MAX}}}?  # capitalised words before the keyword
            {_words(entry['keywords'])}                            # the keyword: Programme, Strategy ...
            (?:{grammar.join}{grammar.title_word}){{0,{TITLE_MAX}}}  # what follows it: "Regional Bureau for Europe"
        """
    elif tail == "title":
        body = title
    elif tail == "lower":
        body = lower
    elif tail == "any":
        body = grammar.any_run()
    else:
        body = rf"{title}|{lower}"
    years = rf"{YEARS_AFTER}?" if entry.get("years") else ""
    return re.compile(
        rf"""
        (?<![\w-])                 # the head starts a word (not "Sub-Committee on")
        (?:{_head(head)})          # the head as printed: "Council of Europe Convention on"
        (?:(?<=['’])|{SP}){exclude} # then the name goes on (glued to an elided "d'"), not with an excluded word
        (?P<tail>{body})           # keyword and/or the tail
        {years}                    # a year or a range, when the pattern allows one
        """,
        re.VERBOSE,
    )


#: a literal word of at least three letters
LITERAL = re.compile(r"[^\W\d_]{3,}")


def _split_top(regex: str) -> tuple[list[str], list[tuple[str, str]]]:
    """The plain stretches of ``regex`` outside groups, and each group's (content, quantifier)."""
    plain: list[str] = []
    groups: list[tuple[str, str]] = []
    i, start, depth, buf = 0, 0, 0, []
    while i < len(regex):
        c = regex[i]
        if c == "\\":
            if depth == 0:
                buf.append(" ")
            i += 2
            continue
        if c == "[":
            j = regex.index("]", i + 1)
            if depth == 0:
                buf.append(" ")
            i = j + 1
            continue
        if c == "(":
            if depth == 0:
                start = i
            depth += 1
        elif c == ")":
            depth -= 1
            if depth == 0:
                quant = regex[i + 1] if i + 1 < len(regex) and regex[i + 1] in "?*+{" else ""
                inner = regex[start + 1:i]
                groups.append((inner[2:] if inner.startswith("?:") else inner, quant))
                buf.append(" ")
        elif depth == 0:
            buf.append(" " if c in "?*+|{}.^$" else c)
        i += 1
    plain.append("".join(buf))
    return plain, groups


def _alternatives(regex: str) -> list[str]:
    """The top-level alternatives of ``regex``."""
    out, depth, cur, i = [], 0, [], 0
    while i < len(regex):
        c = regex[i]
        if c == "\\":
            cur.append(regex[i:i + 2])
            i += 2
            continue
        depth += c == "("
        depth -= c == ")"
        if c == "|" and depth == 0:
            out.append("".join(cur))
            cur = []
        else:
            cur.append(c)
        i += 1
    out.append("".join(cur))
    return out


def _needed(regex: str) -> tuple[str, ...]:
    """Strings of which a match of ``regex`` holds one: its longest literal word, else, for a required
    group of alternatives, one word of each alternative; () when there is none."""
    alts = _alternatives(regex)
    if len(alts) > 1:
        each = [_needed(a) for a in alts]
        return tuple(dict.fromkeys(w for e in each for w in e)) if all(each) else ()
    plain, groups = _split_top(regex)
    words = [w for stretch in plain for w in LITERAL.findall(stretch)]
    if words:
        return (max(words, key=len),)
    for inner, quant in groups:
        if quant in ("", "+", "{"):
            found = _needed(inner)
            if found:
                return found
    return ()


def prefilter(entry: Mapping[str, Any]) -> tuple[str, ...]:
    """Strings of which a text must hold one for the pattern to find anything there: the longest literal
    word of its head (optional parts left out; one word of each alternative where the head has
    alternatives), else one word of each keyword. A pattern whose head has no literal word gets none
    (it always runs).

    >>> prefilter({"head": "(?:Additional|Optional) Protocol to the"})
    ('Protocol',)
    >>> prefilter({"head": "(?:Групп(?:а|ы) правительственных экспертов|Рабоч(?:ая|ей) групп(?:а|ы)) по"})
    ('правительственных', 'Рабоч')
    >>> prefilter({"keywords": ["Commitment", "Programme of Action"]})
    ('Commitment', 'Programme')
    """
    if entry.get("head") is None:
        firsts = [LITERAL.findall(k) for k in entry.get("keywords", [])]
        return tuple(dict.fromkeys(w[0] for w in firsts)) if all(firsts) else ()
    return _needed(entry["head"])


# ---------------------------------------------------------------- the catalogue


@dataclass(frozen=True, eq=False)
class Catalogue:
    """The patterns of every language, in the order of the data (which breaks ties)."""

    patterns: tuple[Pattern, ...]

    def for_lang(self, lang: str) -> tuple[Pattern, ...]:
        return tuple(p for p in self.patterns if p.lang == lang)

    def get(self, pattern_id: str) -> Pattern:
        for p in self.patterns:
            if p.id == pattern_id:
                return p
        raise KeyError(pattern_id)

    def discover(self, text: str, lang: str = "en") -> list[Discovered]:
        found = [(d, rank) for rank, p in enumerate(self.for_lang(lang)) for d in p.finditer(text)]
        return _longest_first(found)


def _longest_first(found: Sequence[tuple[Discovered, int]]) -> list[Discovered]:
    """Non-overlapping finds in text order: longest first, then the earlier, then the earlier pattern."""
    starts: list[int] = []
    ends: list[int] = []
    kept: list[Discovered] = []
    for d, _ in sorted(found, key=lambda f: (f[0].start - f[0].end, f[0].start, f[1])):
        i = bisect_right(starts, d.start)
        if (i and ends[i - 1] > d.start) or (i < len(starts) and starts[i] < d.end):
            continue
        starts.insert(i, d.start)
        ends.insert(i, d.end)
        kept.append(d)
    return sorted(kept, key=lambda d: d.start)


def load_catalogue(data: Mapping[str, Any]) -> Catalogue:
    """Compile the patterns of a discovery file (the shape of ``kg/data/discovery.json``)."""
    grammars = {lang: Grammar.from_data(block) for lang, block in data["languages"].items()}
    patterns: list[Pattern] = []
    seen: set[str] = set()
    for entry in data["patterns"]:
        pid = entry["id"]
        if pid in seen:
            raise ValueError(f"discovery: duplicate pattern id {pid!r}")
        seen.add(pid)
        if entry["lang"] not in grammars:
            raise ValueError(f"discovery: {pid}: no language block {entry['lang']!r}")
        if entry["class"] not in CLASSES:
            raise ValueError(f"discovery: {pid}: unknown class {entry['class']!r}")
        if entry["tail"] not in TAILS:
            raise ValueError(f"discovery: {pid}: unknown tail {entry['tail']!r}")
        grammar = grammars[entry["lang"]]
        if any(entry.get(k) is not None for k in ("small_words", "breakers", "conjunction_stops")):
            block = dict(data["languages"][entry["lang"]])
            block["small_words"] = [*block["small_words"], *entry.get("small_words", [])]
            block["breakers"] = entry.get("breakers", block["breakers"])
            block["conjunction_stops"] = entry.get("conjunction_stops", True)
            grammar = Grammar.from_data(block)
        patterns.append(
            Pattern(
                id=pid,
                lang=entry["lang"],
                cls=entry["class"],
                regex=build_regex(entry, grammar),
                articles=grammar.articles,
                function_words=grammar.function_words,
                examples=tuple((e["text"], e["name"]) for e in entry.get("examples", [])),
                counter_examples=tuple(entry.get("counter_examples", [])),
                needs=prefilter(entry),
                generic=grammar.generic,
            )
        )
    return Catalogue(tuple(patterns))


@cache
def default_catalogue() -> Catalogue:
    """The patterns shipped in ``kg/data/discovery.json``, compiled once on first use."""
    text = resources.files("kg").joinpath("data/discovery.json").read_text(encoding="utf-8")
    return load_catalogue(json.loads(text))


def discover(text: str, lang: str = "en", catalogue: Catalogue | None = None) -> list[Discovered]:
    """Names in ``text`` that fit a discovery pattern of ``lang``: non-overlapping, in text order, the
    longest where finds overlap. A language without patterns discovers nothing.

    >>> [d.name for d in discover("Комитета по правам ребенка и Совета Европы", "ru")]
    ['Комитета по правам ребенка']
    """
    return (catalogue or default_catalogue()).discover(text, lang)
