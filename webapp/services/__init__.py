"""Domain rules. The only code that writes; no request objects in here."""
