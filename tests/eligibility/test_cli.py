"""The `thidua rules` command through the real console entry point (DESIGN.md §6)."""

import json
import os
import subprocess
import sys

import pytest

CASE = {
    "year": 2025,
    "subject": {"kind": "individual"},
    "ruleset": "2025",
    "history": [
        {"year": 2024, "rating": "HTXSNV", "months_worked": 12, "disciplined": False,
         "registered": ["LDTT", "CSTDCS"], "titles": ["LDTT", "CSTDCS"],
         "initiatives": [{"scope": "co_so", "recognized_on": "2024-11-20"}]},
        {"year": 2025, "rating": "HTXSNV", "months_worked": 12, "disciplined": False,
         "registered": ["LDTT", "CSTDCS"]},
    ],
    "awards": [{"code": "BK_TINH", "decided_on": "2022-04-15", "period": [2021, 2021], "type": "cong_trang"}],
}


def run(*args, stdin=None):
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "thidua.settings"}
    return subprocess.run([sys.executable, "-m", "thidua", "rules", *args], input=stdin, capture_output=True,
                          text=True, env=env, timeout=120)


@pytest.fixture
def case_file(tmp_path):
    path = tmp_path / "case.json"
    path.write_text(json.dumps(CASE), encoding="utf-8")
    return path


def test_check_prints_the_json_contract(case_file):
    result = run("check", str(case_file))
    assert result.returncode == 0, result.stderr
    answer = json.loads(result.stdout)
    assert list(answer) == ["year", "ruleset", "verdicts"]
    assert answer["year"] == 2025 and answer["ruleset"] == "2025"
    verdicts = {v["code"]: v for v in answer["verdicts"]}
    assert verdicts["LDTT"]["eligible"] is True and verdicts["CSTDCS"]["eligible"] is True
    assert any("Điều 23" in b for b in verdicts["CSTDCS"]["basis"])
    assert verdicts["CSTD_TINH"]["eligible"] is False and verdicts["CSTD_TINH"]["missing"]
    for v in answer["verdicts"]:
        assert set(v) <= {"code", "eligible", "reasons", "missing", "basis"}
        assert list(v)[:3] == ["code", "eligible", "reasons"]
        assert v["reasons"] and v["basis"]
        assert "missing" not in v or not v["eligible"]
    assert "TTLDTT" not in verdicts  # collective titles do not apply to a person


def test_check_reads_stdin_and_speaks_vietnamese():
    result = run("check", "-", "--human", stdin=json.dumps(CASE))
    assert result.returncode == 0, result.stderr
    assert "Chiến sĩ thi đua cơ sở" in result.stdout and "✔" in result.stdout and "Căn cứ" in result.stdout


@pytest.mark.parametrize(("text", "field"), [
    ('{"year": 2025, "subject": {"kind": "individual"}, "history": [{"year": 2025, "rating": "XS"}]}',
     "history[0].rating"),
    ('{"year": 2025, "subject": {"kind": "robot"}}', "subject.kind"),
    ('{"year": 2025, "subject": {"kind": "individual"}, "awards": [{"code": "NOPE", "decided_on": "2024-01-01"}]}',
     "awards[0].code"),
    ('{"year": 2025, "subject": {"kind": "individual"}, "ruleset": "1999"}', "ruleset"),
])
def test_bad_case_exits_2_naming_the_field(text, field):
    result = run("check", "-", stdin=text)
    assert result.returncode == 2
    assert field in result.stderr
    assert result.stdout == ""


def test_bad_json_exits_2_with_the_position():
    result = run("check", "-", stdin='{"year": 2025,,}')
    assert result.returncode == 2 and "JSON không hợp lệ ở dòng 1" in result.stderr


def test_missing_file_exits_2(tmp_path):
    result = run("check", str(tmp_path / "none.json"))
    assert result.returncode == 2 and "không đọc được tệp" in result.stderr


@pytest.mark.django_db
def test_scan_flags_agree_with_full_answers(officer_a, person_a, tree):
    from thidua.eligibility.scan import eligible_flags, scan
    from thidua.people import services as people_services
    from thidua.registrations.services import registration_set

    people_services.evaluation_set(actor=officer_a, person=person_a, year=2025, rating="HTXSNV")
    registration_set(actor=officer_a, person=person_a, year=2025, codes=["LDTT", "CSTDCS"])
    full = {(s["kind"], int(s["id"])): tuple(v.code for v in a.verdicts if v.eligible)
            for s, a in scan(year=2025).answers}
    flags = eligible_flags(year=2025, workers=1).flags
    assert flags == full
    assert flags[("individual", person_a.pk)] == ("LDTT", "CSTDCS")
