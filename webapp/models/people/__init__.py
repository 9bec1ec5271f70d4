"""The people the service serves and acts for: accounts, profiles, helpers, needs, assessments, saved answers."""
