"""`thidua documents parse FILE|-`: the fields of a văn bản, read from its text, as JSON.

FILE may be .txt, .docx or .pdf (through `extract.text_of`); any other path is read as
UTF-8 text, and '-' reads standard input. An unreadable file exits with code 2 and a
message on stderr.
"""

import json
import sys
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from thidua.documents import extract
from thidua.documents.parse import as_json, parse


class Command(BaseCommand):
    help = "Đọc các trường của văn bản (loại, số, ngày, cơ quan ban hành, trích yếu…) từ nội dung."

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="action", required=True)
        read = sub.add_parser("parse", help="Đọc văn bản từ tệp .txt, .docx, .pdf ('-' để đọc từ stdin).")
        read.add_argument("source", help="đường dẫn tệp văn bản, hoặc - cho stdin")

    def handle(self, *args, action, source, **options):
        text = self._text(source)
        self.stdout.write(json.dumps(as_json(parse(text)), ensure_ascii=False, indent=2))

    def _text(self, source: str) -> str:
        try:
            if source == "-":
                return _decoded(_stdin_bytes(), source)
            path = Path(source)
            data = path.read_bytes()
            if path.suffix.lower() in extract.ACCEPTED:
                return extract.text_of(path.name, data)
            return _decoded(data, source)
        except OSError as exc:
            raise CommandError(f"không đọc được tệp {source}: {exc.strerror}", returncode=2) from exc
        except extract.ExtractError as exc:
            raise CommandError(exc.message, returncode=2) from exc


def _stdin_bytes() -> bytes:
    # Bytes, not sys.stdin's text, so the encoding is UTF-8 whatever the terminal's locale.
    buffer = getattr(sys.stdin, "buffer", None)
    return buffer.read() if buffer is not None else sys.stdin.read().encode("utf-8")


def _decoded(data: bytes, source: str) -> str:
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise CommandError(f"{source}: {extract.NOT_UTF8}", returncode=2) from exc
