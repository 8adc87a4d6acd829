"""Hostile input through the whole console: arbitrary text (any Unicode, control characters,
markup, 100,000 characters) typed or pasted into every text field of the Plan, Run, Actions,
Decisions and Health check pages. The console, the presenter and the PDF must survive it and show
it literally.

The fields are found generically (every editable QLineEdit / QPlainTextEdit / QTextEdit on those
pages, spin boxes aside); FIELDS below says, for each, how it is committed (Enter, or leaving it)
and where the file keeps it, and the test fails if a page grows a text field FIELDS does not know.
For each value and field, the test checks that:

- nothing raised (pytest-qt fails the test on an exception in a Qt slot);
- the file holds the value verbatim, or, where the field refuses it (a blank title, a date that is
  no date, a lead that names no organisation), the file is unchanged and the field still holds
  what was typed (nothing typed is lost). Documented transformations are allowed: the capture box
  files `capture.parse(text).text` (@name and #category are quick-capture syntax), the action
  capture strips its text and note, and multi-line fields hold line breaks as "\\n" (Qt's text
  document turns "\\r\\n", "\\r", U+2028 and U+2029 into "\\n");
- the console shows it literally: model DisplayRole equals the stored text, item tooltips are
  escaped, every QLabel and message box is PlainText;
- the presenter shows it, after its documented normalisation (ui/presenter/layout.py: control
  characters become spaces, bidi overrides and stacked accents beyond two are dropped, blank lines
  collapse, text is cut at a word after 2,400 characters, cards too tall for a page continue on the
  next; headings, matrix actions and the spotlit health prompt are elided with "…");
- the PDF export succeeds, prints short printable text (every markup sample) literally, and has no
  link annotation and no image. (The 100,000-character text gets its own PDF test: in every field
  at once it would take many minutes to lay out; see test_a_long_paste_prints_whole_and_literally.)

Two smaller tests pin what this found about characters beyond U+FFFF (emoji), whose positions Qt
counts in UTF-16 code units and Python in code points.
"""

from __future__ import annotations

import itertools
import random
import re
import shutil
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st
from pypdf import PdfReader
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import (
    QAbstractSpinBox,
    QApplication,
    QCompleter,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPlainTextEdit,
    QStackedWidget,
    QTabWidget,
    QTextEdit,
    QWidget,
)

from facilitator import capture, templates
from facilitator.pdf.renderer import export_session_pdf
from facilitator.sample import write_sample
from tests.ui.helpers import DialogWatcher, type_keys
from ui.main_window import MainWindow
from ui.plan.session_form import check_real_date, check_real_time, normalise_date, normalise_time
from ui.presenter import boards
from ui.presenter.layout import MAX_TEXT_CHARS, clean_text
from ui.plain_text import editor_text
from ui.settings import Settings

SESSION_ID = 2  # the sample's planned session: agenda, health check, actions carried forward
PAGES = ("plan_view", "run_view", "actions_page", "decisions_page", "health_page")
TYPE_AT_MOST = 40  # shorter printable values are typed key by key; others are pasted
PDF_AT_MOST = 5_000  # longer values skip the PDF of the whole session (see the test)

MARKUP = ("<h1>x</h1>", "<img src=/etc/passwd>", "<a href=x>y</a>", "&bogus;", "<b>")
CONTROLS = [chr(c) for c in range(0x20)] + ["\x7f"] + [chr(c) for c in range(0x80, 0xA0)] + [
    "\u200b", "\u200e", "\u202e", "\u2066", "\u2028", "\u2029", "\ufeff", "\ufffe", "\U000e0001"]


def _huge() -> str:
    """Exactly 100,000 characters: words of several scripts, markup, emoji, controls, line breaks."""
    words = ["We", "could", "share", "the", "venue", "on", "Tuesdays", *MARKUP, "café", "ŵyl", "Łódź", "Ελλάδα",
             "Москва", "اردو", "বাংলা", "中文", "😀", "\x01", "\x1b[31m", "\t", "\n", "\r\n", "\u202e"]
    rng = random.Random(100_000)
    parts, size = [], 0
    while size < 100_000:
        parts.append(rng.choice(words))
        size += len(parts[-1]) + 1
    return "Long paste: " + " ".join(parts)[: 100_000 - len("Long paste: ")]


class Long(str):
    """A long text that Hypothesis reports by its length, not its 100,000 characters."""

    def __repr__(self) -> str:
        return f"HUGE ({len(self):,} characters)"

    def _repr_pretty_(self, printer, cycle) -> None:
        printer.text(repr(self))


HUGE = Long(_huge())
assert len(HUGE) == 100_000

hostile_text = st.one_of(
    st.text(max_size=200),  # any Unicode except lone surrogates (not valid text in a file or on screen)
    st.sampled_from(MARKUP),
    st.lists(st.sampled_from(MARKUP) | st.text(max_size=8), min_size=1, max_size=5).map(" ".join),
    st.text(st.sampled_from(CONTROLS) | st.sampled_from("ab <>&"), min_size=1, max_size=30),
)


# What a field does with text -----------------------------------------------------------------------

def lines(text: str) -> str:
    """What a Qt text document (QPlainTextEdit) gives back for `text`: its line breaks as "\\n"."""
    return re.sub("\r\n|[\r\u2028\u2029]", "\n", text)


def required(text: str) -> str | None:
    return text if text.strip() else None


def session_date(text: str) -> str | None:
    value = normalise_date(text)
    ok = not value or (re.fullmatch(r"\d{4}-\d{2}-\d{2}", value) and check_real_date(value) is None)
    return value if ok else None


def session_time(text: str) -> str | None:
    value = normalise_time(text)
    ok = not value or (re.fullmatch(r"\d{2}:\d{2}", value) and check_real_time(value) is None)  # as the core
    return value if ok else None


@dataclass
class Ctx:
    window: MainWindow
    number: int
    stored: dict[str, Any] = field(default_factory=dict)  # field name → what the file now holds

    @property
    def pf(self):
        return self.window.document.pf

    def names(self):
        return self.window.run_view.names.names()


@dataclass(frozen=True)
class Field:
    """One text field: how to commit it, what the file should then hold, where to read that back.

    `read(ctx)` returns the value of an existing row's column, or (for fields that add a row) the
    rows as {id: text}. `expect(text, ctx)` is what the file should hold, or None when the field
    must refuse the text (the file is unchanged and the field keeps what was typed).
    """

    name: str  # the widget's accessible name
    commit: str  # "enter" or "leave"
    read: Callable[[Ctx], Any]
    expect: Callable[[str, Ctx], str | None]
    adds_row: bool = False
    prepare: Callable[[Ctx], None] = lambda ctx: None
    shown: Callable[[Ctx, Any], list[str]] | None = None  # DisplayRole texts where the console lists it
    row: Callable[[Ctx], Any] | None = None  # for `shown`: the row a form edits


def column(sql: str, row_id: Callable[[Ctx], int]) -> Callable[[Ctx], Any]:
    return lambda ctx: ctx.pf.scalar(sql, (row_id(ctx),))


def rows(sql: str, *args: Callable[[Ctx], Any]) -> Callable[[Ctx], dict]:
    return lambda ctx: {r[0]: r[1] for r in ctx.pf.conn.execute(sql, tuple(a(ctx) for a in args))}


def form_row(page: str, form: str) -> Callable[[Ctx], int]:
    def row_id(ctx: Ctx) -> int:
        found = getattr(getattr(ctx.window.plan_view, page), form).row_id
        assert found is not None, f"{page}.{form} shows no row"
        return found
    return row_id


def display(model: Callable[[Ctx], Any], col: int = 0) -> Callable[[Ctx, Any], list[str]]:
    """The DisplayRole of `col` in the row of `row_id` (checking its tooltip is escaped on the way)."""
    def shown(ctx: Ctx, row_id: Any) -> list[str]:
        found = model(ctx)
        row = found.row_of_id(row_id)
        assert row >= 0, f"row {row_id} is not listed in {type(found).__name__}"
        index = found.index(row, col)
        assert_escaped_tooltip(index.data(Qt.ItemDataRole.ToolTipRole))
        return [index.data(Qt.ItemDataRole.DisplayRole)]
    return shown


def session_row(ctx: Ctx) -> int:
    return SESSION_ID


def agenda_row(ctx: Ctx) -> int:
    return form_row("agenda_page", "item_form")(ctx)


def prepare_actions(ctx: Ctx) -> None:
    capture_row = ctx.window.actions_page.capture
    for edit in (capture_row.text_edit, capture_row.lead_edit, capture_row.supporters_edit, capture_row.due_edit,
                 capture_row.contact_edit):
        edit.clear()


def prepare_status_change(ctx: Ctx) -> None:
    panel = ctx.window.actions_page.review_panel
    assert panel.model.rowCount(), "the sample's session 2 reviews actions carried forward"
    panel.table.select_cell(0, 0)
    current = panel.model.row_dict(0)["status"]
    index = next(i for i in range(panel.status_combo.count()) if panel.status_combo.itemData(i) != current)
    panel.status_combo.setCurrentIndex(index)


def prepare_decision(ctx: Ctx) -> None:
    ctx.window.decisions_page.compose()


def prepare_decision_body(ctx: Ctx) -> None:
    ctx.window.decisions_page.compose()
    ctx.window.decisions_page.form.text.edit.setPlainText(f"Decision {ctx.number} with a named body")


def prepare_why(ctx: Ctx) -> None:
    board = ctx.window.run_view.values_board
    board.select_id(board.model.id_at(0))


def prepare_prompt_note(ctx: Ctx) -> None:
    ctx.window.health_page.table.select_cell(0, 1)


def first_value(ctx: Ctx) -> int:
    return ctx.window.run_view.values_board.model.id_at(0)


def chosen_prompt(ctx: Ctx) -> int:
    page = ctx.window.health_page
    return page.model.id_at(page.table.current_row())


def health_check(ctx: Ctx) -> int:
    return ctx.window.health_page.check_id


def contribution(text: str, ctx: Ctx) -> str | None:
    if not text.strip():
        return None  # Enter on a blank box does nothing
    return capture.parse(text, ctx.names()).text or None


def user_templates(ctx: Ctx) -> dict:
    return {t.slug: t.name for t in templates.available() if t.user}


def stripped(text: str, ctx: Ctx) -> str | None:
    return text.strip() or None


def contribution_shown(ctx: Ctx, row_id: int) -> list[str]:
    run = ctx.window.run_view
    model = run.parked if run.parked.row_of_id(row_id) >= 0 else run.contributions
    return display(lambda c: model)(ctx, row_id)


FIELDS: tuple[Field, ...] = (
    # Plan: session details, agenda item, organisation, person.
    Field("Session title", "enter", column("SELECT title FROM session WHERE id = ?", session_row),
          lambda t, c: required(t), row=session_row, shown=lambda ctx, _id: [
              ctx.window.session_model.index(ctx.window.session_model.row_of_id(SESSION_ID), 1).data(),
              ctx.window.run_view.session_label.text().rsplit(" — ", 1)[0]]),
    Field("Venue", "enter", column("SELECT venue FROM session WHERE id = ?", session_row), lambda t, c: t),
    Field("Facilitator", "enter", column("SELECT facilitator FROM session WHERE id = ?", session_row), lambda t, c: t),
    Field("Date", "enter", column("SELECT date FROM session WHERE id = ?", session_row), lambda t, c: session_date(t)),
    Field("Start time", "enter", column("SELECT start_time FROM session WHERE id = ?", session_row),
          lambda t, c: session_time(t)),
    Field("Session notes (private, never projected)", "leave",
          column("SELECT notes FROM session WHERE id = ?", session_row), lambda t, c: lines(t)),
    Field("Agenda item title", "enter", column("SELECT title FROM agenda_item WHERE id = ?", agenda_row),
          lambda t, c: required(t), row=agenda_row,
          shown=display(lambda ctx: ctx.window.plan_view.agenda_page.model)),
    Field("Prompt or question for the room", "leave", column("SELECT prompt FROM agenda_item WHERE id = ?", agenda_row),
          lambda t, c: lines(t)),
    Field("Facilitator's notes (private, never projected)", "leave",
          column("SELECT notes FROM agenda_item WHERE id = ?", agenda_row), lambda t, c: lines(t)),
    Field("Organisation name", "enter",
          column("SELECT name FROM organisation WHERE id = ?", form_row("organisations_page", "form")),
          lambda t, c: required(t), row=form_row("organisations_page", "form"),
          shown=display(lambda ctx: ctx.window.plan_view.organisations_page.model)),
    Field("Notes about the organisation", "leave",
          column("SELECT notes FROM organisation WHERE id = ?", form_row("organisations_page", "form")),
          lambda t, c: lines(t)),
    Field("Name", "enter", column("SELECT name FROM participant WHERE id = ?", form_row("people_page", "form")),
          lambda t, c: required(t), row=form_row("people_page", "form"),
          shown=display(lambda ctx: ctx.window.plan_view.people_page.model)),
    Field("Role or remit", "enter",
          column("SELECT role FROM participant WHERE id = ?", form_row("people_page", "form")), lambda t, c: t),
    Field("Access needs", "enter",
          column("SELECT access_needs FROM participant WHERE id = ?", form_row("people_page", "form")), lambda t, c: t),
    # Run: the capture box, values.
    Field("Capture contribution", "enter",
          rows("SELECT id, text FROM contribution WHERE session_id = ?", session_row), contribution, adds_row=True,
          shown=contribution_shown),
    Field("Propose a value", "enter", rows("SELECT id, text FROM value"), lambda t, c: required(t), adds_row=True,
          shown=display(lambda ctx: ctx.window.run_view.values_board.model)),
    Field("Why it matters", "leave", column("SELECT why_notes FROM value WHERE id = ?", first_value),
          lambda t, c: lines(t), prepare=prepare_why),
    # Actions: capture one, and review one carried forward.
    Field("Action", "enter", rows("SELECT id, text FROM action WHERE session_id = ?", session_row), stripped,
          adds_row=True, prepare=prepare_actions),
    *(Field(name, "enter", rows("SELECT id, text FROM action WHERE session_id = ?", session_row),
            lambda t, c: None, adds_row=True, prepare=prepare_actions)  # no action text: nothing is stored
      for name in ("Lead organisation", "Supporting organisations", "Due date", "Contact person (optional)")),
    Field("Note with the status change", "enter",
          rows("SELECT id, note FROM action_status_change WHERE session_id = ?", session_row),
          lambda t, c: t.strip(), adds_row=True, prepare=prepare_status_change),  # the note is optional
    # Decisions.
    Field("Decision text", "enter", rows("SELECT id, text FROM decision WHERE session_id = ?", session_row),
          lambda t, c: lines(t) if t.strip() else None, adds_row=True, prepare=prepare_decision,
          shown=display(lambda ctx: ctx.window.decisions_page.model)),
    Field("Named body the recommendation goes to", "enter",
          rows("SELECT id, status_body FROM decision WHERE session_id = ?", session_row), lambda t, c: t,
          adds_row=True, prepare=prepare_decision_body),
    # Health check: a note on a rating, a new prompt, a template of one's own.
    Field("Note for the chosen prompt", "enter",
          column("SELECT note FROM health_rating WHERE health_prompt_id = ? AND organisation_id IS NULL",
                 chosen_prompt),
          lambda t, c: t or None, prepare=prepare_prompt_note),  # nothing typed, nothing to save
    Field("New prompt", "enter", rows("SELECT id, text FROM health_prompt WHERE health_check_id = ?", health_check),
          lambda t, c: required(t), adds_row=True),
    Field("Name of the new template", "enter", user_templates, stripped, adds_row=True),
)


# Helpers ---------------------------------------------------------------------------------------------

class RecordingWatcher(DialogWatcher):
    """Answers message boxes (a refused value is explained in one) and checks they are plain text."""

    def __init__(self):
        super().__init__()
        self.formats: list[Qt.TextFormat] = []

    def _poll(self) -> None:
        widget = QApplication.activeModalWidget()
        if isinstance(widget, QMessageBox):
            self.formats.append(widget.textFormat())
        super()._poll()


def text_fields(window: MainWindow) -> dict[str, QWidget]:
    found: dict[str, QWidget] = {}
    for page_name in PAGES:
        page = getattr(window, page_name)
        for kind in (QLineEdit, QPlainTextEdit, QTextEdit):
            for widget in page.findChildren(kind):
                if isinstance(widget.parent(), QAbstractSpinBox) or widget.isReadOnly():
                    continue
                name = widget.accessibleName()
                assert name and name not in found, f"text fields need distinct accessible names: {name!r}"
                found[name] = widget
    return found


def reveal(widget: QWidget) -> None:
    """Bring the tabs (and stacks) holding `widget` to the front, outermost first."""
    chain = []
    child, parent = widget, widget.parentWidget()
    while parent is not None:
        if isinstance(parent, QStackedWidget):
            chain.append((parent, child))
        child, parent = parent, parent.parentWidget()
    for stack, page in reversed(chain):
        holder = stack.parentWidget()
        if isinstance(holder, QTabWidget):
            holder.setCurrentWidget(page)
        else:
            stack.setCurrentWidget(page)
    QApplication.processEvents()


def hide_popups(widget: QWidget) -> None:
    completers = widget.findChildren(QCompleter)
    if isinstance(widget, QLineEdit) and widget.completer() is not None:
        completers.append(widget.completer())
    for completer in completers:
        completer.popup().hide()


def enter_text(widget: QWidget, text: str) -> str:
    """Type `text` (short and printable) or paste it, as a person would; returns how it was entered."""
    window = widget.window()
    if not window.isActiveWindow():  # a message box just closed: the console has the keyboard again
        window.activateWindow()
        QApplication.processEvents()
    widget.setFocus(Qt.FocusReason.OtherFocusReason)
    assert widget.hasFocus(), f"{widget.accessibleName()} did not get the keyboard"
    if len(text) <= TYPE_AT_MOST and text.isprintable():
        widget.clear()
        type_keys(widget, text)
        return "typed"
    QApplication.clipboard().setText(text)
    widget.selectAll()
    widget.paste()
    return "pasted"


def widget_text(widget: QWidget) -> str:
    return widget.text() if isinstance(widget, QLineEdit) else editor_text(widget)


def commit(window: MainWindow, widget: QWidget, how: str) -> None:
    if how == "enter":
        hide_popups(widget)
        QTest.keyClick(widget, Qt.Key.Key_Return)
    else:  # leaving the field finishes it: give the keyboard to the session chooser
        window.session_box.setFocus(Qt.FocusReason.TabFocusReason)
        assert not widget.hasFocus()
    QApplication.processEvents()


def assert_escaped_tooltip(tip: Any) -> None:
    """Item tooltips render HTML, so ours are our own paragraph with the user's text escaped inside."""
    if not tip:
        return
    prefix, suffix = "<p style='white-space:pre-wrap'>", "</p>"
    assert tip.startswith(prefix) and tip.endswith(suffix), tip[:80]
    assert "<" not in tip[len(prefix): -len(suffix)], "user markup reached a tooltip unescaped"


def assert_labels_plain(*widgets: QWidget) -> None:
    for widget in widgets:
        for label in widget.findChildren(QLabel):
            assert label.textFormat() == Qt.TextFormat.PlainText, f"{label.accessibleName()!r}: {label.text()[:60]!r}"


def squash(text: str) -> str:
    return "".join(text.split())


def projected(text: str) -> str:
    """What the presenter promises to draw of `text`, whitespace aside (see ui/presenter/layout.py).

    Checks, on the way, that its normalisation only removes or replaces what it documents."""
    cleaned = clean_text(text)
    cut = cleaned.endswith(" …") and len(text) > MAX_TEXT_CHARS
    body = cleaned[:-2] if cut else cleaned
    droppable = re.compile(r"[\x00-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\s]")
    plain = "".join(c for c in droppable.sub("", text) if not unicodedata.combining(c))
    kept = "".join(c for c in droppable.sub("", body) if not unicodedata.combining(c))
    differ = next((i for i, (a, b) in enumerate(zip(plain, kept)) if a != b), min(len(plain), len(kept)))
    assert plain.startswith(kept), (
        f"the presenter changed text beyond its documented normalisation, at {differ} of {len(kept)}: "
        f"{plain[differ - 10: differ + 10]!r} became {kept[differ - 10: differ + 10]!r}")
    return squash(cleaned)


def presenter_texts(window: MainWindow, pin: str, kinds: tuple[str, ...]) -> list[str]:
    """The text items of these kinds on every page of a pinned view, each item's lines joined."""
    controller = window.presenter
    controller.pin(pin)
    view = controller.window.view
    found: list[str] = []
    count = view.scene().page_count
    view.turn_page(-count)
    for _ in range(count):
        found += [" ".join(t.lines) for t in view.scene().texts if t.kind in kinds]
        view.turn_page(1)
    return found


def assert_projected(window: MainWindow, pin: str, text: str | None, *, kinds=("body",), whole=True) -> None:
    """`text` is on the pinned view: whole (card bodies, split over pages if need be), or at least its
    start (headings, which are elided with "…")."""
    if text is None or not squash(clean_text(text)):
        return
    expected = projected(text)
    shown = presenter_texts(window, pin, kinds)
    if whole:
        if len(text) > MAX_TEXT_CHARS and expected.endswith("…"):  # cut near 2,400 characters, at a word
            expected = squash(clean_text(text)[: MAX_TEXT_CHARS - 60])
        assert expected in squash("".join(shown)), f"{pin}: {text[:60]!r} not projected"
    else:
        starts = [squash(s).removesuffix("…") for s in shown]
        assert any(s and expected.startswith(s) for s in starts), f"{pin}: {text[:60]!r} not projected"


def pdf_text_and_safety(path: Path) -> str:
    reader = PdfReader(path)
    for page in reader.pages:
        assert "/Annots" not in page, "the PDF has an annotation (a link?)"
        xobjects = page["/Resources"].get("/XObject", {})
        assert not xobjects, "the PDF has an image or other external object"
    raw = path.read_bytes()
    assert b"/URI" not in raw and b"/Link" not in raw
    return squash("".join(page.extract_text() for page in reader.pages))


# The test -------------------------------------------------------------------------------------------

_counter = itertools.count()


@pytest.fixture(scope="module")
def sample_file(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("sample") / "riverside.facilitator"
    write_sample(path)
    return path


@pytest.mark.slow
@settings(max_examples=20, deadline=None, derandomize=True,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow,
                                 HealthCheck.data_too_large])
@given(text=hostile_text)
@example(text=HUGE)
@example(text=" ".join(MARKUP))
@example(text="\x00\x01\x07\x08\x1b[31mred\x7f\x85\u202eevil\u2028\r\n\t")
@example(text="Prix\xa0: 10\xa0€, « d’accord\xa0»")  # no-break spaces (Qt's toPlainText makes them spaces)
def test_hostile_text_in_every_field_survives_and_shows_literally(qtbot, tmp_path, sample_file, text):
    number = next(_counter)
    path = tmp_path / f"hostile-{number}.facilitator"
    shutil.copy(sample_file, path)
    window = MainWindow(Settings(tmp_path / "settings.ini"))
    qtbot.addWidget(window)
    window.show()
    qtbot.waitActive(window)
    watcher = RecordingWatcher()
    ctx = Ctx(window, number)
    try:
        assert window.open_path(path)
        window.select_session(SESSION_ID)
        window.actions["start"].trigger()
        assert window.run_view.live.running

        fields = text_fields(window)
        known = {f.name for f in FIELDS}
        assert set(fields) == known, ("the console's text fields changed: add the new ones to FIELDS "
                                      f"(new: {sorted(set(fields) - known)}, gone: {sorted(known - set(fields))})")

        for spec in FIELDS:
            widget = fields[spec.name]
            reveal(widget)
            spec.prepare(ctx)
            QApplication.processEvents()
            assert widget.isVisible() and widget.isEnabled(), f"{spec.name} cannot be edited"
            before = spec.read(ctx)
            how = enter_text(widget, text)
            typed = widget_text(widget)
            wanted = lines(text) if isinstance(widget, QPlainTextEdit) else text
            assert typed == wanted, f"{spec.name}: the field holds something else than was {how}"
            commit(window, widget, spec.commit)
            after = spec.read(ctx)
            expected = spec.expect(text, ctx)
            where = f"{spec.name} ({how}, {len(text)} chars)"
            if spec.adds_row:
                added = {k: v for k, v in after.items() if k not in before}
                if expected is None:
                    assert not added, f"{where}: stored {list(added.values())[:1]!r}, expected a refusal"
                    assert widget_text(widget) == typed, f"{where}: refused, and the typed text was lost"
                else:
                    assert list(added.values()) == [expected], f"{where}: the file holds something else"
                    row_id = next(iter(added))
                    ctx.stored[spec.name] = expected
                    if spec.shown is not None:
                        assert spec.shown(ctx, row_id) == [expected], f"{where}: the console shows something else"
            elif expected is None:
                assert after == before, f"{where}: stored {after!r}, expected a refusal"
                assert widget_text(widget) == typed, f"{where}: refused, and the typed text was lost"
            else:
                assert after == expected, f"{where}: the file holds something else"
                ctx.stored[spec.name] = expected
                if spec.shown is not None:
                    shown = spec.shown(ctx, spec.row(ctx))
                    assert shown == [expected] * len(shown), f"{where}: the console shows something else"
            if spec.prepare is prepare_actions:
                prepare_actions(ctx)  # a refused lead or date would stop the next action being stored

        assert_labels_plain(window)
        assert all(f == Qt.TextFormat.PlainText for f in watcher.formats), "a message box interpreted markup"

        # The presenter: what the room sees.
        window.presenter.start()
        try:
            stored = ctx.stored
            said = stored.get("Capture contribution")
            parked = said is not None and capture.parse(text, ctx.names()).parked
            assert_projected(window, boards.PARKING if parked else boards.LIVE, said)
            assert_projected(window, boards.VALUES, stored.get("Propose a value"))
            assert_projected(window, boards.MATRIX, stored.get("Action"), kinds=("action",), whole=False)
            assert_projected(window, boards.HEALTH, stored.get("New prompt"), whole=False)  # one prompt a page
            title = stored.get("Agenda item title")
            if title is not None:
                assert_projected(window, boards.AGENDA, title)  # "1. <title>", wrapped, never cut
                assert_projected(window, boards.LIVE, title, kinds=("title",), whole=False)
            assert_projected(window, boards.LIVE, stored.get("Prompt or question for the room"), kinds=("prompt",),
                             whole=False)
            assert_projected(window, boards.WELCOME, stored.get("Session title"), kinds=("title",), whole=False)
            assert_labels_plain(window.presenter.window)
        finally:
            window.presenter.stop()

        # The PDF handout. With the same long text in every field it takes minutes (reportlab wraps a
        # long paragraph again for every page it splits over); the long text gets a PDF of its own,
        # in test_a_long_paste_prints_whole_and_literally.
        if len(text) <= PDF_AT_MOST:
            pdf = tmp_path / f"hostile-{number}.pdf"
            export_session_pdf(window.document.pf, SESSION_ID, pdf)
            printed = pdf_text_and_safety(pdf)
            for sample in MARKUP:
                if sample in text:
                    assert squash(sample) in printed, f"{sample!r} was not printed literally"
            for name in ("Capture contribution", "Propose a value", "Decision text", "Session title"):
                plain = stored.get(name)
                if plain and plain.isascii() and plain.isprintable():
                    assert squash(plain) in printed, f"{name}: {plain!r} was not printed"
    finally:
        window.close()  # may explain, in a message box, why a refused value was not saved
        watcher.stop()



@pytest.mark.slow
def test_a_long_paste_prints_whole_and_literally(qtbot, tmp_path, sample_file):
    """The 100,000-character text pasted into the capture box: the export (on its worker thread, the
    console still typing meanwhile) prints all of it, markup literally, with no link and no image."""
    path = tmp_path / "long.facilitator"
    shutil.copy(sample_file, path)
    window = MainWindow(Settings(tmp_path / "settings.ini"))
    qtbot.addWidget(window)
    window.show()
    qtbot.waitActive(window)
    try:
        assert window.open_path(path)
        window.select_session(SESSION_ID)
        window.actions["start"].trigger()
        box = window.run_view.capture_box
        assert enter_text(box, HUGE) == "pasted"
        commit(window, box, "enter")
        said = capture.parse(HUGE, window.run_view.names.names()).text
        assert window.document.pf.scalar("SELECT count(*) FROM contribution WHERE text = ?", (said,)) == 1
        pdf = tmp_path / "long.pdf"
        export = window.export_pdf_to(pdf, offer_to_open=False)
        enter_text(window.run_view.capture_box, "Typed while the long summary is made")
        commit(window, window.run_view.capture_box, "enter")
        with qtbot.waitSignal(export.finished, timeout=120_000):
            pass
    finally:
        window.close()
    printed = pdf_text_and_safety(pdf)
    for sample in MARKUP:
        assert printed.count(squash(sample)) >= HUGE.count(sample), f"{sample!r} was not printed literally"
    assert printed.count("Tuesdays") >= HUGE.split().count("Tuesdays"), "part of the long text is missing"


# Characters beyond U+FFFF (emoji) -----------------------------------------------------------------
# Qt counts positions in UTF-16 code units, Python in code points: after an emoji they differ.

def test_names_complete_after_an_emoji(qtbot, planned):
    """The capture box read its cursor (UTF-16) as a Python index: after an emoji, typing raised
    IndexError in the completion handler and @name completed over the wrong characters."""
    from ui.document import Document
    from ui.run_view import RunView

    view = RunView(Document(planned["pf"]))
    qtbot.addWidget(view)
    view.set_session(planned["session"])
    view.show()
    view.start_session()
    box = view.capture_box
    type_keys(box, "😀😀 Thanks @an")
    assert box.open_completer() is box.name_completer
    QTest.keyClick(box, Qt.Key.Key_Tab)
    assert box.text() == "😀😀 Thanks @Ann Patel "
    type_keys(box, "for the 🏠 #off")
    assert box.open_completer() is box.category_completer
    QTest.keyClick(box, Qt.Key.Key_Tab)
    assert box.text() == "😀😀 Thanks @Ann Patel for the 🏠 #offer "
    QTest.keyClick(box, Qt.Key.Key_Return)
    [row] = planned["pf"].rows("SELECT text, participant_id, category FROM contribution")
    assert (row["text"], row["participant_id"], row["category"]) == ("😀😀 Thanks for the 🏠", planned["ann"], "offer")


def test_the_presenter_wraps_text_with_emoji_at_word_boundaries(qapp):
    from ui.presenter.layout import wrap

    text = "😀😀😀 hello there friends " * 6
    lines = wrap(text, 30, False, 300)
    assert all(line.strip() for line in lines), f"empty lines: {lines}"
    # Unicode line breaking allows a break between two emoji, so runs of emoji may split; words may not.
    words = {word for word in " ".join(lines).split() if word.strip("😀")}
    assert words <= set(text.split()), f"words broken: {lines}"
    assert "".join(" ".join(lines).split()) == "".join(text.split()), "characters lost or added"
