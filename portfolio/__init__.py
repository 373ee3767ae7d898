"""The AI-initiative portfolio project package."""

from portfolio.celery import app as celery_app

__all__ = ("celery_app",)
