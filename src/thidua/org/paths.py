"""Materialised-path arithmetic for the unit tree.

Treebeard's MP_Node stores each unit's path as fixed-width steps, so a unit's ancestors are the
prefixes of its path. Pages and services ask for these prefixes to fetch a whole chain of
ancestors in one query; this module is the one place that knows the step width.
"""

from collections.abc import Iterable

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


def common_path(paths: Iterable[str]) -> str:
    """The path of the deepest unit whose subtree holds every one of PATHS; empty when they
    share no root or there are none."""
    paths = list(paths)
    if not paths:
        return ""
    # What every path shares, the first and the last in sort order share.
    first, last = min(paths), max(paths)
    return next((path for path in reversed(ancestor_paths(first)) if last.startswith(path)), "")
