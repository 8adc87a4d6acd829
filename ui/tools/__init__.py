"""The facilitator's partnership tools: actions and responsibilities, decisions, health checks, voice balance.

Console only: none of this is shown on the projector. Each page reads through models fed by
`facilitator.analysis` and `facilitator.queries`, writes through `document.apply(operation, ...)`
and refreshes from `document.changed`. The main window adds the pages as tabs and calls
`set_session(session_id)` when the session changes.
"""
