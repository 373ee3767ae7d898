"""Import problems read in the person's language; the parsers' English sentences are all known."""

from __future__ import annotations

from django.utils import translation

from governance.import_messages import translate_issue


def test_a_duplicate_row_is_explained_in_dutch_with_its_values() -> None:
    english = "Exact copy of row 12 (key 'DOJ-0160'); imported once."
    with translation.override("nl"):
        dutch = translate_issue(english)
    assert dutch != english
    assert "12" in dutch and "DOJ-0160" in dutch
    with translation.override("en"):
        assert translate_issue(english) == english


def test_an_unknown_sentence_is_shown_as_written() -> None:
    assert translate_issue("Something nobody planned for.") == "Something nobody planned for."


def test_every_problem_in_the_real_files_is_translated(settings) -> None:
    from governance.domain.inventories import parse

    datasets = settings.PORTFOLIO_DATASETS_DIR
    files = [
        (
            "us_2025",
            datasets / "us-fed-ai-inventory-2025" / "2025_individually_reported_AI_use_cases.csv",
        ),
        (
            "us_2024",
            datasets / "us-fed-ai-inventory-2024" / "2024_consolidated_ai_inventory_raw_v2.csv",
        ),
        (
            "nl_algoritmeregister_publication",
            datasets / "nl-algoritmeregister" / "pub_data_2023-06.csv",
        ),
    ]
    messages = set()
    for format_id, path in files:
        result = parse(format_id, path.read_bytes(), path.name)
        for issue in (*result.row_errors, *result.warnings, *result.duplicates):
            messages.add(issue.message)
    assert len(messages) > 20
    with translation.override("de"):
        untranslated = sorted(m for m in messages if translate_issue(m) == m)
    assert untranslated == []


def test_swedish_and_german_translations_keep_the_values() -> None:
    english = "Unparseable date '13/32/2024' in column 'date_initiated'; the text is kept as is."
    for language in ("sv", "de"):
        with translation.override(language):
            text = translate_issue(english)
        assert "13/32/2024" in text and "date_initiated" in text
        assert text != english
