"""Date and time formats that override Django's defaults per language."""
