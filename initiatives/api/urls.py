"""API routes of the initiatives app."""

urlpatterns: list = []
