"""The tools' models alone (no view): sources recompute only when their tables change, rows update in place."""

from __future__ import annotations

from PySide6.QtCore import Qt

from facilitator.analysis.health import scale_of
from facilitator.analysis.voice import voice_balance
from facilitator.operations import contributions, decisions, people
from ui.models.base import Column
from ui.models.tools_models import (
    AnalysisSource,
    DecisionModel,
    FigureModel,
    counts_text,
    mean_text,
    rating_text,
)

from tests.ui.tools_support import sample  # noqa: F401  (a fixture)


def test_rating_words_never_rely_on_colour():
    rag, five = scale_of("rag"), scale_of("five")
    assert [rating_text(rag, n) for n in (1, 2, 3)] == ["✖ Red", "▲ Amber", "✔ Green"]
    assert rating_text(five, 4) == "4 of 5 ●●●●○"
    assert rating_text(rag, None) == ""
    assert mean_text(rag, 2.0) == "▲ Amber"
    assert mean_text(rag, 7 / 3) == "2.3 of 3"
    assert mean_text(five, None) == ""


def test_counts_are_worded_in_the_scale_order_whatever_the_dict_order():
    assert counts_text({"block": 1, "endorse": 2}) == "Wholehearted endorsement 2 · Block 1"


def test_a_source_recomputes_only_for_its_tables_and_rows_update_in_place(qtbot, sample):
    computed = []

    def compute(pf, session_id):
        computed.append(session_id)
        return voice_balance(pf, session_id)

    source = AnalysisSource(sample.document, frozenset({"contribution"}), compute)
    model = FigureModel(source, lambda v: [{"id": t.key or 0, "label": t.label, "count": t.count}
                                           for t in v.by_organisation],
                        (Column("Who", lambda r: r["label"]), Column("Said", lambda r: str(r["count"]))))
    assert computed == [] and model.rowCount() == 0
    source.set_key(1)
    assert computed == [1] and model.rowCount() == 10
    sample.document.apply(people.add_organisation, name="Not a contribution")
    assert computed == [1]  # an organisation alone does not change who spoke
    resets, changed = [], []
    model.modelReset.connect(lambda: resets.append(True))
    model.dataChanged.connect(lambda top, bottom: changed.append((top.row(), bottom.row())))
    sample.document.apply(contributions.add_contribution, session_id=1, text="More", organisation_id=9)
    assert computed == [1, 1]
    assert resets == [] and changed  # same organisations in the same order: in place
    assert model.index(8, 1).data() == "2"
    source.set_key(None)
    assert model.rowCount() == 0 and source.value is None


def test_decision_model_scopes_and_accessible_text(qtbot, sample):
    model = DecisionModel(sample.document)
    assert model.rowCount() == 0  # nothing asked for yet
    model.set_scope(1)
    assert model.rowCount() == 4
    assert model.index(0, 0).data(Qt.ItemDataRole.AccessibleTextRole).endswith(
        "— Consensus · Recommendation to LSP Board · Wholehearted endorsement · "
        "Within the partnership's influence")
    sample.document.apply(decisions.add_decision, session_id=2, text="Meet monthly")
    assert model.rowCount() == 4  # another session's decision
    model.set_scope(None)
    assert [r["session_title"] for r in model.rows][-1] == "Building the programme"
    assert model.rowCount() == 5


def test_a_read_only_file_offers_nothing_to_change(qtbot, tmp_path):
    from facilitator.sample import write_sample
    from facilitator.storage.partnership_file import PartnershipFile
    from ui.document import Document
    from ui.tools.actions_page import ActionsPage
    from ui.tools.decisions_page import DecisionsPage
    from ui.tools.health_page import HealthCheckPage
    from ui.tools.review_offer import ReviewOffer

    path = tmp_path / "copy.facilitator"
    write_sample(path)
    document = Document(PartnershipFile.open(path, read_only=True))
    try:
        actions_page, decisions_page = ActionsPage(document), DecisionsPage(document)
        health_page, offer = HealthCheckPage(document), ReviewOffer(document)
        for widget in (actions_page, decisions_page, health_page, offer):
            qtbot.addWidget(widget)
            widget.set_session(2)
        assert not actions_page.text_edit.isEnabled()
        actions_page.matrix.select_cell(0, actions_page.matrix_model.FIXED + 1)
        actions_page.matrix_panel.set_role("lead")
        health_page.table.select_cell(0, 2)
        health_page.rate_current(3)
        decisions_page.form.text.edit.setPlainText("Nope")
        assert decisions_page.form.record() is None
        assert not offer.offered
        assert document.pf.scalar("SELECT count(*) FROM health_rating") == 0
        assert document.pf.scalar("SELECT count(*) FROM responsibility") == 17
        assert document.pf.scalar("SELECT count(*) FROM decision") == 4
    finally:
        document.close()


def test_the_keys_the_pages_bind_are_listed_for_the_help_page():
    from ui.tools import health_page, matrix_view
    from ui.tools.keys import TOOLS_IN_VIEWS

    listed = " ".join(s.keys for s in TOOLS_IN_VIEWS)
    assert set(matrix_view.STATUS_KEYS) and all(k in listed for k in ("O / I / D / X", "L / S", "1 … 5", "N"))
    assert len(health_page.NUMBER_KEYS) == 5
