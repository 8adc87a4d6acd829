"""The summary's sections, in handout order, each built from `summary_data` into flowables.

Each `Sections` method returns a list of flowables, empty when the section has nothing to say (the
renderer then leaves it out). All user text goes through the stylesheet's `p()`/`m()`, which escape.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from reportlab.lib.units import mm
from reportlab.platypus import (
    CondPageBreak,
    Flowable,
    KeepTogether,
    NextPageTemplate,
    PageBreak,
    Spacer,
    Table,
)

from facilitator.pdf import fonts
from facilitator.pdf import summary_data as sd
from facilitator.pdf.escaping import Markup, literal, wrap
from facilitator.pdf.flowables import RatingMark, RotatedLabel
from facilitator.pdf.styles import Stylesheet, hex_colour

DASH = "\u2014"
MIDDOT = " \u00b7 "


@dataclass(frozen=True)
class Frames:
    portrait_width: float
    portrait_height: float
    landscape_width: float
    landscape_height: float


class Sections:
    """Build each section of the handout. `frames` gives the usable width and height of the pages."""

    MATRIX_NUMBER = 22
    MATRIX_ACTION_MIN = 180
    MATRIX_COLUMN_MIN = 21
    MATRIX_COLUMN_MAX = 34
    MATRIX_HEADER = 118

    def __init__(self, sheet: Stylesheet, frames: Frames):
        self.sheet = sheet
        self.frames = frames

    # Helpers -----------------------------------------------------------------------------------

    @property
    def width(self) -> float:
        return self.frames.portrait_width

    def heading(self, text: str) -> list[Flowable]:
        return [CondPageBreak(40 * mm), self.sheet.p(text, "h1")]

    def table(self, rows: list[list], fractions: list[float], *, width: float | None = None, header_rows: int = 1,
              extra: list | None = None, zebra: bool = True, frame_height: float | None = None,
              row_heights: list | None = None) -> Flowable:
        width = width or self.width
        widths = [width * f for f in fractions]
        table = Table(rows, colWidths=widths, repeatRows=header_rows, hAlign="LEFT", rowHeights=row_heights,
                      style=self.sheet.table_style(header_rows=header_rows, zebra=zebra, extra=extra))
        # A row taller than most of a page (a very long text) may split inside the row; ordinary rows
        # never do: they move whole to the next page, under the repeated header.
        frame_height = frame_height or self.frames.portrait_height
        table.wrap(width, frame_height)
        heights = table._rowHeights[header_rows:]
        if heights and max(heights) > frame_height * 0.6:
            table.splitInRow = 1
        if sum(table._rowHeights) < frame_height * 0.4 and len(rows) <= 12:
            return KeepTogether([table])  # a short table is never broken over a page
        return table

    def head(self, *labels: str, align: tuple[str, ...] = ()) -> list:
        styles = {"r": "cell_head_right", "c": "cell_head_center"}
        return [self.sheet.p(label, styles.get(align[i] if i < len(align) else "", "cell_head"))
                for i, label in enumerate(labels)]

    def cell(self, text: object, style: str = "cell"):
        return self.sheet.p(text, style)

    def cell_lines(self, first: Markup, *more: Markup, style: str = "cell") -> list:
        return [self.sheet.pm(first, style)] + [self.sheet.pm(m, "cell_small") for m in more if m]

    # Title block -------------------------------------------------------------------------------

    def title_block(self, s: sd.SessionSummary) -> list[Flowable]:
        sheet = self.sheet
        info = s.session
        story: list[Flowable] = []
        if s.partnership:
            story.append(sheet.p(s.partnership, "kicker"))
        story.append(sheet.p(info.title, "title"))
        story.append(sheet.p(f"Session summary{MIDDOT}session {info.number} of {info.of}", "subtitle"))
        details = []
        if info.date:
            details.append(("Date", sd.long_date(info.date)))
        when = _time_span(info.start_time, info.length_minutes)
        if when:
            details.append(("Time", when))
        if info.venue:
            details.append(("Venue", info.venue))
        if info.facilitator:
            details.append(("Facilitator", info.facilitator))
        if details:
            fractions = {1: [1.0], 2: [0.4, 0.6], 3: [0.3, 0.25, 0.45], 4: [0.27, 0.19, 0.34, 0.2]}[len(details)]
            rows = [[sheet.p(label.upper(), "meta_label") for label, _ in details],
                    [sheet.p(value, "meta_value") for _, value in details]]
            pal = sheet.palette
            story.append(self.table(rows, fractions, header_rows=0, zebra=False, extra=[
                ("LINEABOVE", (0, 0), (-1, 0), 1.2, pal.accent),
                ("LINEBELOW", (0, -1), (-1, -1), 0.5, pal.rule),
                ("LINEBELOW", (0, 0), (-1, 0), 0, pal.paper),
                ("LEFTPADDING", (0, 0), (0, -1), 0),
                ("TOPPADDING", (0, 0), (-1, 0), 6),
                ("BOTTOMPADDING", (0, 0), (-1, 0), 1),
                ("BOTTOMPADDING", (0, -1), (-1, -1), 8),
            ]))
        glance = _at_a_glance(s)
        if glance:
            story.append(Spacer(1, 6))
            story.append(sheet.p(glance, "intro"))
        return story

    # Who took part -----------------------------------------------------------------------------

    def attendance(self, s: sd.SessionSummary) -> list[Flowable]:
        a = s.attendance
        if a.empty:
            return []
        sheet = self.sheet
        story = self.heading("Who took part")
        sectors = len(a.sectors)
        if a.people_count:
            verb = "were invited" if a.heading_people == "Invited" else "took part"
            people = _plural(a.people_count, "person", "people")
            orgs = _plural(a.organisation_count, "organisation")
            story.append(sheet.p(
                f"{people} {verb}, from {orgs} in {_plural(sectors, 'sector')}." if a.organisation_count
                else f"{people} {verb}.", "intro"))
        rows = [self.head("Organisation", a.heading_people)]
        extra = []
        for group in a.sectors:
            extra += _band(len(rows), sheet)
            rows.append([sheet.p(f"{group.label} ({len(group.organisations)})", "band"), ""])
            for org, people in group.organisations:
                rows.append([self.cell(org.name, "cell_bold"), [self._person(p) for p in people]])
        if a.unaffiliated:
            extra += _band(len(rows), sheet)
            rows.append([sheet.p("No organisation", "band"), ""])
            rows.append([self.cell(DASH), [self._person(p) for p in a.unaffiliated]])
        if len(rows) > 1:
            story.append(self.table(rows, [0.38, 0.62], extra=extra, zebra=False))
        if a.apologies:
            story.append(Spacer(1, 6))
            names = [sheet.join(sheet.m(p.name), sheet.muted(f" ({p.organisation.name})") if p.organisation
                                else literal("")) for p in a.apologies]
            story.append(sheet.pm(sheet.join(sheet.m("Apologies: ", bold=True), sheet.join(*names, sep="; "),
                                             literal(".")), "body"))
        return story

    def _person(self, p: sd.Person):
        sheet = self.sheet
        if p.role:
            return sheet.pm(sheet.join(sheet.m(p.name, "cell"), sheet.muted(f"{MIDDOT}{p.role}", "cell")), "cell")
        return sheet.p(p.name, "cell")

    # Agenda ------------------------------------------------------------------------------------

    def agenda(self, s: sd.SessionSummary) -> list[Flowable]:
        if not s.agenda:
            return []
        sheet = self.sheet
        story = self.heading("Agenda as run")
        planned = sum(r.planned_minutes for r in s.agenda)
        ran = [r for r in s.agenda if r.actual_minutes is not None]
        actual = sum(r.actual_minutes for r in ran)
        if ran:
            story.append(sheet.p(
                f"Planned {_minutes(planned)}; the {_plural(len(ran), 'item')} that ran took {_minutes(actual)}.",
                "intro"))
        else:
            story.append(sheet.p(f"Planned {_minutes(planned)}. No item has been run yet.", "intro"))
        rows = [self.head("#", "Item", "Planned", "Actual", "Difference", align=("", "", "r", "r", "r"))]
        for r in s.agenda:
            title = [sheet.p(r.title, "cell_bold")]
            if r.kind_label.strip().lower() != r.title.strip().lower():
                title.append(sheet.p(r.kind_label, "cell_small"))
            if r.prompt:
                title.append(sheet.p(r.prompt, "cell_prompt"))
            actual_text = _minutes(r.actual_minutes) if r.actual_minutes is not None else "Not run"
            rows.append([self.cell(str(r.number), "cell"), title, self.cell(_minutes(r.planned_minutes), "cell_right"),
                         self.cell(actual_text, "cell_right"),
                         self.cell(_difference(r.planned_minutes, r.actual_minutes), "cell_right")])
        rows.append(["", self.cell("Total", "cell_bold"), self.cell(_minutes(planned), "cell_right"),
                     self.cell(_minutes(actual) if ran else DASH, "cell_right"),
                     self.cell(_difference(planned, actual if ran else None), "cell_right")])
        pal = sheet.palette
        story.append(self.table(rows, [0.06, 0.55, 0.13, 0.13, 0.13], extra=[
            ("LINEABOVE", (0, -1), (-1, -1), 0.8, pal.ink), ("BACKGROUND", (0, -1), (-1, -1), pal.paper)]))
        return story

    # Values ------------------------------------------------------------------------------------

    def values(self, s: sd.SessionSummary) -> list[Flowable]:
        v = s.values
        if v.empty:
            return []
        sheet = self.sheet
        story = self.heading("Our values")
        if v.agreed:
            here = sum(1 for x in v.agreed if not x.where)
            earlier = len(v.agreed) - here
            if here and earlier:
                intro = f"{_plural(here, 'value')} agreed at this session, and {earlier} agreed earlier that the group works to."
            elif here:
                intro = f"{_plural(here, 'value')} agreed at this session."
            else:
                intro = f"The {_plural(earlier, 'value')} the group agreed at earlier sessions and works to."
            story.append(sheet.p(intro, "intro"))
            rows = [self.head("#", "Value", "Why it matters")]
            for n, value in enumerate(v.agreed, 1):
                first = [sheet.p(value.text, "cell_bold")]
                if value.where:
                    first.append(sheet.p(value.where, "cell_small"))
                rows.append([self.cell(str(n)), first, self.cell(value.why or DASH)])
            story.append(self.table(rows, [0.06, 0.47, 0.47]))
        if v.proposed:
            story.append(sheet.p("Proposed, not yet agreed", "h2"))
            for value in v.proposed:
                content = sheet.m(value.text)
                if value.why:
                    content = sheet.join(content, sheet.muted(f" {DASH} {value.why}"))
                story.append(sheet.pm(content, "bullet", bullet="\u2022"))
        if v.responses:
            story.append(sheet.p(f"{v.responses_title or 'Why values matter'}: what the group said", "h2"))
            story += [self._contribution(c) for c in v.responses]
        return story

    # Contributions -----------------------------------------------------------------------------

    def contributions(self, s: sd.SessionSummary) -> list[Flowable]:
        if not s.contributions:
            return []
        sheet = self.sheet
        story = self.heading("Contributions")
        total = sum(i.count for i in s.contributions)
        story.append(sheet.p(
            f"{_plural(total, 'contribution')} under {_plural(len(s.contributions), 'agenda item')}, grouped by "
            "the organisation they came from. Contributions nobody was named for are listed as anonymous.",
            "intro"))
        for item in s.contributions:
            title = f"{item.number}. {item.title}" if item.number else item.title
            story.append(sheet.p(title, "h2"))
            if item.prompt:
                story.append(sheet.p(item.prompt, "prompt"))
            for group in item.groups:
                label = sheet.m(group.label, "h3")
                extra = [group.sector_label] if group.sector_label else []
                extra.append(_plural(len(group.contributions), "contribution"))
                meta = sheet.muted(MIDDOT + MIDDOT.join(extra), "h3", size=sheet.base - 1)
                story.append(sheet.pm(sheet.join(label, meta), "h3"))
                story += [self._contribution(c, with_org=False) for c in group.contributions]
        return story

    def _contribution(self, c: sd.Contribution, *, with_org: bool = True, item: bool = False):
        sheet = self.sheet
        who = []
        if c.participant:
            who.append(c.participant)
        if with_org and c.organisation is not None:
            who.append(c.organisation.name)
        tail = ", ".join(who)
        notes = [t for t in (tail, c.category, (f"from “{c.item_title}”" if item and c.item_title else "")) if t]
        content = sheet.m(c.text)
        if notes:
            content = sheet.join(content, sheet.muted(f"  {DASH} " + MIDDOT.join(notes), size=sheet.base - 1))
        return sheet.pm(content, "bullet", bullet="\u2022")

    # Health check ------------------------------------------------------------------------------

    def health(self, s: sd.SessionSummary) -> list[Flowable]:
        checks = [c for c in s.health_checks if c.prompts]
        if not checks:
            return []
        sheet = self.sheet
        story = self.heading("Partnership health check" if len(checks) == 1 else "Health checks")
        for check in checks:
            if len(checks) > 1 or check.title.strip().lower() != "partnership health check":
                story.append(sheet.p(check.title, "h2"))
            story.append(self._legend(check.scale))
            rated = sum(1 for p in check.prompts if p.headline is not None)
            story.append(sheet.p(
                f"{rated} of {_plural(len(check.prompts), 'prompt')} rated. The rating is the whole group’s where "
                "one was given, otherwise the average of the organisations’ ratings.", "intro"))
            rows = [self.head("#", "Prompt", "Rating", "Since last time", "Note")]
            for p in check.prompts:
                rows.append([self.cell(str(p.number)), self.cell(p.text), self._rating_cell(p),
                             self._trend_cell(p), self.cell(p.group_note or "")])
            story.append(self.table(rows, [0.05, 0.38, 0.18, 0.2, 0.19]))
            if check.has_org_ratings:
                story += self._by_sector(check)
        return story

    def _legend(self, scale: str) -> Table:
        sheet = self.sheet
        colours = sheet.palette.rating_colours()
        if scale == "rag":
            cells = []
            for value, name in ((1, "Red"), (2, "Amber"), (3, "Green")):
                cells += [RatingMark("rag", value, colours), sheet.p(name, "cell_small")]
            widths = [11, 34, 11, 40, 11, 40]
        else:
            cells = [RatingMark("five", 3, colours), sheet.p("Rated 1 (low) to 5 (high): filled dots show the rating",
                                                            "cell_small")]
            widths = [40, 300]
        key = [sheet.p("Key:", "cell_small")] + cells
        table = Table([key], colWidths=[26] + widths, hAlign="LEFT")
        table.setStyle([("FONTNAME", (0, 0), (-1, -1), fonts.SANS.name()), ("VALIGN", (0, 0), (-1, -1), "MIDDLE"), ("LEFTPADDING", (0, 0), (-1, -1), 0),
                        ("RIGHTPADDING", (0, 0), (-1, -1), 3), ("BOTTOMPADDING", (0, 0), (-1, -1), 6)])
        return table

    def _mark_with(self, scale: str, value: float | None, label: Markup | str, *, small: Markup | str | None = None):
        sheet = self.sheet
        text = sheet.pm(label, "cell") if isinstance(label, Markup) else sheet.p(label, "cell")
        content = [text] + ([sheet.pm(small, "cell_small") if isinstance(small, Markup) else sheet.p(small, "cell_small")]
                            if small else [])
        mark = RatingMark(scale, value, sheet.palette.rating_colours())
        table = Table([[mark, content]], colWidths=[mark.width + 4, None], hAlign="LEFT")
        table.setStyle([("FONTNAME", (0, 0), (-1, -1), fonts.SANS.name()), ("VALIGN", (0, 0), (-1, -1), "TOP"), ("LEFTPADDING", (0, 0), (-1, -1), 0),
                        ("RIGHTPADDING", (0, 0), (-1, -1), 0), ("TOPPADDING", (0, 0), (-1, -1), 0),
                        ("BOTTOMPADDING", (0, 0), (-1, -1), 0), ("TOPPADDING", (0, 0), (0, 0), 1.5)])
        return table

    def _rating_cell(self, p: sd.PromptResult):
        label = sd.rating_label(p.scale, p.headline)
        if p.headline_source == "group":
            small = "Whole group"
        elif p.headline_source == "average":
            rated = sum(1 for r in p.org_ratings if r.rating is not None)
            small = f"Average of {_plural(rated, 'organisation')} ({p.headline:.1f})"
            label = sd.rating_label(p.scale, round(p.headline)) if p.scale == "rag" else label
        else:
            small = None
        return self._mark_with(p.scale, p.headline, self.sheet.m(label, "cell_bold"), small=small)

    def _trend_cell(self, p: sd.PromptResult):
        sheet = self.sheet
        if not p.previous_session:
            return sheet.p("First time rated", "cell_small")
        if p.previous is None:
            return [sheet.p("No rating last time", "cell_small"), sheet.p(p.previous_session, "cell_small")]
        was = sd.rating_label(p.scale, p.previous)
        if not p.previous_comparable:
            return [sheet.p("Rated on another scale last time", "cell_small"), sheet.p(p.previous_session, "cell_small")]
        if p.headline is None:
            return [sheet.p(f"Not rated now (was {was})", "cell_small"), sheet.p(p.previous_session, "cell_small")]
        change = p.headline - p.previous
        if abs(change) < 0.05:
            word = "\u2192 Same"
        elif change > 0:
            word = "\u2191 Better"
        else:
            word = "\u2193 Worse"
        return [sheet.p(word, "cell_bold"), sheet.p(f"Was {was}: {p.previous_session}", "cell_small")]

    def _by_sector(self, check: sd.HealthCheck) -> list[Flowable]:
        sheet = self.sheet
        sectors = list(dict.fromkeys(s for p in check.prompts for s in p.by_sector))
        if not sectors:
            return []
        from facilitator import domain

        story = [sheet.p("By sector", "h2"),
                 sheet.p("The average of each sector’s organisations (how many rated in brackets"
                         + ("; 1 is red, 2 amber, 3 green" if check.scale == "rag" else "; 1 low, 5 high")
                         + "). A gap of a whole point or more between sectors is flagged.", "intro")]
        labels = [domain.label(domain.SECTORS, s) for s in sectors]
        n = len(sectors)
        fractions = [0.05] + [0.80 / n] * n + [0.15]
        rows = [self.head("#", *labels, "Difference")]
        for p in check.prompts:
            row = [self.cell(str(p.number))]
            for sector in sectors:
                if sector in p.by_sector:
                    average, count = p.by_sector[sector]
                    text = f"{average:.1f}" if not float(average).is_integer() else f"{average:g}"
                    row.append(self._mark_with(check.scale, average, f"{text} ({count})"))
                else:
                    row.append(self.cell(DASH, "cell_small"))
            spread = p.sector_spread
            if spread is None:
                row.append(self.cell(DASH, "cell_small"))
            elif spread >= 1:
                row.append(self.cell(f"\u26a0 {spread:.1f} apart", "cell_bold"))
            else:
                row.append(self.cell(f"{spread:.1f}", "cell"))
            rows.append(row)
        story.append(self.table(rows, fractions))
        notes = [(p, r) for p in check.prompts for r in p.org_ratings if r.note.strip()]
        if notes:
            story.append(sheet.p("Notes from organisations", "h3"))
            for p, r in notes:
                story.append(sheet.pm(sheet.join(sheet.m(f"{p.number}. {r.organisation.name}: ", bold=True),
                                                  sheet.m(r.note)), "bullet", bullet="\u2022"))
        return story

    # Decisions ---------------------------------------------------------------------------------

    def decisions(self, s: sd.SessionSummary) -> list[Flowable]:
        if not s.decisions:
            return []
        sheet = self.sheet
        story = self.heading("Decisions")
        story.append(sheet.p(f"{_plural(len(s.decisions), 'decision')}, with how each was reached, how strongly the "
                             "group agreed, and its standing.", "intro"))
        rows = [self.head("#", "Decision", "How decided", "Agreement", "Status")]
        for d in s.decisions:
            decision = [self.cell(d.text)]
            if d.item_title:
                decision.append(sheet.p(f"Agenda: {d.item_title}", "cell_small"))
            agreement = [self.cell(d.agreement or DASH, "cell_bold" if d.agreement else "cell")]
            agreement += [sheet.p(f"{count} \u00d7 {label}", "cell_small") for label, count in d.counts]
            status = [self.cell(d.status, "cell_bold")]
            if d.status_body:
                status.append(sheet.p(f"To: {d.status_body}", "cell_small"))
            if d.influence:
                status.append(sheet.p(d.influence, "cell_small"))
            rows.append([self.cell(str(d.number)), decision, self.cell(d.method), agreement, status])
        story.append(self.table(rows, [0.05, 0.37, 0.14, 0.22, 0.22]))
        return story

    # Shared responsibilities -------------------------------------------------------------------

    def matrix_layout(self, m: sd.Matrix) -> tuple[bool, list[list[sd.Organisation]]]:
        """(landscape?, column groups): portrait while each organisation gets a readable column."""
        n = len(m.organisations)
        if n == 0:
            return False, []
        fixed = self.MATRIX_NUMBER + self.MATRIX_ACTION_MIN
        if (self.frames.portrait_width - self.MATRIX_NUMBER - 0.38 * self.frames.portrait_width) / n >= 22:
            return False, [m.organisations]
        fixed = self.MATRIX_NUMBER + max(self.MATRIX_ACTION_MIN, 0.38 * self.frames.landscape_width)
        per_group = max(1, int((self.frames.landscape_width - fixed) // self.MATRIX_COLUMN_MIN))
        groups = math.ceil(n / per_group)
        size = math.ceil(n / groups)
        return True, [m.organisations[i:i + size] for i in range(0, n, size)]

    def matrix(self, s: sd.SessionSummary) -> list[Flowable]:
        m = s.matrix
        if not m.actions:
            return []
        sheet = self.sheet
        landscape, groups = self.matrix_layout(m)
        story: list[Flowable] = []
        if landscape:
            story += [NextPageTemplate("landscape"), PageBreak()]
        else:
            story += [CondPageBreak(110 * mm)]
        story.append(sheet.p("Shared responsibilities", "h1"))
        single = m.not_shared
        intro = (f"{_plural(len(m.actions), 'action')} agreed, each owned by organisations rather than individuals: "
                 "L marks the lead organisation, S a supporting partner.")
        if single:
            intro += f" {_plural(len(single), 'action rests', 'actions rest')} with a single organisation (not shared)."
        story.append(sheet.p(intro, "intro"))
        width = self.frames.landscape_width if landscape else self.frames.portrait_width
        height = self.frames.landscape_height if landscape else self.frames.portrait_height
        for index, group in enumerate(groups):
            if len(groups) > 1:
                story.append(sheet.p(f"Organisations {sum(len(g) for g in groups[:index]) + 1}–"
                                     f"{sum(len(g) for g in groups[:index + 1])} of {len(m.organisations)}", "h3"))
            story.append(self._matrix_table(m, group, width, height))
        story.append(Spacer(1, 4))
        story.append(self._matrix_key())
        if landscape:
            story += [NextPageTemplate("portrait"), PageBreak()]
        story += self._spread(m)
        return story

    def _matrix_table(self, m: sd.Matrix, organisations: list[sd.Organisation], width: float, height: float) -> Table:
        sheet = self.sheet
        pal = sheet.palette
        n = len(organisations)
        # The action column keeps at least ~38% of the width; organisation columns share the rest.
        action_min = max(self.MATRIX_ACTION_MIN, 0.38 * width)
        column = min(self.MATRIX_COLUMN_MAX, max(self.MATRIX_COLUMN_MIN - 2, (width - self.MATRIX_NUMBER - action_min) / n))
        action_width = width - self.MATRIX_NUMBER - column * n
        label_height = self.MATRIX_HEADER - 9  # inside the cell's top and bottom padding
        label_width = column - 2
        labels = [RotatedLabel(self._org_label(o, label_width, label_height - 4), label_width, label_height)
                  for o in organisations]
        rows = [[self.cell("#", "cell_head"), self.cell("Action and lead organisation", "cell_head")] + labels]
        extra = [("VALIGN", (2, 0), (-1, 0), "BOTTOM"), ("ALIGN", (2, 0), (-1, -1), "CENTER"),
                 ("LEFTPADDING", (2, 0), (-1, -1), 1), ("RIGHTPADDING", (2, 0), (-1, -1), 1),
                 ("VALIGN", (2, 1), (-1, -1), "MIDDLE")]
        # Light vertical rules between sectors help the eye along the columns.
        for i in range(1, n):
            if organisations[i].sector != organisations[i - 1].sector:
                extra.append(("LINEBEFORE", (2 + i, 0), (2 + i, -1), 0.9, pal.rule))
        for action in m.actions:
            r = len(rows)
            lines = [sheet.m(action.text, "cell")]
            lead = (sheet.join(sheet.m("Lead: ", "cell_small", bold=True), sheet.m(action.lead.name, "cell_small"))
                    if action.lead else sheet.m("No lead organisation yet", "cell_small", bold=True))
            facts = [f"{len(action.supporters)} supporting" if action.supporters else ""]
            if action.due_date:
                facts.append(f"due {sd.short_date(action.due_date)}")
            facts.append(action.status)
            if not action.shared:
                facts.append("\u26a0 not shared")
            detail = sheet.join(lead, sheet.m(MIDDOT + MIDDOT.join(f for f in facts if f), "cell_small"))
            cells = [self.cell(str(action.number)), [sheet.pm(lines[0], "cell"), sheet.pm(detail, "cell_small")]]
            for c, org in enumerate(organisations):
                role = m.role(action, org)
                if role == "lead":
                    cells.append(_white_mark(sheet))
                    extra.append(("BACKGROUND", (2 + c, r), (2 + c, r), pal.lead_fill))
                elif role == "support":
                    cells.append(sheet.p("S", "matrix_mark"))
                    extra.append(("BACKGROUND", (2 + c, r), (2 + c, r), pal.support_fill))
                else:
                    cells.append("")
            rows.append(cells)
        extra.append(("GRID", (2, 1), (-1, -1), 0.3, pal.grid))
        fractions = [self.MATRIX_NUMBER / width, action_width / width] + [column / width] * n
        return self.table(rows, fractions, width=width, frame_height=height, extra=extra, zebra=True,
                          row_heights=[self.MATRIX_HEADER] + [None] * len(m.actions))

    def _org_label(self, org: sd.Organisation, column: float, length: float):
        """The organisation's name (and sector) set sideways; cut with "…" if it cannot fit."""
        sheet = self.sheet
        max_lines = max(1, int(column // sheet["matrix_head"].leading))
        name = org.name
        text = name
        for _ in range(60):
            paragraph = sheet.p(text, "matrix_head")
            paragraph.wrap(length, 1000)
            if len(paragraph.blPara.lines) <= max_lines or len(text) <= 2:
                return paragraph
            text = text[: max(1, int(len(text) * 0.9) - 1)].rstrip() + "…"
            name = text
        return sheet.p(name[:8] + "…", "matrix_head")

    def _matrix_key(self) -> Table:
        sheet = self.sheet
        pal = sheet.palette
        key = [[_white_mark(sheet), sheet.p("Lead organisation (also named in words under each action)",
                                                        "cell_small"),
                sheet.p("S", "matrix_mark"), sheet.p("Supporting partner", "cell_small")]]
        table = Table(key, colWidths=[16, 230, 16, 120], hAlign="LEFT")
        table.setStyle([("FONTNAME", (0, 0), (-1, -1), fonts.SANS.name()), ("BACKGROUND", (0, 0), (0, 0), pal.lead_fill), ("BACKGROUND", (2, 0), (2, 0), pal.support_fill),
                        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"), ("LEFTPADDING", (0, 0), (-1, -1), 3),
                        ("TOPPADDING", (0, 0), (-1, -1), 2), ("BOTTOMPADDING", (0, 0), (-1, -1), 3)])
        return table

    def _spread(self, m: sd.Matrix) -> list[Flowable]:
        sheet = self.sheet
        story = [sheet.p("How responsibility is spread", "h2"),
                 sheet.p("Actions led and supported by each organisation and each sector.", "intro")]
        most = max([s.total for s in m.by_organisation] + [1])
        rows = [self.head("Organisation", "Sector", "Leads", "Supports", "Total", "", align=("", "", "r", "r", "r"))]
        for spread in m.by_organisation:
            rows.append([self.cell(spread.label), self.cell(spread.sector_label, "cell_small"),
                         self.cell(str(spread.leads), "cell_right"), self.cell(str(spread.supports), "cell_right"),
                         self.cell(str(spread.total), "cell_right"),
                         SpreadBar(spread.leads, spread.supports, most, sheet.palette)])
        story.append(self.table(rows, [0.36, 0.22, 0.08, 0.1, 0.08, 0.16]))
        story.append(Spacer(1, 8))
        rows = [self.head("Sector", "Organisations", "Leads", "Supports", "Total", align=("", "r", "r", "r", "r"))]
        for spread in m.by_sector:
            rows.append([self.cell(spread.label), self.cell(str(spread.organisations), "cell_right"),
                         self.cell(str(spread.leads), "cell_right"), self.cell(str(spread.supports), "cell_right"),
                         self.cell(str(spread.total), "cell_right")])
        story.append(self.table(rows, [0.46, 0.15, 0.12, 0.15, 0.12]))
        single = m.not_shared
        if single:
            story.append(sheet.p("Not shared", "h3"))
            story.append(sheet.p("These actions rest with one organisation (or none yet); the group may want to find a "
                                 "supporting partner.", "intro"))
            for action in single:
                who = action.organisations[0].name if action.organisations else "no organisation yet"
                story.append(sheet.pm(sheet.join(sheet.m(f"{action.number}. ", bold=True), sheet.m(action.text),
                                                 sheet.muted(f" {DASH} {who}")), "bullet", bullet="\u2022"))
        return story

    # Carried actions ---------------------------------------------------------------------------

    def carried(self, s: sd.SessionSummary) -> list[Flowable]:
        if not s.carried:
            return []
        sheet = self.sheet
        story = self.heading("Open actions from earlier sessions")
        story.append(sheet.p(f"{_plural(len(s.carried), 'action')} still open or in progress, with what has happened "
                             "to them so far.", "intro"))
        rows = [self.head("#", "Action", "Organisations", "Status", "History")]
        for n, c in enumerate(s.carried, 1):
            a = c.action
            action = [self.cell(a.text)]
            if c.from_session:
                action.append(sheet.p(f"From: {c.from_session}", "cell_small"))
            orgs = [sheet.pm(sheet.join(sheet.m("Lead: ", "cell", bold=True), sheet.m(a.lead.name, "cell")), "cell")
                    if a.lead else sheet.p("No lead yet", "cell")]
            if a.supporters:
                orgs.append(sheet.p("Support: " + "; ".join(o.name for o in a.supporters), "cell_small"))
            status = [self.cell(a.status, "cell_bold")]
            if a.due_date:
                status.append(sheet.p(f"Due {sd.short_date(a.due_date)}", "cell_small"))
            history = [sheet.p(f"{h.when}: {h.old} \u2192 {h.new}" + (f". {h.note}" if h.note else ""), "cell_small")
                       for h in c.history] or [sheet.p("No change yet", "cell_small")]
            rows.append([self.cell(str(n)), action, orgs, status, history])
        story.append(self.table(rows, [0.05, 0.33, 0.22, 0.12, 0.28]))
        return story

    # Parking lot -------------------------------------------------------------------------------

    def parking(self, s: sd.SessionSummary) -> list[Flowable]:
        if not s.parked:
            return []
        sheet = self.sheet
        story = self.heading("Parking lot")
        story.append(sheet.p("Set aside during the session, to come back to.", "intro"))
        story += [self._contribution(c, item=True) for c in s.parked]
        return story

    # Next session ------------------------------------------------------------------------------

    def next_session(self, s: sd.SessionSummary) -> list[Flowable]:
        n = s.next_session
        if n is None:
            return []
        sheet = self.sheet
        rows = [[sheet.p(n.title, "h2")]]
        facts = [sd.long_date(n.date) if n.date else "", n.start_time, n.venue]
        facts = [f for f in facts if f]
        if facts:
            rows.append([sheet.p(MIDDOT.join(facts), "body")])
        pal = sheet.palette
        box = self.table(rows, [1.0], header_rows=0, zebra=False, extra=[
            ("BACKGROUND", (0, 0), (-1, -1), pal.band), ("LINEABOVE", (0, 0), (-1, 0), 1.2, pal.accent),
            ("LINEBELOW", (0, 0), (-1, -1), 0, pal.band), ("LEFTPADDING", (0, 0), (-1, -1), 10),
            ("TOPPADDING", (0, 0), (-1, 0), 0), ("BOTTOMPADDING", (0, -1), (-1, -1), 10),
            ("TOPPADDING", (0, 1), (-1, -1), 0)])
        return self.heading("Next session") + [box]


class SpreadBar(Flowable):
    """A small bar: dark for actions led, light for actions supported (numbers sit beside it)."""

    def __init__(self, leads: int, supports: int, most: int, palette):
        super().__init__()
        self.leads, self.supports, self.most, self.palette = leads, supports, max(most, 1), palette
        self.height = 7

    def wrap(self, availWidth, availHeight):
        self.width = availWidth - 2
        return self.width, self.height

    def draw(self):
        c = self.canv
        unit = self.width / self.most
        c.saveState()
        c.setLineWidth(0.4)
        c.setStrokeColor(self.palette.ink)
        if self.leads:
            c.setFillColor(self.palette.lead_fill)
            c.rect(0, 1, unit * self.leads, self.height - 1, stroke=1, fill=1)
        if self.supports:
            c.setFillColor(self.palette.support_fill)
            c.rect(unit * self.leads, 1, unit * self.supports, self.height - 1, stroke=1, fill=1)
        c.restoreState()


def _white_mark(sheet: Stylesheet):
    """The lead mark: white on the darkest fill."""
    return sheet.pm(wrap(f'<font color="{hex_colour(sheet.palette.paper)}">', sheet.m("L", "matrix_mark"), "</font>"),
                    "matrix_mark")


def _band(row: int, sheet: Stylesheet) -> list:
    pal = sheet.palette
    return [("SPAN", (0, row), (-1, row)), ("BACKGROUND", (0, row), (-1, row), pal.band),
            ("TOPPADDING", (0, row), (-1, row), 4), ("BOTTOMPADDING", (0, row), (-1, row), 3)]


def _plural(n: int, one: str, many: str | None = None) -> str:
    return f"{n} {one if n == 1 else (many or one + 's')}"


def _minutes(m: int | None) -> str:
    if m is None:
        return DASH
    if m >= 60:
        hours, rest = divmod(m, 60)
        return f"{hours} h {rest} min" if rest else f"{hours} h"
    return f"{m} min"


def _difference(planned: int, actual: int | None) -> str:
    if actual is None:
        return DASH
    diff = actual - planned
    if diff == 0:
        return "On time"
    sign = "+" if diff > 0 else "\u2212"
    return f"{sign}{abs(diff)} min"


def _time_span(start: str, length: int) -> str:
    if not start:
        return _minutes(length) if length else ""
    if not length:
        return start
    try:
        hours, minutes = (int(x) for x in start.split(":"))
    except ValueError:
        return start
    end = hours * 60 + minutes + length
    return f"{start}\u2013{(end // 60) % 24:02d}:{end % 60:02d}"


def _at_a_glance(s: sd.SessionSummary) -> str:
    facts = []
    a = s.attendance
    if a.people_count and a.heading_people == "Participants":
        facts.append(f"{_plural(a.people_count, 'person', 'people')} from {_plural(a.organisation_count, 'organisation')}")
    contributions = sum(i.count for i in s.contributions) + len(s.values.responses)
    if contributions:
        facts.append(_plural(contributions, "contribution"))
    if s.decisions:
        facts.append(_plural(len(s.decisions), "decision"))
    if s.matrix.actions:
        facts.append(_plural(len(s.matrix.actions), "shared action"))
    return MIDDOT.join(facts)
