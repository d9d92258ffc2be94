"""What printing lends core below it: the fields holding award kinds' codes, named in history
panels (`core.history`)."""

from thidua.core import history

history.holds_award_kinds("printing.certificatelayout.kind")
