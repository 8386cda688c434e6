"""Consistency checks, on seed 004 and on small made-up cases."""
from __future__ import annotations

from normalizers.checks import (DELTA_MATCHES_YEARS, FIELDS_SUM_TO_TOTAL, ONE_RANK_PER_PEER_GROUP,
                                PCT_MATCHES_SCORE, RANK_WITHIN_RANK_OF, SCORE_WITHIN_MAX, check_figures)
from warehouse import Warehouse


def _by_text(rows, outcomes, text, metric=None):
    hits = [r for r in rows if r["text"] == text and (metric is None or r["metric"] == metric)]
    return [outcomes[r["figure_id"]] for r in hits]


def test_seed_004_percent_that_does_not_match_its_score_is_flagged(seed_rows):
    _, rows = seed_rows
    outcomes = check_figures(rows)
    (passed, failed, notes), = _by_text(rows, outcomes, "65,93%")
    assert failed == [PCT_MATCHES_SCORE]
    assert "9,231/14,5 is 63.66%" in notes
    # the score it contradicts carries the same finding
    (_, failed, _), = _by_text(rows, outcomes, "9,231/14,5")
    assert PCT_MATCHES_SCORE in failed
    # percentages that do match pass: 15,38/16,5 = 93,21%; 16,71/19,5 = 85,69%
    assert PCT_MATCHES_SCORE in _by_text(rows, outcomes, "93,21%")[0][0]
    assert PCT_MATCHES_SCORE in _by_text(rows, outcomes, "85,69%")[0][0]


def test_seed_004_stated_changes_match_the_two_years(seed_rows):
    _, rows = seed_rows
    outcomes = check_figures(rows)
    deltas = [r for r in rows if r["metric"] in ("score_delta", "rank_delta")]
    assert len(deltas) == 13  # "tăng 6,86 điểm" and six fields' rank and score changes
    for r in deltas:
        passed, failed, notes = outcomes[r["figure_id"]]
        assert DELTA_MATCHES_YEARS in passed and not failed, (r["text"], notes)
    # and every score and rank sits within its maximum / number ranked
    for r in rows:
        passed, _, _ = outcomes[r["figure_id"]]
        if r["metric"] == "score" and r["denominator"]:
            assert SCORE_WITHIN_MAX in passed
        if r["metric"] == "rank":
            assert RANK_WITHIN_RANK_OF in passed


def _row(fid, metric, value, den=None, *, field="total", year=2022, text=None, doc="d1", unit="063",
         peer=None):
    return {"figure_id": fid, "doc": doc, "index": "PAR", "year": year, "unit_level": "district",
            "unit_name": "Huyện X", "unit_code": unit, "province_code": "06", "field": field,
            "metric": metric, "value": value, "denominator": den, "kind": "official",
            "text": text or (f"{value}".replace(".", ",") + (f"/{den}" if den else "")),
            "peer_group": peer, "doc_genre": "report", "table_index": None}


def test_a_stated_change_that_does_not_add_up_fails():
    rows = [_row("a", "score", 80.5, 100, year=2022), _row("b", "score", 75.0, 100, year=2021),
            _row("c", "score_delta", 6.5, text="tăng 6,5 điểm"),
            _row("d", "rank", 3, 8, year=2022), _row("e", "rank", 5, 8, year=2021),
            _row("f", "rank_delta", 2, text="giảm 02 bậc")]
    out = check_figures(rows)
    assert out["c"][1] == [DELTA_MATCHES_YEARS] and "80,5/100 - 75,0/100 = 5.5" in out["c"][2]
    assert out["f"][1] == [DELTA_MATCHES_YEARS]  # 5 -> 3 is up two places, not down


def test_field_scores_must_add_up_to_the_total_when_all_are_known():
    rows = [_row("t", "score", 80.0, 100), _row("f1", "score", 40.0, 50, field="direction"),
            _row("f2", "score", 30.0, 50, field="institutions")]
    out = check_figures(rows)
    assert all(out[i][1] == [FIELDS_SUM_TO_TOTAL] for i in ("t", "f1", "f2"))
    rows[0]["value"], rows[0]["text"] = 70.0, "70/100"
    assert all(FIELDS_SUM_TO_TOTAL in check_figures(rows)[i][0] for i in ("t", "f1", "f2"))
    # with a field missing (maxima sum to 50, not 100) there is nothing to compare
    out = check_figures(rows[:2])
    assert all(FIELDS_SUM_TO_TOTAL not in out[i][0] + out[i][1] for i in ("t", "f1"))


def test_out_of_range_scores_and_ranks_fail():
    out = check_figures([_row("s", "score", 101.0, 100), _row("r", "rank", 9, 8)])
    assert out["s"][1] == [SCORE_WITHIN_MAX] and out["r"][1] == [RANK_WITHIN_RANK_OF]


def test_one_rank_per_unit_and_peer_group():
    rows = [_row("a", "rank", 2, 8, peer="huyện, thành phố", doc="d1"),
            _row("b", "rank", 3, 8, peer="huyện,  thành phố", doc="d2"),
            _row("c", "rank", 1, 63, peer="cả nước", doc="d3")]
    out = check_figures(rows)
    assert out["a"][1] == out["b"][1] == [ONE_RANK_PER_PEER_GROUP]
    assert "ranks 2, 3" in out["a"][2]
    assert out["c"][1] == []  # a different peer group may rank differently


def test_checks_are_stored_with_figures_and_summarised_in_results(tmp_path, seed_rows):
    drow, frows = seed_rows
    wh = Warehouse(tmp_path)
    wh.merge("documents", [drow])
    wh.merge("figures", frows)
    wh.rebuild_results()
    flagged = wh.query("SELECT text, check_notes FROM figures "
                       "WHERE list_contains(checks_failed, 'pct_matches_score') ORDER BY span_start").to_pylist()
    assert [r["text"] for r in flagged] == ["10,35/10,5", "9,231/14,5", "98,67%", "65,93%"]
    result = wh.query("SELECT score, score_max, score_pct, checks_failed, n_failing_figures FROM results "
                      "WHERE result_id = 'PAR:2022:063:civil_service:official'").to_pylist()
    assert result == [{"score": 9.231, "score_max": 14.5, "score_pct": 65.93,
                       "checks_failed": ["pct_matches_score"], "n_failing_figures": 2}]
    # the figures as loaded again by the next run do not undo the stored checks, nor add versions
    before = wh.versions()
    assert not wh.merge("figures", frows).changed
    assert not wh.rebuild_results().changed
    assert wh.versions() == before


def test_a_change_against_a_named_base_year():
    rows = [_row("a", "score", 80.0, 100, year=2022), _row("b", "score", 70.0, 100, year=2020),
            _row("c", "score_delta", 10.0, text="tăng 10 điểm")]
    rows[2]["extras_json"] = '{"base_year": 2020}'
    assert check_figures(rows)["c"][0] == [DELTA_MATCHES_YEARS]


def test_a_table_row_with_total_and_fields_must_add_up_even_without_maxima():
    def cell(fid, field, value, col):
        r = _row(fid, "score", value, None, field=field, doc="qd")
        r.update(table_index=0, table_row=4, table_col=col)
        return r

    rows = [cell("t", "total", 80.0, 9), cell("a", "direction", 20.0, 2), cell("b", "institutions", 30.0, 3),
            cell("c", "procedures", 25.0, 4)]
    out = check_figures(rows)
    assert all(out[i][1] == [FIELDS_SUM_TO_TOTAL] for i in "tabc") and "fields sum to 75" in out["t"][2]
    rows[3]["value"] = 30.0
    assert all(FIELDS_SUM_TO_TOTAL in check_figures(rows)[i][0] for i in "tabc")
    # the same field twice in one row (sub-criteria?) is ambiguous: no verdict
    rows[2]["field"] = "direction"
    assert all(FIELDS_SUM_TO_TOTAL not in sum(check_figures(rows)[i][:2], []) for i in "tabc")


def test_peer_groups_without_a_count_are_compared_by_their_words():
    rows = [_row("a", "rank", 2, None, peer="huyện, TP", text="thứ 2"),
            _row("b", "rank", 3, None, peer="huyện, thành phố", doc="d2", text="thứ 3")]
    out = check_figures(rows)
    assert out["a"][1] == out["b"][1] == [ONE_RANK_PER_PEER_GROUP]
