"""The floors of thidua, bottom up: an app imports only apps on the floors below its own.

`tests/architecture/test_layers.py` reads every import in src/ (at module level and inside
functions) and fails on one that goes up this list; docs/architecture.md quotes it. Apps on
the same floor do not import each other: a floor is a set of peers. What a lower app must
hear from a higher one comes through a registry the lower app keeps and the higher one
fills at start-up (as `core.audit.register` does for audit actions), never an import.
"""

FLOORS: tuple[tuple[str, ...], ...] = (
    # The ground: access, audit, errors, text, spreadsheets — and the law, free of Django.
    ("core", "rules"),
    # What every record hangs on.
    ("org",),
    ("accounts",),
    ("people", "catalog", "documents", "notices"),
    # The year's work.
    ("awards",),
    ("movements",),
    ("registrations",),
    ("eligibility", "pledges", "imports"),
    # The rendering engine: templates, layouts, Word and PDF.
    ("printing",),
    # The decision end.
    ("dossiers",),
    ("councils",),
    ("decisions",),
    # The year's end: exemplars found among those rewarded, then the figures of the year.
    ("exemplars",),
    ("reports",),
    # The pages that gather every app: dashboard, global search, the navigation bar's context;
    # and the public portal.
    ("home", "portal"),
    # The demo province seeds everything.
    ("demo",),
)

APPS: tuple[str, ...] = tuple(app for floor in FLOORS for app in floor)


def floor_of(app: str) -> int:
    """The floor APP stands on (0: the ground)."""
    for number, floor in enumerate(FLOORS):
        if app in floor:
            return number
    raise KeyError(app)


def may_import(importer: str, imported: str) -> bool:
    """Whether app IMPORTER may import app IMPORTED: itself, or an app on a lower floor."""
    return importer == imported or floor_of(imported) < floor_of(importer)
