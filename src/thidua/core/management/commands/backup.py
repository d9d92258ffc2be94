from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from thidua.core.backup import backup_create
from thidua.core.errors import ApplicationError


class Command(BaseCommand):
    help = ("Back up the database and the uploaded files (MEDIA_ROOT) into one new folder under DIR "
            "(thidua-YYYYMMDD-HHMMSS); --keep N then deletes the oldest backups beyond N.")

    def add_arguments(self, parser):
        parser.add_argument("directory", type=Path)
        parser.add_argument("--keep", type=int, default=None, help="how many backups to keep in DIR")

    def handle(self, *args, directory: Path, keep: int | None, **options):
        if keep is not None and keep < 1:
            raise CommandError(_("--keep phải từ 1 trở lên."))
        try:
            done = backup_create(directory.resolve(), keep=keep)
        except ApplicationError as exc:
            raise CommandError(exc.message) from exc
        self.stdout.write(_("Đã sao lưu %(tables)d bảng (%(rows)d dòng) và %(files)d tệp vào %(path)s")
                          % {"tables": done.tables, "rows": done.rows, "files": done.files, "path": done.path})
