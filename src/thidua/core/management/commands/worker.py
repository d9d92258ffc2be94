"""`thidua worker`: run the background tasks (certificate batches, reminder e-mails,
imports) and keep running through a locked or lost database (`core.worker`)."""

import logging
import os

from django.core.management.base import CommandError
from django.utils.autoreload import DJANGO_AUTORELOAD_ENV, run_with_reloader
from django_tasks_db.management.commands import db_worker

from thidua.core.worker import ResilientWorker


class Command(db_worker.Command):
    help = ("Chạy tiến trình nền (in bằng hàng loạt, gửi nhắc việc…); khi cơ sở dữ liệu bị khóa hay mất kết nối, "
            "tiến trình chờ rồi chạy tiếp thay vì dừng.")

    def add_arguments(self, parser):
        super().add_arguments(parser)
        # Reloading on code changes is for development only; the worker serves production.
        parser.set_defaults(reload=False)

    def configure_logging(self, verbosity: int) -> None:
        super().configure_logging(verbosity)
        ours = logging.getLogger("thidua.worker")
        ours.setLevel(logging.CRITICAL if verbosity == 0 else logging.INFO)
        if not ours.hasHandlers():
            ours.addHandler(logging.StreamHandler(self.stderr))

    def handle(self, *, verbosity, queue_name, interval, batch, backend_name, startup_delay, reload, max_tasks,
               worker_id, exclude_queues, **options):
        self.configure_logging(verbosity)
        queue_names = queue_name.split(",")
        excluded = exclude_queues.split(",") if exclude_queues else []
        if excluded and "*" not in queue_names:
            raise CommandError("--exclude-queues can only be used with --queue-name=*")
        worker = ResilientWorker(queue_names=queue_names, interval=interval, batch=batch, backend_name=backend_name,
                                 startup_delay=startup_delay, max_tasks=max_tasks, worker_id=worker_id,
                                 excluded_queue_names=excluded)
        if reload and not batch:
            if os.environ.get(DJANGO_AUTORELOAD_ENV) == "true":
                worker.configure_signals()
            run_with_reloader(worker.run)
        else:
            worker.configure_signals()
            worker.run()
