"""Accounts: registration, sign-in, passwords, SMS codes, preferences and staff accounts."""
