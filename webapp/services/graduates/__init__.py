"""一人一策: the ledger of disabled university students and recent graduates, one plan each."""
