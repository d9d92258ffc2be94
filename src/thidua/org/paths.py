"""Materialised-path arithmetic for the unit tree.

Treebeard's MP_Node stores each unit's path as fixed-width steps, so a unit's ancestors are the
prefixes of its path. Pages and services ask for these prefixes to fetch a whole chain of
ancestors in one query; this module is the one place that knows the step width.
"""

from thidua.org.models import Unit

STEP = Unit.steplen


def ancestor_paths(path: str, *, include_self: bool = True) -> list[str]:
    """The paths of PATH's ancestors, root first, ending with PATH itself unless INCLUDE_SELF is false."""
    end = len(path) if include_self else len(path) - STEP
    return [path[:i] for i in range(STEP, end + 1, STEP)]


def parent_path(path: str) -> str:
    """The path of PATH's parent; empty for a root."""
    return path[:-STEP]


def path_at_depth(path: str, depth: int) -> str:
    """The path of PATH's ancestor at DEPTH (1 = the root); PATH itself when it is not deeper."""
    return path[: depth * STEP]
