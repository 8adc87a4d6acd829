"""The product's vocabulary: the allowed values of every coded field, with labels for people.

Stored values are short stable keys; labels are what screens and the PDF print. Keeping both here
means the UI, the CLI and the PDF never disagree about what a key means.
"""

from __future__ import annotations

from types import MappingProxyType

SECTORS = MappingProxyType({
    "public": "Public sector",
    "vcs": "Voluntary and community sector (VCS)",
    "community": "Community group",
    "faith": "Faith group",
    "private": "Private sector",
    "other": "Other",
})

ATTENDANCE = MappingProxyType({
    "invited": "Invited",
    "present": "Present",
    "apologies": "Apologies",
    "absent": "Invited but absent",
})

SESSION_STATUSES = MappingProxyType({
    "planned": "Planned",
    "running": "Running",
    "finished": "Finished",
})

ACTIVITY_KINDS = MappingProxyType({
    "welcome": "Welcome and introductions",
    "round": "Round (everyone contributes)",
    "discussion": "Discussion",
    "values": "Values",
    "health_check": "Health check",
    "decisions": "Decisions",
    "actions": "Shared responsibilities",
    "review_actions": "Review actions",
    "break": "Break",
    "next_steps": "Next steps",
})

CONTRIBUTION_CATEGORIES = MappingProxyType({
    "idea": "Idea",
    "offer": "Offer",
    "expertise": "Expertise",
    "resource": "Resource",
    "competency": "Competency",
    "link": "Link to an existing initiative",
    "concern": "Concern",
    "question": "Question",
})

VALUE_STATUSES = MappingProxyType({
    "proposed": "Proposed",
    "agreed": "Agreed",
})

DECISION_METHODS = MappingProxyType({
    "consensus": "Consensus",
    "consent": "Consent (no objection)",
    "majority": "Majority vote",
    "deferred": "Deferred",
})

# Gradients of agreement (Kaner): from full endorsement to block, in order.
AGREEMENT_LEVELS = MappingProxyType({
    "endorse": "Wholehearted endorsement",
    "agree_minor": "Agreement with a minor point of contention",
    "support_reservations": "Support with reservations",
    "abstain": "Abstain",
    "more_discussion": "More discussion needed",
    "dislike_support": "Don't like it but will support it",
    "serious_disagreement": "Serious disagreement",
    "block": "Block",
})

DECISION_STATUSES = MappingProxyType({
    "advisory": "Advisory",
    "recommendation": "Recommendation to a named body",
    "binding": "Binding on partners",
})

INFLUENCE = MappingProxyType({
    "within": "Within the partnership's influence",
    "not_negotiable": "Not negotiable",
})

ACTION_STATUSES = MappingProxyType({
    "open": "Open",
    "in_progress": "In progress",
    "done": "Done",
    "dropped": "Dropped",
})

ROLES = MappingProxyType({
    "lead": "Lead",
    "support": "Support",
})

HEALTH_SCALES = MappingProxyType({
    "rag": "Red / amber / green",
    "five": "1 to 5",
})

RAG_RATINGS = MappingProxyType({1: "Red", 2: "Amber", 3: "Green"})

SCALE_RANGES = MappingProxyType({"rag": (1, 3), "five": (1, 5)})


def label(vocabulary: MappingProxyType, key: object) -> str:
    """A person-readable label, falling back to the key so odd data still prints."""
    if key is None:
        return ""
    return vocabulary.get(key, str(key))
