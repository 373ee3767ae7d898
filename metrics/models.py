"""Declarations of the metrics app."""
