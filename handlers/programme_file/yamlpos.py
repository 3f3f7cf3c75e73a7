"""YAML loading that remembers where each value stood, and refuses what would blow up.

A programme file comes from whoever maintains it, so reading one must stay cheap whatever it
holds. Nodes are composed from the parser's events by a composer of our own, which records
the line of every mapping key and list item by path and enforces limits as it goes: nesting
depth, values in the file with every alias (``*name``) counted in full, and alias uses with
the aliases inside them counted too. An alias is followed for its counts only, never
expanded, so a "billion laughs" file is refused at the alias that crosses a limit, in
milliseconds, and a recursive anchor is refused where it refers to itself.

Values are then built by PyYAML's safe constructor, except that a scalar it cannot build (an
impossible date such as 2026-02-30, a number of thousands of digits) stays text, so the
programme file's own checks refuse it with its field and line instead of a traceback.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import yaml
from yaml.events import (
    AliasEvent,
    Event,
    MappingEndEvent,
    MappingStartEvent,
    ScalarEvent,
    SequenceEndEvent,
    SequenceStartEvent,
    StreamEndEvent,
)
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from words.errors import VoortgangError

# Lists and mappings inside each other; a programme file needs about six.
MAX_DEPTH = 50
# Values in the file, each alias counted as everything it stands for. BOCE has about 1,200;
# the limit keeps reading and checking the largest file accepted well under a second.
MAX_VALUES = 20_000
# Alias uses, counting the aliases inside what an alias stands for.
MAX_ALIASES = 100
# A scalar that looks like a number but is longer than this stays text.
_LONGEST_NUMBER = 100

Path = tuple[str | int, ...]


@dataclass(frozen=True, slots=True)
class Located:
    """Parsed YAML plus the 1-based line of every mapping key and list item, by path."""

    data: Any
    lines: dict[Path, int] = field(default_factory=dict)
    duplicates: list[tuple[Path, int]] = field(default_factory=list)

    def line_of(self, path: Path) -> int:
        """The line of ``path``, or of its nearest ancestor that has one (a missing field, or
        a value inside an alias: the alias's line)."""
        for end in range(len(path), -1, -1):
            line = self.lines.get(path[:end])
            if line is not None:
                return line
        return 1


class YamlSyntaxError(VoortgangError, ValueError):
    def __init__(self, line: int, problem: str) -> None:
        super().__init__(problem)
        self.line = line
        self.problem = problem


class YamlLimitError(VoortgangError, ValueError):
    """A file refused while it was read: ``kind`` names the limit, ``params`` fill its text."""

    def __init__(self, line: int, kind: str, **params: object) -> None:
        super().__init__(f"line {line}: {kind} {params}")
        self.line = line
        self.kind = kind
        self.params = params


# -- building values: PyYAML's safe constructor, lenient about scalars it cannot build ---------


def _lenient(build: Callable[[Any, ScalarNode], object]) -> Callable[[Any, ScalarNode], object]:
    """``build``, except that a scalar it cannot build is kept as its text."""

    def construct(loader: yaml.SafeLoader, node: ScalarNode) -> object:
        text = loader.construct_scalar(node)
        if len(text) > _LONGEST_NUMBER:
            return text
        try:
            return build(loader, node)
        except (ValueError, IndexError, KeyError, OverflowError):
            # 2026-02-30 matches the timestamp pattern but is no date; !!int "x" is no number.
            return text

    return construct


def _timestamp(loader: yaml.SafeLoader, node: ScalarNode) -> object:
    if yaml.SafeLoader.timestamp_regexp.match(node.value) is None:
        return node.value  # an explicit !!timestamp on text
    return yaml.SafeLoader.construct_yaml_timestamp(loader, node)


_SCALARS: dict[str, Callable[[Any, ScalarNode], object]] = {
    "tag:yaml.org,2002:timestamp": _timestamp,
    "tag:yaml.org,2002:int": yaml.SafeLoader.construct_yaml_int,
    "tag:yaml.org,2002:float": yaml.SafeLoader.construct_yaml_float,
    "tag:yaml.org,2002:bool": yaml.SafeLoader.construct_yaml_bool,
}


class _PyLoader(yaml.SafeLoader):
    """The parser written in Python, for a PyYAML built without libyaml."""


class _CLoader(yaml.CSafeLoader if yaml.__with_libyaml__ else yaml.SafeLoader):  # type: ignore[misc]
    """libyaml's parser: events some forty times faster, so a large file stays cheap."""


for _scalar_tag, _build in _SCALARS.items():
    _PyLoader.add_constructor(_scalar_tag, _lenient(_build))
    _CLoader.add_constructor(_scalar_tag, _lenient(_build))

_Loader = _PyLoader | _CLoader


# -- composing nodes, with lines and limits --------------------------------------------------


# What a node stands for with its aliases followed: values, alias uses, and how many lists and
# mappings deep it goes. A plain tuple: the composer makes one per collection.
_Counts = tuple[int, int, int]
_SCALAR: _Counts = (1, 0, 0)


def _line(event: Event | None) -> int:
    mark = event.start_mark if event is not None else None
    return mark.line + 1 if mark is not None else 1


def _tag(
    loader: _Loader,
    kind: type[Node],
    event: ScalarEvent | SequenceStartEvent | MappingStartEvent,
) -> str:
    if event.tag is not None and event.tag != "!":
        return event.tag
    value = event.value if isinstance(event, ScalarEvent) else None
    return str(loader.resolve(kind, value, event.implicit))


def _mark(mark: object) -> Any:
    # libyaml's marks are a class of their own, with the same fields as PyYAML's.
    return mark


class _Composer:
    """One document's nodes from the parser's events; raises YamlLimitError at a limit."""

    def __init__(self, loader: _Loader) -> None:
        self.loader = loader
        self.lines: dict[Path, int] = {}
        self.duplicates: list[tuple[Path, int]] = []
        # An anchor maps to None while its own node is being built: an alias to it then
        # would make the node contain itself.
        self.anchors: dict[str, tuple[Node, _Counts] | None] = {}
        self.values = 0
        self.aliases = 0
        # Plain scalars get their type (int, date, ...) once the whole file is within the
        # limits: resolving is most of the work of composing, and a refused file needs none.
        self.untyped: list[tuple[ScalarNode, ScalarEvent]] = []

    def document(self) -> Node | None:
        events = self.loader
        events.get_event()  # the stream's start
        if events.check_event(StreamEndEvent):
            return None  # an empty file
        events.get_event()  # the document's start
        node, _ = self.node((), 0)
        events.get_event()  # the document's end
        if not events.check_event(StreamEndEvent):
            raise YamlLimitError(_line(events.peek_event()), "documents")
        for scalar, event in self.untyped:
            scalar.tag = _tag(self.loader, ScalarNode, event)
        return node

    def count(self, line: int, values: int, aliases: int = 0) -> None:
        self.values += values
        self.aliases += aliases
        if self.aliases > MAX_ALIASES:
            raise YamlLimitError(line, "aliases", limit=MAX_ALIASES)
        if self.values > MAX_VALUES:
            raise YamlLimitError(line, "values", limit=MAX_VALUES)

    def node(self, path: Path, level: int) -> tuple[Node, _Counts]:
        """The node at ``path`` inside ``level`` lists and mappings, and what it stands for."""
        event = self.loader.peek_event()
        if isinstance(event, AliasEvent):
            return self.alias(level)
        if isinstance(event, ScalarEvent):
            return self.scalar()
        if isinstance(event, SequenceStartEvent | MappingStartEvent):
            return self.collection(path, level)
        raise YamlSyntaxError(_line(event), f"unexpected {type(event).__name__}")

    def alias(self, level: int) -> tuple[Node, _Counts]:
        event = self.loader.get_event()
        assert isinstance(event, AliasEvent)  # noqa: S101 - peeked by node()
        line, name = _line(event), str(event.anchor)
        if name not in self.anchors:
            raise YamlSyntaxError(line, f"found undefined alias {name!r}")
        found = self.anchors[name]
        if found is None:
            raise YamlLimitError(line, "recursive", name=name)
        node, (values, aliases, height) = found
        # Counted as everything it stands for, without building any of it.
        self.count(line, values, aliases + 1)
        if level + height > MAX_DEPTH:
            raise YamlLimitError(line, "depth", limit=MAX_DEPTH)
        return node, (values, aliases + 1, height)

    def scalar(self) -> tuple[Node, _Counts]:
        event = self.loader.get_event()
        assert isinstance(event, ScalarEvent)  # noqa: S101 - peeked by node()
        self.values += 1
        if self.values > MAX_VALUES:
            raise YamlLimitError(_line(event), "values", limit=MAX_VALUES)
        node = ScalarNode(
            event.tag or "",
            event.value,
            _mark(event.start_mark),
            _mark(event.end_mark),
            event.style,
        )
        if event.tag is None or event.tag == "!":
            self.untyped.append((node, event))
        if event.anchor is not None:
            self.anchors[event.anchor] = (node, _SCALAR)
        return node, _SCALAR

    def collection(self, path: Path, level: int) -> tuple[Node, _Counts]:
        start = self.loader.get_event()
        assert isinstance(start, SequenceStartEvent | MappingStartEvent)  # noqa: S101
        line = _line(start)
        if level + 1 > MAX_DEPTH:
            raise YamlLimitError(line, "depth", limit=MAX_DEPTH)
        self.count(line, 1)
        if start.anchor is not None:
            self.anchors[start.anchor] = None
        node: SequenceNode | MappingNode
        if isinstance(start, SequenceStartEvent):
            node = SequenceNode(
                _tag(self.loader, SequenceNode, start),
                [],
                _mark(start.start_mark),
                None,
                start.flow_style,
            )
            counts = self.items(node, path, level + 1)
        else:
            node = MappingNode(
                _tag(self.loader, MappingNode, start),
                [],
                _mark(start.start_mark),
                None,
                start.flow_style,
            )
            counts = self.pairs(node, path, level + 1)
        node.end_mark = _mark(self.loader.get_event().end_mark)
        if start.anchor is not None:
            self.anchors[start.anchor] = (node, counts)
        return node, counts

    def items(self, node: SequenceNode, path: Path, level: int) -> _Counts:
        values, aliases, height = 1, 0, 1
        while not self.loader.check_event(SequenceEndEvent):
            child = (*path, len(node.value))
            self.lines[child] = _line(self.loader.peek_event())
            item, (more, used, deep) = self.node(child, level)
            node.value.append(item)
            values, aliases, height = values + more, aliases + used, max(height, deep + 1)
        return values, aliases, height

    def pairs(self, node: MappingNode, path: Path, level: int) -> _Counts:
        values, aliases, height = 1, 0, 1
        seen: set[str] = set()
        while not self.loader.check_event(MappingEndEvent):
            line = _line(self.loader.peek_event())
            key, (more, used, deep) = self.node((*path, "?"), level)
            values, aliases, height = values + more, aliases + used, max(height, deep + 1)
            name = str(key.value) if isinstance(key, ScalarNode) else "?"
            child = (*path, name)
            if name in seen:
                self.duplicates.append((child, line))
            seen.add(name)
            self.lines[child] = line
            value, (more, used, deep) = self.node(child, level)
            values, aliases, height = values + more, aliases + used, max(height, deep + 1)
            node.value.append((key, value))
        return values, aliases, height


def _reader_line(text: str, position: int, *, in_bytes: bool) -> int:
    # libyaml counts in UTF-8 bytes, the Python reader in characters.
    if in_bytes:
        return text.encode("utf-8", "surrogatepass")[:position].count(b"\n") + 1
    return text[:position].count("\n") + 1


def load_located(text: str, *, pure_python: bool = False) -> Located:
    """Parse ``text`` safely within the limits above.

    Raises YamlSyntaxError with the line of the first syntax error, or YamlLimitError with the
    line where a limit was crossed. ``pure_python`` uses PyYAML's Python parser even where
    libyaml is there (for tests: both must behave alike).
    """
    fast = yaml.__with_libyaml__ and not pure_python
    loader: _Loader | None = None
    try:
        loader = _CLoader(text) if fast else _PyLoader(text)
        composer = _Composer(loader)
        root = composer.document()
        data = None if root is None else loader.construct_document(root)
    except UnicodeEncodeError as err:  # libyaml reads UTF-8, which has no lone surrogates
        line = text[: err.start].count("\n") + 1
        raise YamlLimitError(line, "character", code=f"#x{ord(text[err.start]):04x}") from err
    except yaml.MarkedYAMLError as err:
        mark = err.problem_mark or err.context_mark
        line = mark.line + 1 if mark is not None else 1
        if "maximum nesting depth" in str(err.problem):
            # libyaml's own limit, met while it scans a deep flow collection ahead of us.
            raise YamlLimitError(line, "depth", limit=MAX_DEPTH) from err
        raise YamlSyntaxError(line, str(err.problem or err.context)) from err
    except yaml.reader.ReaderError as err:
        line = _reader_line(text, err.position, in_bytes=fast)
        code = f"#x{err.character:04x}" if isinstance(err.character, int) else "?"
        raise YamlLimitError(line, "character", code=code) from err
    except yaml.YAMLError as err:
        raise YamlSyntaxError(1, str(err)) from err
    finally:
        if loader is not None:
            loader.dispose()
    return Located(data, composer.lines, composer.duplicates)
