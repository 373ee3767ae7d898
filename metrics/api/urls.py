"""API routes of the metrics app."""

urlpatterns: list = []
