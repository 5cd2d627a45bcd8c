"""Resolution: link records to entities and derive timelines from claims (pure functions)."""
