"""Applications of every kind: what may happen next (rules), drafts and their questions, the state
machine and its guarded updates, notices, the stall draw, and reading a person's applications."""
