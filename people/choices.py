"""Choices of the people app."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Skill(models.TextChoices):
    """The skills the competence map tracks."""

    API_INTEGRATION = "api_integration", _("API integration")
    WORKFLOW_AUTOMATION = "workflow_automation", _("Workflow automation")
    ML_LLM_BASICS = "ml_llm_basics", _("ML/LLM basics")
    DATA_QUALITY = "data_quality", _("Data quality/ETL")
    PROMPT_ENGINEERING = "prompt_engineering", _("Prompt engineering")
    BUSINESS_PROCESS = "business_process", _("Business-process knowledge")


class SkillLevel(models.IntegerChoices):
    """How well a person masters a skill."""

    AWARE = 1, _("aware")
    WORKING = 2, _("working")
    SKILLED = 3, _("skilled")
    EXPERT = 4, _("expert")


class TrainingStatus(models.TextChoices):
    """Where a training plan stands."""

    PLANNED = "planned", _("Planned")
    BOOKED = "booked", _("Booked")
    IN_PROGRESS = "in_progress", _("In progress")
    COMPLETED = "completed", _("Completed")
    CANCELLED = "cancelled", _("Cancelled")


class MeasureKind(models.TextChoices):
    """The form an AI-literacy measure takes."""

    E_LEARNING = "e_learning", _("E-learning")
    WORKSHOP = "workshop", _("Workshop")
    CLASSROOM = "classroom", _("Classroom training")
    COACHING = "coaching", _("Coaching")
    GUIDANCE = "guidance", _("Written guidance")
    OTHER = "other", _("Other")
