"""The projector's layout engine, at the room's screen sizes: every card's text fits its rectangle
(measured with QFontMetricsF), nothing is outside the screen, the font never goes below the floor,
and no character of what people said is lost on the way."""

from __future__ import annotations

import math
import random
import re

import pytest
from PySide6.QtCore import QRectF
from PySide6.QtGui import QFontMetricsF

from ui.presenter import boards
from ui.presenter.boards import Board, Clock
from ui.presenter.fonts import FAMILY, display_font, load_display_fonts
from ui.presenter.layout import (
    ELLIPSIS,
    Card,
    Sizes,
    clean_text,
    elide_lines,
    fit_block,
    layout_wall,
    wrap,
)
from ui.presenter.scene import TIMER_SAMPLES, Scene, compose
from ui.presenter.view import timer_px_for

SIZES = [(1024, 768), (1366, 768), (1920, 1080)]
COUNTS = [1, 10, 60, 300]
WORDS = ("partnership volunteers council housing health schools youth community engagement shared data "
         "training venue transport evenings weekends befriending outreach").split()

HOSTILE = [
    "W" * 60,  # a 60-character word
    "x" * 2000,  # 2,000 characters without a space
    ("Our organisation brings " + "long-standing relationships with residents across the estate, " * 40)[:2000],
    "<b>not bold</b> <img src=/etc/passwd> &amp; <script>alert(1)</script>",
    "Croeso i bawb — ŵ ŷ; Zażółć gęślą jaźń; Ελληνικά; Привет; اردو میں خوش آمدید; বাংলা",
    "Zalgo: Z̷̢̛̛̛̛a̸̡̛̛̛l̶̛̛̛̛g̵̛̛ơ̴̛",
    "Line one\n\n\n\nLine two\tafter a tab\x07 and a bell\r\nthird",
    "Supercalifragilisticexpialidocious-antidisestablishmentarianism-pneumonoultramicroscopic",
    "‮reversed override‬ and zero\u200bwidth\u200bspaces",
    "🙂 emoji and ✓ ticks ⚠",
]


@pytest.fixture(scope="module", autouse=True)
def _fonts(qapp):
    load_display_fonts()


def sample_texts(count: int, seed: int = 7) -> list[str]:
    rng = random.Random(seed + count)
    return [" ".join(rng.choice(WORDS) for _ in range(rng.randint(2, 24))).capitalize() + f" ({i + 1})"
            for i in range(count)]


def live(cards: list[Card], clock: bool = True, title: str = "What each organisation brings") -> Board:
    return Board(boards.LIVE, title=title,
                 prompt="What does your organisation bring: expertise, resources, competencies, links?",
                 cards=tuple(cards), footer="Item 3 of 8",
                 clock=Clock(25, 600, None) if clock else None)


def cards_of(texts: list[str], meta: str = "Offer · Ann Patel, Riverside Council") -> list[Card]:
    return [Card(i, text, meta if i % 3 else "", strong=i == len(texts) - 1) for i, text in enumerate(texts)]


def assert_scene_fits(scene: Scene) -> None:
    """Every text item's lines fit its box, every box is on the screen, nothing is below the floor."""
    screen = QRectF(0, 0, scene.width, scene.height)
    floor = scene.sizes.floor_px
    assert floor >= math.ceil(scene.height / 25 - 1e-9)
    for item in scene.texts:
        metrics = QFontMetricsF(display_font(item.px, item.bold))
        assert item.px >= floor, (item.kind, item.px, floor)
        assert screen.contains(item.rect), (item.kind, item.rect)
        assert len(item.lines) * metrics.lineSpacing() <= item.rect.height() + 0.5, item
        for line in item.lines:
            assert metrics.horizontalAdvance(line) <= item.rect.width() + 0.5, (item.kind, line)
    for frame in scene.frames:
        assert screen.contains(frame.rect), (frame.kind, frame.rect)
    if scene.wall is not None:
        assert scene.wall.body_px >= floor and scene.wall.meta_px >= floor
        for placed in scene.wall.placed:
            assert scene.cards_area.contains(placed.rect)
            assert placed.rect.contains(placed.body_rect)
            if placed.meta:
                assert placed.rect.contains(placed.meta_rect)
                assert placed.body_rect.bottom() <= placed.meta_rect.top() + 0.5


def every_page(board: Board, width: int, height: int, scale: float = 1.0) -> list[Scene]:
    first = compose(board, width, height, scale=scale)
    count = first.wall.page_count if first.wall else 1
    return [compose(board, width, height, scale=scale, page=page) for page in range(count)]


def shown_text(scenes: list[Scene], index: int) -> str:
    return "".join("".join(p.body) for s in scenes for p in s.wall.placed if p.index == index)


@pytest.mark.parametrize("width,height", SIZES)
@pytest.mark.parametrize("count", COUNTS)
def test_cards_fit_at_every_size_and_count(width, height, count):
    board = live(cards_of(sample_texts(count)))
    scenes = every_page(board, width, height)
    for scene in scenes:
        assert_scene_fits(scene)
    newest = compose(board, width, height)
    assert newest.wall.placed[-1].index == count - 1, "the newest card is on the page shown"
    assert newest.wall.placed[-1].card.strong
    seen = [p.index for s in scenes for p in s.wall.placed]
    assert seen == list(range(count)), "paging shows every card once, in the order captured"


@pytest.mark.parametrize("width,height", SIZES)
def test_text_shrinks_to_the_floor_then_pages(width, height):
    sizes = Sizes(height)
    few = compose(live(cards_of(sample_texts(1)), clock=False), width, height)
    many = compose(live(cards_of(sample_texts(300))), width, height)
    assert few.wall.body_px > sizes.floor_px and not few.wall.paged
    assert many.wall.paged and many.wall.page_count > 2
    for page in range(many.wall.page_count):
        assert compose(live(cards_of(sample_texts(300))), width, height, page=page).wall.body_px >= sizes.floor_px


@pytest.mark.parametrize("width,height", SIZES)
@pytest.mark.parametrize("hostile", range(len(HOSTILE)))
def test_hostile_text_fits_and_nothing_is_lost(width, height, hostile):
    texts = sample_texts(4) + [HOSTILE[hostile]]
    board = live(cards_of(texts))
    scenes = every_page(board, width, height)
    for scene in scenes:
        assert_scene_fits(scene)
    expected = re.sub(r"\s", "", clean_text(HOSTILE[hostile]))
    assert re.sub(r"\s", "", shown_text(scenes, len(texts) - 1)) == expected


@pytest.mark.parametrize("width,height", SIZES)
def test_a_2000_character_contribution_continues_on_the_next_page(width, height):
    board = live(cards_of(["x" * 2000]))
    scenes = every_page(board, width, height)
    parts = [p for s in scenes for p in s.wall.placed]
    assert len(parts) > 1 and {p.parts for p in parts} == {len(parts)}
    assert [p.part for p in parts] == list(range(1, len(parts) + 1))
    assert any(f"part {len(parts)} of {len(parts)}" in line.lower() for s in scenes[-1:] for i in s.texts
               for line in i.lines)
    assert "".join("".join(p.body) for p in parts) == "x" * 2000
    for scene in scenes:
        assert_scene_fits(scene)


def test_a_60_character_word_breaks_inside_the_card():
    sizes = Sizes(768)
    lines = wrap("W" * 60, sizes.floor_px, False, 300)
    assert len(lines) > 1 and "".join(lines) == "W" * 60
    metrics = QFontMetricsF(display_font(sizes.floor_px))
    assert all(metrics.horizontalAdvance(line) <= 300 for line in lines)


@pytest.mark.parametrize("width,height", SIZES)
@pytest.mark.parametrize("kind", list(boards.VIEWS))
def test_long_headings_are_shortened_at_a_word_never_clipped(width, height, kind):
    title = "A very long agenda item title that somebody typed in full " * 6
    prompt = "And a prompt that goes on and on about what we would like people to think about " * 8
    board = Board(kind, title=title, prompt=prompt, cards=tuple(cards_of(sample_texts(3))), footer="Item 1 of 2",
                  clock=Clock(10, 0, None))
    scene = compose(board, width, height)
    assert_scene_fits(scene)
    heading = next(i for i in scene.texts if i.kind == "title")
    assert heading.lines[-1].endswith(ELLIPSIS)
    assert heading.lines[-1][:-1].rstrip().split()[-1] in title.split()  # ends on a whole word


@pytest.mark.parametrize("width,height", SIZES)
def test_welcome_screen_fits(width, height):
    session = {"title": "Building the programme " * 5, "status": "planned", "partnership_title": "Riverside LSP",
               "date": "2026-04-13", "start_time": "13:30", "venue": "Riverside Civic Centre, Committee Room 2"}
    scene = compose(boards.welcome_board(session), width, height)
    assert_scene_fits(scene)
    assert "Monday 13 April 2026 · 13:30" in scene.visible_texts()


@pytest.mark.parametrize("width,height", SIZES)
def test_timer_fits_whatever_it_says(width, height):
    scene = compose(live(cards_of(sample_texts(3))), width, height)
    inner = scene.timer_rect.adjusted(scene.timer_pad, scene.timer_pad, -scene.timer_pad, -scene.timer_pad)
    for reading in (*TIMER_SAMPLES, "Over by 1:45:09", "0:00 left"):
        px = timer_px_for(reading, scene.timer_px, scene.floor_px, inner.width())
        assert px >= scene.floor_px
        assert QFontMetricsF(display_font(px, True)).horizontalAdvance(reading) <= inner.width() + 0.5


def test_clock_says_overrun_in_words():
    from datetime import datetime, timedelta, timezone

    started = datetime(2026, 3, 2, 10, 0, tzinfo=timezone.utc)
    clock = Clock(10, 0, started.isoformat())
    assert clock.reading(started + timedelta(minutes=3)) == ("7:00 left", False)
    assert clock.reading(started + timedelta(minutes=13, seconds=10)) == ("Over by 3:10", True)


def test_sizes_derive_from_screen_height_not_pixels():
    for height in (600, 768, 1080, 2160):
        sizes = Sizes(height)
        assert sizes.floor_px == math.ceil(height / 25)
        assert sizes.body_max_px > sizes.floor_px
        assert sizes.margin_y == round(height * 0.04)


def test_smaller_text_never_goes_below_the_floor_and_bigger_raises_it():
    assert Sizes(768, 0.6).floor_px == Sizes(768).floor_px
    assert Sizes(768, 1.5).floor_px > Sizes(768).floor_px
    small = compose(live(cards_of(sample_texts(1))), 1024, 768, scale=0.6)
    big = compose(live(cards_of(sample_texts(1))), 1024, 768, scale=1.6)
    assert small.wall.body_px >= Sizes(768).floor_px
    assert big.wall.body_px > small.wall.body_px
    for scale in (0.6, 1.0, 1.6, 2.2):
        for scene in every_page(live(cards_of(sample_texts(60))), 1024, 768, scale):
            assert_scene_fits(scene)


def test_layout_is_a_pure_function_of_its_inputs():
    cards = cards_of(sample_texts(40))
    area = QRectF(50, 200, 1200, 700)
    first = layout_wall(cards, area, Sizes(1080))
    again = layout_wall(cards, area, Sizes(1080))
    assert [(p.index, p.rect, p.body) for p in first.placed] == [(p.index, p.rect, p.body) for p in again.placed]
    start = layout_wall(cards, area, Sizes(1080), anchor="start")
    assert start.placed[0].index == 0
    focused = layout_wall(cards, area, Sizes(1080), anchor="start", focus=39)
    assert any(p.index == 39 for p in focused.placed)


def test_plain_text_stays_plain():
    assert clean_text("<b>x</b> &amp;") == "<b>x</b> &amp;"
    assert clean_text("a\x00b\x07c") == "a b c"
    assert clean_text("a\n\n\n\nb") == "a\nb"
    assert clean_text("x" * 5000).endswith(ELLIPSIS) and len(clean_text("x" * 5000)) < 2500


def test_elided_lines_end_on_a_word():
    lines = ("one two three", "four five six", "seven eight")
    kept = elide_lines(lines, 2, 40, False, 2000)
    assert kept == ("one two three", "four five six" + ELLIPSIS)


def test_fit_block_prefers_one_line():
    block = fit_block("Welcome and check-in", 900, 400, 98, 45, bold=True, max_lines=2, fewest_lines=True)
    assert len(block.lines) == 1


def test_display_font_is_the_bundled_one():
    from PySide6.QtGui import QFontDatabase, QFontInfo

    from facilitator.resources import resource

    assert resource("fonts", "display", "FiraSans-Regular.ttf").is_file()
    assert resource("fonts", "display", "LICENSE-FiraSans-OFL.txt").is_file()
    assert FAMILY in QFontDatabase.families()
    assert QFontInfo(display_font(40)).family() == FAMILY
