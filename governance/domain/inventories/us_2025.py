"""US federal AI use case inventory 2025 (OMB): individually reported use cases and COTS uses.

Keys. The individual file's `id` is blank in 704 rows and repeats (NSF, TREAS and EPA use bare
numbers; STB uses the placeholder "TBD"), so the key is derived (KeyPolicy.DERIVED):
`<agency>:<id>` when the id is given and not a placeholder, else `<agency>:~<hash of bureau and
name>`. Rows that repeat a key with different content get `#2`, `#3` … and a warning; exact
duplicate rows are reported as duplicates and imported once. The COTS table has one row per
agency and standard task, so its key `<agency>:<task>` must be unique (KeyPolicy.STRICT).
"""

from __future__ import annotations

from collections.abc import Sequence

from governance.domain.inventories.base import (
    InventoryFormat,
    MappedRow,
    RowReader,
    match_category,
    require_columns,
    unique_names,
)
from governance.domain.inventories.keys import KeyPolicy, derived_key
from governance.domain.inventories.normalise import category_key, clean_line, option_key
from governance.domain.inventories.records import Status

FORMAT_ID = "us_2025"
COTS_FORMAT_ID = "us_2025_cots"

# The CSV's short column names, in OMB's order; the XLSX asks the same questions in long form.
COLUMNS = (
    "agency",
    "agency_name",
    "id",
    "use_case_name",
    "agency_bureau",
    "contact_email",
    "is_withheld",
    "development_stage",
    "is_high_impact",
    "HI_justification",
    "topic_area",
    "classification",
    "problem_solved",
    "benefits",
    "system_outputs",
    "operational_date",
    "contracting_usage",
    "vendor_name",
    "have_ato",
    "system_name_ato",
    "data_description",
    "link_to_data",
    "has_pii",
    "pia_url",
    "demographic_features",
    "has_custom_code",
    "code_url",
    "hi_testing_conducted",
    "hi_assessment_completed",
    "hi_potential_impacts",
    "hi_independent_review",
    "hi_ongoing_monitoring",
    "hi_training_established",
    "hi_failsafe_presence",
    "hi_appeal_process",
    "hi_public_consultation",
)

# Start of each long XLSX header after category_key(); long enough to be unique.
LONG_HEADERS = {
    "agency": "agency abbreviation",
    "agency_name": "agency name",
    "id": "use case id",
    "use_case_name": "use case name",
    "agency_bureau": "bureau/component",
    "contact_email": "email address",
    "is_withheld": "should this ai use case be withheld from public",
    "development_stage": "stage of development",
    "is_high_impact": "is the ai use case high-impact?",
    "HI_justification": "justification",
    "topic_area": "use case topic area",
    "classification": "ai classification",
    "problem_solved": "what problem is the ai intended to solve?",
    "benefits": "what are the expected benefits and positive outcomes",
    "system_outputs": "describe the ai system's outputs.",
    "operational_date": "date when ai use case became operational",
    "contracting_usage": "was the system involved in this use case purchased",
    "vendor_name": "vendor(s) name",
    "have_ato": "does this ai use case have an associated authorization",
    "system_name_ato": "system(s) name",
    "data_description": "describe any data used to train, fine-tune",
    "link_to_data": "if the data is required to be publicly disclosed",
    "has_pii": "does this ai use case involve personally identifiable",
    "pia_url": "if publicly available, provide the link to the ai use case",
    "demographic_features": "which, if any, demographic variables",
    "has_custom_code": "does this project include custom-developed code?",
    "code_url": "if the code is open source, provide the link",
    "hi_testing_conducted": "has pre-deployment testing been conducted",
    "hi_assessment_completed": "has an ai impact assessment been completed",
    "hi_potential_impacts": "what are the potential impacts of using the ai",
    "hi_independent_review": "has as independent review of the ai use case",
    "hi_ongoing_monitoring": "is there a process to conduct ongoing monitoring",
    "hi_training_established": "has the agency established sufficient and periodic training",
    "hi_failsafe_presence": "does this ai use case have an appropriate fail-safe",
    "hi_appeal_process": "is there an established appeal process",
    "hi_public_consultation": "what steps has the agency taken to consult",
}
_SHORT = {name.casefold(): name for name in COLUMNS}

# Ids that agencies typed while no real id existed; they do not identify anything.
PLACEHOLDER_IDS = frozenset({"tbd", "tba", "n/a", "na", "none", "-", "unknown", "pending"})

STAGES = {
    "pre-deployment": Status.IN_DEVELOPMENT,
    # A pilot processes real cases, so the obligations of a system in use already apply.
    "pilot": Status.IN_USE,
    "deployed": Status.IN_USE,
    "retired": Status.RETIRED,
}
HIGH_IMPACT = {
    "high-impact": True,
    "high impact": True,
    "not high-impact": False,
    "not high impact": False,
    "presumed high-impact, but not high-impact": False,
    "presumed high-impact, but determined not high impact": False,
    "presumed high-impact but determined not high-impact": False,
}
ASSESSMENT_DONE: dict[str, bool | None] = {
    "yes": True,
    "no": False,
    # An assessment in progress or waived has not been completed.
    "in-progress": False,
    "in progress": False,
    "waived": False,
    "agency caio has waived this minimum practice and reported such waiver to omb": False,
}


def resolve_columns(header: Sequence[str]) -> list[str]:
    """Map short (CSV) or long (XLSX) headers to the short names; unknown headers stay as they are."""
    names = []
    for cell in header:
        key = category_key(cell)
        name = _SHORT.get(key)
        if name is None:
            name = next(
                (short for short, long in LONG_HEADERS.items() if key.startswith(long)), None
            )
        names.append(name or clean_line(cell))
    known = [name for name in names if name in LONG_HEADERS]
    if len(set(known)) < len(known):
        names = unique_names(names)
    # is_high_impact is what tells the 2025 questionnaire from the 2024 one with the same basics.
    require_columns(
        names,
        ("agency", "use_case_name", "development_stage", "is_high_impact"),
        "US 2025 inventory",
    )
    return names


def map_row(row: RowReader) -> MappedRow:
    """Map one individually reported use case."""
    agency = row.peek("agency") or row.peek("agency_name")
    use_case_id = row.peek("id")
    name = row.text("use_case_name")
    bureau = row.text("agency_bureau")
    tiebreak = ""
    if use_case_id and option_key(use_case_id) not in PLACEHOLDER_IDS:
        key = f"{agency}:{use_case_id}"
        # Two rows of one agency share an id (DOJ-0160 for two bureaus): bureau and name differ.
        tiebreak = f"{bureau}\x1f{name}"
    else:
        if use_case_id:
            row.warn(
                "placeholder_id",
                f"Id '{use_case_id}' is a placeholder; the key is derived from bureau and name.",
                "id",
                value=use_case_id,
            )
        key = derived_key(agency, bureau, name)
    if not name:
        row.warn("blank_name", "The use case has no name.", "use_case_name")
    status, status_raw = row.status("development_stage", STAGES)
    high_risk, flags = _high_impact(row)
    dates = {}
    if start := row.date("operational_date"):
        dates["start"] = start
    return MappedRow(
        key,
        {
            "name": name,
            "organisation": row.text("agency_name") or agency,
            "department": bureau,
            "purpose": row.block("problem_solved"),
            "benefits": row.block("benefits"),
            "data_sources": row.block("data_description"),
            "status": status,
            "status_raw": status_raw,
            "vendor": row.text("vendor_name"),
            "contact": row.text("contact_email"),
            "dates": dates,
            "personal_data": row.yes_no("has_pii"),
            "high_risk": high_risk,
            "impact_assessment": row.yes_no("hi_assessment_completed", ASSESSMENT_DONE),
            "risk_flags": flags,
        },
        tiebreak,
    )


def _high_impact(row: RowReader) -> tuple[bool | None, tuple[str, ...]]:
    """OMB M-25-21's high-impact designation as a flag, keeping 'presumed' as a risk flag."""
    raw = row.raw("is_high_impact")
    if not clean_line(raw):
        return None, ()
    value = match_category(raw, HIGH_IMPACT)
    if value is None:
        row.unmapped("is_high_impact", raw)
        return None, ()
    if value:
        return True, ("high_impact",)
    if option_key(raw).startswith("presumed"):
        return False, ("presumed_high_impact",)
    return False, ()


US_2025 = InventoryFormat(
    id=FORMAT_ID,
    label="US federal AI use case inventory 2025 (individually reported use cases)",
    extensions=(".csv", ".xlsx"),
    key_policy=KeyPolicy.DERIVED,
    resolve_columns=resolve_columns,
    map_row=map_row,
    key_rule="agency:id, or agency:~hash(bureau, name) when the id is blank or a placeholder",
)


COTS_COLUMNS = {
    "agency": "Agency",
    "ai use case": "AI Use Case",
    "agency use (y/n)?": "Agency Use (Y/N)?",
    "name of commercial product or service used": "Name of Commercial Product or Service Used",
    "estimated # of licenses/users": "Estimated # of Licenses/Users",
}


def resolve_cots_columns(header: Sequence[str]) -> list[str]:
    """Keep the COTS headers, spelled as OMB spells them."""
    names = [COTS_COLUMNS.get(category_key(cell), clean_line(cell)) for cell in header]
    require_columns(names, ("Agency", "AI Use Case", "Agency Use (Y/N)?"), "US 2025 COTS")
    return unique_names(names)


def map_cots_row(row: RowReader) -> MappedRow:
    """Map one agency x standard-task row of the COTS table."""
    agency = row.text("Agency")
    task = row.text("AI Use Case")
    used = row.yes_no("Agency Use (Y/N)?")
    return MappedRow(
        f"{agency}:{task}" if agency and task else "",
        {
            "name": task,
            "organisation": agency,
            "vendor": row.text("Name of Commercial Product or Service Used"),
            # "N" means the agency does not use COTS AI for the task: no register status applies.
            "status": Status.IN_USE if used else None,
            "status_raw": row.peek("Agency Use (Y/N)?"),
        },
    )


US_2025_COTS = InventoryFormat(
    id=COTS_FORMAT_ID,
    label="US federal AI use case inventory 2025 (commercial off-the-shelf AI uses)",
    extensions=(".csv", ".xlsx"),
    key_policy=KeyPolicy.STRICT,
    resolve_columns=resolve_cots_columns,
    map_row=map_cots_row,
    key_rule="agency:task (one row per agency and standard COTS task)",
)
