"""Domain rules, one package per domain; the only code that writes. No request objects here.

Each package imports only from the ones before it in this list: common, audit, accounts,
identity, needs, family, opportunities, applications, casework, reports.
"""
