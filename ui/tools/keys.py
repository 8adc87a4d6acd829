"""The keys the tool pages bind inside their views, for the shortcuts help page.

Why a list here: ui/shortcuts.py is the one table the help page is built from; the main window
adds these entries to it (`IN_VIEWS + TOOLS_IN_VIEWS`) when it adds the tool pages as tabs.
"""

from __future__ import annotations

from ui.shortcuts import Shortcut

TOOLS_IN_VIEWS: tuple[Shortcut, ...] = (
    Shortcut("Actions", "Store the action typed in the capture row (names complete; Tab or Enter takes one)", "Enter"),
    Shortcut("Actions", "Matrix, on an organisation: lead, support, no role", "L / S / Delete or Space"),
    Shortcut("Actions", "Matrix or review list: open, in progress, done, dropped", "O / I / D / X"),
    Shortcut("Actions", "Matrix: reword the action or its due date", "F2"),
    Shortcut("Actions", "Matrix: delete the action (Ctrl+Z brings it back)", "Ctrl+Delete"),
    Shortcut("Decisions", "Record the decision (in its text or named body); new line in the text",
             "Enter / Shift+Enter"),
    Shortcut("Decisions", "Clear the form for a new decision", "Ctrl+Shift+A / Esc in the list"),
    Shortcut("Decisions", "List: edit in the form, delete, reorder", "Enter / Delete / Ctrl+Up, Ctrl+Down"),
    Shortcut("Health check", "Rate the chosen prompt: 1 red, 2 amber, 3 green (or 1 to 5); next prompt follows",
             "1 … 5"),
    Shortcut("Health check", "Clear the chosen prompt's rating (its note stays)", "0 / Delete"),
    Shortcut("Health check", "Write a note for the chosen prompt; Enter saves it and comes back", "N / Enter"),
    Shortcut("Health check", "Add a prompt after the chosen one, reword, move, delete",
             "Insert / F2 / Ctrl+Up, Ctrl+Down / Ctrl+Delete"),
)
