"""Fitting text and cards to the projector: pure functions from sizes, fonts and texts to rectangles.

Nothing here touches a widget. Given the screen's height (which sets every size), the area for
the cards and the cards' texts, `layout_wall` returns the font size, each visible card's rectangle
and wrapped lines, and which cards are on the page shown. Tests call it at any screen size.

The rules, from the issue:
- sizes derive from the screen's height, never fixed pixels;
- as cards accumulate, text shrinks down to a floor (body text at least 1/25 of the screen
  height) and then older cards move to earlier pages instead of shrinking further;
- long words wrap anywhere, so a line never runs past its card; a card too tall for a whole page
  continues on the next one ("part 2 of 3") rather than being clipped.
"""

from __future__ import annotations

import math
import re
import unicodedata
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Sequence

from PySide6.QtCore import QPointF, QRectF
from PySide6.QtGui import QFontMetricsF, QTextLayout, QTextOption

from ui.presenter.fonts import display_font

FLOOR_FRACTION = 1 / 25  # body text never smaller than this share of the screen height
MAX_TEXT_CHARS = 2400  # a pasted essay still lays out quickly; the file keeps every character
ELLIPSIS = "…"

_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")  # shown as a space
_OVERRIDES = re.compile(r"[\u202a-\u202e\u2066-\u2069]")  # bidi embeddings and overrides: dropped
_BLANK_LINES = re.compile(r"\n\s*\n+")


# Sizes ---------------------------------------------------------------------------------------------

@dataclass(frozen=True)
class Sizes:
    """Every length on the projector, from the screen's height and the facilitator's text scale.

    The scale (Ctrl + / Ctrl −) changes the preferred sizes; it can raise the floor, never lower it.
    """

    screen_height: int
    scale: float = 1.0

    def _h(self, fraction: float) -> int:
        return max(1, round(self.screen_height * fraction))

    @property
    def floor_px(self) -> int:
        return max(1, math.ceil(self.screen_height * FLOOR_FRACTION * max(1.0, self.scale) - 1e-9))

    @property
    def body_max_px(self) -> int:
        return max(self.floor_px, round(self.screen_height / 14 * self.scale))

    @property
    def title_max_px(self) -> int:
        return max(self.floor_px, round(self.screen_height / 11 * self.scale))

    @property
    def title_min_px(self) -> int:
        return max(self.floor_px, round(self.screen_height / 17 * self.scale))

    @property
    def prompt_max_px(self) -> int:
        return max(self.floor_px, round(self.screen_height / 19 * self.scale))

    @property
    def margin_x(self) -> int:
        return self._h(0.05)

    @property
    def margin_y(self) -> int:
        return self._h(0.04)

    @property
    def gap(self) -> int:
        return self._h(0.018)

    @property
    def border_px(self) -> int:
        return max(2, self._h(1 / 360))

    @property
    def strong_border_px(self) -> int:
        return max(5, self._h(1 / 120))

    @property
    def stripe_px(self) -> int:
        return max(8, self._h(1 / 60))

    def meta_px(self, body_px: int) -> int:
        return max(self.floor_px, round(body_px * 0.78))

    def pad(self, body_px: int) -> int:
        return max(self.strong_border_px + 4, round(body_px * 0.42))


# Text ----------------------------------------------------------------------------------------------

@lru_cache(maxsize=8192)
def clean_text(text: str, limit: int = MAX_TEXT_CHARS) -> str:
    """What the projector draws of a user's text: plain, without control characters or runs of
    stacked accents, blank lines collapsed, and cut (at a word) after `limit` characters."""
    text = (text or "").replace("\r\n", "\n").replace("\r", "\n").replace("\t", " ")
    text = _OVERRIDES.sub("", _CONTROL.sub(" ", text))
    kept, marks = [], 0
    for char in text:
        if unicodedata.combining(char):
            marks += 1
            if marks > 2:
                continue
        else:
            marks = 0
        kept.append(char)
    text = _BLANK_LINES.sub("\n", "".join(kept)).strip()
    if len(text) > limit:
        cut = text[:limit]
        space = cut.rfind(" ", limit - 40)
        text = (cut[:space] if space > 0 else cut).rstrip() + " " + ELLIPSIS
    return text


@lru_cache(maxsize=256)
def line_spacing(px: int, bold: bool = False) -> float:
    return QFontMetricsF(display_font(px, bold)).lineSpacing()


@lru_cache(maxsize=256)
def _metrics(px: int, bold: bool) -> QFontMetricsF:
    return QFontMetricsF(display_font(px, bold))


def text_width(text: str, px: int, bold: bool = False) -> float:
    return _metrics(px, bold).horizontalAdvance(text)


def _layout_lines(text: str, px: int, bold: bool, width: float, mode: QTextOption.WrapMode) -> list[str]:
    layout = QTextLayout(text.replace("\n", "\u2028"), display_font(px, bold))
    option = QTextOption()
    option.setWrapMode(mode)
    layout.setTextOption(option)
    lines: list[str] = []
    units = text.encode("utf-16-le", "surrogatepass")  # Qt counts positions in UTF-16, Python in code points
    layout.beginLayout()
    while True:
        line = layout.createLine()
        if not line.isValid():
            break
        line.setLineWidth(width)
        line.setPosition(QPointF(0, 0))
        start, end = line.textStart(), line.textStart() + line.textLength()  # UTF-16 code units
        lines.append(units[2 * start: 2 * end].decode("utf-16-le", "surrogatepass").rstrip(" \n\u2028"))
    layout.endLayout()
    return lines


@lru_cache(maxsize=60_000)
def wrap(text: str, px: int, bold: bool, width: int) -> tuple[str, ...]:
    """Plain text broken into lines no wider than `width` pixels: at word boundaries where
    possible, anywhere inside a word too long for a line."""
    if not text:
        return ()
    width = max(1, int(width))
    lines = []
    for line in _layout_lines(text, px, bold, width - 1, QTextOption.WrapMode.WrapAtWordBoundaryOrAnywhere):
        if text_width(line, px, bold) <= width:
            lines.append(line)
        else:  # shaping differs slightly between a laid-out line and the line drawn alone: break again
            lines.extend(_layout_lines(line, px, bold, width * 0.92, QTextOption.WrapMode.WrapAnywhere))
    return tuple(lines)


def elide_lines(lines: Sequence[str], max_lines: int, px: int, bold: bool, width: int) -> tuple[str, ...]:
    """The first `max_lines` lines; if text was left out, the last one ends with "…" at a word."""
    lines = tuple(lines)
    if len(lines) <= max_lines:
        return lines
    if max_lines <= 0:
        return ()
    last = lines[max_lines - 1]
    while last:
        candidate = last.rstrip(" ,;:.-–—") + ELLIPSIS
        if text_width(candidate, px, bold) <= width:
            return lines[: max_lines - 1] + (candidate,)
        space = last.rstrip().rfind(" ")
        last = last[:space] if space > 0 else last[:-1]
    return lines[: max_lines - 1] + (ELLIPSIS,)


@dataclass(frozen=True)
class Block:
    """Wrapped lines at one size, and the height they take."""

    lines: tuple[str, ...]
    px: int
    bold: bool
    height: float
    elided: bool = False


def fit_block(text: str, width: int, max_height: float, px_high: int, px_low: int, *, bold: bool = False,
              max_lines: int | None = None, fewest_lines: bool = False) -> Block:
    """The largest size from px_high down to px_low at which `text` fits the box; at px_low, if it
    still does not fit, the lines that fit with "…" at a word (never clipped mid-word).
    With `fewest_lines`, one line at any size in the range is preferred to two larger lines."""
    text = clean_text(text)
    px_low = max(1, min(px_low, px_high))
    if not text:
        return Block((), px_high, bold, 0.0)
    if fewest_lines and (max_lines or 2) > 1:
        one = fit_block(text, width, max_height, px_high, px_low, bold=bold, max_lines=1)
        if not one.elided:
            return one
    size = px_high
    while True:
        lines = wrap(text, size, bold, width)
        spacing = line_spacing(size, bold)
        allowed = int(max_height // spacing) if spacing else 0
        if max_lines is not None:
            allowed = min(allowed, max_lines)
        if len(lines) <= allowed:
            return Block(lines, size, bold, len(lines) * spacing)
        if size <= px_low:
            kept = elide_lines(lines, max(1, allowed), size, bold, width)
            return Block(kept, size, bold, len(kept) * spacing, elided=True)
        size = max(px_low, min(size - 1, int(size * 0.94)))


# Cards ---------------------------------------------------------------------------------------------

@dataclass(frozen=True)
class Card:
    """One card: plain body text, a small meta line (category, who, status) and emphasis."""

    key: object
    body: str
    meta: str = ""
    strong: bool = False  # the newest or live card: a heavy border
    dashed: bool = False  # a tentative card (a value only proposed): a dashed border
    stripe: str = ""  # a theme colour name for a stripe at the card's left edge (health ratings)
    symbol: str = ""  # a painted shape that repeats a rating in another form: cross, triangle, tick, dots:4/5


@dataclass(frozen=True)
class Piece:
    """A card, or part of a card too tall for one page, with its lines at the wall's sizes."""

    index: int  # which card
    part: int
    parts: int
    body: tuple[str, ...]
    meta: tuple[str, ...]
    height: float


@dataclass(frozen=True)
class PlacedCard:
    card: Card
    index: int
    rect: QRectF
    body_rect: QRectF
    meta_rect: QRectF
    body: tuple[str, ...]
    meta: tuple[str, ...]
    part: int
    parts: int


@dataclass(frozen=True)
class WallLayout:
    body_px: int
    meta_px: int
    floor_px: int
    columns: int
    page: int
    page_count: int
    total: int  # cards
    first: int  # index of the first card on this page (-1 when empty)
    last: int
    placed: tuple[PlacedCard, ...] = field(default=())
    pad: int = 0
    border_px: int = 0
    strong_border_px: int = 0

    @property
    def paged(self) -> bool:
        return self.page_count > 1


def _card_texts(card: Card) -> tuple[str, str]:
    return clean_text(card.body), clean_text(card.meta, 400)


def _inner_width(col_width: float, pad: int, stripe: int) -> int:
    return max(8, int(col_width - 2 * pad - stripe))


def _pieces(cards: Sequence[tuple[str, str]], inner: int, body_px: int, meta_px: int, pad: int,
            max_height: float, meta_gap: float, allow_split: bool) -> list[Piece] | None:
    """Each card's wrapped lines and height; a card taller than a page is split (or None if not allowed)."""
    body_ls, meta_ls = line_spacing(body_px), line_spacing(meta_px)
    pieces: list[Piece] = []
    for index, (body, meta) in enumerate(cards):
        body_lines = wrap(body, body_px, False, inner)
        meta_lines = wrap(meta, meta_px, False, inner)
        meta_block = (meta_gap + len(meta_lines) * meta_ls) if meta_lines else 0.0
        height = 2 * pad + len(body_lines) * body_ls + meta_block
        if height <= max_height:
            pieces.append(Piece(index, 1, 1, body_lines, meta_lines, height))
            continue
        if not allow_split:
            return None
        part_meta = wrap(f"{meta} · part 99 of 99" if meta else "Part 99 of 99", meta_px, False, inner)
        room = max_height - 2 * pad - meta_gap - len(part_meta) * meta_ls
        per_piece = max(1, int(room // body_ls))
        chunks = [body_lines[i: i + per_piece] for i in range(0, len(body_lines), per_piece)]
        for number, chunk in enumerate(chunks, start=1):
            label = f"{meta} · part {number} of {len(chunks)}" if meta else f"Part {number} of {len(chunks)}"
            lines = wrap(label, meta_px, False, inner)
            pieces.append(Piece(index, number, len(chunks), chunk, lines,
                                2 * pad + len(chunk) * body_ls + meta_gap + len(lines) * meta_ls))
    return pieces


def _grid_height(heights: Sequence[float], columns: int, gap: float, limit: float = math.inf) -> float:
    total = 0.0
    for start in range(0, len(heights), columns):
        total += max(heights[start: start + columns]) + (gap if start else 0.0)
        if total > limit:
            return total
    return total


def _paginate(pieces: Sequence[Piece], columns: int, gap: float, height: float, anchor: str,
              limit: int | None = None) -> list[tuple[int, int]]:
    """Pages as (start, end) piece ranges. Anchored at the end, the last page is full and earlier
    pages hold the older cards; anchored at the start, pages fill from the first card. With
    `limit`, only that many pages from the anchor are worked out."""
    heights = [p.height for p in pieces]
    pages: list[tuple[int, int]] = []
    if anchor == "end":
        end = len(pieces)
        while end > 0 and (limit is None or len(pages) < limit):
            start = end - 1
            while start > 0 and _grid_height(heights[start - 1: end], columns, gap, height) <= height:
                start -= 1
            pages.insert(0, (start, end))
            end = start
    else:
        start = 0
        while start < len(pieces) and (limit is None or len(pages) < limit):
            end = start + 1
            while end < len(pieces) and _grid_height(heights[start: end + 1], columns, gap, height) <= height:
                end += 1
            pages.append((start, end))
            start = end
    return pages


def _columns_at(width: float, px: int, gap: float, max_columns: int) -> int:
    min_width = px * 11  # about 22 characters a line at the least
    return max(1, min(max_columns, int((width + gap) // (min_width + gap))))


def layout_wall(cards: Sequence[Card], area: QRectF, sizes: Sizes, *, anchor: str = "end", page: int | None = None,
                focus: int | None = None, max_columns: int = 4, stripes: bool = False,
                max_px: int | None = None, one_page_only: bool = False) -> WallLayout | None:
    """Fit `cards` into `area`: the largest body size at which all cards fit on one page, down to
    the floor; below that, pages at the floor size. `page` None shows the page with `focus` (a card
    index), or the newest page (anchor "end") / the first page (anchor "start"). `max_px` caps
    the body size (so cards never outshout the heading). With `one_page_only`, returns None
    instead of paging (a cheap probe: it stops measuring once the cards overflow)."""
    texts = [_card_texts(c) for c in cards]
    floor = sizes.floor_px
    largest = max(floor, min(sizes.body_max_px, max_px or sizes.body_max_px))
    gap = float(sizes.gap)
    stripe = sizes.stripe_px if stripes else 0
    border, strong = sizes.border_px, sizes.strong_border_px
    empty = WallLayout(sizes.body_max_px, sizes.meta_px(sizes.body_max_px), floor, 1, 0, 1, 0, -1, -1, (),
                       sizes.pad(sizes.body_max_px), border, strong)
    if not cards or area.width() < 1 or area.height() < 1:
        return empty

    def attempt(chosen: Sequence[tuple[str, str]], px: int, columns: int, allow_split: bool):
        col_width = (area.width() - gap * (columns - 1)) / columns
        pad = sizes.pad(px)
        meta_px = sizes.meta_px(px)
        pieces = _pieces(chosen, _inner_width(col_width, pad, stripe), px, meta_px, pad, area.height(),
                         meta_px * 0.35, allow_split)
        return pieces, col_width, pad, meta_px

    def fits_all(chosen: Sequence[tuple[str, str]], px: int) -> int:
        """The most columns (up to the number of cards) at which every card fits; 0 if none.
        Stops measuring as soon as the grid is taller than the area, so many cards cost little."""
        best = 0
        pad, meta_px = sizes.pad(px), sizes.meta_px(px)
        body_ls, meta_ls, meta_gap = line_spacing(px), line_spacing(meta_px), meta_px * 0.35
        for columns in range(1, min(len(chosen), _columns_at(area.width(), px, gap, max_columns)) + 1):
            inner = _inner_width((area.width() - gap * (columns - 1)) / columns, pad, stripe)
            total, fits = -gap, True
            for start in range(0, len(chosen), columns):
                row = 0.0
                for body, meta in chosen[start: start + columns]:
                    meta_lines = len(wrap(meta, meta_px, False, inner))
                    row = max(row, 2 * pad + len(wrap(body, px, False, inner)) * body_ls
                              + ((meta_gap + meta_lines * meta_ls) if meta_lines else 0.0))
                total += row + gap
                if total > area.height():
                    fits = False
                    break
            if fits:
                best = columns
        return best

    def best_fit(chosen: Sequence[tuple[str, str]]) -> tuple[int, int] | None:
        """The largest body size (and its columns) at which all `chosen` fit at once; None if even
        the floor is too big. A binary search: fitting only gets harder as the size grows."""
        columns = fits_all(chosen, floor)
        if not columns:
            return None
        low, high, found = floor, largest, (floor, columns)
        if high > low:
            columns = fits_all(chosen, high)
            if columns:
                return high, columns
            while high - low > 1:
                middle = (low + high) // 2
                columns = fits_all(chosen, middle)
                if columns:
                    low, found = middle, (middle, columns)
                else:
                    high = middle
        return found

    fitted = best_fit(texts)
    if fitted is not None:
        px, columns = fitted
        pieces, col_width, pad, meta_px = attempt(texts, px, columns, False)
        pages = [(0, len(pieces))]
    elif one_page_only:
        return None
    else:  # at the floor and still too many: page, with the columns that put the most on the first page shown
        px = floor
        best = None
        for columns in range(1, _columns_at(area.width(), px, gap, max_columns) + 1):
            pieces, col_width, pad, meta_px = attempt(texts, px, columns, True)
            first_shown = _paginate(pieces, columns, gap, area.height(), anchor, limit=1)[0]
            key = (-(first_shown[1] - first_shown[0]), -columns)
            if best is None or key < best[0]:
                best = (key, columns, pieces, col_width, pad, meta_px)
        _, columns, pieces, col_width, pad, meta_px = best
        pages = _paginate(pieces, columns, gap, area.height(), anchor)

    if page is None:
        if focus is not None and 0 <= focus < len(cards):
            page = next(i for i, (s, e) in enumerate(pages) if any(p.index == focus for p in pieces[s:e]))
        else:
            page = len(pages) - 1 if anchor == "end" else 0
    page = max(0, min(page, len(pages) - 1))
    start, end = pages[page]
    shown = pieces[start:end]

    if len(pages) > 1 and all(p.parts == 1 for p in shown):
        # A page of whole cards grows back from the floor to fill its room (never below the floor).
        offset = shown[0].index
        regrown = best_fit(texts[offset: shown[-1].index + 1])
        if regrown is not None and regrown[0] > px:
            px, columns = regrown
            subset, col_width, pad, meta_px = attempt(texts[offset: shown[-1].index + 1], px, columns, False)
            shown = [Piece(p.index + offset, p.part, p.parts, p.body, p.meta, p.height) for p in subset]

    placed = []
    body_ls, meta_ls = line_spacing(px), line_spacing(meta_px)
    y = area.top()
    for row_start in range(0, len(shown), columns):
        row = shown[row_start: row_start + columns]
        row_height = max(p.height for p in row)
        for column, piece in enumerate(row):
            rect = QRectF(area.left() + column * (col_width + gap), y, col_width, row_height)
            inner_left = rect.left() + pad + stripe
            inner_width = _inner_width(col_width, pad, stripe)
            body_rect = QRectF(inner_left, rect.top() + pad, inner_width, len(piece.body) * body_ls)
            meta_height = len(piece.meta) * meta_ls
            meta_rect = QRectF(inner_left, rect.bottom() - pad - meta_height, inner_width, meta_height)
            placed.append(PlacedCard(cards[piece.index], piece.index, rect, body_rect, meta_rect, piece.body,
                                     piece.meta, piece.part, piece.parts))
        y += row_height + gap
    return WallLayout(px, meta_px, floor, columns, page, len(pages), len(cards), shown[0].index, shown[-1].index,
                      tuple(placed), pad, border, strong)
