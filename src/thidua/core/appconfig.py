"""The one way an app of thidua starts: `ThiduaApp.ready()` imports the app's registering
modules — each registers, when imported, what the app lends the others — so no app writes
its own `ready()` and the floors are read from module-level imports alone:

- `audit_actions`: its audit codes with their Vietnamese labels (`core.audit.register`);
- `machines`: its state machines (`core.transitions.register`);
- `policies`: the access policy of each model it shows (`core.access.register`);
- `seams`: the hooks of lower apps it fills (`core.hooks.Hook.fill`) and the providers it
  adds to their registries (reminders);
- `system_checks`: its system checks (`django.core.checks.register`).
"""

from importlib import import_module
from importlib.util import find_spec

from django.apps import AppConfig

REGISTERING_MODULES = ("audit_actions", "machines", "policies", "seams", "system_checks")


class ThiduaApp(AppConfig):
    """The base of every app's config. An apps.py subclasses it as `appconfig.ThiduaApp`:
    a module holding two AppConfig classes would leave Django to pick neither."""

    def ready(self) -> None:
        for name in REGISTERING_MODULES:
            module = f"{self.name}.{name}"
            if find_spec(module) is not None:
                import_module(module)
