from django.apps import AppConfig


class DecisionsConfig(AppConfig):
    name = "thidua.decisions"
    label = "decisions"
    verbose_name = "Quyết định khen thưởng và quỹ"
