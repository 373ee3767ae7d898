"""How fast a hostile upload is refused: every refused input of the corpus in
tests/security/test_hostile_uploads.py against every import endpoint and page, the slowest per
endpoint against a budget of one second (a zip bomb once held a request for 90 s)."""

from __future__ import annotations

import pytest

from benchmarks.conftest import report
from tests.security.test_hostile_uploads import ENDPOINTS, EXPECTED, HOSTILE, Refused, scene  # noqa: F401

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("endpoint", list(ENDPOINTS))
def test_hostile_uploads_are_refused_fast(scene, endpoint: str) -> None:  # noqa: F811
    target, send = ENDPOINTS[endpoint]
    slowest, slowest_input, refused = 0.0, "", 0
    for hostile, build in HOSTILE.items():
        if not isinstance(EXPECTED[hostile][target.name], Refused):
            continue
        name, content = build(target, scene.kpi_id)
        answer = send(scene, name, content)
        assert answer.status == 400, (hostile, answer.status)
        refused += 1
        if answer.seconds > slowest:
            slowest, slowest_input = answer.seconds, hostile
    report(
        f"hostile_upload_refusal_{endpoint}", ours_s=slowest, reference_s=1.0,
        reference="budget of one second", slowest_input=slowest_input, refused_inputs=refused,
    )  # fmt: skip
