"""Every keyboard shortcut in one table: menus are built from it and the help page lists it."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Shortcut:
    section: str
    description: str
    keys: str  # as QKeySequence text; "" for keys handled inside a view


# Menu commands (the main window makes QActions from these ids).
COMMANDS: dict[str, Shortcut] = {
    "new": Shortcut("Files", "New partnership from a template…", "Ctrl+N"),
    "open": Shortcut("Files", "Open a partnership…", "Ctrl+O"),
    "save_copy": Shortcut("Files", "Save a copy as…", "Ctrl+Shift+S"),
    "export_pdf": Shortcut("Files", "Export the session summary as a PDF…", "Ctrl+E"),
    "close": Shortcut("Files", "Close the partnership", "Ctrl+W"),
    "quit": Shortcut("Files", "Quit", "Ctrl+Q"),
    "undo": Shortcut("Editing", "Undo the last change", "Ctrl+Z"),
    "redo": Shortcut("Editing", "Redo", "Ctrl+Shift+Z"),
    "plan": Shortcut("Views", "Plan the session", "Ctrl+1"),
    "run": Shortcut("Views", "Run the session", "Ctrl+2"),
    "actions": Shortcut("Views", "Shared responsibilities (actions and the matrix)", "Ctrl+3"),
    "decisions": Shortcut("Views", "Decisions", "Ctrl+4"),
    "health": Shortcut("Views", "Health check", "Ctrl+5"),
    "voice": Shortcut("Views", "Voice balance (console only)", "Ctrl+6"),
    "new_session": Shortcut("Sessions", "New session from a template…", "Ctrl+Shift+N"),
    "duplicate_session": Shortcut("Sessions", "Duplicate this session as the next one", "Ctrl+D"),
    "start": Shortcut("Running", "Start or resume the session", "Ctrl+Return"),
    "next": Shortcut("Running", "Next agenda item", "Alt+Right"),
    "previous": Shortcut("Running", "Previous agenda item", "Alt+Left"),
    "finish": Shortcut("Running", "Finish the session", "Ctrl+Shift+F"),
    "capture": Shortcut("Running", "Put the cursor in the capture box", "Ctrl+L"),
    "help": Shortcut("Help", "Keyboard shortcuts", "F1"),
}

# Keys that work inside views (listed on the help page; the views bind them themselves).
IN_VIEWS: tuple[Shortcut, ...] = (
    Shortcut("Capturing", "Store what you typed under the live item", "Enter"),
    Shortcut("Capturing", "Attribute to a person or organisation: type @ and pick a name (Tab completes)", "@"),
    Shortcut("Capturing", "Category: #idea #offer #expertise #resource #competency #link #concern #question", "#"),
    Shortcut("Capturing", "Send to the parking lot", "#park"),
    Shortcut("Capturing", "Undo the last capture (when the capture box is empty)", "Ctrl+Z"),
    Shortcut("Capturing", "Jump to the latest contribution", "Up"),
    Shortcut("Capturing", "Back to the capture box from any list", "Esc"),
    Shortcut("Running", "Move between the panes of the Run view", "F6 / Shift+F6"),
    Shortcut("Contributions", "Edit the selected contribution", "F2 / Enter"),
    Shortcut("Contributions", "Move the selected contribution to another item", "Ctrl+M"),
    Shortcut("Contributions", "Park the selected contribution, or take it back out", "Ctrl+Shift+P"),
    Shortcut("Contributions", "Merge the selected contributions", "Ctrl+J"),
    Shortcut("Values", "Agree or un-agree the selected value", "Space"),
    Shortcut("Planning", "Add an agenda item, organisation or person", "Ctrl+Shift+A"),
    Shortcut("Planning", "Change planning section", "Alt+1 … Alt+4"),
    Shortcut("Attendance", "Mark present, apologies, invited, absent, not invited", "P / A / I / X / N"),
    Shortcut("Presenting", "Start or stop presenting on the projector", "F5"),
    Shortcut("Presenting", "Stop presenting", "Esc"),
    Shortcut("Presenting", "Black out / white out the projector", "B / W"),
    Shortcut("Presenting", "Earlier / later cards on the projector", "Alt+PgUp / Alt+PgDown"),
    Shortcut("Presenting", "Bigger / smaller text on the projector", "Ctrl++ / Ctrl+-"),
    Shortcut("Presenting", "On the projector window: pin a view", "1 … 7"),
    Shortcut("Lists", "Delete the selected entry (Ctrl+Z brings it back)", "Delete"),
    Shortcut("Lists", "Move the selected entry up or down", "Ctrl+Up / Ctrl+Down"),
)


def all_shortcuts() -> list[Shortcut]:
    from ui.tools.keys import TOOLS_IN_VIEWS  # the tool pages list their own keys beside their code

    return [*COMMANDS.values(), *IN_VIEWS, *TOOLS_IN_VIEWS]
