"""The named conditions rule sets are composed from.

Each condition is a small function in one of the modules below, registered in
`CONDITIONS` under its own name; see `base` for the calling contract.
"""

from thidua.rules.conditions import awards, collective, history, individual, initiatives, meta  # noqa: F401
from thidua.rules.conditions.base import CONDITIONS

__all__ = ["CONDITIONS"]
