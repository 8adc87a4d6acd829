"""The one write path: small keyword-only functions, each one committed change returning `Changes`.

Import the modules you need, e.g. `from facilitator.operations import contributions` and call
`contributions.add_contribution(pf, session_id=..., text=...)`. Every function here is undoable
through `pf.undo()`.
"""
