"""How each class and relation looks: one table shared by the page, the figure and the exports.

Bodies and whole texts take the Okabe-Ito palette (distinguishable with the common colour-vision
deficiencies), provisions lighter tones; every class has a shape too, so a figure printed in grey still
tells the bodies apart.

>>> style_of("Organ").colour, style_of("Organ").vis_shape
('#56B4E9', 'dot')
>>> style_of("NoSuchClass") == style_of("Provision")
True
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class NodeStyle:
    """The look of one class: a colour, a vis-network shape, a matplotlib marker and a legend glyph."""

    kind: str
    colour: str
    vis_shape: str
    marker: str
    glyph: str


@dataclass(frozen=True)
class EdgeStyle:
    """The look of one relation: a colour, dashed or not, arrows or not, and the words of the legend."""

    relation: str
    colour: str
    dashes: bool
    arrows: bool
    words: str


#: classes in order of precedence: a node typed with several of them is drawn as the first one
NODE_STYLES: tuple[NodeStyle, ...] = (
    NodeStyle("Organization", "#0072B2", "square", "s", "\u25a0"),
    NodeStyle("Organ", "#56B4E9", "dot", "o", "\u25cf"),
    NodeStyle("UNEntity", "#009E73", "triangle", "^", "\u25b2"),
    NodeStyle("Treaty", "#D55E00", "diamond", "D", "\u25c6"),
    NodeStyle("Resolution", "#CC79A7", "star", "*", "\u2605"),
    NodeStyle("Document", "#E69F00", "triangleDown", "v", "\u25bc"),
    NodeStyle("State", "#7F7F7F", "hexagon", "h", "\u2b22"),
    NodeStyle("Part", "#3B3B3B", "box", "P", "\u25ac"),
    NodeStyle("Chapter", "#F0E442", "box", "p", "\u25ac"),
    NodeStyle("Section", "#BDB76B", "box", "8", "\u25ac"),
    NodeStyle("Article", "#A6CEE3", "ellipse", "o", "\u25cf"),
    NodeStyle("Paragraph", "#B2DF8A", "dot", "o", "\u2022"),
    NodeStyle("Item", "#FDBF6F", "dot", "o", "\u2022"),
    NodeStyle("Footnote", "#CAB2D6", "triangleDown", "v", "\u25bc"),
    NodeStyle("PreambularParagraph", "#FB9A99", "dot", "o", "\u25cf"),
    NodeStyle("OperativeParagraph", "#FFD92F", "dot", "o", "\u25cf"),
    NodeStyle("Preamble", "#E0E0E0", "box", "p", "\u25ac"),
    NodeStyle("Conclusions", "#E0E0E0", "box", "p", "\u25ac"),
    NodeStyle("Heading", "#E0E0E0", "box", "p", "\u25ac"),
    NodeStyle("Annex", "#E0E0E0", "box", "p", "\u25ac"),
    NodeStyle("Provision", "#BBBBBB", "dot", ".", "\u2022"),
)

#: the classes the projection knows, in precedence order
KINDS: tuple[str, ...] = tuple(s.kind for s in NODE_STYLES)
#: the classes of the body network (entities and whole texts, not their provisions)
BODY_KINDS: frozenset[str] = frozenset({"Organization", "Organ", "UNEntity", "Treaty", "Resolution", "Document",
                                        "State"})

_BY_KIND = {s.kind: s for s in NODE_STYLES}

EDGE_STYLES: tuple[EdgeStyle, ...] = (
    EdgeStyle("organOf", "#0072B2", False, True, "is an organ of"),
    EdgeStyle("establishedBy", "#D55E00", False, True, "is established by"),
    EdgeStyle("mentions", "#999999", False, True, "mentions"),
    EdgeStyle("coMentioned", "#CC79A7", True, False, "named in the same provisions as"),
    EdgeStyle("cites", "#E69F00", False, True, "cites"),
    EdgeStyle("partOf", "#DDDDDD", True, True, "is part of"),
)

_EDGE_BY_RELATION = {s.relation: s for s in EDGE_STYLES}


def style_of(kind: str) -> NodeStyle:
    """The style of a class; an unknown class is drawn as a plain provision."""
    return _BY_KIND.get(kind, _BY_KIND["Provision"])


def edge_style_of(relation: str) -> EdgeStyle:
    """The style of a relation; an unknown one is drawn like ``mentions``."""
    return _EDGE_BY_RELATION.get(relation, _EDGE_BY_RELATION["mentions"])
