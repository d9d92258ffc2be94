from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "thidua.core"
    label = "core"
    verbose_name = "Lõi hệ thống"

    def ready(self) -> None:
        from thidua.core import uploads  # noqa: F401 — sets Pillow's decompression-bomb guard to our limit
