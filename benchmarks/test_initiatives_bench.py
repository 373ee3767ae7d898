"""The portfolio list and matrix at 50 and 5,000 initiatives against a trivial page.

Run with `make bench`; each case prints one JSON line. The query count must not grow.
"""

from __future__ import annotations

import random

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from benchmarks.conftest import report, timed
from initiatives.choices import BuildType, Stage
from initiatives.domain.priority import derive_priority
from initiatives.models import Department, Initiative
from tests.factories.accounts import UserFactory

pytestmark = pytest.mark.django_db


def build_portfolio(size: int, owners: list) -> None:
    """Bulk-create `size` initiatives over 12 departments with varied scores and stages."""
    rng = random.Random(size)
    departments = [
        Department.objects.get_or_create(
            code=f"d{i}", defaults={"name": f"Department {i}", "headcount": 100}
        )[0]
        for i in range(12)
    ]
    rows = []
    for n in range(size - Initiative.objects.count()):
        scores = [rng.randint(1, 5) for _ in range(4)]
        priority = derive_priority(
            business_value=scores[0], technical_feasibility=scores[1],
            implementation_effort=scores[2], strategic_alignment=scores[3],
        )  # fmt: skip
        rows.append(
            Initiative(
                title=f"Use case {n}",
                problem="A recurring manual task.",
                department=rng.choice(departments),
                owner=rng.choice(owners),
                build_type=rng.choice(BuildType.values),
                business_value=scores[0],
                technical_feasibility=scores[1],
                implementation_effort=scores[2],
                strategic_alignment=scores[3],
                priority_score=priority.score,
                priority_band=priority.band.value,
                stage=rng.choice(Stage.values),
            )
        )
    Initiative.objects.bulk_create(rows, batch_size=1000)


def measure(client, url: str) -> tuple[float, int]:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    count = len(queries)
    return timed(lambda: client.get(url)), count


def test_list_and_matrix_at_50_and_5000(client, leader) -> None:
    owners = [UserFactory() for _ in range(20)]
    client.force_login(leader)
    # The API-token page is the trivial authenticated page (home is leadership's dashboard).
    reference_url = reverse("accounts:api-tokens")
    counts: dict[str, list[int]] = {"list": [], "matrix": []}
    for size in (50, 5000):
        build_portfolio(size, owners)
        reference_s, _ = measure(client, reference_url)
        for name, url in (
            ("list", reverse("initiatives:initiative-list") + "?ordering=-priority"),
            ("matrix", reverse("initiatives:initiative-matrix")),
        ):
            ours_s, queries = measure(client, url)
            counts[name].append(queries)
            report(
                f"initiative_{name}", ours_s=ours_s, reference_s=reference_s,
                reference="trivial authenticated page", initiatives=size, queries=queries,
            )  # fmt: skip
    assert counts["list"][0] == counts["list"][1]
    assert counts["matrix"][0] == counts["matrix"][1]
