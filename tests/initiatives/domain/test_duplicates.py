"""Tests for likely-duplicate detection on realistic proposals in four languages."""

import pytest

from initiatives.domain.duplicates import (
    DEFAULT_THRESHOLD,
    find_duplicates,
    fold,
    stems,
    text_similarity,
)

PORTFOLIO: list[tuple[int, str, str | None]] = [
    (
        1,
        "Automated invoice processing",
        "Accounts payable staff key in supplier invoices by hand; each invoice takes 20 minutes "
        "and errors cause late payments.",
    ),
    (
        2,
        "HR chatbot for leave and payroll questions",
        "The HR service desk answers the same questions about leave, payroll and expenses "
        "hundreds of times a month.",
    ),
    (
        3,
        "Predictive maintenance for pumps",
        "Unplanned pump failures stop production lines several times a year.",
    ),
    (4, "Automatische Rechnungsverarbeitung", "Eingangsrechnungen werden manuell erfasst."),
    (
        5,
        "Demand forecasting for retail stores",
        "Stores over- and under-order fresh products, causing waste.",
    ),
    (6, "Contract review assistant", "Legal reviews supplier contracts manually."),
    (
        7,
        "Slimme factuurverwerking",
        "Facturen van leveranciers worden handmatig ingevoerd.",
    ),
    (
        8,
        "Kundtjänstchattbot",
        "Kundtjänsten får tusentals likadana frågor om leveranser.",
    ),
    (9, "Fraud detection on expense claims", None),
]


def _ids(title: str, problem: str | None = None) -> list[int]:
    return [match.id for match in find_duplicates(title, problem, PORTFOLIO)]


@pytest.mark.parametrize(
    ("title", "problem", "expected"),
    [
        # same idea, words reordered and inflected
        (
            "Invoice processing automation",
            "Supplier invoices are typed in manually by accounts payable.",
            1,
        ),
        # a different title for the same problem
        (
            "Chatbot answering HR questions",
            "Employees keep asking HR the same questions about leave and payroll.",
            2,
        ),
        # "prediction"/"predictive" and "pump"/"pumps" meet on their stems; "AI" is noise
        ("AI-based pump failure prediction", "Pumps fail without warning.", 3),
        # German, with different case, an extra word and an umlaut-free spelling
        ("AUTOMATISIERTE RECHNUNGSVERARBEITUNG mit KI", None, 4),
        # Dutch: "facturen" against "factuur"
        ("Factuurverwerking", "Leveranciersfacturen worden nu handmatig ingevoerd.", 7),
        # Swedish, accents written or not
        ("Chattbot för kundtjänst", "Kundtjanst far samma fragor om leveranser varje dag.", 8),
        # punctuation and a candidate without a problem text
        ("Expense-claim fraud detection!", "", 9),
    ],
)
def test_near_duplicates_are_found_first(title: str, problem: str | None, expected: int) -> None:
    matches = find_duplicates(title, problem, PORTFOLIO)
    assert matches, f"no duplicate found for {title!r}"
    assert matches[0].id == expected
    assert matches[0].score >= DEFAULT_THRESHOLD


@pytest.mark.parametrize(
    ("title", "problem"),
    [
        ("Meeting transcription", "Minutes of meetings take long to write."),
        ("Customer churn prediction", "We lose customers without noticing."),
        ("Image recognition for quality control", "Defects on the line are found too late."),
        ("Translation of product manuals", "Manuals must be translated into 12 languages."),
        ("Automated scheduling of shifts", "Rosters are made in spreadsheets."),
    ],
)
def test_unrelated_proposals_raise_no_warning(title: str, problem: str) -> None:
    assert _ids(title, problem) == []


def test_identical_title_scores_one_and_ranks_before_weaker_matches() -> None:
    candidates = [
        (10, "Invoice matching for purchase orders", None),
        (11, "Automated invoice processing", None),
    ]
    matches = find_duplicates("Automated invoice processing", None, candidates, threshold=0.3)
    assert [m.id for m in matches] == [11, 10]
    assert matches[0].score == 1.0
    assert matches[0].score > matches[1].score


def test_score_is_the_better_of_title_and_problem() -> None:
    [match] = find_duplicates(
        "Supplier bill capture",
        "Supplier invoices are typed in by hand by accounts payable staff.",
        PORTFOLIO[:1],
    )
    assert match.problem_score > match.title_score
    assert match.score == match.problem_score


def test_threshold_and_limit() -> None:
    many = [(n, "Automated invoice processing", None) for n in range(1, 9)]
    assert len(find_duplicates("Invoice processing", None, many)) == 5
    assert len(find_duplicates("Invoice processing", None, many, limit=None)) == 8
    assert find_duplicates("Invoice", None, many, threshold=0.99) == []
    with pytest.raises(ValueError, match="threshold"):
        find_duplicates("Invoice", None, many, threshold=0)


def test_empty_texts_match_nothing() -> None:
    assert text_similarity("", "Automated invoice processing") == 0.0
    assert text_similarity(None, None) == 0.0
    assert find_duplicates("the and of", None, PORTFOLIO) == []


def test_normalisation_folds_case_accents_and_stop_words() -> None:
    assert fold("Öffentliche Straße, Ærø, Łódź") == "offentliche strasse, aero, lodz"
    assert stems("The invoices of the suppliers") == ["invoi", "suppl"]
    assert stems("De facturen van de leveranciers") == ["factu", "lever"]
    assert stems("Die Rechnungen der Lieferanten") == ["rechn", "liefe"]
    assert stems("Fakturorna från leverantörerna") == ["faktu", "lever"]
