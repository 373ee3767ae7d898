"""US federal AI use case inventory 2024 (OMB consolidated, Dec-2024 release and v2 of Jan-2025).

Headers. v2 uses the full questions as headers, nine of them the same "If Other, please
explain.", so columns are matched by position against OMB's layout and renamed to the short
codes of the first release (`2_use_case_name`, `16_dev_stage` …), which is also accepted.

Keys. Neither release has a use-case id, so the key is derived (KeyPolicy.DERIVED) from agency
abbreviation, bureau and name: `<abbr>:~<hash>`. Rows that repeat it with different content get
`#2`, `#3` … and a warning; exact duplicate rows are reported and imported once.

Encoding. v2 is Windows-1252; the readers try UTF-8 first and fall back, and the result says which.
"""

from __future__ import annotations

from collections.abc import Sequence

from governance.domain.inventories.base import (
    InventoryFormat,
    MappedRow,
    RowReader,
    match_category,
    unique_names,
)
from governance.domain.inventories.keys import KeyPolicy, derived_key
from governance.domain.inventories.normalise import category_key, clean_line, option_key
from governance.domain.inventories.records import InventoryFileError, Status

FORMAT_ID = "us_2024"

# (short code of the Dec-2024 release, start of the v2 question after category_key()).
LAYOUT = (
    ("2_use_case_name", "use case name"),
    ("3_agency", "agency"),
    ("3_abr", "agency abbreviation"),
    ("4_bureau", "bureau"),
    ("8_topic_area", "use case topic area"),
    ("8_question_type", "other (use case topic area)"),
    ("10_commercial_ai", "is the ai use case found in the below list"),
    ("11_purpose_benefits", "what is the intended purpose and expected benefits"),
    ("12_outputs", "describe the ai system's outputs."),
    ("16_dev_stage", "stage of development"),
    ("17_impact_type", "is the ai use case rights-impacting, safety-impacting"),
    ("18_date_initiated", "date initiated"),
    ("19_date_acq_dev_began", "date when acquisition and/or development began"),
    ("20_date_implemented", "date implemented"),
    ("21_date_retired", "date retired"),
    ("22_dev_method", "was the ai system involved in this use case developed"),
    ("23_contract_piids", "provide the procurement instrument identifier"),
    ("24_hisp_support", "is this ai use case supporting a high-impact service"),
    ("25_hisp_name", "which hisp is the ai use case supporting?"),
    ("26_public_service", "which public-facing service is the ai use case"),
    ("27_public_info", "does this ai use case disseminate information"),
    ("28_iqa_compliance", "how is the agency ensuring compliance with information"),
    ("29_contains_pii", "does this ai use case involve personally identifiable"),
    ("30_saop_review", "has the senior agency official for privacy"),
    ("31_data_catalog", "do you have access to an enterprise data catalog"),
    ("31_question_type", "if other, please explain."),
    ("33_agency_data", "describe any agency-owned data used to train"),
    ("34_data_docs", "is there available documentation for the model training"),
    ("35_demo_features", "which, if any, demographic variables"),
    ("35_question_type", "if other, please explain."),
    ("37_custom_code", "does this project include custom-developed code?"),
    ("38_code_access", "does the agency have access to the code"),
    ("39_code_link", "if the code is open-source, provide the link"),
    ("40_has_ato", "does this ai use case have an associated authority to operate"),
    ("41_system_name", "system name"),
    ("42_dev_tools_wait", "how long have you waited for the necessary developer tools"),
    ("43_infra_provisioned", "for this ai use case, is the required it infrastructure"),
    ("43_question_type", "if other, please explain."),
    ("45_compute_request", "do you have a process in place to request access to computing"),
    ("45_question_type", "if other, please explain."),
    ("47_timely_resources", "has communication regarding the provisioning"),
    ("47_question_type", "if other, please explain."),
    ("49_existing_reuse", "how are existing data science tools"),
    ("50_internal_review", "has information regarding the ai use case, including performance"),
    ("51_extension_request", "has your agency requested an extension"),
    ("52_impact_assessment", "has an ai impact assessment been conducted"),
    ("53_real_world_testing", "has the ai use case been tested in operational"),
    ("54_key_risks", "what are the key risks from using the ai"),
    ("55_independent_eval", "has an independent evaluation of the ai use case"),
    ("56_monitor_postdeploy", "is there a process to monitor performance of the ai system"),
    ("57_autonomous_impact", "for this particular use case, can the ai carry out a decision"),
    ("57_question_type", "if other, please explain."),
    ("59_ai_notice", "how is the agency providing reasonable and timely notice"),
    ("59_question_type", "if other, please explain."),
    ("61_adverse_impact", "is the ai used to significantly influence or inform decisions"),
    ("62_disparity_mitigation", "what steps has the agency taken to detect and mitigate"),
    ("63_stakeholder_consult", "what steps has the agency taken to consult"),
    ("63_question_type", "if other, please explain."),
    ("65_appeal_process", "is there an established fallback and escalation process"),
    ("66_no_appeal_reason", "if no, please explain."),
    ("67_opt_out", "where practicable and consistent with applicable law"),
    ("67_question_type", "if other, please explain."),
)
CODES = tuple(code for code, _ in LAYOUT)
_CODE_BY_KEY = {code.casefold(): code for code in CODES}

STAGES = {
    "initiated": Status.PLANNED,
    "planned": Status.PLANNED,
    "ideation": Status.PLANNED,
    "acquisition and/or development": Status.IN_DEVELOPMENT,
    # Implemented and being assessed on real cases is the 2024 form of a pilot: in use.
    "implementation and assessment": Status.IN_USE,
    "operation and maintenance": Status.IN_USE,
    "in production": Status.IN_USE,
    "in mission": Status.IN_USE,
    "retired": Status.RETIRED,
    "research or administrative action complete": Status.RETIRED,
}
# (high_risk, risk flags) per normalised answer to the rights/safety question of OMB M-24-10.
IMPACT_TYPES: dict[str, tuple[bool | None, tuple[str, ...]]] = {
    "neither": (False, ()),
    "both": (True, ("rights_impacting", "safety_impacting")),
    "rights-impacting": (True, ("rights_impacting",)),
    "safety-impacting": (True, ("safety_impacting",)),
    # OMB's own answer option: the agency has not yet determined the impact.
    "no, use case is too new to fully assess impacts": (None, ("impact_not_yet_assessed",)),
}
ASSESSMENT: dict[str, bool | None] = {
    "planned or in-progress.": False,
    "planned or in-progress": False,
}


def resolve_columns(header: Sequence[str]) -> list[str]:
    """Rename either published header layout to the short codes; refuse anything else."""
    keys = [category_key(cell) for cell in header]
    if {"2_use_case_name", "3_abr", "16_dev_stage"} <= set(keys):
        return unique_names(
            [
                _CODE_BY_KEY.get(key, clean_line(cell))
                for key, cell in zip(keys, header, strict=True)
            ]
        )
    if len(keys) >= len(LAYOUT) and all(
        key.startswith(expected) for key, (_, expected) in zip(keys, LAYOUT, strict=False)
    ):
        rest = [clean_line(cell) or f"column {index}" for index, cell in enumerate(header)]
        return list(CODES) + rest[len(CODES) :]
    raise InventoryFileError(
        "unknown_layout",
        "This is not a US 2024 inventory file: the columns match neither OMB layout.",
    )


def map_row(row: RowReader) -> MappedRow:
    """Map one 2024 use case."""
    abbreviation = row.peek("3_abr").upper()
    name = row.text("2_use_case_name")
    bureau = row.text("4_bureau")
    if not name:
        row.warn("blank_name", "The use case has no name.", "2_use_case_name")
    status, status_raw = row.status("16_dev_stage", STAGES)
    high_risk, flags = _impact_type(row)
    dates = {}
    for kind, column in (
        ("initiated", "18_date_initiated"),
        ("development_started", "19_date_acq_dev_began"),
        ("start", "20_date_implemented"),
        ("end", "21_date_retired"),
    ):
        if found := row.date(column):
            dates[kind] = found
    return MappedRow(
        derived_key(abbreviation or row.peek("3_agency"), bureau, name),
        {
            "name": name,
            "organisation": row.text("3_agency"),
            "department": bureau,
            "purpose": row.block("11_purpose_benefits"),
            "data_sources": row.block("33_agency_data"),
            "status": status,
            "status_raw": status_raw,
            "dates": dates,
            "personal_data": row.yes_no("29_contains_pii"),
            "high_risk": high_risk,
            "impact_assessment": row.yes_no("52_impact_assessment", ASSESSMENT),
            "risk_flags": flags,
        },
    )


def _impact_type(row: RowReader) -> tuple[bool | None, tuple[str, ...]]:
    """Rights- and safety-impacting classification; 131 values end in a line break, hence cleaning."""
    raw = row.raw("17_impact_type")
    if not clean_line(raw):
        return None, ()
    found = match_category(raw, IMPACT_TYPES)
    if found is None:
        key = option_key(raw)
        found = next(
            (value for label, value in IMPACT_TYPES.items() if key.startswith(label)), None
        )
    if found is None:
        row.unmapped("17_impact_type", raw)
        return None, ()
    return found


US_2024 = InventoryFormat(
    id=FORMAT_ID,
    label="US federal AI use case inventory 2024",
    extensions=(".csv",),
    key_policy=KeyPolicy.DERIVED,
    resolve_columns=resolve_columns,
    map_row=map_row,
    key_rule="abbreviation:~hash(bureau, name); the 2024 files have no use-case id",
)
