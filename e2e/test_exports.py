"""Exports checked from outside (issue 13): every CSV file of the demo program loaded in pandas with the dtypes that
docs/exports.md states, failing on any cell that does not fit them and on any column the page does not list."""

import datetime
import json
import pathlib
import re
import subprocess
import tempfile

import pandas as pd
import pytest

from conftest import BINARY, ROOT

DOCS = (ROOT / "docs" / "exports.md").read_text()


def stated(heading):
    """The (column, pandas dtype) rows of the table under `heading` in docs/exports.md."""
    section = DOCS.split(heading, 1)[1].split("\n#", 1)[0]
    rows = re.findall(r"^\| `([^`]+)` \| \w+ \| `([^`]+)` \|", section, re.M)
    assert rows, heading
    return rows


def braid(*arguments):
    run = subprocess.run([BINARY, *arguments], capture_output=True, text=True, timeout=120,
                         env={"PATH": "/usr/bin:/bin", "BRAID_BCRYPT_COST": "10"})
    return run


def load(path, columns):
    """Reads the file as pandas would with the stated dtypes; every cell must fit its column's type."""
    raw = pd.read_csv(path, dtype=str, keep_default_na=False)
    assert list(raw.columns) == [name for name, _ in columns], path.name
    frame = pd.DataFrame(index=raw.index)
    for name, dtype in columns:
        cells = raw[name]
        present = cells != ""
        values = cells.where(present, None)
        if dtype == "Int64":
            assert cells[present].str.fullmatch(r"-?\d+").all(), (path.name, name)
            frame[name] = pd.to_numeric(values).astype("Int64")
        elif dtype == "float64":
            frame[name] = pd.to_numeric(values, errors="raise").astype("float64")
        elif dtype == "boolean":
            assert cells[present].isin(["true", "false"]).all(), (path.name, name)
            frame[name] = values.map({"true": True, "false": False, None: pd.NA}).astype("boolean")
        elif dtype == "datetime64[ns]":
            frame[name] = pd.to_datetime(values, format="%Y-%m-%d", errors="raise").astype("datetime64[ns]")
        elif dtype == "datetime64[ns, UTC]":
            frame[name] = pd.to_datetime(values, format="%Y-%m-%dT%H:%M:%SZ", utc=True, errors="raise").astype(
                "datetime64[ns, UTC]")
        elif dtype == "string":
            frame[name] = values.astype("string")
        else:
            raise AssertionError(f"{name}: no loader for {dtype}")
        assert str(frame[name].dtype) == dtype, (path.name, name, frame[name].dtype)
        # Nothing lost in conversion: a value stays a value, an empty cell stays missing.
        assert frame[name].notna().tolist() == present.tolist(), (path.name, name)
    # And the plain reader with the same dtypes agrees (what a program's analyst would write).
    plain = pd.read_csv(path, dtype={n: d for n, d in columns if not d.startswith("datetime")})
    for name, dtype in columns:
        if not dtype.startswith("datetime"):
            assert str(plain[name].dtype) == dtype, (path.name, name, plain[name].dtype)
    return frame


def test_cohort_and_client_csv_load_in_pandas_with_the_documented_dtypes(demo_database):
    folder = tempfile.mkdtemp(prefix="braid-export-")
    run = braid("export", "csv", "--all", "--out", folder, "--db", demo_database)
    assert run.returncode == 0, run.stderr
    summary = json.loads(run.stdout)
    assert summary["clients"] >= 10
    rows = {file["name"]: file["rows"] for file in summary["files"]}
    assert set(rows) == {"checkins.csv", "assessments.csv", "screens.csv", "levels.csv", "goals.csv"}
    assert rows["checkins.csv"] > 500 and rows["assessments.csv"] > 100
    frames = {}
    for name in rows:
        path = pathlib.Path(folder) / name
        frames[name] = load(path, stated(f"### {name}"))
        assert len(frames[name]) == rows[name]
    checkins = frames["checkins.csv"]
    assert checkins["mood"].between(0, 10).all() and checkins["used"].any()
    assert set(frames["levels.csv"]["level"].dropna()) <= {"outpatient", "iop", "php", "refer-higher"}
    # No names anywhere: the demo's names are not in any file.
    text = "".join((pathlib.Path(folder) / name).read_text() for name in rows)
    assert "Alex M." not in text and "Quinn" not in text and "@" not in text

    one = tempfile.mkdtemp(prefix="braid-export-client-")
    run = braid("export", "csv", "--client", "client01@demo.braid.test", "--out", one, "--db", demo_database)
    assert run.returncode == 0, run.stderr
    assert json.loads(run.stdout)["clients"] == 1
    client = load(pathlib.Path(one) / "checkins.csv", stated("### checkins.csv"))
    assert client["client_id"].nunique() == 1 and len(client) > 30


def test_program_report_csv_loads_with_the_documented_dtypes(demo_database):
    today = datetime.date.today()
    start = today - datetime.timedelta(days=364)
    run = braid("report", "--from", start.isoformat(), "--to", today.isoformat(), "--format", "csv",
                "--db", demo_database)
    assert run.returncode == 0, run.stderr
    path = pathlib.Path(tempfile.mkdtemp(prefix="braid-report-")) / "report.csv"
    path.write_text(run.stdout)
    frame = load(path, stated("## Program report (CSV)"))
    episodes = frame[(frame["section"] == "episodes") & (frame["measure"] == "episodes")]
    assert episodes["count"].iloc[0] >= 10
    # A withheld cell is empty and its row says so.
    withheld = frame[frame["suppressed"]]
    assert withheld[["count", "of", "value"]].isna().any(axis=1).all()
    shown = frame[~frame["suppressed"]]
    assert not ((shown["count"] > 0) & (shown["count"] < 5)).any()


def test_bad_export_options_exit_2_naming_the_option(demo_database):
    for arguments, field in [
        (["export", "csv", "--out", "/tmp/x"], "--client"),
        (["export", "csv", "--all", "--client", "client01@demo.braid.test", "--out", "/tmp/x"], "--client"),
        (["export", "csv", "--client", "nobody@demo.braid.test", "--out", "/tmp/x"], "--client"),
    ]:
        run = braid(*arguments, "--db", demo_database)
        assert run.returncode == 2 and run.stderr.startswith(field + ":"), (arguments, run.stderr)
