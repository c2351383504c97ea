"""Fuzzing every input of every public and account page: the routes of shard 0 of 4
(tests/security/fuzz.py says how; the four files run in parallel under xdist --dist loadfile).
"""

import pytest

from .fuzz import fuzz_route, shard


@pytest.mark.django_db
@pytest.mark.parametrize("name", shard(0))
def test_no_input_breaks_the_page(name, world_for_module):
    fuzz_route(name, world_for_module)
