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
from ui.presenter.grid import MatrixGrid, layout_grid
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


# The responsibility matrix as a grid ---------------------------------------------------------------

ORGANISATIONS_12 = (
    "Riverside Borough Council", "Riverside and Westbrook NHS Foundation Trust",
    "Northshire Police – Riverside Neighbourhood Policing", "Riverside Homes", "Riverside College",
    "Riverside Council for Voluntary Service (CVS)", "Eastfield Community Association", "Riverside Interfaith Forum",
    "Riverside Chamber of Commerce", "Northshire Fire and Rescue Service", "Westbrook Primary Schools Partnership",
    "Age UK Riverside",
)
ACTION_TEXTS = (
    "Map the community engagement competencies each agency already uses into one shared framework",
    "Book the venues",
    "Find free or low-cost venues across the borough with step-free access and a hearing loop",
    "Take the agreed values to the LSP Board for endorsement",
    "Draft a short survey of frontline staff and volunteers on the learning and support they need, then share "
    "the results with every partner before the next session so that the programme can be shaped around them "
    "and nobody is surprised by what it asks of their staff",
    "Share contact lists",
)


def matrix_marks(index: int, count: int = 12) -> tuple[str, ...]:
    """One lead and up to two supporters per action, spread over every organisation."""
    marks = [""] * count
    marks[index % count] = "L"
    for other in ((index * 5 + 3) % count, (index * 7 + 1) % count):
        if not marks[other]:
            marks[other] = "S"
    return tuple(marks)


def matrix_12_by_30() -> MatrixGrid:
    rows = tuple((f"{ACTION_TEXTS[i % len(ACTION_TEXTS)]} (action {i + 1})", matrix_marks(i)) for i in range(30))
    return MatrixGrid(ORGANISATIONS_12, rows)


def matrix_board_of(grid: MatrixGrid) -> Board:
    return Board(boards.MATRIX, title="Shared responsibilities", grid=grid, anchor="start", unit="actions")


def assert_grid_fits(scene: Scene) -> None:
    """As `assert_scene_fits`, and: no two texts overlap, every row and cell lies in the table,
    the key and the footer lie below the table, and every mark sits in its own cell."""
    assert_scene_fits(scene)
    grid = scene.grid
    assert grid is not None and grid.px >= scene.floor_px
    texts = [t for t in scene.texts if t.lines]
    for i, first in enumerate(texts):
        for second in texts[i + 1:]:
            overlap = first.rect.intersected(second.rect)
            assert overlap.width() < 1 or overlap.height() < 1, (first.kind, first.lines, second.kind, second.lines)
    table = grid.table.adjusted(-0.5, -0.5, 0.5, 0.5)
    for row in grid.rows:
        assert table.contains(row.rect) and row.rect.contains(row.text_rect)
        for _org, cell, _mark in row.marks:
            assert table.contains(cell)
    for item in scene.texts:
        if item.kind in ("key", "key_label", "footer") and item.rect.top() > grid.header.bottom():
            assert item.rect.top() >= grid.table.bottom() - 0.5, item
    marks = [t for t in scene.texts if t.kind == "mark"]
    cells = [(cell, mark) for row in grid.rows for _o, cell, mark in row.marks if mark]
    assert len(marks) == len(cells)
    for item, (cell, mark) in zip(marks, cells):
        assert item.lines == (mark,) and cell.contains(item.rect)


def grid_pages(board: Board, width: int, height: int, scale: float = 1.0) -> list[Scene]:
    first = compose(board, width, height, scale=scale)
    return [compose(board, width, height, scale=scale, page=page) for page in range(first.page_count)]


@pytest.mark.parametrize("width,height", SIZES)
def test_matrix_12_by_30_fits_pages_and_reaches_every_cell(width, height):
    grid = matrix_12_by_30()
    scenes = grid_pages(matrix_board_of(grid), width, height)
    assert len(scenes) > 1
    seen_cells: dict[tuple[int, int], str] = {}
    seen_rows, seen_keys = set(), set()
    for scene in scenes:
        assert_grid_fits(scene)
        layout = scene.grid
        assert layout.px == scene.floor_px  # 12 × 30 needs the floor, never less
        key = {item.lines[0] for item in scene.texts if item.kind == "key_label"}
        for org, _cell in layout.columns:
            assert str(org + 1) in key  # every column shown is named in the key on the same page
            assert str(org + 1) in [t.lines[0] for t in scene.texts if t.kind == "header"]
        names = " ".join(" ".join(t.lines) for t in scene.texts if t.kind == "key")
        for org, _cell in layout.columns:
            assert ORGANISATIONS_12[org] in names  # the full name, never shortened
            seen_keys.add(org)
        for row in layout.rows:
            seen_rows.add(row.index)
            for org, _cell, mark in row.marks:
                assert (row.index, org) not in seen_cells, "each cell is shown once"
                seen_cells[(row.index, org)] = mark
        left, right = layout.indicators()
        footer = [t.lines[0] for t in scene.texts if t.kind == "footer"]
        if layout.row_pages > 1:
            assert left in footer and left.startswith(f"Actions {layout.first_row + 1}")
        if layout.groups > 1:
            assert right in footer and re.fullmatch(r"Organisations \d+–\d+ of 12", right)
    assert seen_rows == set(range(30)) and seen_keys == set(range(12))
    assert seen_cells == {(r, o): grid.rows[r][1][o] for r in range(30) for o in range(12)}
    assert {"L", "S"} <= set(seen_cells.values())


@pytest.mark.parametrize("width,height", SIZES)
def test_matrix_actions_are_wrapped_and_shortened_only_at_a_word(width, height):
    grid = matrix_12_by_30()
    for scene in grid_pages(matrix_board_of(grid), width, height):
        for row in scene.grid.rows:
            text = clean_text(grid.rows[row.index][0])
            lines = row.lines
            assert 1 <= len(lines) <= 3
            if lines[-1].endswith(ELLIPSIS):
                shown = " ".join(lines)[:-1].rstrip()
                words = shown.split()
                assert text.startswith(" ".join(words[:-1])) and words[-1] in text.split()  # whole words
            else:
                assert " ".join(lines).split() == text.split()  # nothing lost


@pytest.mark.parametrize("width,height", SIZES)
def test_a_small_matrix_is_one_page_and_larger_than_the_floor(width, height):
    grid = MatrixGrid(ORGANISATIONS_12[:4], tuple((ACTION_TEXTS[i], matrix_marks(i, 4)) for i in (1, 3, 5)))
    scenes = grid_pages(matrix_board_of(grid), width, height)
    assert len(scenes) == 1
    assert_grid_fits(scenes[0])
    assert scenes[0].grid.px > scenes[0].floor_px
    assert not [t for t in scenes[0].texts if t.kind == "footer"]  # one page: nothing to say


@pytest.mark.parametrize("width,height", SIZES)
def test_matrix_with_hostile_names_and_texts_fits(width, height):
    names = tuple(HOSTILE[i % len(HOSTILE)][:300] for i in range(12))
    grid = MatrixGrid(names, tuple((HOSTILE[i % len(HOSTILE)], matrix_marks(i)) for i in range(12)))
    for scale in (0.6, 1.0, 2.2):
        for scene in grid_pages(matrix_board_of(grid), width, height, scale):
            assert_grid_fits(scene)


def test_matrix_layout_is_pure_and_pages_rows_before_columns():
    grid = matrix_12_by_30()
    area = QRectF(40, 120, 940, 560)
    first = layout_grid(grid, area, Sizes(768), page=0)
    again = layout_grid(grid, area, Sizes(768), page=0)
    assert first == again
    assert first.groups > 1  # 12 columns do not fit 1024 pixels beside a readable action column
    second = layout_grid(grid, area, Sizes(768), page=1)
    assert second.rows[0].index == first.rows[0].index and second.first_column > first.last_column
    assert layout_grid(grid, area, Sizes(768), page=first.groups).first_row == first.last_row + 1


# The health check: one prompt at a time ----------------------------------------------------------


def health_prompts(texts: list[str]) -> Board:
    ratings = [("Rated: Amber", "rating_amber", "triangle"), ("Not rated yet", "", ""),
               ("Rated: 4 out of 5", "rating_green", "dots:4/5"), ("Rated: Red", "rating_red", "cross")]
    cards = tuple(Card(i, text, *ratings[i % len(ratings)][:1], stripe=ratings[i % len(ratings)][1],
                       symbol=ratings[i % len(ratings)][2]) for i, text in enumerate(texts))
    return Board(boards.HEALTH, title="Partnership health check", prompt="Red, amber or green", cards=cards,
                 anchor="start", focus=0, spotlight=True, unit="prompts")


@pytest.mark.parametrize("width,height", SIZES)
def test_health_prompt_is_large_and_alone_and_everything_fits(width, height):
    texts = ["Trust between partners", *HOSTILE, "How we reach consensus and make decisions " * 12]
    board = health_prompts(texts)
    for index in range(len(texts)):
        for scale in (0.6, 1.0, 2.2):
            scene = compose(board, width, height, scale=scale, page=index)
            assert_scene_fits(scene)
            assert scene.page == index and scene.page_count == len(texts)
            [body] = [t for t in scene.texts if t.kind == "body"]
            assert f"Prompt {index + 1} of {len(texts)}" in scene.visible_texts()
            [rating] = [t for t in scene.texts if t.kind == "rating"]
            badge = next(f for f in scene.frames if f.kind == "badge")
            assert badge.rect.contains(rating.rect) and body.rect.bottom() <= badge.rect.top()
            for shape in scene.shapes:
                assert badge.rect.contains(shape.rect) and not shape.rect.intersects(rating.rect)
            if index == 0 and scale == 1.0:
                assert body.px >= 2 * scene.floor_px  # a short prompt is large
                assert rating.px > scene.floor_px and rating.lines == ("Rated: Amber",)
    assert [s.kind for s in compose(board, width, height, page=2).shapes] == ["dot"] * 4 + ["ring"]
    assert compose(board, width, height, page=1).shapes == ()  # not rated: words only, dashed border
    assert compose(board, width, height).page == 0  # no page chosen: the board's focus
