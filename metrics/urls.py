"""URLs of the metrics app."""

app_name = "metrics"

urlpatterns: list = []
