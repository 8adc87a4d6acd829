"""The summary's named stylesheet: type scale, greyscale-safe colours and table styles.

Colours are chosen for their lightness as much as their hue, so the handout reads the same printed
in greyscale: dark ink on white or on very light fills, white only on the darkest fill.
"""

from __future__ import annotations

from dataclasses import dataclass

from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER, TA_LEFT, TA_RIGHT
from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import Paragraph, TableStyle

from facilitator.pdf import fonts
from facilitator.pdf.escaping import Markup, join, literal, markup, wrap
from facilitator.pdf.flowables import para


def hex_colour(colour: colors.Color) -> str:
    return "#" + colour.hexval()[2:]


@dataclass(frozen=True)
class Palette:
    ink: colors.Color = colors.HexColor("#1A1A1A")
    muted: colors.Color = colors.HexColor("#555B61")  # 7:1 on white
    accent: colors.Color = colors.HexColor("#1F3A5F")  # deep navy: prints near-black
    rule: colors.Color = colors.HexColor("#9AA5B1")
    grid: colors.Color = colors.HexColor("#C9D1DA")
    header_fill: colors.Color = colors.HexColor("#1F3A5F")
    header_text: colors.Color = colors.white
    band: colors.Color = colors.HexColor("#E4E9EF")  # sector rows, key panels
    zebra: colors.Color = colors.HexColor("#F4F6F8")
    lead_fill: colors.Color = colors.HexColor("#1F3A5F")
    support_fill: colors.Color = colors.HexColor("#C9D6E6")
    paper: colors.Color = colors.white
    # Ratings: distinct lightness as well as hue; the shape tells them apart anyway.
    red: colors.Color = colors.HexColor("#B3261E")
    amber: colors.Color = colors.HexColor("#F2B600")
    green: colors.Color = colors.HexColor("#D7EBD9")

    def rating_colours(self) -> dict:
        return {"ink": self.ink, "paper": self.paper, "red": self.red, "amber": self.amber, "green": self.green}


class Stylesheet:
    """Named paragraph styles and table styles. `p(text, name)` makes a safe paragraph from user text."""

    def __init__(self, palette: Palette | None = None, base: float = 9.5):
        fonts.register_fonts()
        self.palette = pal = palette or Palette()
        self.base = base
        self._bold: dict[str, tuple[bool, bool]] = {}
        self.styles: dict[str, ParagraphStyle] = {}
        add = self._add
        add("body", size=base, leading=base * 1.42, space_after=4)
        add("kicker", size=base + 0.5, leading=base * 1.5, bold=True, color=pal.accent)
        add("title", size=24, leading=29, bold=True, color=pal.ink, space_after=2)
        add("subtitle", size=base + 1.5, leading=(base + 1.5) * 1.4, color=pal.muted, space_after=10)
        add("h1", size=15, leading=19, bold=True, color=pal.accent, space_before=16, space_after=6, keep=True)
        add("h2", size=11.5, leading=15, bold=True, color=pal.ink, space_before=10, space_after=3, keep=True)
        add("h3", size=base, leading=base * 1.35, bold=True, color=pal.ink, space_before=6, space_after=1, keep=True)
        add("intro", size=base, leading=base * 1.42, color=pal.muted, space_after=6)
        add("prompt", size=base - 0.5, leading=(base - 0.5) * 1.4, italic=True, color=pal.muted, space_after=4, keep=True)
        add("bullet", size=base, leading=base * 1.38, left=12, bullet_indent=2, space_after=2.5)
        add("cell", size=base - 0.5, leading=(base - 0.5) * 1.32)
        add("cell_bold", size=base - 0.5, leading=(base - 0.5) * 1.32, bold=True)
        add("cell_small", size=base - 1.5, leading=(base - 1.5) * 1.32, color=pal.muted)
        add("cell_prompt", size=base - 1.5, leading=(base - 1.5) * 1.32, color=pal.muted, italic=True)
        add("cell_right", size=base - 0.5, leading=(base - 0.5) * 1.32, align=TA_RIGHT)
        add("cell_center", size=base - 0.5, leading=(base - 0.5) * 1.32, align=TA_CENTER)
        add("cell_head", size=base - 1, leading=(base - 1) * 1.3, bold=True, color=pal.header_text)
        add("cell_head_right", size=base - 1, leading=(base - 1) * 1.3, bold=True, color=pal.header_text, align=TA_RIGHT)
        add("cell_head_center", size=base - 1, leading=(base - 1) * 1.3, bold=True, color=pal.header_text,
            align=TA_CENTER)
        add("band", size=base - 0.5, leading=(base - 0.5) * 1.3, bold=True, color=pal.accent)
        add("matrix_mark", size=base - 0.5, leading=base, bold=True, align=TA_CENTER)
        add("matrix_head", size=7, leading=8.2, color=pal.header_text)
        add("meta_label", size=base - 1.5, leading=(base - 1.5) * 1.3, bold=True, color=pal.muted)
        add("meta_value", size=base + 0.5, leading=(base + 0.5) * 1.35)
        add("running", size=7.5, leading=9, color=pal.muted)
        add("running_right", size=7.5, leading=9, color=pal.muted, align=TA_RIGHT)

    def _add(self, name, *, size, leading, bold=False, italic=False, color=None, align=TA_LEFT,
             space_before=0, space_after=0, left=0, bullet_indent=0, keep=False):
        style = ParagraphStyle(
            name, fontName=fonts.SANS.name(bold, italic), fontSize=size, leading=leading,
            textColor=color or self.palette.ink, alignment=align, spaceBefore=space_before,
            spaceAfter=space_after, leftIndent=left, bulletIndent=bullet_indent,
            bulletFontName=fonts.SANS.name(), bulletFontSize=size, keepWithNext=int(keep),
            splitLongWords=1, allowWidows=0, allowOrphans=0,
        )
        self.styles[name] = style
        self._bold[name] = (bold, italic)

    def __getitem__(self, name: str) -> ParagraphStyle:
        return self.styles[name]

    # Text --------------------------------------------------------------------------------------

    def m(self, text: object, name: str = "body", *, bold: bool | None = None, italic: bool | None = None) -> Markup:
        """Markup for `text` in the weight of style `name` (or as told)."""
        b, i = self._bold[name]
        return markup(text, bold=b if bold is None else bold, italic=i if italic is None else italic)

    def p(self, text: object, name: str = "body", **kwargs) -> Paragraph:
        """A paragraph of (user) text in style `name`; the text is always escaped."""
        return para(self.m(text, name, **kwargs), self.styles[name])

    def pm(self, content: Markup, name: str = "body", *, bullet: str | None = None) -> Paragraph:
        """A paragraph from Markup built with m()/join()."""
        paragraph = para(content, self.styles[name])
        if bullet and not content.rtl:  # a right-aligned (right-to-left) paragraph keeps its indent, no bullet
            paragraph.bulletText = bullet
        return paragraph

    def muted(self, text: object, name: str = "body", *, size: float | None = None,
              italic: bool | None = None) -> Markup:
        """`text` in the muted colour (and optionally smaller), for attributions and labels."""
        size_attr = f' size="{size:g}"' if size else ""
        return wrap(f'<font color="{hex_colour(self.palette.muted)}"{size_attr}>',
                    self.m(text, name, bold=False, italic=italic), "</font>")

    @staticmethod
    def join(*parts: Markup, sep: str = "") -> Markup:
        return join(*parts, sep=literal(sep) if sep else None)

    # Tables ------------------------------------------------------------------------------------

    def table_style(self, *, header_rows: int = 1, zebra: bool = True, extra: list | None = None) -> TableStyle:
        pal = self.palette
        commands = [
            ("FONTNAME", (0, 0), (-1, -1), fonts.SANS.name()),  # reportlab's default would be Helvetica
            ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ("LEFTPADDING", (0, 0), (-1, -1), 5),
            ("RIGHTPADDING", (0, 0), (-1, -1), 5),
            ("TOPPADDING", (0, 0), (-1, -1), 3.5),
            ("BOTTOMPADDING", (0, 0), (-1, -1), 4),
            ("LINEBELOW", (0, 0), (-1, -1), 0.4, pal.grid),
        ]
        if header_rows:
            commands += [
                ("BACKGROUND", (0, 0), (-1, header_rows - 1), pal.header_fill),
                ("VALIGN", (0, 0), (-1, header_rows - 1), "BOTTOM"),
                ("LINEBELOW", (0, header_rows - 1), (-1, header_rows - 1), 0.8, pal.header_fill),
            ]
        if zebra:
            commands.append(("ROWBACKGROUNDS", (0, header_rows), (-1, -1), [pal.paper, pal.zebra]))
        commands += extra or []
        return TableStyle(commands)
