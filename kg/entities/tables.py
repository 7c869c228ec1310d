"""Seat tables read as data: each state with its number of seats, from a column layout.

A table like the Statute's Article 26 prints two columns of "name number" cells; a long name runs
over several rows, before its number (the Russian version: "Соединенное Королевство / Великобритании
и / Северной Ирландии - 18") or after it (the English one: "United Kingdom of Great 18 / Britain and
Northern / Ireland"). Cells are cut at runs of three or more spaces and kept by column.

>>> rows = ["Austria     6     Malta      3", "Italy      18     United Kingdom of Great   18",
...         "Spain      12     Britain and Northern", "                  Ireland"]
>>> [(c.name, c.number) for c in read_table(rows)][-2:]
[('Malta', 3), ('United Kingdom of Great Britain and Northern Ireland', 18)]
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field

#: a cell: a name, an optional dash, and an optional number at its end
CELL = re.compile(r"^(?P<name>.*?\S)?\s*(?:[-–—]\s*)?(?P<number>\d{1,3})?\s*$")
GAP = re.compile(r"\s{3,}")


@dataclass
class Cell:
    name: str
    number: int | None
    #: (row index, start column, end column) of each fragment of the name
    fragments: list[tuple[int, int, int]] = field(default_factory=list)


def _cells(row: str) -> list[tuple[int, int, str]]:
    """(start, end, text) of the non-blank runs of a row, cut at gaps of three or more spaces."""
    out = []
    pos = 0
    for m in GAP.finditer(row):
        if m.start() > pos:
            out.append((pos, m.start(), row[pos : m.start()]))
        pos = m.end()
    if pos < len(row.rstrip()):
        out.append((pos, len(row.rstrip()), row[pos : len(row.rstrip())]))
    # "Germany (Federal Republic) 18": a name and its number may be one run
    merged: list[tuple[int, int, str]] = []
    for s, e, t in out:
        if merged and re.fullmatch(r"[-–—]?\s*\d{1,3}", t.strip()) and not re.search(r"\d\s*$", merged[-1][2]):
            ps, _, pt = merged[-1]
            merged[-1] = (ps, e, row[ps:e])
        else:
            merged.append((s, e, t))
    return [c for c in merged if c[2].strip()]


def read_table(rows: Sequence[str]) -> list[Cell]:
    """The cells of a multi-column "name number" table, column by column, names joined over rows."""
    layout = [_cells(r) for r in rows]
    # columns by start position: the starts of full rows define them
    starts = sorted({c[0] for cells in layout for c in cells if len(cells) >= 2})
    columns: list[int] = []
    for s in starts:
        if not columns or s - columns[-1] > 8:
            columns.append(s)

    def column_of(start: int) -> int:
        best = 0
        for k, c in enumerate(columns):
            if start >= c - 8:
                best = k
        return best

    per_column: list[list[tuple[int, int, int, str, int | None]]] = [[] for _ in columns or [0]]
    for r, cells in enumerate(layout):
        for s, e, text in cells:
            m = CELL.match(text)
            name = (m.group("name") or "").strip() if m else text.strip()
            number = int(m.group("number")) if m and m.group("number") else None
            name_end = s + len(text.rstrip()) if number is None else s + len(m.group("name") or "") if m else e
            per_column[column_of(s)].append((r, s, name_end, name, number))
    out: list[Cell] = []
    for column in per_column:
        pending: Cell | None = None
        done: list[Cell] = []
        for k, (r, s, e, name, number) in enumerate(column):
            if number is not None:
                if pending is not None:
                    pending.name = f"{pending.name} {name}".strip()
                    pending.number = number
                    pending.fragments.append((r, s, e))
                    done.append(pending)
                    pending = None
                else:
                    done.append(Cell(name, number, [(r, s, e)]))
                continue
            later_number = any(c[4] is not None for c in column[k + 1 :])
            if pending is not None:
                pending.name = f"{pending.name} {name}"
                pending.fragments.append((r, s, e))
            elif later_number or not done:
                pending = Cell(name, None, [(r, s, e)])
            else:
                done[-1].name = f"{done[-1].name} {name}"
                done[-1].fragments.append((r, s, e))
        out.extend(done)
    return [c for c in out if c.name and c.number is not None]
