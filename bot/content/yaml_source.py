"""YAML parsing that remembers where every value came from.

pydantic reports errors as location tuples such as `('questions', 3, 'title')`;
authors need a line number. So we compose the YAML into nodes (which carry
marks) and build the plain data and a parallel tree of line numbers in one
walk. libyaml (`CSafeLoader`) does the scanning when available, which keeps a
1,000-question bank well under a second.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml
from yaml.constructor import SafeConstructor
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from bot.content.errors import ContentIssue, Loc, format_loc

_Loader: type[yaml.SafeLoader] = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_STR_TAG = "tag:yaml.org,2002:str"
_MERGE_TAG = "tag:yaml.org,2002:merge"


class LocNode:
    """Line of one YAML node; mappings keep (key line, child) per key, sequences a child list."""

    __slots__ = ("children", "line")

    def __init__(
        self, line: int, children: dict[Any, tuple[int, LocNode]] | list[LocNode] | None = None
    ) -> None:
        self.line = line
        self.children = children

    def step(self, segment: str | int) -> tuple[int, LocNode] | None:
        """The line and node one location segment down, or None when it does not exist."""
        children = self.children
        if isinstance(children, dict):
            return children.get(segment)
        if isinstance(children, list) and isinstance(segment, int) and 0 <= segment < len(children):
            child = children[segment]
            return child.line, child
        return None

    def line_of(self, loc: Loc) -> int:
        """Line of the node at `loc`, or of its nearest existing ancestor when part is missing.

        A mapping entry answers with its key's line: `tests: [...]` that is too
        short is reported where `tests:` is written, not at its first item.
        """
        line, node = self.line, self
        for segment in loc:
            found = node.step(segment)
            if found is None:
                break
            line, node = found
        return line

    def node_at(self, loc: Loc) -> LocNode | None:
        node: LocNode | None = self
        for segment in loc:
            found = node.step(segment) if node is not None else None
            if found is None:
                return None
            node = found[1]
        return node


@dataclass(frozen=True)
class YamlDocument:
    path: Path
    data: Any
    root: LocNode

    def line_of(self, loc: Loc) -> int:
        return self.root.line_of(loc)


def parse_yaml(path: Path) -> tuple[YamlDocument | None, list[ContentIssue]]:
    """Parse one file; a document comes back with its (non-fatal) issues, or None on a fatal one.

    Duplicate keys are non-fatal so the rest of the file is still checked;
    syntax errors are fatal because nothing after them can be trusted.
    """
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        return None, [ContentIssue(path, None, "", f"cannot read file: {exc}")]
    return parse_yaml_text(text, path)


def parse_yaml_text(text: str, path: Path) -> tuple[YamlDocument | None, list[ContentIssue]]:
    try:
        node = yaml.compose(text, Loader=_Loader)
    except yaml.MarkedYAMLError as exc:
        return None, [_syntax_issue(path, exc, text)]
    except yaml.YAMLError as exc:
        return None, [ContentIssue(path, None, "", f"YAML error: {exc}")]
    if node is None:
        return None, [ContentIssue(path, 1, "", "file is empty")]
    builder = _Builder(path)
    try:
        data, root = builder.build(node, ())
    except yaml.MarkedYAMLError as exc:
        return None, [*builder.issues, _syntax_issue(path, exc, text)]
    return YamlDocument(path, data, root), builder.issues


def _syntax_issue(path: Path, exc: yaml.MarkedYAMLError, text: str) -> ContentIssue:
    mark = exc.problem_mark or exc.context_mark
    line = mark.line + 1 if mark else None
    if mark is not None and _tab_at(text, mark.line, mark.column):
        message = "tab character found: YAML indentation must use spaces"
    else:
        message = "YAML syntax error: " + "; ".join(p for p in (exc.context, exc.problem) if p)
    return ContentIssue(path, line, "", message)


def _tab_at(text: str, line: int, column: int) -> bool:
    """libyaml's tab error does not say "tab"; look at the text where it stopped."""
    lines = text.splitlines()
    if not 0 <= line < len(lines):
        return False
    row = lines[line]
    indent = row[: len(row) - len(row.lstrip(" \t"))]
    return "\t" in indent or row[column : column + 1] == "\t"


# Keys whose values are data for the code runner: kept as values, without a line map.
_DATA_KEYS = frozenset({"args", "expected"})


class _Builder:
    """Turns composed nodes into plain data plus a `LocNode` tree in a single walk."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.issues: list[ContentIssue] = []
        self._constructor = SafeConstructor()
        self._active: set[int] = set()

    def build(self, node: Node, loc: Loc) -> tuple[Any, LocNode]:
        line = node.start_mark.line + 1
        if type(node) is ScalarNode:
            if node.tag == _STR_TAG:
                return node.value, LocNode(line)
            return self._constructor.construct_object(node), LocNode(line)
        if id(node) in self._active:
            self._issue(line, loc, "recursive alias: a node may not contain itself")
            return None, LocNode(line)
        self._active.add(id(node))
        try:
            if type(node) is SequenceNode:
                return self._sequence(node, line, loc)
            if type(node) is MappingNode:
                return self._mapping(node, line, loc)
            return self._constructor.construct_object(node), LocNode(line)
        finally:
            self._active.discard(id(node))

    def _plain(self, node: Node) -> Any:
        """Values only, no line map: test data is reported by its test, not per element.

        Test arguments are most of a coding bank's nodes (grids, long lists), and
        skipping their line maps keeps loading 1,000 questions well under a second.
        """
        if type(node) is ScalarNode:
            return node.value if node.tag == _STR_TAG else self._constructor.construct_object(node)
        if type(node) is SequenceNode:
            return [self._plain(child) for child in node.value]
        return self.build(node, ())[0]

    def _sequence(self, node: SequenceNode, line: int, loc: Loc) -> tuple[list[Any], LocNode]:
        values: list[Any] = []
        lines: list[LocNode] = []
        for index, child in enumerate(node.value):
            value, child_lines = self.build(child, (*loc, index))
            values.append(value)
            lines.append(child_lines)
        return values, LocNode(line, lines)

    def _mapping(self, node: MappingNode, line: int, loc: Loc) -> tuple[dict[Any, Any], LocNode]:
        data: dict[Any, Any] = {}
        locs: dict[Any, tuple[int, LocNode]] = {}
        merged: list[tuple[dict[Any, Any], LocNode]] = []
        for key_node, value_node in node.value:
            key_line = key_node.start_mark.line + 1
            if key_node.tag == _MERGE_TAG:
                merged.extend(self._merge_sources(value_node, (*loc, "<<")))
                continue
            key, _ = self.build(key_node, loc)
            try:
                hash(key)
            except TypeError:
                message = f"mapping key must be a scalar, got {type(key).__name__}"
                self._issue(key_line, loc, message)
                continue
            if key in locs:
                first = locs[key][0]
                message = f"duplicate key '{key}' (first set on line {first})"
                self._issue(key_line, (*loc, key), message)
                continue
            if key in _DATA_KEYS:
                data[key], locs_child = self._plain(value_node), LocNode(key_line)
            else:
                data[key], locs_child = self.build(value_node, (*loc, key))
            locs[key] = (key_line, locs_child)
        # `<<: *defaults` fills in keys the mapping does not set itself (YAML merge semantics).
        for source, source_loc in merged:
            children = source_loc.children if isinstance(source_loc.children, dict) else {}
            for key, value in source.items():
                if key not in data:
                    data[key] = value
                    locs[key] = children.get(key, (line, LocNode(line)))
        return data, LocNode(line, locs)

    def _merge_sources(self, node: Node, loc: Loc) -> list[tuple[dict[Any, Any], LocNode]]:
        nodes = node.value if type(node) is SequenceNode else [node]
        sources: list[tuple[dict[Any, Any], LocNode]] = []
        for child in nodes:
            value, lines = self.build(child, loc)
            if isinstance(value, dict):
                sources.append((value, lines))
            else:
                line = child.start_mark.line + 1
                self._issue(line, loc, "'<<' merge needs a mapping or a list of mappings")
        return sources

    def _issue(self, line: int, loc: Loc, message: str) -> None:
        self.issues.append(ContentIssue(self.path, line, format_loc(loc), message))
