"""What the catalog lends core below it: the names of award kinds' codes in history panels
(`core.history`)."""

from thidua.catalog.selectors import kind_names
from thidua.core import history

history.award_kind_names.fill(kind_names)
