"""Regression guard: PySide6 6.12.0 on Python 3.11 drops a reference to None on each void Qt call.

After a few thousand calls the interpreter aborts (pytest exits 134). We pin PySide6-Essentials
below 6.12; this test fails loudly if a bad build sneaks back in.
"""

from __future__ import annotations

import sys

from PySide6.QtCore import QObject


def test_void_qt_calls_keep_none_alive(qapp):
    holder = QObject()
    before = sys.getrefcount(None)
    for index in range(5000):
        holder.setObjectName(f"n{index % 7}")  # returns void
    after = sys.getrefcount(None)
    assert after >= before - 50, f"None lost {before - after} references over 5,000 void Qt calls"
