"""Figures against the 2023 action plan's targets, for the administrators' dashboard."""
