"""One Hypothesis profile for the property tests: reproducible, modest, no example database.

``derandomize`` makes every run (and CI) try the same examples, so a failure is reproduced
by running the test again; new examples come from changing a strategy, not from luck.
The budget keeps the whole folder well under 20 seconds on the 2-core machines.
"""

from hypothesis import HealthCheck, settings

settings.register_profile(
    "muhabir",
    max_examples=150,
    derandomize=True,
    deadline=None,
    database=None,
    print_blob=True,
    suppress_health_check=[HealthCheck.too_slow],
)
settings.load_profile("muhabir")
