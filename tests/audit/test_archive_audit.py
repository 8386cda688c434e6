"""`parwatch audit`: every figure re-verified against its archived copy."""
from __future__ import annotations

import argparse
import shutil

import pytest

from audit import audit_archive
from audit.cli import add_subcommands
from audit.warehouse_view import AuditInputError
from warehouse import Warehouse
from warehouse.schema import spec


def _cli(argv: list[str]) -> int:
    ap = argparse.ArgumentParser(prog="parwatch")
    add_subcommands(ap.add_subparsers(dest="command", required=True))
    a = ap.parse_args(argv)
    return a.func(a)


def _copy(sample, tmp_path):
    data = tmp_path / "data"
    shutil.copytree(sample["data"], data)
    return data


def _rewrite_document(data, doc_id: str, **changes) -> None:
    """Overwrite columns of one stored document, as a corrupted or tampered load would."""
    wh = Warehouse(data / "warehouse")
    rows = [r for r in wh.read("documents").to_pylist() if r["doc_id"] == doc_id]
    cols = spec("documents").input_schema.names
    wh.merge("documents", [{**{k: r[k] for k in cols}, **changes} for r in rows])


def _a_figure(data) -> dict:
    return Warehouse(data / "warehouse").query(
        "SELECT f.figure_id, f.doc, f.text, f.span_start, f.span_end, f.record_id, d.text AS doc_text "
        "FROM figures f JOIN documents d ON d.doc_id = f.doc ORDER BY f.figure_id LIMIT 1").to_pylist()[0]


def test_clean_data_passes(sample, capsys):
    report = audit_archive(sample["data"])
    assert report.ok, report.lines()
    assert report.figures >= 5 and report.documents >= 2
    assert _cli(["audit", "--data", str(sample["data"])]) == 0
    out = capsys.readouterr().out
    assert f"audit OK: {report.figures} figures in {report.documents} documents" in out


def test_text_changed_under_a_span_fails_naming_the_figure(sample, tmp_path, capsys):
    data = _copy(sample, tmp_path)
    fig = _a_figure(data)
    s, e = fig["span_start"], fig["span_end"]
    tampered = fig["doc_text"][:s] + "9" * (e - s) + fig["doc_text"][e:]
    _rewrite_document(data, fig["doc"], text=tampered)
    report = audit_archive(data)
    assert not report.ok
    mine = [f for f in report.failures if f.figure_id == fig["figure_id"]]
    assert mine and "stored document text" in mine[0].reason and repr("9" * (e - s)) in mine[0].reason
    assert _cli(["audit", "--data", str(data)]) == 1
    out = capsys.readouterr().out
    assert f"FAIL figure {fig['figure_id']}" in out and "audit FAILED" in out


def test_hash_mismatch_fails_every_figure_of_the_document(sample, tmp_path):
    data = _copy(sample, tmp_path)
    fig = _a_figure(data)
    _rewrite_document(data, fig["doc"], sha256="0" * 64)
    report = audit_archive(data)
    n_figs = Warehouse(data / "warehouse").query(
        f"SELECT count(*) AS n FROM figures WHERE doc = '{fig['doc']}'").to_pylist()[0]["n"]
    reasons = [f.reason for f in report.failures if f.doc == fig["doc"] and "archived copy" in f.reason]
    assert len(reasons) == n_figs
    assert all("has sha256" in r and "000000000000" in r for r in reasons)


def test_missing_warc_file_fails_with_the_reason(sample, tmp_path):
    data = _copy(sample, tmp_path)
    fig = _a_figure(data)
    from crawler import Archive
    archive = Archive(data / "archive")
    warc = archive.read(fig["record_id"]).warc_file
    archive.close()
    (data / "archive" / warc).unlink()
    report = audit_archive(data)
    mine = [f for f in report.failures if f.figure_id == fig["figure_id"]]
    assert mine and "cannot be read" in mine[0].reason and "missing" in mine[0].reason


def test_no_warehouse_is_a_clear_error(tmp_path, capsys):
    with pytest.raises(AuditInputError, match="no warehouse"):
        audit_archive(tmp_path)
    assert _cli(["audit", "--data", str(tmp_path)]) == 2
    assert "no warehouse" in capsys.readouterr().err


def test_json_output_names_each_failure(sample, tmp_path, capsys):
    import json

    data = _copy(sample, tmp_path)
    fig = _a_figure(data)
    _rewrite_document(data, fig["doc"], sha256="f" * 64)
    assert _cli(["audit", "--data", str(data), "--json"]) == 1
    out = json.loads(capsys.readouterr().out)
    assert out["ok"] is False and out["figures"] >= 1
    mine = [f for f in out["failures"] if f["figure_id"] == fig["figure_id"]]
    assert {f["kind"] for f in mine} == {"hash"}


def test_one_figure_can_be_audited_alone(sample, capsys):
    fig = _a_figure(sample["data"])
    report = audit_archive(sample["data"], [fig["figure_id"]])
    assert report.ok and report.figures == 1 and report.documents == 1
    assert _cli(["audit", "--data", str(sample["data"]), "--figure", "no-such-figure"]) == 2
    assert "no figure with id no-such-figure" in capsys.readouterr().err


def test_a_wrong_page_is_a_failure(sample, tmp_path):
    data = _copy(sample, tmp_path)
    wh = Warehouse(data / "warehouse")
    rows = wh.query("SELECT * FROM figures WHERE page IS NOT NULL ORDER BY figure_id LIMIT 1").to_pylist()
    assert rows, "the sample's PDF figures carry pages"
    row = {k: rows[0][k] for k in spec("figures").input_schema.names}
    row["page"] = row["page"] + 5
    wh.merge("figures", [row])
    report = audit_archive(data)
    mine = [f for f in report.failures if f.figure_id == row["figure_id"]]
    assert [f.kind for f in mine] == ["page"]
    assert f"figure says page {row['page']}, its span is on page {row['page'] - 5}" in mine[0].reason
