"""The read-only JSON API under ``/api/v1``, with its OpenAPI description and a token per
integration (issue 18)."""
