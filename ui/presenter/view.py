"""The one painted widget that draws every board: heading, timer, cards and footer.

It holds a Board (what to show), the theme and the page, lays out a Scene lazily when its size
or content changes, and paints it with QPainter.drawText line by line: user text is never
interpreted as markup, and each text item is clipped to its own box so nothing can stray.
Only the timer repaints every second, and only its own rectangle.
"""

from __future__ import annotations

import unicodedata
from datetime import datetime, timezone
from typing import Callable

from PySide6.QtCore import QPointF, QRectF, Qt, QTimer
from PySide6.QtGui import QColor, QPainter, QPainterPath, QPaintEvent, QPen, QPolygonF
from PySide6.QtWidgets import QWidget

from ui.presenter.boards import Board, blank_board
from ui.presenter.fonts import display_font
from ui.presenter.layout import line_spacing, text_width
from ui.presenter.scene import Scene, ShapeItem, TextItem, compose
from ui.presenter.themes import Theme, theme

BLACK, WHITE = "black", "white"


def _right_to_left(line: str) -> bool:
    for char in line:
        direction = unicodedata.bidirectional(char)
        if direction in ("R", "AL"):
            return True
        if direction == "L":
            return False
    return False


def timer_px_for(reading: str, px: int, floor_px: int, width: float) -> int:
    """The timer's size for this reading: smaller (not below the floor) if an hour-long overrun is wider."""
    while px > floor_px and text_width(reading, px, True) > width:
        px -= 1
    return px


class BoardView(QWidget):
    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setAccessibleName("Projected view")
        self.setAttribute(Qt.WidgetAttribute.WA_OpaquePaintEvent)
        self.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)  # the window watches the mouse
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.board: Board = blank_board()
        self.theme: Theme = theme("light")
        self.scale = 1.0
        self.page: int | None = None  # None: follow the newest (or the live item)
        self.blank: str = ""  # "", BLACK or WHITE
        self.now: Callable[[], datetime] = lambda: datetime.now(timezone.utc)
        self._scene: Scene | None = None
        self._clock = QTimer(self)
        self._clock.setInterval(1000)
        self._clock.timeout.connect(self._tick)
        self._timer_text = ""

    # State --------------------------------------------------------------------------------------

    def set_board(self, board: Board) -> None:
        if (board.kind != self.board.kind or board.count != self.board.count
                or (board.spotlight and board.focus != self.board.focus)):
            self.page = None  # new content (or a prompt chosen in the console): show it again
        self.board = board
        self.setAccessibleDescription(board.accessible_text)
        self._relayout()
        if board.clock is not None:
            self._timer_text = ""
            if not self._clock.isActive() and self.isVisible():
                self._clock.start()
        else:
            self._clock.stop()

    def set_theme(self, chosen: Theme) -> None:
        self.theme = chosen
        self.update()

    def set_scale(self, scale: float) -> None:
        self.scale = scale
        self._relayout()

    def set_blank(self, blank: str) -> None:
        self.blank = blank
        self.update()

    def show_focus(self) -> None:
        """Back to the page the board chooses (its focus, or its newest cards)."""
        self.page = None
        self._relayout()

    def turn_page(self, step: int) -> None:
        scene = self.scene()
        if not scene.paged:
            return
        target = scene.page + step
        last = scene.page_count - 1
        self.page = None if (target >= last and self.board.anchor == "end") else max(0, min(target, last))
        self._relayout()

    def _relayout(self) -> None:
        self._scene = None
        self.update()

    def scene(self) -> Scene:
        """The current layout (computed on demand): what is on screen, for painting and for tests."""
        if self._scene is None or (self._scene.width, self._scene.height) != (self.width(), self.height()):
            self._scene = compose(self.board, self.width(), self.height(), scale=self.scale, page=self.page)
        return self._scene

    def timer_reading(self) -> tuple[str, bool]:
        if self.board.clock is None:
            return "", False
        return self.board.clock.reading(self.now())

    def visible_texts(self) -> list[str]:
        """Every line of text this view draws, as drawn (blank screens draw none)."""
        if self.blank:
            return []
        texts = self.scene().visible_texts()
        reading, _ = self.timer_reading()
        return texts + ([reading] if reading else [])

    def visible_items(self) -> list[str]:
        """Each text item drawn (a title, a card's body, a meta line...) with its lines joined by spaces."""
        if self.blank:
            return []
        items = [" ".join(item.lines) for item in self.scene().texts]
        reading, _ = self.timer_reading()
        return items + ([reading] if reading else [])

    def _tick(self) -> None:
        reading, _ = self.timer_reading()
        scene = self.scene()
        if reading != self._timer_text and scene.timer_rect is not None and not self.blank:
            self._timer_text = reading
            self.update(scene.timer_rect.toAlignedRect().adjusted(-2, -2, 2, 2))

    def showEvent(self, event) -> None:
        if self.board.clock is not None:
            self._clock.start()
        super().showEvent(event)

    def hideEvent(self, event) -> None:
        self._clock.stop()  # nothing ticks while nobody can see it
        super().hideEvent(event)

    def resizeEvent(self, event) -> None:
        self._scene = None
        super().resizeEvent(event)

    # Painting -----------------------------------------------------------------------------------

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        try:
            if self.blank:
                painter.fillRect(self.rect(), QColor("#000000" if self.blank == BLACK else "#ffffff"))
                return
            colors = self.theme
            painter.fillRect(event.rect(), colors.color("background"))
            painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
            painter.setRenderHint(QPainter.RenderHint.TextAntialiasing, True)
            scene = self.scene()
            dirty = QRectF(event.rect()).adjusted(-4, -4, 4, 4)
            for frame in scene.frames:
                if frame.rect.intersects(dirty) and frame.kind != "timer":
                    self._paint_frame(painter, frame)
            for shape in scene.shapes:
                if shape.rect.intersects(dirty):
                    self._paint_shape(painter, shape)
            for item in scene.texts:
                if item.rect.intersects(dirty):
                    self._paint_text(painter, item)
            if scene.timer_rect is not None and scene.timer_rect.intersects(dirty):
                self._paint_timer(painter, scene)
        finally:
            painter.end()

    def _paint_frame(self, painter: QPainter, frame) -> None:
        colors = self.theme
        rect = frame.rect
        painter.setPen(Qt.PenStyle.NoPen)
        if frame.kind in ("rule", "line"):
            painter.fillRect(rect, colors.color(frame.fill))
            return
        if frame.kind == "cell":  # square: the matrix's cells and its border
            if frame.fill:
                painter.fillRect(rect, colors.color(frame.fill))
            if frame.border and frame.border_px:
                pen = QPen(colors.color(frame.border), frame.border_px)
                pen.setJoinStyle(Qt.PenJoinStyle.MiterJoin)
                painter.setPen(pen)
                painter.setBrush(Qt.BrushStyle.NoBrush)
                half = frame.border_px / 2
                painter.drawRect(rect.adjusted(half, half, -half, -half))
                painter.setPen(Qt.PenStyle.NoPen)
            return
        radius = min(rect.height(), rect.width()) * 0.04
        radius = min(radius, self.height() / 90)
        if frame.fill:
            painter.setBrush(colors.color(frame.fill))
            painter.drawRoundedRect(rect, radius, radius)
        if frame.stripe_px:
            stripe = QRectF(rect.left(), rect.top(), frame.stripe_px, rect.height())
            if frame.stripe:
                painter.setBrush(colors.color(frame.stripe))
                painter.drawRoundedRect(stripe.adjusted(frame.border_px, frame.border_px, 0, -frame.border_px), 2, 2)
        if frame.border and frame.border_px:
            pen = QPen(colors.color(frame.border), frame.border_px)
            pen.setJoinStyle(Qt.PenJoinStyle.MiterJoin)
            if frame.dashed:
                pen.setDashPattern([4.0, 3.0])
            painter.setPen(pen)
            painter.setBrush(Qt.BrushStyle.NoBrush)
            half = frame.border_px / 2
            painter.drawRoundedRect(rect.adjusted(half, half, -half, -half), radius, radius)
            painter.setPen(Qt.PenStyle.NoPen)

    def _paint_shape(self, painter: QPainter, shape: ShapeItem) -> None:
        """A rating's symbol: a cross (red), a triangle (amber), a tick (green), dots for 1 to 5."""
        color = self.theme.color(shape.role)
        rect = shape.rect
        stroke = max(1, shape.line_px)
        painter.save()
        pen = QPen(color, stroke)
        pen.setCapStyle(Qt.PenCapStyle.RoundCap)
        pen.setJoinStyle(Qt.PenJoinStyle.RoundJoin)
        inner = rect.adjusted(stroke / 2, stroke / 2, -stroke / 2, -stroke / 2)
        if shape.kind == "triangle":
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(color)
            painter.drawPolygon(QPolygonF([QPointF(rect.center().x(), rect.top()), rect.bottomRight(),
                                           rect.bottomLeft()]))
        elif shape.kind == "dot":
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(color)
            painter.drawEllipse(rect)
        elif shape.kind == "ring":
            painter.setPen(pen)
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.drawEllipse(inner)
        elif shape.kind == "cross":
            pen.setWidthF(stroke * 1.5)
            painter.setPen(pen)
            inner = rect.adjusted(stroke, stroke, -stroke, -stroke)
            painter.drawLine(inner.topLeft(), inner.bottomRight())
            painter.drawLine(inner.topRight(), inner.bottomLeft())
        elif shape.kind == "tick":
            pen.setWidthF(stroke * 1.5)
            painter.setPen(pen)
            inner = rect.adjusted(stroke, stroke, -stroke, -stroke)
            path = QPainterPath(QPointF(inner.left(), inner.top() + inner.height() * 0.55))
            path.lineTo(QPointF(inner.left() + inner.width() * 0.38, inner.bottom()))
            path.lineTo(inner.topRight())
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.drawPath(path)
        painter.restore()

    def _paint_text(self, painter: QPainter, item: TextItem, role: str | None = None) -> None:
        font = display_font(item.px, item.bold)
        painter.setFont(font)
        painter.setPen(self.theme.color(role or item.role))
        spacing = line_spacing(item.px, item.bold)
        ascent = painter.fontMetrics().ascent()
        painter.save()
        painter.setClipRect(item.rect.adjusted(-1, -1, 1, 1))
        rtl = bool(item.lines) and _right_to_left("".join(item.lines))
        painter.setLayoutDirection(Qt.LayoutDirection.RightToLeft if rtl else Qt.LayoutDirection.LeftToRight)
        y = item.rect.top()
        for line in item.lines:
            width = text_width(line, item.px, item.bold)
            align = item.align
            if align == "left" and rtl:
                align = "right"
            if align == "center":
                x = item.rect.left() + (item.rect.width() - width) / 2
            elif align == "right":
                x = item.rect.right() - width
            else:
                x = item.rect.left()
            painter.drawText(QPointF(x, y + ascent), line)
            y += spacing
        painter.restore()

    def _paint_timer(self, painter: QPainter, scene: Scene) -> None:
        reading, over = self.timer_reading()
        self._timer_text = reading
        rect = scene.timer_rect
        colors = self.theme
        radius = self.height() / 90
        fill, text_role = ("over_background", "over_text") if over else ("timer_background", "timer_text")
        painter.setPen(Qt.PenStyle.NoPen)
        painter.fillRect(rect.adjusted(-2, -2, 2, 2), colors.color("background"))
        painter.setBrush(colors.color(fill))
        painter.drawRoundedRect(rect, radius, radius)
        if not over:  # time over is a solid block in the alarm colour, and says so in words
            border = scene.sizes.border_px
            painter.setPen(QPen(colors.color("card_border"), border))
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.drawRoundedRect(rect.adjusted(border / 2, border / 2, -border / 2, -border / 2), radius, radius)
        inner = rect.adjusted(scene.timer_pad, scene.timer_pad, -scene.timer_pad, -scene.timer_pad)
        px = timer_px_for(reading, scene.timer_px, scene.floor_px, inner.width())
        item = TextItem("timer", inner, (reading,), px, True, text_role, "center")
        self._paint_text(painter, item)
