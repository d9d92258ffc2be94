from django_tasks import task

from thidua.notices.services import reminders_send


@task()
def send_reminders(base_url: str = "") -> int:
    """The daily reminder run: enqueue it from cron (`thidua reminders`) or at start-up."""
    return reminders_send(base_url=base_url)
