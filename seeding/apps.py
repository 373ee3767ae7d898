"""The seeding app: `manage.py seed_demo` and `manage.py seed_scale`."""

from django.apps import AppConfig


class SeedingConfig(AppConfig):
    """Demo and scale data builders; no models, so nothing of it shows in the admin."""

    name = "seeding"
