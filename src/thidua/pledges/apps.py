from django.apps import AppConfig


class PledgesConfig(AppConfig):
    name = "thidua.pledges"
    label = "pledges"
    verbose_name = "Giao ước và chấm điểm khối thi đua"
