"""What accounts lend the ground floor: where a user's role grants are read (`core.access`)."""

from thidua.accounts.selectors import grants_of
from thidua.core import access

access.grant_reader.fill(grants_of)
