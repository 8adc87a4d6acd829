"""The responsibility matrix on the projector: actions (rows) × organisations (columns), as rectangles.

`layout_grid(grid, area, sizes, page=...)` is pure, like `layout_wall`: it returns every cell, line
and key entry with the box it must fit, and the view paints them (no widget per cell).

Why it looks as it does, at a floor of 1/25 of the screen height:
- organisations' full names can never all fit as column headings, so the columns are numbered
  and a key under the grid names the organisations of the columns on the page ("3 Riverside
  Homes"), as running text (the fewest lines); the two marks are explained beside the title
  ("L Lead  S Support"), or at the head of the key if the title leaves no room;
- a cell says "L" or "S" in letters, and its fill repeats it (dark for lead, a light tint for
  support, none when the organisation holds no role), so it reads in greyscale and colour is
  never the only signal;
- an action's text wraps over up to three lines, shortened with "…" at a word if longer;
- text is as large as lets everything fit on one page, down to the floor; at the floor, rows
  page ("Actions 6–10 of 30") and, when the columns do not fit beside a readable action column,
  the organisations split into groups ("Organisations 1–6 of 12"). Pages go through the rows,
  and each group of rows through the column groups in turn, so the same actions stay up while
  the room sees who else holds a role.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Sequence

from PySide6.QtCore import QRectF

from ui.presenter.layout import ELLIPSIS, Sizes, clean_text, elide_lines, line_spacing, text_width, wrap

LEAD, SUPPORT = "L", "S"
MARK_WORDS = {LEAD: "Lead", SUPPORT: "Support"}
MAX_ACTION_LINES = 3
ACTION_MIN_SHARE = 0.36  # the action column keeps at least this share of the width


@dataclass(frozen=True)
class MatrixGrid:
    """What the matrix shows, as plain data: organisations' names in column order, and each
    action's text with one mark per organisation ("L", "S" or "")."""

    organisations: tuple[str, ...]
    rows: tuple[tuple[str, tuple[str, ...]], ...]


@dataclass(frozen=True)
class GridRow:
    index: int  # which action
    rect: QRectF  # the whole row, across every column shown
    text_rect: QRectF
    lines: tuple[str, ...]
    marks: tuple[tuple[int, QRectF, str], ...]  # (organisation index, cell, "L"/"S"/"") for the columns shown


@dataclass(frozen=True)
class KeyEntry:
    label: str  # the column's number, or "L" / "S"
    label_rect: QRectF  # the box the label sits in (filled for the marks)
    runs: tuple[tuple[QRectF, str], ...]  # the name, one run of words per line it reaches
    style: str  # "organisation", "lead", "support"

    @property
    def name(self) -> str:
        return " ".join(text for _rect, text in self.runs)


@dataclass(frozen=True)
class GridLayout:
    px: int  # every text of the grid is drawn at this size (numbers and marks in bold)
    floor_px: int
    pad_h: int
    pad_v: int
    line_px: int  # the width of the lines between rows and columns
    page: int
    page_count: int
    row_page: int
    row_pages: int
    group: int
    groups: int
    table: QRectF  # the header and the rows
    header: QRectF
    action_header: QRectF
    columns: tuple[tuple[int, QRectF], ...]  # (organisation index, header cell) for the columns shown
    rows: tuple[GridRow, ...] = field(default=())
    key: tuple[KeyEntry, ...] = field(default=())
    total_rows: int = 0
    total_columns: int = 0

    @property
    def first_row(self) -> int:
        return self.rows[0].index if self.rows else -1

    @property
    def last_row(self) -> int:
        return self.rows[-1].index if self.rows else -1

    @property
    def first_column(self) -> int:
        return self.columns[0][0] if self.columns else -1

    @property
    def last_column(self) -> int:
        return self.columns[-1][0] if self.columns else -1

    def indicators(self) -> tuple[str, str]:
        """What the footer says when there is more than one page: rows (left) and columns (right)."""
        rows = columns = ""
        if self.row_pages > 1 and self.rows:
            rows = f"Actions {_span(self.first_row, self.last_row)} of {self.total_rows}"
        if self.groups > 1 and self.columns:
            columns = f"Organisations {_span(self.first_column, self.last_column)} of {self.total_columns}"
        return rows, columns


def _span(first: int, last: int) -> str:
    return f"{first + 1}–{last + 1}" if last != first else f"{first + 1}"


# Measuring -----------------------------------------------------------------------------------------

@dataclass(frozen=True)
class _Metrics:
    px: int
    ls: float
    pad_h: int
    pad_v: int
    cell_w: float
    cell_h: float


def _metrics(px: int, column_count: int) -> _Metrics:
    ls = line_spacing(px, True)
    pad_h = max(4, round(px * 0.32))
    pad_v = max(3, round(px * 0.16))
    labels = [str(n) for n in range(1, column_count + 1)] + [LEAD, SUPPORT]
    widest = max(text_width(label, px, True) for label in labels)
    cell_h = ls + 2 * pad_v
    cell_w = math.ceil(max(widest + 2 * pad_h, cell_h))
    return _Metrics(px, ls, pad_h, pad_v, cell_w, cell_h)


def _action_lines(text: str, px: int, width: int, max_lines: int = MAX_ACTION_LINES) -> tuple[str, ...]:
    text = clean_text(text).replace("\n", " ")
    lines = wrap(text, px, False, width)
    return elide_lines(lines, max_lines, px, False, width) or ("",)


KEY_SHARE = 0.4  # the key takes at most this share of the grid's height...
NAME_LIMITS = (None, 60, 40, 25, 12, 0)  # ...names being shortened (in characters, at a word) if need be


def _shorten(name: str, limit: int | None) -> str:
    if limit is None or len(name) <= limit:
        return name
    if limit == 0:
        return ""
    cut = name[:limit]
    space = cut.rfind(" ")
    return (cut[:space] if space > limit // 3 else cut).rstrip(" ,;:–-") + ELLIPSIS


def _key_entries(grid: MatrixGrid, columns: Sequence[int], legend: bool,
                 limit: int | None = None) -> list[tuple[str, str, str]]:
    entries = [(LEAD, MARK_WORDS[LEAD], "lead"), (SUPPORT, MARK_WORDS[SUPPORT], "support")] if legend else []
    entries += [(str(i + 1), _shorten(clean_text(grid.organisations[i]).replace("\n", " ") or "(no name)", limit),
                 "organisation") for i in columns]
    return entries


def _box_width(label: str, m: _Metrics) -> float:
    return math.ceil(text_width(label, m.px, True)) + 2 * max(3, round(m.px * 0.25))


def _key_spacing(m: _Metrics) -> tuple[float, float]:
    return max(4.0, m.px * 0.25), max(10.0, m.px * 1.1)  # label to name; entry to entry


def _legend_width(m: _Metrics) -> float:
    """"[L] Lead  [S] Support" on one line."""
    sep, spacing = _key_spacing(m)
    return (_box_width(LEAD, m) + _box_width(SUPPORT, m) + 2 * sep + spacing + 4
            + text_width(MARK_WORDS[LEAD], m.px) + text_width(MARK_WORDS[SUPPORT], m.px))


def _legend_fits(m: _Metrics, slot: QRectF | None) -> bool:
    return slot is not None and slot.width() >= _legend_width(m) and slot.height() >= m.ls


def _place_legend(m: _Metrics, slot: QRectF) -> list[KeyEntry]:
    """The two marks explained, right-aligned in `slot` (beside the title): "[L] Lead  [S] Support"."""
    sep, spacing = _key_spacing(m)
    x = slot.right() - _legend_width(m) + 2
    top = slot.top() + (slot.height() - m.ls) / 2
    placed = []
    for label, style in ((LEAD, "lead"), (SUPPORT, "support")):
        word = MARK_WORDS[label]
        box_w = _box_width(label, m)
        word_w = math.ceil(text_width(word, m.px)) + 1
        placed.append(KeyEntry(label, QRectF(x, top, box_w, m.ls),
                               ((QRectF(x + box_w + sep, top, word_w, m.ls), word),), style))
        x += box_w + sep + word_w + spacing
    return placed


def _flow_key(entries: Sequence[tuple[str, str, str]], width: float, m: _Metrics,
              left: float = 0.0, top: float = 0.0) -> tuple[float, list[KeyEntry]]:
    """The key as running text, in few lines: each entry a boxed number (like the column's heading)
    and the organisation's name. An entry that fits on a line is never broken across two (it
    starts a new line instead); a longer one runs on, breaking between words (mid-word only for
    a word longer than a line). A number always starts on the line of its name."""
    if not entries:
        return 0.0, []
    px, ls = m.px, m.ls
    sep, spacing = _key_spacing(m)
    line_h = ls + max(2, m.pad_v)
    width = max(1.0, width)
    placed: list[KeyEntry] = []
    x = y = 0.0
    for label, name, style in entries:
        box_w = _box_width(label, m)
        words = name.split() or [""]
        first = min(text_width(words[0], px), width - box_w - sep)
        whole = box_w + sep + text_width(" ".join(words), px) + 1
        if x > 0 and (x + spacing + box_w + sep + first > width
                      or (x + spacing + whole > width and whole <= width)):
            x, y = 0.0, y + line_h
        elif x > 0:
            x += spacing
        box = QRectF(left + x, top + y, box_w, ls)
        x += box_w + sep
        runs: list[tuple[QRectF, str]] = []
        run: list[str] = []
        run_x = x

        def flush() -> None:
            text = " ".join(run)
            if text:
                runs.append((QRectF(left + run_x, top + y, math.ceil(text_width(text, px)) + 1, ls), text))

        for word in words:
            candidate = " ".join(run + [word])
            if run_x + text_width(candidate, px) + 1 <= width:
                run.append(word)
                x = run_x + text_width(candidate, px)
                continue
            flush()
            if run or run_x > 0:
                y += line_h
            run, run_x = [], 0.0
            pieces = list(wrap(word, px, False, int(width) - 1)) if text_width(word, px) + 1 > width else [word]
            for piece in pieces[:-1]:
                runs.append((QRectF(left, top + y, math.ceil(text_width(piece, px)) + 1, ls), piece))
                y += line_h
            run = [pieces[-1]]
            x = text_width(pieces[-1], px)
        flush()
        placed.append(KeyEntry(label, box, tuple(runs), style))
    return y + ls, placed


@dataclass(frozen=True)
class _Plan:
    m: _Metrics
    groups: tuple[tuple[int, ...], ...]  # organisation indexes per column group
    action_w: float
    lines: tuple[tuple[str, ...], ...]  # each row's lines
    heights: tuple[float, ...]
    key_h: float
    key_gap: float
    legend_in_slot: bool
    name_limit: int | None
    row_pages: tuple[tuple[int, int], ...]  # (start, end) of rows per page

    @property
    def page_count(self) -> int:
        return len(self.row_pages) * len(self.groups)


def _split(count: int, group_count: int) -> tuple[tuple[int, ...], ...]:
    """`count` columns in `group_count` groups as even as they can be, the larger ones first."""
    if count == 0:
        return ((),)
    size, extra = divmod(count, group_count)
    groups, start = [], 0
    for number in range(group_count):
        end = start + size + (1 if number < extra else 0)
        groups.append(tuple(range(start, end)))
        start = end
    return tuple(g for g in groups if g) or ((),)


def _plan(grid: MatrixGrid, area: QRectF, px: int, group_count: int, slot: QRectF | None = None, *,
          min_share: float = ACTION_MIN_SHARE,
          one_page: bool = False) -> _Plan | None:
    """Everything measured at one size with the columns in `group_count` groups; None if the
    action column would be too narrow, or a row cannot fit, or (`one_page`) it needs pages."""
    count = len(grid.organisations)
    m = _metrics(px, count)
    groups = _split(count, group_count)
    widest = max(len(g) for g in groups)
    width = area.width()
    action_w = width - widest * m.cell_w
    if action_w < (max(width * min_share, px * 4) if min_share else m.cell_w):
        return None
    inner = max(1, int(action_w - 2 * m.pad_h))
    legend_in_slot = _legend_fits(m, slot)
    for name_limit in NAME_LIMITS:  # full names unless the key would crowd out the rows
        key_h = max(_flow_key(_key_entries(grid, g, not legend_in_slot, name_limit), width, m)[0] for g in groups)
        if key_h <= area.height() * KEY_SHARE:
            break
    key_gap = max(6.0, m.ls * 0.45)
    room = area.height() - m.cell_h - key_gap - key_h  # below the header, above the key
    lines, heights = [], []
    for text, _marks in grid.rows:
        row_lines = _action_lines(text, px, inner)
        height = len(row_lines) * m.ls + 2 * m.pad_v
        if height > room:  # a row taller than a page: fewer lines (this happens only on tiny screens)
            fit = int((room - 2 * m.pad_v) // m.ls)
            if fit < 1:
                return None
            row_lines = _action_lines(text, px, inner, fit)
            height = len(row_lines) * m.ls + 2 * m.pad_v
        lines.append(row_lines)
        heights.append(height)
        if one_page and sum(heights) > room:
            return None
    pages, start = [], 0
    while start < len(heights):
        end, used = start, 0.0
        while end < len(heights) and used + heights[end] <= room + 0.01:
            used += heights[end]
            end += 1
        end = max(end, start + 1)
        pages.append((start, end))
        start = end
    if not pages:
        pages = [(0, 0)]
    if one_page and (len(pages) > 1 or len(groups) > 1):
        return None
    return _Plan(m, groups, action_w, tuple(lines), tuple(heights), key_h, key_gap, legend_in_slot, name_limit,
                 tuple(pages))


def _cost(plan: _Plan) -> float:
    """Pages in all, each column group counting a little extra (the room sees more of an action's
    partners at once with fewer groups), and names cut short in the key counting a lot."""
    return plan.page_count * (1 + 0.1 * (len(plan.groups) - 1)) * (1 if plan.name_limit is None else 4)


def choose_plan(grid: MatrixGrid, area: QRectF, sizes: Sizes, max_px: int | None = None,
                slot: QRectF | None = None) -> _Plan | None:
    """The largest size (down to the floor) at which the whole matrix fits one page; at the floor,
    the column grouping that needs the fewest pages in all (fewer groups when it is a tie).
    Remembered for the same inputs, so turning a page does not measure everything again."""
    slot_key = None if slot is None else (slot.x(), slot.y(), slot.width(), slot.height())
    return _choose_plan(grid, (area.x(), area.y(), area.width(), area.height()), sizes, max_px, slot_key)


@lru_cache(maxsize=16)
def _choose_plan(grid: MatrixGrid, area_key: tuple, sizes: Sizes, max_px: int | None,
                 slot_key: tuple | None) -> _Plan | None:
    area = QRectF(*area_key)
    slot = None if slot_key is None else QRectF(*slot_key)
    floor = sizes.floor_px
    largest = max(floor, min(sizes.body_max_px, max_px or sizes.body_max_px))
    px = largest
    while px > floor:
        plan = _plan(grid, area, px, 1, slot, one_page=True)
        if plan is not None:
            return plan
        px = max(floor, min(px - 1, int(px * 0.94)))
    count = len(grid.organisations)
    best = None
    for group_count in range(1, max(1, count) + 1):
        plan = _plan(grid, area, floor, group_count, slot)
        if plan is not None and (best is None or _cost(plan) < _cost(best)):
            best = plan
        if plan is not None and len(plan.row_pages) == 1:
            break  # more groups can only add pages
    if best is None:  # a small window: one column a page, however narrow the action column gets
        best = _plan(grid, area, floor, max(1, count), slot, min_share=0.0)
    return best


def layout_grid(grid: MatrixGrid, area: QRectF, sizes: Sizes, *, page: int | None = None,
                max_px: int | None = None, legend_slot: QRectF | None = None) -> GridLayout | None:
    """The matrix laid out in `area` for page `page` (None: the first). The legend ("L Lead, S
    Support") goes in `legend_slot` (room beside the title) if it fits there, else at the head of
    the key. None if nothing fits at all."""
    plan = choose_plan(grid, area, sizes, max_px, legend_slot)
    if plan is None or area.width() < 1 or area.height() < 1:
        return None
    m = plan.m
    page = max(0, min(page or 0, plan.page_count - 1))
    row_page, group = divmod(page, len(plan.groups))
    columns = plan.groups[group]
    start, end = plan.row_pages[row_page]
    line_px = max(1, sizes.border_px // 2 + 1)

    left, top = area.left(), area.top()
    table_w = plan.action_w + len(columns) * m.cell_w
    header = QRectF(left, top, table_w, m.cell_h)
    action_header = QRectF(left + m.pad_h, top + m.pad_v, max(1.0, plan.action_w - 2 * m.pad_h), m.ls)
    column_cells = []
    x = left + plan.action_w
    for index in columns:
        column_cells.append((index, QRectF(x, top, m.cell_w, m.cell_h)))
        x += m.cell_w

    rows = []
    y = top + m.cell_h
    for index in range(start, end):
        height = plan.heights[index]
        lines = plan.lines[index]
        rect = QRectF(left, y, table_w, height)
        text_h = len(lines) * m.ls
        text_rect = QRectF(left + m.pad_h, y + (height - text_h) / 2, max(1.0, plan.action_w - 2 * m.pad_h), text_h)
        marks_row = grid.rows[index][1]
        marks = []
        for column, (org, cell) in enumerate(column_cells):
            mark = marks_row[org] if org < len(marks_row) else ""
            marks.append((org, QRectF(cell.left(), y, m.cell_w, height), mark if mark in (LEAD, SUPPORT) else ""))
        rows.append(GridRow(index, rect, text_rect, lines, tuple(marks)))
        y += height
    table = QRectF(left, top, table_w, y - top)

    key_top = table.bottom() + plan.key_gap  # the key straight under the table
    entries = _key_entries(grid, columns, not plan.legend_in_slot, plan.name_limit)
    _h, key = _flow_key(entries, area.width(), m, left, key_top)
    if plan.legend_in_slot:
        key = _place_legend(m, legend_slot) + key
    return GridLayout(m.px, sizes.floor_px, m.pad_h, m.pad_v, line_px, page, plan.page_count, row_page,
                      len(plan.row_pages), group, len(plan.groups), table, header, action_header,
                      tuple(column_cells), tuple(rows), tuple(key), len(grid.rows), len(grid.organisations))
