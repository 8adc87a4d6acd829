"""Parts of the run view (the facilitator's console while a session is live), one concern per module."""
