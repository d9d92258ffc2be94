"""`thidua rules check CASE.json [--human]`, `thidua rules scan --year Y [--unit CODE]` and
`thidua rules fill [--year Y] [--unit CODE]` (the lists' stored verdicts, ADR 0016).

`check` is the engine's contract on the command line (DESIGN.md §6): a case in, the
verdicts out as JSON (or Vietnamese sentences); bad JSON or an invalid case exits with
code 2 and a message naming the field. `scan` judges everyone under a unit from the
database, loading the facts in a few queries.
"""

import json
import os
import sys
import time
from collections import Counter

from django.core.management.base import BaseCommand, CommandError

from thidua import rules
from thidua.eligibility import scan as scanning
from thidua.eligibility import verdicts as stored
from thidua.eligibility.selectors import list_year, ruleset_for
from thidua.people.models import Evaluation, Person


class Command(BaseCommand):
    help = "Xét điều kiện danh hiệu, khen thưởng bằng bộ quy tắc (thidua.rules)."

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="action", required=True)
        check = sub.add_parser("check", help="Xét một hồ sơ CASE.json ('-' để đọc từ stdin).")
        check.add_argument("case", help="đường dẫn tệp CASE.json, hoặc - cho stdin")
        check.add_argument("--human", action="store_true", help="in thành câu tiếng Việt thay cho JSON")
        check.add_argument("--ruleset", help="bộ quy tắc (mặc định: theo năm xét)")
        scan = sub.add_parser("scan", help="Xét hàng loạt mọi cá nhân, tập thể trong phạm vi một đơn vị.")
        scan.add_argument("--year", type=int, required=True)
        scan.add_argument("--unit", help="mã đơn vị gốc của phạm vi (mặc định: cả cây)")
        scan.add_argument("--code", action="append", help="chỉ in các mã danh hiệu/hình thức này")
        scan.add_argument("--output", help="ghi từng kết quả (JSON Lines) vào tệp này; '-' là stdout")
        scan.add_argument("--workers", type=int, default=min(2, os.cpu_count() or 1),
                          help="số tiến trình xét song song khi chỉ cần tổng hợp (mặc định 2)")

        fill = sub.add_parser("fill", help="Xét trước và lưu kết quả cho danh sách đủ điều kiện (sau khi nhập "
                                           "dữ liệu lớn, hoặc hằng đêm).")
        fill.add_argument("--year", type=int, help="năm được xét (mặc định: năm mà danh sách đủ điều kiện mở ra)")
        fill.add_argument("--unit", help="mã đơn vị gốc của phạm vi (mặc định: cả cây)")

    def handle(self, *args, action, **options):
        if action == "fill":
            return self._fill(options)
        if action == "check":
            return self._check(options["case"], human=options["human"], ruleset=options.get("ruleset"))
        return self._scan(options)

    def _check(self, source: str, *, human: bool, ruleset: str | None) -> None:
        try:
            text = sys.stdin.read() if source == "-" else open(source, encoding="utf-8").read()  # noqa: SIM115
        except OSError as exc:
            raise CommandError(f"không đọc được tệp {source}: {exc.strerror}", returncode=2) from exc
        try:
            data = json.loads(text)
        except json.JSONDecodeError as exc:
            raise CommandError(f"JSON không hợp lệ ở dòng {exc.lineno}, cột {exc.colno}: {exc.msg}",
                               returncode=2) from exc
        try:
            answer = rules.evaluate(data, ruleset)
        except rules.CaseError as exc:
            raise CommandError(str(exc), returncode=2) from exc
        if human:
            self.stdout.write(rules.render_human(answer))
        else:
            self.stdout.write(json.dumps(answer.to_dict(), ensure_ascii=False, indent=2))

    def _fill(self, options) -> None:
        """Stored verdicts for everyone under the unit who has none (ADR 0016)."""
        try:
            path = scanning._root_path(options.get("unit"))
        except scanning.ScanError as exc:
            raise CommandError(str(exc), returncode=2) from exc
        started = time.perf_counter()
        year = options["year"] or list_year(Evaluation.objects.all())
        n = stored.fill(Person.objects.filter(current_unit__path__startswith=path), year, ruleset_for(year))
        self.stdout.write(f"Năm {year}: đã xét và lưu {n:,} cá nhân trong {time.perf_counter() - started:.1f} "
                          f"giây.".replace(",", "."))

    def _scan(self, options) -> None:
        codes = set(options.get("code") or [])
        if not options.get("output"):
            return self._summary(options, codes)
        try:
            started = time.perf_counter()
            result = scanning.scan(year=options["year"], unit_code=options.get("unit"))
        except scanning.ScanError as exc:
            raise CommandError(str(exc), returncode=2) from exc
        out = None
        if options.get("output") == "-":
            out = self.stdout
        elif options.get("output"):
            out = open(options["output"], "w", encoding="utf-8")  # noqa: SIM115
        eligible: Counter[str] = Counter()
        subjects = 0
        for subject, answer in result.answers:
            subjects += 1
            verdicts = [v for v in answer.verdicts if not codes or v.code in codes]
            for v in verdicts:
                if v.eligible:
                    eligible[v.code] += 1
            if out is not None:
                payload = answer.to_dict()
                payload["verdicts"] = [v for v in payload["verdicts"] if not codes or v["code"] in codes]
                out.write(json.dumps({"subject": subject, **payload}, ensure_ascii=False) + "\n")
        if out is not None and out is not self.stdout:
            out.close()
        elapsed = time.perf_counter() - started
        summary = self.stderr if options.get("output") == "-" else self.stdout
        summary.write(f"Năm {options['year']}: đã xét {subjects:,} đối tượng trong {elapsed:.1f} giây "
                      f"(nạp dữ liệu {result.load_seconds:.1f} giây).".replace(",", "."))
        for code, n in sorted(eligible.items()):
            summary.write(f"  {code:10} {n:>8,} đủ điều kiện".replace(",", "."))

    def _summary(self, options, codes: set[str]) -> None:
        """Counts only: the eligible flags, judged in parallel worker processes."""
        try:
            result = scanning.eligible_flags(year=options["year"], unit_code=options.get("unit"),
                                             workers=max(1, options["workers"]))
        except scanning.ScanError as exc:
            raise CommandError(str(exc), returncode=2) from exc
        eligible = Counter(code for found in result.flags.values() for code in found if not codes or code in codes)
        self.stdout.write(f"Năm {options['year']}: đã xét {len(result.flags):,} đối tượng trong {result.seconds:.1f} "
                          f"giây ({result.workers} tiến trình).".replace(",", "."))
        for code, n in sorted(eligible.items()):
            self.stdout.write(f"  {code:10} {n:>8,} đủ điều kiện".replace(",", "."))
