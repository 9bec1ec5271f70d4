"""Domain rules, one package per domain; the only code that writes. No request objects here.

Layers, each importing only from those above it: common, audit, then accounts, identity, needs,
family, opportunities, then applications, then casework and reports.
"""
