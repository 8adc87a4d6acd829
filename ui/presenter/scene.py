"""A whole screenful laid out: where the heading, timer, cards and footer go, as plain rectangles.

`compose(board, width, height)` is pure: the painted widget draws what it returns and the tests
measure it. Every text item carries the lines it will draw and the box they must fit, so "nothing
clipped, nothing outside the screen, never below the floor" can be checked without pixels.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QRectF

from ui.presenter.boards import Board
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
    kind: str  # card, card_strong, timer, rule
    rect: QRectF
    fill: str  # theme colour names ("" for none)
    border: str
    border_px: int
    stripe: str = ""
    stripe_px: int = 0
    dashed: bool = False


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

    @property
    def floor_px(self) -> int:
        return self.sizes.floor_px

    def visible_texts(self) -> list[str]:
        return [line for item in self.texts for line in item.lines]


def compose(board: Board, width: int, height: int, *, scale: float = 1.0, page: int | None = None) -> Scene:
    sizes = Sizes(height, scale)
    if board.kind == "empty" or width < 50 or height < 50:
        return Scene(width, height, sizes)
    if board.hero:
        return _compose_hero(board, width, height, sizes)
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
                 cards_area)


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
