"""EU AI Act (Regulation (EU) 2024/1689) risk classification through a versioned questionnaire.

The questionnaire is data (questions): QUESTIONS (key, group, article reference, in the order
asked) and QUESTION_TEXTS (the English texts keyed by question key, marked for the catalogues and
translated by the Django layer). `required_questions` (flow) tells the guided form which questions
the answers so far make necessary; `classify` (decision) turns complete answers into a
Classification whose rationale explains the class line by line; `obligations` lists what follows
from the class and the organisation's role, each obligation described in the catalogue.

How the class is reached, strictest first:
- prohibited: any practice of Art. 5(1)(a)–(h);
- high: Art. 6(1) (safety component of, or itself, a product under the Annex I legislation that
  needs a third-party conformity assessment) or Art. 6(2) (an Annex III area), unless for Annex III
  the Art. 6(3) exception holds. This questionnaire reads Art. 6(3) conservatively: the exception
  holds only when the system poses no significant risk of harm, meets at least one of conditions
  (a)–(d), and does not profile natural persons (profiling always keeps it high-risk);
- limited: any Art. 50 transparency duty;
- minimal: none of the above.
Art. 50 duties are listed whatever the class (Art. 50(6)); GPAI model duties (Art. 53, 55) follow
from the separate GPAI questions and sit beside the system's class.

Not modelled: the scope exclusions of Art. 2 (military, research, personal use), the transitional
rules of Art. 111, and the product-specific routes of Annex I Section B (Art. 2(2)). Application
dates are those of Art. 113 as adopted; an amendment changes APPLICATION_DATES and the version.
"""

from governance.domain.classification.catalogue import (
    APPLICATION_DATES,
    OBLIGATION_TEXTS,
    ApplicationPhase,
    Bearer,
    Obligation,
    ObligationCode,
)
from governance.domain.classification.decision import (
    CONSEQUENCE_TEXTS,
    Classification,
    Consequence,
    RationaleLine,
    RiskClass,
    classify,
)
from governance.domain.classification.flow import AIActRole, InvalidAnswers, required_questions
from governance.domain.classification.obligations import obligations
from governance.domain.classification.questions import (
    GROUP_TITLES,
    QUESTION_TEXTS,
    QUESTIONNAIRE_VERSION,
    QUESTIONS,
    QUESTIONS_BY_KEY,
    Question,
    QuestionGroup,
    TransparencyDuty,
)

__all__ = [
    "APPLICATION_DATES",
    "CONSEQUENCE_TEXTS",
    "GROUP_TITLES",
    "OBLIGATION_TEXTS",
    "QUESTIONNAIRE_VERSION",
    "QUESTIONS",
    "QUESTIONS_BY_KEY",
    "QUESTION_TEXTS",
    "AIActRole",
    "ApplicationPhase",
    "Bearer",
    "Classification",
    "Consequence",
    "InvalidAnswers",
    "Obligation",
    "ObligationCode",
    "Question",
    "QuestionGroup",
    "RationaleLine",
    "RiskClass",
    "TransparencyDuty",
    "classify",
    "obligations",
    "required_questions",
]
