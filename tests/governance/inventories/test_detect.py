"""Format suggestions from a file's name and first bytes."""

from __future__ import annotations

from pathlib import Path

import pytest

from governance.domain.inventories import FORMATS, detect_format

HEAD = 64 * 1024


@pytest.mark.parametrize(
    ("relative", "expected"),
    [
        ("us-fed-ai-inventory-2025/2025_individually_reported_AI_use_cases.csv", "us_2025"),
        ("us-fed-ai-inventory-2025/2025_individually_reported_AI_use_cases.xlsx.csv", "us_2025"),
        ("us-fed-ai-inventory-2025/2025_individually_reported_AI_use_cases.xlsx", "us_2025"),
        ("us-fed-ai-inventory-2025/2025_consolidated_COTS_AI_use_cases.csv", "us_2025_cots"),
        ("us-fed-ai-inventory-2025/2025_consolidated_COTS_AI_use_cases.xlsx", "us_2025_cots"),
        ("us-fed-ai-inventory-2024/2024_consolidated_ai_inventory_raw_v2.csv", "us_2024"),
        ("us-fed-ai-inventory-2024/2024_consolidated_ai_inventory_raw.csv", "us_2024"),
        ("nl-algoritmeregister/algoritmes_2026-05-13.csv", "nl_algoritmeregister"),
        ("nl-algoritmeregister/algoritmes_2026-08-08.json", "nl_algoritmeregister"),
        ("nl-algoritmeregister/pub_data_2023-06.json", "nl_algoritmeregister_publication"),
        ("nl-algoritmeregister/pub_data_2023-06.csv", "nl_algoritmeregister_publication"),
        ("uk-atrs/atrs_records_2026-08-17.csv", "uk_atrs"),
        ("uk-atrs/atrs_metadata_2026-08-17.json", "uk_atrs"),
        ("ca-gc-ai-register/gc-ai-register-mvp-registre-de-lia-du-gc-pmv.csv", "ca_gc"),
        # Files of other shapes are not guessed as anything.
        ("uk-atrs/atrs_audit_2026-08-17.csv", None),
        ("eu-pstw/pstw_dataset_2026-03-04.csv", None),
    ],
)
def test_detects_every_real_file(datasets: Path, relative: str, expected: str | None) -> None:
    data = (datasets / relative).read_bytes()
    # XLSX can only be read whole; text formats are recognised from their first 64 KB.
    head = data if relative.endswith(".xlsx") else data[:HEAD]
    assert detect_format(Path(relative).name, head) == expected


def test_cut_off_workbook_falls_back_to_its_name() -> None:
    assert (
        detect_format("2025_consolidated_COTS_AI_use_cases.xlsx", b"PK\x03\x04") == "us_2025_cots"
    )
    assert detect_format("inventory.xlsx", b"PK\x03\x04") == "us_2025"


def test_every_format_describes_itself() -> None:
    for format_id, fmt in FORMATS.items():
        assert fmt.id == format_id
        assert fmt.label
        assert fmt.key_rule
        assert all(ext.startswith(".") for ext in fmt.extensions)
