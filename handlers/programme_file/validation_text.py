"""Pydantic's errors about a programme file, in the catalogue's words for whoever fixes it."""

from __future__ import annotations

import re
from typing import Any

from words.catalogue import t
from words.programme.doc import shown
from words.programme.fields import ACTION_KEY_PATTERN, KEY_PATTERN

# Pydantic error types mapped to catalogue keys; the text gets ``value`` and the error context.
ERROR_KEYS: dict[str, str] = {
    "missing": "register.missing",
    "extra_forbidden": "register.unknown_field",
    "string_type": "register.bad_text",
    "bool_type": "register.bad_text",
    "string_too_short": "register.empty",
    "string_too_long": "register.too_long",
    "too_short": "register.too_few",
    "list_type": "register.bad_list",
    "model_type": "register.bad_block",
    "model_attributes_type": "register.bad_block",
    "dict_type": "register.bad_block",
    "literal_error": "register.literal",
    "date_type": "register.bad_date",
    "date_parsing": "register.bad_date",
    "date_from_datetime_parsing": "register.bad_date",
    "date_from_datetime_inexact": "register.bad_date",
    "float_type": "register.bad_number",
    "float_parsing": "register.bad_number",
    "int_type": "register.bad_number",
    "int_parsing": "register.bad_number",
    "finite_number": "register.bad_number",
    # Our own PydanticCustomError types (see words.programme.fields and .schema).
    "choice": "register.choice",
    "checkin_invalid": "register.rrule",
    "checkin_too_often": "register.checkin_too_often",
    "checkin_several_a_day": "register.checkin_several_a_day",
    "checkin_too_many": "register.checkin_too_many",
    "checkin_never": "register.checkin_never",
    "period": "register.period",
    "timezone": "register.timezone",
    "email": "register.email",
    "channel_email": "register.channel_email",
    "clock_time": "register.clock_time",
    "weekday_time": "register.weekday_time",
    "holidays": "register.holidays",
    "days": "register.days",
}
PATTERN_KEYS: dict[str, str] = {
    KEY_PATTERN: "register.bad_key",
    ACTION_KEY_PATTERN: "register.bad_action_key",
}


DATE_ERRORS = {key for key, value in ERROR_KEYS.items() if value == "register.bad_date"}
ISO_DATE = re.compile(r"^\d{4}-\d{1,2}-\d{1,2}$")


def pydantic_message(error: Any, lang: str) -> str:
    kind: str = error["type"]
    params: dict[str, Any] = {"value": error.get("input"), **(error.get("ctx") or {})}
    value = params["value"]
    if kind == "string_pattern_mismatch":
        key = PATTERN_KEYS.get(params.get("pattern", ""), "register.bad_format")
    elif kind in DATE_ERRORS and isinstance(value, str) and ISO_DATE.match(value):
        key = "register.no_such_date"  # 2026-02-30: the YAML reader kept it as text
    else:
        key = ERROR_KEYS.get(kind, "register.invalid")
    params = {name: shown(param) for name, param in params.items()}
    return t(key, lang, detail=shown(error.get("msg", "")), **params)
