"""The PDF session summary, read back with pypdf: sections, safety, fonts, metadata, paper, CLI."""

from __future__ import annotations

import re
import subprocess
import sys

import pytest
from pypdf import PdfReader

from facilitator.cli import main
from facilitator.errors import FacilitatorError, NotFoundError, ValidationError
from facilitator.operations import actions, contributions, health, people, sessions
from facilitator.pdf import demo_data, export_session_pdf, fonts, gather, resolve_session
from facilitator.sample import write_sample
from facilitator.storage.partnership_file import PartnershipFile

A4 = (595.28, 841.89)
LETTER = (612, 792)


def text_of(path) -> str:
    """All the text, whitespace collapsed (wrapping may split lines anywhere)."""
    reader = PdfReader(str(path))
    return re.sub(r"\s+", " ", " ".join(page.extract_text() for page in reader.pages))


def squeezed(text: str) -> str:
    return re.sub(r"\s+", "", text)


@pytest.fixture
def rich(tmp_path):
    """The sample partnership, with its second session run: ratings by organisation and for the group,
    a trend against a first health check, status changes and a parked contribution."""
    path = tmp_path / "rich.facilitator"
    write_sample(path)
    with PartnershipFile.open(path) as pf:
        s2 = 2
        first_check = health.add_health_check(pf, session_id=1, title="Partnership health check").new_id
        old_prompt = health.add_health_prompt(pf, health_check_id=first_check,
                                              text="How we reach consensus and make decisions").new_id
        health.rate_health_prompt(pf, health_prompt_id=old_prompt, rating=1, note="Too many last-minute papers.")
        prompts = pf.rows("SELECT id, text FROM health_prompt WHERE health_check_id = 1 ORDER BY position")
        for n, prompt in enumerate(prompts):
            health.rate_health_prompt(pf, health_prompt_id=prompt["id"], rating=n % 3 + 1,
                                      note="Group note" if n == 0 else "")
            for org in (1, 2, 6, 7):
                health.rate_health_prompt(pf, health_prompt_id=prompt["id"], organisation_id=org,
                                          rating=3 if org in (1, 2) else 1, note="CVS view" if org == 6 else "")
        sessions.start_session(pf, session_id=s2)
        contributions.add_contribution(pf, session_id=s2, text="Can we revisit the venue list?", agenda_item_id=None)
        actions.set_action_status(pf, action_id=3, status="in_progress", session_id=s2, note="Two venues found.")
    return path


def export(path, out, session="latest", **kwargs):
    with PartnershipFile.open(path, read_only=True) as pf:
        return export_session_pdf(pf, session, out, **kwargs)


# Content -----------------------------------------------------------------------------------------


def test_sample_has_every_section_in_order(tmp_path):
    source = tmp_path / "sample.facilitator"
    write_sample(source)
    out = export(source, tmp_path / "s.pdf")
    text = text_of(out)
    headings = ["Values and offers", "Who took part", "Agenda as run", "Our values", "Contributions", "Decisions",
                "Shared responsibilities", "How responsibility is spread", "Parking lot", "Next session"]
    position = 0
    for heading in headings:  # each found after the one before it
        found = text.find(heading, position)
        assert found >= 0, f"{heading!r} missing after position {position}"
        position = found + len(heading)
    for expected in (
        "Riverside Local Strategic Partnership", "Monday 2 March 2026", "Eastfield Community Centre", "Ruth Atherton",
        "Public sector", "Helen Okafor", "Apologies:", "Daniel Osei",  # who took part
        "Planned", "Actual", "Why values matter",  # agenda
        "Respect for each other", "Proposed, not yet agreed", "are what we believe in",  # values + why responses
        "What each organisation brings", "Anonymous", "Riverside Interfaith Forum",  # contributions by organisation
        "Consensus", "Wholehearted endorsement", "Binding on partners", "To: LSP Board",  # decisions
        "Lead: Riverside Borough Council", "not shared", "Voluntary and community sector",  # matrix and spread
        "Could we agree the list of training modules today?",  # parking lot
        "Building the programme", "Monday 13 April 2026", "Riverside Civic Centre",  # next session
        "Page 1 of",
    ):
        assert expected in text, expected
    # no health check was run at the first session, and nothing was carried into it: both left out
    assert "health check" not in text.lower() and "earlier sessions" not in text


def test_why_values_matter_responses_print_with_the_values_not_twice(tmp_path):
    source = tmp_path / "sample.facilitator"
    write_sample(source)
    text = text_of(export(source, tmp_path / "s.pdf"))
    assert text.count("provoke healthy debate") == 1
    assert text.find("provoke healthy debate") < text.find("Contributions")


def test_health_check_trend_sectors_and_carried_actions(rich, tmp_path):
    out = export(rich, tmp_path / "r.pdf", session=2)
    text = text_of(out)
    for expected in ("Partnership health check", "Key:", "Red", "Amber", "Green", "Whole group", "Group note",
                     "By sector", "apart", "Notes from organisations", "CVS view",
                     "How we reach consensus and make decisions", "Better", "Was Red: Values and offers, 2 Mar 2026",
                     "First time rated",
                     "Open actions from earlier sessions", "Open → In progress", "Two venues found.",
                     "From: Values and offers, 2 Mar 2026", "Can we revisit the venue list?"):
        assert expected in text, expected
    summary_prompts = None
    with PartnershipFile.open(rich, read_only=True) as pf:
        summary = gather(pf, 2)
        summary_prompts = summary.health_checks[0].prompts
    consensus = next(p for p in summary_prompts if p.text.startswith("How we reach consensus"))
    assert consensus.previous == 1 and consensus.headline == 2 and consensus.headline_source == "group"
    assert consensus.by_sector["public"] == (3, 2) and consensus.sector_spread == 2
    assert {c.action.id for c in summary.carried} == {1, 2, 3, 4, 5, 6}


def test_sections_are_left_out_when_empty(tmp_path):
    with PartnershipFile.create(tmp_path / "empty.facilitator", title="Empty LSP") as pf:
        session = sessions.add_session(pf, title="First meeting").new_id
        export_session_pdf(pf, session, tmp_path / "e.pdf")
    text = text_of(tmp_path / "e.pdf")
    assert "First meeting" in text and "Empty LSP" in text
    for heading in ("Who took part", "Agenda as run", "Our values", "Contributions", "Decisions",
                    "Shared responsibilities", "Parking lot", "Next session", "health check"):
        assert heading not in text


def test_anonymous_and_individual_contributions_are_labelled(planned, tmp_path):
    pf, session, item = planned["pf"], planned["session"], planned["items"][1]
    loner = people.add_participant(pf, name="Resident Rose").new_id
    contributions.add_contribution(pf, session_id=session, agenda_item_id=item, text="Said by nobody in particular")
    contributions.add_contribution(pf, session_id=session, agenda_item_id=item, text="Said by Rose",
                                   participant_id=loner)
    contributions.add_contribution(pf, session_id=session, agenda_item_id=item, text="Said by Ann",
                                   participant_id=planned["ann"])
    export_session_pdf(pf, session, tmp_path / "c.pdf")
    text = text_of(tmp_path / "c.pdf")
    assert text.index("Riverside Council") < text.index("Said by Ann")
    assert text.index("Individuals (no organisation)") < text.index("Said by Rose")
    assert text.index("Anonymous") < text.index("Said by nobody in particular")


# Safety ------------------------------------------------------------------------------------------


def test_hostile_text_prints_literally_and_creates_no_images_or_links(tmp_path):
    source = demo_data.write(demo_data.hostile_document(), tmp_path / "hostile.facilitator")
    out = export(source, tmp_path / "h.pdf", session=2)
    text = squeezed(text_of(out))
    for hostile in demo_data.HOSTILE + ("Line one", "Line four after a blank line", "not a date <b>"):
        assert squeezed(hostile) in text, hostile
    assert "Controlcharsandescapes" in text  # control characters stripped, text kept
    reader = PdfReader(str(out))
    for page in reader.pages:
        assert "/Annots" not in page, "a link annotation was created"
        xobjects = page["/Resources"].get("/XObject", {})
        assert not xobjects, "an image was embedded"
        # no text drawn at 300 points: <font size=300> was not obeyed
        sizes = [float(m) for m in re.findall(rb"/F\S+ ([\d.]+) Tf", page.get_contents().get_data())]
        assert max(sizes) <= 24
    raw = out.read_bytes()
    assert b"/URI" not in raw and b"/Link" not in raw and b"/XObject" not in raw
    assert not re.search(rb"/Subtype\s*/Image", raw)


def test_newlines_are_kept_and_long_words_wrap(tmp_path):
    source = demo_data.write(demo_data.hostile_document(), tmp_path / "hostile.facilitator")
    out = export(source, tmp_path / "h.pdf", session=2)
    reader = PdfReader(str(out))
    lines = [line for page in reader.pages for line in page.extract_text().splitlines()]
    assert any(line.strip().startswith("Line two") for line in lines)  # its own line
    assert "Supercalifragilistic" * 40 not in lines  # the 800-letter word was broken over lines
    assert sum(line.count("Supercalifragilistic") for line in lines) >= 40


def test_characters_no_font_has_become_a_visible_substitute(tmp_path):
    source = demo_data.write(demo_data.scripts_document(), tmp_path / "scripts.facilitator")
    text = text_of(export(source, tmp_path / "x.pdf"))
    assert "Chinese \ufffd\ufffd" in text and "emoji \ufffd" in text and "Thai \ufffd" in text


# Scripts and fonts -------------------------------------------------------------------------------


def test_welsh_polish_greek_and_cyrillic_extract_as_typed(tmp_path):
    source = demo_data.write(demo_data.scripts_document(), tmp_path / "scripts.facilitator")
    text = text_of(export(source, tmp_path / "x.pdf"))
    for key in ("welsh", "polish", "greek", "cyrillic"):
        assert demo_data.SCRIPTS[key] in text, key
    assert "ŵ ŷ" in text and "ł ż" in text and "Łucja Żak" in text


def test_fonts_are_embedded_and_chosen_per_script(tmp_path):
    source = demo_data.write(demo_data.scripts_document(), tmp_path / "scripts.facilitator")
    reader = PdfReader(str(export(source, tmp_path / "x.pdf")))
    used = {}
    for page in reader.pages:
        for font in page["/Resources"]["/Font"].values():
            font = font.get_object()
            descriptor = font["/FontDescriptor"].get_object()
            assert "/FontFile2" in descriptor, f"{font['/BaseFont']} is not embedded"
            used[str(font["/BaseFont"]).split("+")[-1]] = True
    assert {"NotoSans-Regular", "NotoSans-Bold"} <= set(used)
    if fonts.SHAPING_AVAILABLE:
        assert {"NotoNaskhArabic-Regular", "NotoSansBengali-Regular", "NotoSansGurmukhi-Regular"} <= set(used)


@pytest.mark.skipif(not fonts.SHAPING_AVAILABLE, reason="uharfbuzz is not installed")
def test_arabic_is_shaped_and_read_right_to_left(tmp_path):
    source = demo_data.write(demo_data.scripts_document(), tmp_path / "scripts.facilitator")
    text = text_of(export(source, tmp_path / "x.pdf"))
    # shaped Arabic comes out as joined presentation forms (U+FB50–U+FEFF), not isolated letters
    assert re.search("[\ufe70-\ufeff]{3,}", text)


def test_without_shaping_complex_scripts_are_substituted_not_broken(monkeypatch):
    from facilitator.pdf import escaping

    monkeypatch.setattr(fonts, "SHAPING_AVAILABLE", False)
    fonts.font_for.cache_clear()
    try:
        made = escaping.markup("Bengali আমাদের and Arabic مرحبا, Welsh ŵ")
        assert "আ" not in made and "م" not in made and "\ufffd" in made and "ŵ" in made
        assert not made.shaped
    finally:
        fonts.font_for.cache_clear()


# Metadata and paper ------------------------------------------------------------------------------


def test_metadata_language_and_paper_sizes(tmp_path):
    source = tmp_path / "sample.facilitator"
    write_sample(source)
    for paper, size in (("a4", A4), ("letter", LETTER)):
        reader = PdfReader(str(export(source, tmp_path / f"{paper}.pdf", paper=paper)))
        for page in reader.pages:
            width, height = float(page.mediabox.width), float(page.mediabox.height)
            assert (round(width, 1), round(height, 1)) in ((round(size[0], 1), round(size[1], 1)),
                                                           (round(size[1], 1), round(size[0], 1)))
        meta = reader.metadata
        assert meta.title == "Values and offers — session summary"
        assert meta.author == "Ruth Atherton"
        assert "Monday 2 March 2026" in meta.subject and "Riverside" in meta.subject
        assert meta.creator.startswith("Facilitator")
        assert reader.trailer["/Root"]["/Lang"] == "en-GB"


def test_page_x_of_y_on_every_page(tmp_path):
    source = tmp_path / "sample.facilitator"
    write_sample(source)
    reader = PdfReader(str(export(source, tmp_path / "s.pdf")))
    total = len(reader.pages)
    assert total > 2
    for number, page in enumerate(reader.pages, 1):
        assert f"Page {number} of {total}" in page.extract_text()


# API ---------------------------------------------------------------------------------------------


def test_progress_is_reported_from_zero_to_one(tmp_path):
    source = tmp_path / "sample.facilitator"
    write_sample(source)
    seen = []
    export(source, tmp_path / "s.pdf", progress=seen.append)
    assert seen[0] == 0.0 and seen[-1] == 1.0 and len(seen) > 10
    assert seen == sorted(seen)


def test_latest_session_and_errors(tmp_path):
    source = tmp_path / "sample.facilitator"
    write_sample(source)
    with PartnershipFile.open(source, read_only=True) as pf:
        assert resolve_session(pf, "latest") == 1  # session 2 has not started
        assert resolve_session(pf, None) == 1 and resolve_session(pf, "2") == 2
        with pytest.raises(NotFoundError, match="no session 99"):
            export_session_pdf(pf, 99, tmp_path / "x.pdf")
        with pytest.raises(ValidationError, match="a4 or letter"):
            export_session_pdf(pf, 1, tmp_path / "x.pdf", paper="a3")
        with pytest.raises(FacilitatorError, match="Could not write"):
            export_session_pdf(pf, 1, tmp_path / "missing-folder" / "x.pdf")
    assert not list(tmp_path.glob("**/*.partial")) and not (tmp_path / "x.pdf").exists()


def test_a_failed_export_keeps_the_previous_pdf(tmp_path, monkeypatch):
    source = tmp_path / "sample.facilitator"
    write_sample(source)
    out = tmp_path / "s.pdf"
    out.write_bytes(b"previous")

    def boom(fraction):
        if fraction > 0.5:
            raise RuntimeError("cancelled")

    with pytest.raises(RuntimeError):
        export(source, out, progress=boom)
    assert out.read_bytes() == b"previous" and not list(tmp_path.glob(".*partial"))


def test_the_pdf_package_never_imports_qt():
    code = ("import sys, facilitator.pdf, facilitator.pdf.demo_data;"
            " bad = [m for m in sys.modules if m.startswith(('PySide6', 'shiboken6', 'ui'))]; print(bad)")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.returncode == 0 and result.stdout.strip() == "[]", result.stderr


# CLI ---------------------------------------------------------------------------------------------


def test_cli_exports_pdf_and_json_together_or_alone(tmp_path, capsys):
    source = tmp_path / "sample.facilitator"
    write_sample(source)
    assert main(["export", str(source), "--pdf", str(tmp_path / "a.pdf")]) == 0
    assert "summary of session 1" in capsys.readouterr().out
    assert main(["export", str(source), "--pdf", str(tmp_path / "b.pdf"), "--session", "2", "--paper", "letter",
                 "--json", str(tmp_path / "b.json")]) == 0
    reader = PdfReader(str(tmp_path / "b.pdf"))
    assert float(reader.pages[0].mediabox.width) == 612
    assert "Building the programme" in reader.pages[0].extract_text()
    assert (tmp_path / "b.json").read_text(encoding="utf-8").startswith("{")
    assert main(["export", str(source), "--pdf", str(tmp_path / "c.pdf"), "--session", "7"]) == 1
    assert "no session 7" in capsys.readouterr().err
    assert main(["export", str(source)]) == 2
    assert "--json OUT and/or --pdf OUT" in capsys.readouterr().err
    with pytest.raises(SystemExit):
        main(["export", str(source), "--pdf", str(tmp_path / "d.pdf"), "--paper", "a3"])
