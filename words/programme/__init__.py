"""The programme file as records: its schema, a checked file and the problems found in one."""
