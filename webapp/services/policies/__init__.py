"""The policy guide: the plan's measures in plain words and easy read, and the screener."""
