"""Partnership tools: read-only analyses that help a facilitator see how the partnership is working.

Every function here is a pure read over an open `PartnershipFile` and returns plain frozen
dataclasses (tuples, never live rows), so the console, the PDF and the CLI can all show the same
figures and tests can compare them directly. Nothing here writes; changes go through
`facilitator.operations`. Nothing here imports Qt.

Modules:

- `responsibilities`: who leads and supports which action; how responsibility is spread (Story 1).
- `follow_up`: open actions carried forward from earlier sessions, with their history.
- `health`: a health check summarised per prompt, organisation and sector, and its trend.
- `voice`: who has spoken this session, by organisation, sector and person (Story 2: power imbalance).
"""
