from django.apps import AppConfig


class HomeConfig(AppConfig):
    """The pages that gather every app: the dashboard, the global search, the navigation
    bar's context. The top floor but the demo (`thidua.layers`)."""

    name = "thidua.home"
    label = "home"
    verbose_name = "Trang chủ"
