"""A whole screenful laid out: where the heading, timer, cards and footer go, as plain rectangles.

`compose(board, width, height)` is pure: the painted widget draws what it returns and the tests
measure it. Every text item carries the lines it will draw and the box they must fit, so "nothing
clipped, nothing outside the screen, never below the floor" can be checked without pixels.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QRectF

from ui.presenter.boards import Board
from ui.presenter.grid import GridLayout, layout_grid
from ui.presenter.layout import Sizes, WallLayout, fit_block, layout_wall, line_spacing, text_width

TIMER_SAMPLES = ("Over by 88:88", "88:88 left")  # the widest it usually says (longer shrinks to fit)


@dataclass(frozen=True)
class TextItem:
    kind: str  # title, prompt, body, meta, footer, empty, kicker, line, timer
    rect: QRectF
    lines: tuple[str, ...]
    px: int
    bold: bool
    role: str  # the theme colour name
    align: str = "left"  # left, center, right


@dataclass(frozen=True)
class FrameItem:
    kind: str  # card, card_strong, timer, rule, badge; square: cell, line
    rect: QRectF
    fill: str  # theme colour names ("" for none)
    border: str
    border_px: int
    stripe: str = ""
    stripe_px: int = 0
    dashed: bool = False


@dataclass(frozen=True)
class ShapeItem:
    """A painted symbol that repeats a rating without colour: cross, triangle, tick, dot (filled), ring."""

    kind: str
    rect: QRectF
    role: str  # the theme colour name it is drawn in
    line_px: int = 0  # the stroke of a cross, tick or ring


@dataclass(frozen=True)
class Scene:
    width: int
    height: int
    sizes: Sizes
    frames: tuple[FrameItem, ...] = ()
    texts: tuple[TextItem, ...] = ()
    wall: WallLayout | None = None
    timer_rect: QRectF | None = None
    timer_px: int = 0
    timer_pad: int = 0
    cards_area: QRectF | None = None
    shapes: tuple[ShapeItem, ...] = ()
    grid: GridLayout | None = None
    spotlight: int | None = None  # the card shown large (a health prompt's index)
    page: int = 0
    page_count: int = 1

    @property
    def floor_px(self) -> int:
        return self.sizes.floor_px

    @property
    def paged(self) -> bool:
        return self.page_count > 1

    def visible_texts(self) -> list[str]:
        return [line for item in self.texts for line in item.lines]


def compose(board: Board, width: int, height: int, *, scale: float = 1.0, page: int | None = None) -> Scene:
    sizes = Sizes(height, scale)
    if board.kind == "empty" or width < 50 or height < 50:
        return Scene(width, height, sizes)
    if board.hero:
        return _compose_hero(board, width, height, sizes)
    if board.grid is not None:
        return _compose_grid(board, width, height, sizes, page)
    if board.spotlight and board.cards:
        return _compose_spotlight(board, width, height, sizes, page)
    return _compose_cards(board, width, height, sizes, page)


def _content(width: int, height: int, sizes: Sizes) -> QRectF:
    return QRectF(sizes.margin_x, sizes.margin_y, width - 2 * sizes.margin_x, height - 2 * sizes.margin_y)


def _compose_cards(board: Board, width: int, height: int, sizes: Sizes, page: int | None) -> Scene:
    """The heading at full size; if the cards then need pages, the heading is made compact
    (one line of title, two of prompt) so more cards fit on each page."""
    scene = _compose_cards_with(board, width, height, sizes, page, compact=False)
    if scene is None:
        scene = _compose_cards_with(board, width, height, sizes, page, compact=True)
    return scene


def _compose_cards_with(board: Board, width: int, height: int, sizes: Sizes, page: int | None,
                        compact: bool) -> Scene | None:
    """The scene with a full (or compact) heading; None when, with the full heading, the cards
    would need pages (so the caller composes the compact one instead)."""
    content = _content(width, height, sizes)
    gap = sizes.gap
    frames: list[FrameItem] = []
    texts: list[TextItem] = []

    # Timer, top right: sized for what it usually says, so ticking never moves anything.
    timer_rect, timer_px, timer_pad = None, 0, 0
    heading_width = content.width()
    if board.clock is not None:
        timer_px = max(sizes.floor_px, round(height / (18 if compact else 15) * sizes.scale))
        timer_pad = max(sizes.border_px + 4, round(timer_px * 0.3))
        text_w = max(text_width(s, timer_px, True) for s in TIMER_SAMPLES)
        timer_w = min(text_w + 2 * timer_pad + 2, content.width() * 0.45)
        timer_h = line_spacing(timer_px, True) + 2 * timer_pad
        timer_rect = QRectF(content.right() - timer_w, content.top(), timer_w, timer_h)
        heading_width = content.width() - timer_w - gap

    # Heading: the title (on one line if it fits the size range) and the prompt beside the timer.
    y = content.top()
    if compact:
        title = fit_block(board.title, int(heading_width), height * 0.2, sizes.title_min_px, sizes.floor_px,
                          bold=True, max_lines=1)
    else:  # one line if it stays large; else two lines, down to the floor before anything is left out
        title = fit_block(board.title, int(heading_width), height * 0.2, sizes.title_max_px, sizes.title_min_px,
                          bold=True, max_lines=1)
        if title.elided:
            title = fit_block(board.title, int(heading_width), height * 0.2, sizes.title_max_px, sizes.floor_px,
                              bold=True, max_lines=2)
    if title.lines:
        texts.append(TextItem("title", QRectF(content.left(), y, heading_width, title.height), title.lines,
                              title.px, True, "text"))
        y += title.height
    if board.prompt:
        prompt_width = content.width() if timer_rect is not None and y > timer_rect.bottom() else heading_width
        prompt = fit_block(board.prompt, int(prompt_width), height * 0.17,
                           sizes.floor_px if compact else sizes.prompt_max_px, sizes.floor_px,
                           max_lines=2 if compact else 3)
        if prompt.lines:
            y += gap * 0.2
            texts.append(TextItem("prompt", QRectF(content.left(), y, prompt_width, prompt.height), prompt.lines,
                                  prompt.px, False, "muted"))
            y += prompt.height
    if timer_rect is not None:
        y = max(y, timer_rect.bottom())
    rule_h = max(3, round(height / 250))
    y += gap * 0.6
    frames.append(FrameItem("rule", QRectF(content.left(), y, content.width(), rule_h), "accent", "", 0))
    y += rule_h + gap

    # Footer: the board's own footer on the right, the page indicator on the left, at the floor size.
    footer_px = sizes.floor_px
    footer_h = line_spacing(footer_px)
    bottom = content.bottom()
    footer_top = bottom - footer_h
    cards_area = QRectF(content.left(), y, content.width(), max(0.0, footer_top - gap * 0.8 - y))
    cap = round(title.px * 0.85) if title.lines else None
    wall = layout_wall(board.cards, cards_area, sizes, anchor=board.anchor, page=page, focus=board.focus,
                       max_columns=board.max_columns, stripes=board.stripes, max_px=cap, one_page_only=not compact)
    if wall is None:
        return None
    if not wall.paged and not board.footer:  # no footer: the cards may use its room
        cards_area = QRectF(content.left(), y, content.width(), max(0.0, bottom - y))
        wall = layout_wall(board.cards, cards_area, sizes, anchor=board.anchor, page=page, focus=board.focus,
                           max_columns=board.max_columns, stripes=board.stripes, max_px=cap)
    else:
        right_w = 0.0
        if board.footer:
            right_w = min(content.width() / 2, text_width(board.footer, footer_px) + 2)
            block = fit_block(board.footer, int(right_w), footer_h, footer_px, footer_px, max_lines=1)
            texts.append(TextItem("footer", QRectF(content.right() - right_w, footer_top, right_w, footer_h),
                                  block.lines, footer_px, False, "muted", "right"))
        if wall.paged:
            first = wall.placed[0].index + 1
            last = wall.placed[-1].index + 1
            span = f"{first}–{last}" if last != first else f"{first}"
            indicator = f"{board.unit.capitalize()} {span} of {wall.total}"
            left_w = content.width() - right_w - gap
            block = fit_block(indicator, int(left_w), footer_h, footer_px, footer_px, max_lines=1)
            texts.append(TextItem("footer", QRectF(content.left(), footer_top, left_w, footer_h), block.lines,
                                  footer_px, False, "muted"))

    if not board.cards and board.empty_text:
        block = fit_block(board.empty_text, int(cards_area.width()), cards_area.height(), sizes.prompt_max_px,
                          sizes.floor_px)
        top = cards_area.top() + max(0.0, (cards_area.height() - block.height) / 3)
        texts.append(TextItem("empty", QRectF(cards_area.left(), top, cards_area.width(), block.height),
                              block.lines, block.px, False, "muted", "center"))

    for placed in wall.placed:
        strong = placed.card.strong
        frames.append(FrameItem("card_strong" if strong else "card", placed.rect, "card",
                                "accent" if strong else "card_border",
                                wall.strong_border_px if strong else wall.border_px,
                                placed.card.stripe, sizes.stripe_px if board.stripes else 0, placed.card.dashed))
        texts.append(TextItem("body", placed.body_rect, placed.body, wall.body_px, False, "text"))
        if placed.meta:
            texts.append(TextItem("meta", placed.meta_rect, placed.meta, wall.meta_px, False, "muted"))

    if timer_rect is not None:
        frames.append(FrameItem("timer", timer_rect, "timer_background", "card_border", sizes.border_px))
    return Scene(width, height, sizes, tuple(frames), tuple(texts), wall, timer_rect, timer_px, timer_pad,
                 cards_area, page=wall.page, page_count=wall.page_count)


def _compose_hero(board: Board, width: int, height: int, sizes: Sizes) -> Scene:
    """The welcome screen: a small line, the session's title large and centred, then its details."""
    content = _content(width, height, sizes)
    gap = sizes.gap
    w = int(content.width())
    kicker = fit_block(board.kicker, w, height * 0.12, sizes.prompt_max_px, sizes.floor_px, max_lines=1)
    title = fit_block(board.title, w, height * 0.42, max(sizes.title_max_px, round(height / 8 * sizes.scale)),
                      sizes.title_min_px, bold=True, max_lines=3)
    details = [fit_block(line, w, height * 0.15, sizes.prompt_max_px, sizes.floor_px, max_lines=2)
               for line in board.lines]
    if details:  # one size for every detail line, the size the longest one needed
        common = min(d.px for d in details)
        details = [fit_block(line, w, height * 0.15, common, common, max_lines=2) for line in board.lines]
    rule_h = max(3, round(height / 250))
    total = (kicker.height + gap + title.height + gap * 1.5 + rule_h + gap * 1.5
             + sum(d.height + gap * 0.4 for d in details))
    total = min(total, content.height())
    y = content.top() + max(0.0, (content.height() - total) / 2)
    texts: list[TextItem] = []
    frames: list[FrameItem] = []
    if kicker.lines:
        texts.append(TextItem("kicker", QRectF(content.left(), y, w, kicker.height), kicker.lines, kicker.px, False,
                              "muted", "center"))
        y += kicker.height + gap
    texts.append(TextItem("title", QRectF(content.left(), y, w, title.height), title.lines, title.px, True, "text",
                          "center"))
    y += title.height + gap * 1.5
    rule_w = min(content.width(), width * 0.18)
    frames.append(FrameItem("rule", QRectF(content.center().x() - rule_w / 2, y, rule_w, rule_h), "accent", "", 0))
    y += rule_h + gap * 1.5
    for block in details:
        if y + block.height > content.bottom():
            break
        texts.append(TextItem("line", QRectF(content.left(), y, w, block.height), block.lines, block.px, False,
                              "muted", "center"))
        y += block.height + gap * 0.4
    return Scene(width, height, sizes, tuple(frames), tuple(texts))


# A heading and a footer for the one-page views (the matrix grid, the health prompt) ------------------


def _compact_heading(board: Board, content: QRectF, sizes: Sizes, texts: list[TextItem],
                     frames: list[FrameItem], title_px: int) -> tuple[float, QRectF | None]:
    """The title on one line and the prompt on one line at the floor size, then the rule; returns
    the y under them, and the room left on the title's line (right of the title)."""
    height = sizes.screen_height
    y = content.top()
    title = fit_block(board.title, int(content.width()), height * 0.2, title_px, sizes.floor_px, bold=True,
                      max_lines=1)
    slot = None
    if title.lines:
        title_w = min(content.width(), text_width(title.lines[0], title.px, True) + 2)
        texts.append(TextItem("title", QRectF(content.left(), y, title_w, title.height), title.lines,
                              title.px, True, "text"))
        gap = sizes.gap * 2
        if content.width() - title_w - gap > 0:
            slot = QRectF(content.left() + title_w + gap, y, content.width() - title_w - gap, title.height)
        y += title.height
    if board.prompt:
        prompt = fit_block(board.prompt, int(content.width()), height * 0.1, sizes.floor_px, sizes.floor_px,
                           max_lines=1)
        if prompt.lines:
            texts.append(TextItem("prompt", QRectF(content.left(), y, content.width(), prompt.height),
                                  prompt.lines, prompt.px, False, "muted"))
            y += prompt.height
    rule_h = max(3, round(height / 250))
    y += sizes.gap * 0.5
    frames.append(FrameItem("rule", QRectF(content.left(), y, content.width(), rule_h), "accent", "", 0))
    return y + rule_h + sizes.gap, slot


def _footer(left: str, right: str, content: QRectF, sizes: Sizes, texts: list[TextItem]) -> None:
    """One line at the floor size: `left` (where we are) and `right`, each shortened if need be."""
    px = sizes.floor_px
    h = line_spacing(px)
    top = content.bottom() - h
    right_w = 0.0
    if right:
        right_w = min(content.width() / 2 if left else content.width(), text_width(right, px) + 2)
        block = fit_block(right, int(right_w), h, px, px, max_lines=1)
        texts.append(TextItem("footer", QRectF(content.right() - right_w, top, right_w, h), block.lines, px, False,
                              "muted", "right"))
    if left:
        left_w = content.width() - right_w - (sizes.gap if right else 0)
        block = fit_block(left, int(left_w), h, px, px, max_lines=1)
        texts.append(TextItem("footer", QRectF(content.left(), top, left_w, h), block.lines, px, False, "muted"))


def _footer_height(sizes: Sizes) -> float:
    return line_spacing(sizes.floor_px) + sizes.gap * 0.8


# The responsibility matrix -------------------------------------------------------------------------


def _compose_grid(board: Board, width: int, height: int, sizes: Sizes, page: int | None) -> Scene:
    """The matrix: a compact heading, the grid (header row, action rows, L/S cells), the key of the
    columns shown, and a footer saying which actions and organisations are on the page."""
    content = _content(width, height, sizes)
    texts: list[TextItem] = []
    frames: list[FrameItem] = []
    y, slot = _compact_heading(board, content, sizes, texts, frames, sizes.title_min_px)
    bottom = content.bottom()
    area = QRectF(content.left(), y, content.width(), max(0.0, bottom - y))
    cap = round(sizes.title_min_px * 0.9)
    grid = layout_grid(board.grid, area, sizes, page=page, max_px=cap, legend_slot=slot)
    if grid is not None and grid.page_count > 1:  # the footer needs its line: lay out again above it
        area = QRectF(content.left(), y, content.width(), max(0.0, bottom - _footer_height(sizes) - y))
        grid = layout_grid(board.grid, area, sizes, page=page, max_px=cap, legend_slot=slot)
    if grid is None:
        return Scene(width, height, sizes, tuple(frames), tuple(texts))

    px, line = grid.px, grid.line_px
    border = sizes.border_px
    table = grid.table
    frames.append(FrameItem("cell", table, "card", "", 0))
    action = fit_block("Action", int(grid.action_header.width()), grid.action_header.height(), px, px, bold=True,
                       max_lines=1)
    texts.append(TextItem("header", grid.action_header, action.lines, px, True, "text"))
    for index, cell in grid.columns:
        texts.append(TextItem("header", _inner(cell, grid), (str(index + 1),), px, True, "text", "center"))
    for row in grid.rows:
        texts.append(TextItem("action", row.text_rect, row.lines, px, False, "text"))
        for _org, cell, mark in row.marks:
            if mark:
                fill, role = ("lead_fill", "lead_text") if mark == "L" else ("support_fill", "support_text")
                frames.append(FrameItem("cell", cell, fill, "", 0))
                texts.append(TextItem("mark", _inner(cell, grid), (mark,), px, True, role, "center"))
    # Lines: between rows, between columns, a heavy one under the header; then the table's border.
    for row in grid.rows[1:]:
        frames.append(FrameItem("line", QRectF(table.left(), row.rect.top() - line / 2, table.width(), line),
                                "card_border", "", 0))
    for _index, cell in grid.columns:
        frames.append(FrameItem("line", QRectF(cell.left() - line / 2, table.top(), line, table.height()),
                                "card_border", "", 0))
    heavy = max(line + 1, border)
    frames.append(FrameItem("line", QRectF(table.left(), grid.header.bottom() - heavy / 2, table.width(), heavy),
                            "accent", "", 0))
    frames.append(FrameItem("cell", table, "", "card_border", border))
    for entry in grid.key:
        if entry.style == "organisation":
            fill, role = "card", "text"
        else:
            fill, role = ("lead_fill", "lead_text") if entry.style == "lead" else ("support_fill", "support_text")
        frames.append(FrameItem("cell", entry.label_rect, fill, "card_border", line))
        texts.append(TextItem("key_label", entry.label_rect, (entry.label,), px, True, role, "center"))
        for rect, run in entry.runs:
            texts.append(TextItem("key", rect, (run,), px, False, "text"))
    left, right = grid.indicators()
    if left or right:
        _footer(left, right, content, sizes, texts)
    return Scene(width, height, sizes, tuple(frames), tuple(texts), grid=grid, page=grid.page,
                 page_count=grid.page_count)


def _inner(cell: QRectF, grid: GridLayout) -> QRectF:
    """One line of text centred in a cell (the cell's own padding around it)."""
    line_h = line_spacing(grid.px, True)
    top = cell.top() + max(0.0, (cell.height() - line_h) / 2)
    return QRectF(cell.left() + 1, top, max(1.0, cell.width() - 2), min(line_h, cell.height()))


# The health check: one prompt, large --------------------------------------------------------------


def _symbol_size(px: int) -> float:
    return round(px * 0.8)


def _compose_spotlight(board: Board, width: int, height: int, sizes: Sizes, page: int | None) -> Scene:
    """A health-check prompt on its own: the check's title small, the prompt large, its rating in
    words inside a badge with a shape (and the rating's colour), "Prompt 3 of 16" at the foot."""
    content = _content(width, height, sizes)
    texts: list[TextItem] = []
    frames: list[FrameItem] = []
    shapes: list[ShapeItem] = []
    count = len(board.cards)
    index = board.focus if page is None else page
    index = max(0, min(index or 0, count - 1))
    card = board.cards[index]
    y, _slot = _compact_heading(board, content, sizes, texts, frames, sizes.prompt_max_px)
    _footer(f"Prompt {index + 1} of {count}", "", content, sizes, texts)
    area = QRectF(content.left(), y, content.width(), max(0.0, content.bottom() - _footer_height(sizes) - y))
    gap = sizes.gap
    w = int(area.width())

    # The badge: its size first (large, shrinking only if its words are too wide), then the prompt.
    rated = bool(card.symbol)
    badge_px = max(sizes.floor_px, round(height / 14 * sizes.scale))
    symbol_w = _symbol_width(card.symbol, badge_px)
    border = sizes.strong_border_px if rated else sizes.border_px
    while True:
        pad = max(border + 4, round(badge_px * 0.45))
        symbol_w = _symbol_width(card.symbol, badge_px)
        room = w - 2 * pad - (symbol_w + pad * 0.6 if symbol_w else 0)
        words = fit_block(card.meta, int(room), height * 0.3, badge_px, badge_px, bold=rated, max_lines=2)
        if (not words.elided and len(words.lines) == 1) or badge_px <= sizes.floor_px:
            break
        badge_px = max(sizes.floor_px, min(badge_px - 1, int(badge_px * 0.94)))
    words_w = max((text_width(line, words.px, rated) for line in words.lines), default=0.0) + 2
    badge_w = min(float(w), words_w + 2 * pad + (symbol_w + pad * 0.6 if symbol_w else 0))
    badge_h = words.height + 2 * pad

    prompt_room = area.height() - badge_h - gap * 2
    prompt = fit_block(card.body, w, max(0.0, prompt_room), max(sizes.floor_px, round(height / 10 * sizes.scale)),
                       sizes.floor_px)
    total = prompt.height + gap * 2 + badge_h
    top = area.top() + max(0.0, (area.height() - total) / 2.4)
    texts.append(TextItem("body", QRectF(area.left(), top, area.width(), prompt.height), prompt.lines, prompt.px,
                          False, "text", "center"))
    badge = QRectF(area.center().x() - badge_w / 2, top + prompt.height + gap * 2, badge_w, badge_h)
    frames.append(FrameItem("badge", badge, "card", card.stripe or "card_border", border, dashed=not rated))
    x = badge.left() + pad
    if symbol_w:
        shapes += _symbol_shapes(card.symbol, QRectF(x, badge.top() + pad, symbol_w, words.height), badge_px,
                                 card.stripe or "text")
        x += symbol_w + pad * 0.6
    texts.append(TextItem("rating", QRectF(x, badge.top() + pad, min(words_w, badge.right() - pad - x), words.height),
                          words.lines, words.px, rated, "text" if rated else "muted"))
    return Scene(width, height, sizes, tuple(frames), tuple(texts), shapes=tuple(shapes), spotlight=index,
                 page=index, page_count=count)


def _symbol_width(symbol: str, px: int) -> float:
    if not symbol:
        return 0.0
    size = _symbol_size(px)
    if symbol.startswith("dots:"):
        high = int(symbol.split("/")[1])
        return high * size + (high - 1) * size * 0.3
    return size


def _symbol_shapes(symbol: str, box: QRectF, px: int, role: str) -> list[ShapeItem]:
    """The shapes of a symbol, centred on the first line of `box`."""
    size = _symbol_size(px)
    line_h = line_spacing(px, True)
    top = box.top() + (min(line_h, box.height()) - size) / 2
    stroke = max(3, round(size * 0.16))
    if symbol.startswith("dots:"):
        value, high = (int(n) for n in symbol[5:].split("/"))
        step = size * 1.3
        return [ShapeItem("dot" if n < value else "ring", QRectF(box.left() + n * step, top, size, size), role,
                          stroke) for n in range(high)]
    return [ShapeItem(symbol, QRectF(box.left(), top, size, size), role, stroke)]
