"""The answer's JSON shape (DESIGN.md §6) and its Vietnamese rendering."""

import json

from thidua.rules import evaluate, render_human

from .builders import members, person, unit, unit_year, yr

DESIGN_EXAMPLE = {
    "year": 2025,
    "subject": {"kind": "individual"},
    "ruleset": "2025",
    "history": [
        {"year": 2024, "rating": "HTXSNV", "months_worked": 12, "disciplined": False,
         "registered": ["LDTT", "CSTDCS"], "titles": ["LDTT", "CSTDCS"],
         "initiatives": [{"scope": "co_so", "recognized_on": "2024-11-20"}]},
    ],
    "awards": [{"code": "BK_TINH", "decided_on": "2022-04-15", "period": [2021, 2021], "type": "cong_trang"}],
}


def test_json_shape_follows_the_contract():
    out = evaluate(DESIGN_EXAMPLE).to_dict()
    assert list(out) == ["year", "ruleset", "verdicts"]
    assert (out["year"], out["ruleset"]) == (2025, "2025")
    for verdict in out["verdicts"]:
        keys = list(verdict)
        assert keys in (["code", "eligible", "reasons", "basis"], ["code", "eligible", "reasons", "missing", "basis"])
        assert isinstance(verdict["eligible"], bool)
        assert verdict["reasons"] and verdict["basis"]
        assert all(isinstance(x, str) and x for x in verdict["reasons"] + verdict["basis"])
        if not verdict["eligible"]:
            assert verdict.get("missing"), verdict["code"]
        else:
            assert "missing" not in verdict
    json.dumps(out, ensure_ascii=False)


def test_kinds_that_do_not_apply_are_left_out():
    individual = [v.code for v in evaluate(DESIGN_EXAMPLE).verdicts]
    assert individual == ["LDTT", "CSTDCS", "CSTD_TINH", "CSTD_TQ", "GK", "BK_TINH", "BK_TTG", "HCLD3", "HCLD2",
                          "HCLD1"]
    armed = [v.code for v in evaluate(person(2026, [yr(2026)], armed_forces=True)).verdicts]
    assert "CSTT" in armed and "LDTT" not in armed
    collective = [v.code for v in evaluate(unit(2026, [unit_year(2026, members=members(5, 5))])).verdicts]
    assert collective == ["TTLDTT", "TTLDXS", "CO_TINH", "CO_CP", "GK", "BK_TINH", "BK_TTG", "HCLD3", "HCLD2",
                          "HCLD1"]
    village = [v.code for v in evaluate(unit(2026, [], community=True)).verdicts]
    assert "TDPVH" in village
    household = [v.code for v in evaluate({"year": 2026, "subject": {"kind": "household"}}).verdicts]
    assert household == ["GDVH", "GK", "BK_TINH"]


def test_facts_the_case_cannot_carry_are_said_honestly():
    flag = evaluate(unit(2026, [unit_year(2026, registered=["CO_TINH"])])).verdict("CO_TINH")
    assert not flag.eligible
    assert any("chưa đủ dữ liệu để xét: cần kết quả xếp hạng khối" in r.lower() for r in flag.reasons)
    assert any("xếp hạng khối" in m for m in flag.missing)
    hcld1 = evaluate(person(2026, [yr(2026)])).verdict("HCLD1")
    assert not hcld1.eligible and "phần mềm chưa tự xét" in hcld1.reasons[0]


def test_render_human():
    text = render_human(evaluate(person(2026, [yr(2026)])))
    assert text.startswith("Kết quả xét năm 2026 theo bộ quy tắc 2025")
    assert "✔ Lao động tiên tiến (LDTT): đủ điều kiện." in text
    assert "✘ Chiến sĩ thi đua cơ sở (CSTDCS): chưa đủ điều kiện." in text
    assert "Còn thiếu:" in text and "Căn cứ: " in text and "Điều 24 Luật Thi đua, khen thưởng 2022" in text
