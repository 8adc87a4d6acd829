"""User text on its way into the PDF: cleaning, escaping, a font per run, right-to-left order."""

from __future__ import annotations

import pytest
from reportlab.lib.styles import ParagraphStyle

from facilitator.pdf import demo_data, fonts
from facilitator.pdf.escaping import Markup, clean, escape, join, literal, markup
from facilitator.pdf.flowables import TextParagraph, para


def test_clean_strips_controls_keeps_newlines_and_composes():
    assert clean("a\x00b\x07c\x1b[0m\r\nd\re\tf") == "abc[0m\nd\ne f"
    assert clean("e\u0301") == "é"  # NFC: one character, drawn by one glyph
    assert clean("left\u202eright\u200b") == "leftright"  # bidi overrides and zero-width spaces go
    assert clean("ل\u200dا") == "ل\u200dا"  # joiners stay: they shape Arabic and Indic text
    assert clean(None) == ""


def test_escape_is_rule_seven():
    assert escape('<img src="/etc/passwd"/>\n&bogus;') == '&lt;img src="/etc/passwd"/&gt;<br/>&amp;bogus;'


@pytest.mark.parametrize("hostile", demo_data.HOSTILE)
def test_markup_never_lets_user_tags_through(hostile):
    made = markup(hostile)
    assert isinstance(made, Markup)
    inner = made.replace(f'<font face="{fonts.SANS.name()}">', "").replace("</font>", "")
    assert "<" not in inner and ">" not in inner
    assert "&bogus;" not in made or "&amp;bogus;" in made


def test_paragraphs_are_made_from_markup_only():
    style = ParagraphStyle("t", fontName=fonts.SANS.name())
    with pytest.raises(TypeError):
        para("<b>raw string</b>", style)
    with pytest.raises(TypeError):
        join(markup("a"), "<b>")
    assert para(join(markup("a"), literal(" "), markup("b")), style)


def test_a_font_per_run():
    fonts.register_fonts()
    runs = fonts.runs("Croeso ŵ ŷ ł ż Καλημέρα Привет → ✓")
    assert [r.family.key for r in runs] == ["Sans", "Symbols"]
    assert runs[0].text == "Croeso ŵ ŷ ł ż Καλημέρα Привет "
    assert fonts.runs("emoji 👍")[-1].text.endswith("\ufffd")
    assert fonts.runs("") == []


@pytest.mark.skipif(not fonts.SHAPING_AVAILABLE, reason="uharfbuzz is not installed")
def test_scripts_get_their_own_fonts_and_shaping():
    by_script = {key: {r.family.key for r in fonts.runs(text)} for key, text in demo_data.SCRIPTS.items()}
    assert "Arabic" in by_script["arabic"] and "Arabic" in by_script["urdu"]
    assert "Bengali" in by_script["bengali"] and "Gurmukhi" in by_script["punjabi"]
    assert "Hebrew" in by_script["hebrew"] and "Tamil" in by_script["tamil"]
    made = markup("Polish ł then Arabic مرحبا")
    assert made.shaped and made.rtl is False
    assert markup("مرحبا then English").rtl is True


@pytest.mark.skipif(not fonts.SHAPING_AVAILABLE, reason="uharfbuzz is not installed")
def test_a_word_mixing_fonts_is_split_so_shaping_never_uses_the_wrong_font():
    runs = fonts.separate_mixed_words(fonts.runs("(مرحبا)"))
    assert [r.family.key for r in runs] == ["Sans", "Arabic", "Sans"]
    assert runs[0].text.endswith(fonts.HAIR_SPACE) and runs[1].text.endswith(fonts.HAIR_SPACE)


@pytest.mark.skipif(not fonts.SHAPING_AVAILABLE, reason="uharfbuzz is not installed")
def test_right_to_left_words_are_drawn_in_reverse_order_within_each_line():
    style = ParagraphStyle("t", fontName=fonts.SANS.name(), fontSize=10, leading=12)
    paragraph = para(markup("one two مرحبا بكم في three"), style)
    assert isinstance(paragraph, TextParagraph)
    paragraph.wrap(1000, 100)
    line = paragraph.blPara.lines[0]
    visual = paragraph._visual_line(line)
    logical_words = [w.text for w in line.words if w.fontName.startswith("FacArabic")]
    visual_words = [w.text for w in visual.words if w.fontName.startswith("FacArabic") and w.text.strip()]
    logical = "".join(logical_words).split()
    assert [str(w) for w in visual_words] == [str(w) for w in reversed(logical)]
    texts = "".join(str(w.text) for w in visual.words)
    assert texts.startswith("one two ") and texts.endswith(" three")
