"""The API against its own OpenAPI description, with schemathesis, in process, on SQLite and
PostgreSQL: requests made from the description (valid ones, and ones that break it), each
answer checked by every check schemathesis has (no server error, status codes, content types,
headers and bodies as described, invalid input refused, the token really required)."""

from __future__ import annotations

from typing import Any, Final

import schemathesis
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from schemathesis import Case, GenerationMode
from schemathesis.config import SchemathesisConfig

from tests.api_world import api_world
from tests.web_app import WebWorld

# Per operation and mode: six operations, both modes, both databases in well under a minute.
EXAMPLES: Final = 30


def exercise(cases: st.SearchStrategy[Case[Any]], calls: list[str]) -> None:
    """Make requests drawn from ``cases`` and check each answer; note "METHOD status"."""

    @settings(
        max_examples=EXAMPLES,
        deadline=None,
        database=None,
        derandomize=True,
        suppress_health_check=list(HealthCheck),
    )
    @given(case=cases)
    def run(case: Case[Any]) -> None:
        response = case.call_and_validate()
        calls.append(f"{case.method} {response.status_code}")

    run()


def test_every_answer_is_as_the_description_says(web: WebWorld) -> None:
    # A rate that never runs out here: the limit has tests of its own.
    with api_world(web, per_minute=10**9) as api:
        # The token as the description's own scheme: schemathesis then knows which header is
        # the credential, and checks too that a call without it, or with a wrong one, is refused.
        scheme = {"token": {"bearer": api.token}}
        config = SchemathesisConfig.from_dict({"auth": {"openapi": scheme}})
        schema = schemathesis.openapi.from_asgi("/api/v1/openapi.json", web.app, config=config)
        operations = [result.ok() for result in schema.get_all_operations()]  # type: ignore[union-attr]
        assert len(operations) == 6
        calls: list[str] = []
        for operation in operations:
            for mode in (GenerationMode.POSITIVE, GenerationMode.NEGATIVE):
                exercise(operation.as_strategy(generation_mode=mode), calls)
        statuses = {call.split()[1] for call in calls}
        assert "200" in statuses
        assert "422" in statuses
        assert not [call for call in calls if call.split()[1].startswith("5")]
