"""Declarations of the governance app."""
