"""YAML loading that remembers where each value stood, so errors can name file and line."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import yaml

Path = tuple[str | int, ...]


@dataclass(frozen=True, slots=True)
class Located:
    """Parsed YAML plus the 1-based line of every mapping key and list item, by path."""

    data: Any
    lines: dict[Path, int] = field(default_factory=dict)
    duplicates: list[tuple[Path, int]] = field(default_factory=list)

    def line_of(self, path: Path) -> int:
        """The line of ``path``, or of its nearest ancestor that has one (a missing field)."""
        for end in range(len(path), -1, -1):
            line = self.lines.get(path[:end])
            if line is not None:
                return line
        return 1


class YamlSyntaxError(ValueError):
    def __init__(self, line: int, problem: str) -> None:
        super().__init__(problem)
        self.line = line
        self.problem = problem


def _walk(node: yaml.Node, path: Path, located: Located) -> None:
    if isinstance(node, yaml.MappingNode):
        seen: set[str] = set()
        for key_node, value_node in node.value:
            key = str(key_node.value)
            child = (*path, key)
            if key in seen:
                located.duplicates.append((child, key_node.start_mark.line + 1))
            seen.add(key)
            located.lines[child] = key_node.start_mark.line + 1
            _walk(value_node, child, located)
    elif isinstance(node, yaml.SequenceNode):
        for index, item in enumerate(node.value):
            child = (*path, index)
            located.lines[child] = item.start_mark.line + 1
            _walk(item, child, located)


def load_located(text: str) -> Located:
    """Parse ``text`` safely; raise YamlSyntaxError with the line of the first syntax error."""
    try:
        data = yaml.safe_load(text)
        root = yaml.compose(text, Loader=yaml.SafeLoader)
    except yaml.MarkedYAMLError as err:
        mark = err.problem_mark or err.context_mark
        line = mark.line + 1 if mark is not None else 1
        raise YamlSyntaxError(line, str(err.problem or err.context)) from err
    except yaml.YAMLError as err:
        raise YamlSyntaxError(1, str(err)) from err
    located = Located(data)
    if root is not None:
        _walk(root, (), located)
    return located
