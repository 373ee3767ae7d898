"""What every app may use and that imports no app of ours.

Money, calendar periods, roles and capabilities, change history, extension points and the API's
error format and base classes. Dependencies point one way (DESIGN.md section 2):
core ← initiatives ← metrics, governance ← portfolio.
"""
