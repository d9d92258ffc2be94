from thidua.core.tasks import task
from thidua.notices.services import reminders_send


@task()
def send_reminders(base_url: str = "") -> int:
    """The daily reminder run: enqueue it from cron (`thidua reminders`; django-tasks has no
    scheduler of its own) or at start-up. Pages stay current without it (they refresh the
    store when it is stale); it prepays the day's refresh and sends the e-mails."""
    return reminders_send(base_url=base_url)
