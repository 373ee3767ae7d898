"""A large, believable portfolio for load and query-count checks: `manage.py seed_scale`.

Fast on purpose, so it takes shortcuts the app itself never takes:

- Rows are written with `bulk_create` in large batches and, for measurements, with PostgreSQL
  COPY (psycopg 3 `cursor.copy`). Neither calls `save()` or sends signals, so **no audit
  history is written** for the seeded rows: their history pages start empty, and the first
  change made in the app is the first entry. Derived fields that `save()` or the services would
  set (an initiative's priority, a risk's score) are computed here with the same domain functions.
- No stage changes, pilots or gate decisions are made; stages are set directly, spread over the
  lifecycle, with a believable age per stage.
- Everything comes from `random.Random(seed)`: the same sizes and seed give the same portfolio
  (dates are relative to `as_of`, today by default).

People and departments are reused when the command runs again (usernames `scale-…`, department
codes `scale-…`); initiatives and everything under them are added each time.

`sizes` holds what to create and what is refused, `catalogues` what the portfolio looks like,
`people`, `initiatives`, `metrics` and `governance` the phases, `bulk` the batch and COPY
helpers, and `orchestration` runs the phases in order.
"""

from seeding.scale.orchestration import ScaleReport, seed_scale
from seeding.scale.sizes import ScaleError, ScaleSizes, check_sizes

__all__ = ["ScaleError", "ScaleReport", "ScaleSizes", "check_sizes", "seed_scale"]
