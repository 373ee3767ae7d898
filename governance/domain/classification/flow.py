"""The guided flow: the questions the answers so far make necessary; complete answers checked."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from enum import StrEnum
from typing import Any

from governance.domain.classification.questions import (
    ANNEX_III_KEYS,
    CONDITION_KEYS,
    ESSENTIAL_SERVICES,
    PROHIBITED_KEYS,
    QUESTIONS,
    QUESTIONS_BY_KEY,
    TRANSPARENCY_KEYS,
)


class AIActRole(StrEnum):
    """The organisation's role for an AI system (Art. 3(3) provider, Art. 3(4) deployer)."""

    PROVIDER = "provider"
    DEPLOYER = "deployer"
    # An in-house system used in-house: the organisation puts it into service (provider) and uses
    # it under its authority (deployer), so both sets of duties apply.
    PROVIDER_AND_DEPLOYER = "provider_and_deployer"


class InvalidAnswers(ValueError):
    """The answers are incomplete or contain unknown questions or non-yes/no values."""

    def __init__(
        self,
        *,
        missing: Iterable[str] = (),
        unknown: Iterable[str] = (),
        not_boolean: Iterable[str] = (),
    ) -> None:
        self.missing = tuple(missing)
        self.unknown = tuple(unknown)
        self.not_boolean = tuple(not_boolean)
        parts = []
        if self.missing:
            parts.append("unanswered: " + ", ".join(self.missing))
        if self.unknown:
            parts.append("unknown questions: " + ", ".join(self.unknown))
        if self.not_boolean:
            parts.append("answers must be yes or no: " + ", ".join(self.not_boolean))
        super().__init__("Invalid questionnaire answers (" + "; ".join(parts) + ").")


def _yes(answers: Mapping[str, bool], key: str) -> bool:
    """True only for an explicit yes; missing answers count as not (yet) yes."""
    return answers.get(key) is True


def exception_applies(answers: Mapping[str, bool]) -> bool:
    """Art. 6(3): no significant risk, at least one of (a)–(d), and no profiling."""
    return (
        not _yes(answers, "art6_3_significant_risk")
        and any(_yes(answers, key) for key in CONDITION_KEYS)
        and not _yes(answers, "art6_3_profiling")
    )


def annex_iii_points(answers: Mapping[str, bool]) -> tuple[int, ...]:
    """Annex III points answered yes, as numbers 1–8."""
    return tuple(index for index, key in enumerate(ANNEX_III_KEYS, 1) if _yes(answers, key))


def required_questions(answers: Mapping[str, bool], role: AIActRole | str) -> list[str]:
    """Keys the guided form must ask, given the answers so far, in questionnaire order."""
    role = AIActRole(role)
    required = list(PROHIBITED_KEYS)
    required.append("annex_i_product")
    if _yes(answers, "annex_i_product"):
        required.append("annex_i_third_party_assessment")
    required.extend(ANNEX_III_KEYS)
    if annex_iii_points(answers):
        required.append("art6_3_significant_risk")
        required.extend(CONDITION_KEYS)
        required.append("art6_3_profiling")
    required.extend(TRANSPARENCY_KEYS)
    required.append("gpai_model_provider")
    if _yes(answers, "gpai_model_provider"):
        required.extend(("gpai_systemic_risk", "gpai_open_source"))

    prohibited = any(_yes(answers, key) for key in PROHIBITED_KEYS)
    annex_i_high = _yes(answers, "annex_i_product") and _yes(
        answers, "annex_i_third_party_assessment"
    )
    annex_iii_high = bool(annex_iii_points(answers)) and not exception_applies(answers)
    if role != AIActRole.PROVIDER and not prohibited:
        if role == AIActRole.DEPLOYER and (annex_i_high or annex_iii_high):
            required.append("deployer_becomes_provider")
        if annex_iii_high:
            required.extend(("deployer_public_authority", "deployer_public_service"))
            if _yes(answers, ESSENTIAL_SERVICES):
                required.append("deployer_credit_or_insurance")
    return required


def validate_answers(answers: Mapping[str, Any], role: AIActRole) -> None:
    """Raise InvalidAnswers for unknown keys, non-boolean values or unanswered questions."""
    unknown = sorted(key for key in answers if key not in QUESTIONS_BY_KEY)
    not_boolean = [
        q.key for q in QUESTIONS if q.key in answers and not isinstance(answers[q.key], bool)
    ]
    if unknown or not_boolean:
        raise InvalidAnswers(unknown=unknown, not_boolean=not_boolean)
    missing = [key for key in required_questions(answers, role) if key not in answers]
    if missing:
        raise InvalidAnswers(missing=missing)
