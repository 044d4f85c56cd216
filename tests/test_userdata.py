"""The user's own regulations and postings: added, used by every command, marked as theirs, never shipped data."""

from __future__ import annotations

import json
import tomllib
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path
from typing import Any

import platformdirs
import pytest
from typer.testing import CliRunner

from chefloen.cli.app import app
from chefloen.loading import paths

OK26_START = Decimal("1.169930")  # reference §3: the level at 31.3.2026
F_APR_2026 = Decimal("1.198008")  # RLTN pay table 1.4.2026
SIX = Decimal("0.000001")


def run(runner: CliRunner, *args: str) -> tuple[int, str, str]:
    result = runner.invoke(app, list(args))
    return result.exit_code, result.stdout, result.stderr


def run_json(runner: CliRunner, *args: str) -> Any:
    code, out, err = run(runner, *args, "--format", "json")
    assert code == 0, err
    return json.loads(out)


@pytest.mark.parametrize(
    "xdg",
    [None, "", "relative/dir", "/srv/xdg-data"],
    ids=["unset", "empty", "relative", "absolute"],
)
@pytest.mark.parametrize("home", ["/home/hr", "", "relative"], ids=["home", "no-home", "relative-home"])
def test_user_dir_is_where_platformdirs_puts_it(monkeypatch: pytest.MonkeyPatch, xdg: str | None, home: str) -> None:
    monkeypatch.delenv("CHEFLOEN_USER_DIR")
    monkeypatch.setenv("HOME", home)
    if xdg is None:
        monkeypatch.delenv("XDG_DATA_HOME", raising=False)
    else:
        monkeypatch.setenv("XDG_DATA_HOME", xdg)
    assert paths.user_dir() == Path(platformdirs.user_data_dir("chefloen", appauthor=False))


def test_the_environment_variable_overrides(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("CHEFLOEN_USER_DIR", str(tmp_path))
    assert paths.user_dir() == tmp_path


def test_a_regulation_by_percent_inside_ok26_is_used_by_every_command(runner: CliRunner, user_dir: Path) -> None:
    code, out, err = run(runner, "index", "add", "2026-10-01", "--percent", "0,54", "--source", "KRL 1.10.2026")
    assert code == 0, err
    # Reference §2 item 4: pct × the OK26 start level, added to the factor before, rounded to six decimals.
    factor = (F_APR_2026 + Decimal("0.0054") * OK26_START).quantize(SIX, ROUND_HALF_UP)
    assert factor == Decimal("1.204326")
    assert "faktor 1,204326 (egen)" in out
    quote = run_json(runner, "quote", "--trin", "51", "--date", "2026-10-01")
    assert (quote["index"]["factor"], quote["index"]["status"]) == (str(factor), "user")
    assert quote["index"]["source"]["title"] == "KRL 1.10.2026"
    assert Decimal(quote["annual_pay"]) == (570591 * factor).quantize(Decimal(1), ROUND_HALF_UP)
    assert "user_factor" in {warning["code"] for warning in quote["warnings"]}
    assert run_json(runner, "quote", "--trin", "51", "--date", "2026-09-30")["index"]["factor"] == str(F_APR_2026)
    steps = run_json(runner, "steps", "--date", "2026-10-01")
    assert steps["index"]["status"] == "user"
    history = run_json(runner, "history", "--trin", "51")["history"]
    assert history[-1]["date"] == "2026-10-01"
    index = run_json(runner, "index")
    assert index["factors"][-1]["status"] == "user"
    assert index["last_regulation"] == "2026-10-01"
    assert index["upcoming"] is None  # the municipal 1.10.2026 hint is answered
    code, table, _ = run(runner, "index")
    assert "egen" in table
    later = run_json(runner, "quote", "--trin", "51", "--date", "2027-01-01")
    after = next(w["message"] for w in later["warnings"] if w["code"] == "after_last_regulation")
    assert "3 måneder efter den seneste kendte regulering pr. 1.10.2026" in after


def test_a_regulation_by_factor_and_its_removal(runner: CliRunner, user_dir: Path) -> None:
    code, _, err = run(runner, "index", "add", "1.4.2027", "--factor", "1,215000", "--source", "https://krl.dk/x")
    assert code == 0, err
    saved = tomllib.loads((user_dir / "region-index.toml").read_text(encoding="utf-8"))
    assert saved["factor"] == [
        {
            "effective": __import__("datetime").date(2027, 4, 1),
            "value": 1.215,
            "status": "user",
            "source": "user-2027-04-01",
            "basis": "Faktor angivet af brugeren",
        }
    ]
    assert saved["sources"]["user-2027-04-01"] == {"title": "https://krl.dk/x", "url": "https://krl.dk/x"}
    # No temporary file left; the lock file stays, as locks do.
    assert sorted(path.name for path in user_dir.iterdir()) == [".region-index.toml.lock", "region-index.toml"]
    assert run_json(runner, "quote", "-t", "51", "-d", "2027-04-01")["index"]["factor"] == "1.215000"
    code, out, err = run(runner, "index", "remove", "2027-04-01")
    assert (code, out) == (0, "Fjernet: din regulering pr. 1.4.2027.\n"), err
    assert run_json(runner, "quote", "-t", "51", "-d", "2027-04-01")["index"]["factor"] == str(F_APR_2026)


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (
            ["add", "2026-04-01", "--percent", "1", "--source", "x"],
            "the shipped data has a regulation on 2026-04-01 already (factor 1.198008); "
            "a user entry never replaces shipped data",
        ),
        (
            ["add", "2025-12-01", "--factor", "1.2", "--source", "x"],
            "the shipped data is complete up to its last regulation (2026-04-01); a user regulation must come after it",
        ),
        (
            ["add", "2026-10-01", "--factor", "1.2", "--percent", "1", "--source", "x"],
            "give either --percent or --factor",
        ),
        (["add", "2026-10-01", "--source", "x"], "give either --percent or --factor"),
        (
            ["add", "2026-10-01", "--factor", "1.2000001", "--source", "x"],
            "factor 1.2000001 must be above 0 and below 100, with at most six decimals",
        ),
        (
            ["add", "2026-10-01", "--factor", "1.2", "--source", " "],
            "--source must not be empty: say where the figure comes from",
        ),
        (["add", "2026-13-01", "--factor", "1.2", "--source", "x"], "date '2026-13-01' does not exist"),
        (
            ["remove", "2026-04-01"],
            "no regulation of yours on 2026-04-01 to remove: it is shipped data, which cannot be removed",
        ),
        (["remove", "2027-04-01"], "no regulation of yours on 2027-04-01 to remove: you have none on that date"),
    ],
)
def test_index_add_and_remove_refuse(runner: CliRunner, user_dir: Path, args: list[str], message: str) -> None:
    code, out, err = run(runner, "index", *args)
    assert (code, out, err) == (2, "", f"Error: {message}\n")
    assert not (user_dir / "region-index.toml").exists()


def test_a_regulation_twice_is_refused(runner: CliRunner, user_dir: Path) -> None:
    assert run(runner, "index", "add", "2026-10-01", "--factor", "1.2", "--source", "x")[0] == 0
    code, _, err = run(runner, "index", "add", "2026-10-01", "--percent", "0.5", "--source", "y")
    assert (code, err) == (
        2,
        "Error: you added a regulation on 2026-10-01 already; "
        "remove it first with 'chefloen index remove 2026-10-01'\n",
    )


POSTING = [
    "postings", "add", "kontorchef-hr", "--trin", "52+1", "--level", "900.000", "--level-date", "1.11.2025",
    "--title", "Kontorchef, HR", "--employer", "Region Nordjylland", "--includes-afkoeb",
    "--source", "https://job.example/123",
]  # fmt: skip


def test_a_posting_of_ones_own_reproduces_its_level_and_says_whose_it_is(runner: CliRunner, user_dir: Path) -> None:
    code, out, err = run(runner, *POSTING)
    assert code == 0, err
    assert out.startswith("Tilføjet opslag kontorchef-hr: trin 52+1, beregnet som trin 52")
    data = run_json(runner, "posting", "kontorchef-hr", "--date", "1.11.2025")
    assert (data["date"], data["annual_pay"]) == ("2025-11-01", "900000")
    subject = data["subject"]
    assert (subject["trin"], subject["trin_as_posted"], subject["posting_status"]) == ("52", "52+1", "user")
    assert subject["posting_source"]["url"] == "https://job.example/123"
    assert {note["code"] for note in data["notes"]} >= {"posting_modelled_as", "user_posting"}
    # The level includes afkøb, so the pension is a range: trin 52 at 1.11.2025 is 759.591 kr. (reference §1).
    low = (Decimal(759591) * Decimal("0.2159")).quantize(Decimal(1), ROUND_HALF_UP)
    assert (data["pension_low"], data["total_low"]) == (str(low), str(900000 + low))
    listed = run_json(runner, "postings")["postings"]
    assert [(p["id"], p["status"]) for p in listed][-1] == ("kontorchef-hr", "user")
    code, table, _ = run(runner, "postings")
    assert "egen" in table
    assert run(runner, "postings", "remove", "kontorchef-hr")[0] == 0
    assert run(runner, "posting", "kontorchef-hr")[0] == 2


@pytest.mark.parametrize(
    ("change", "code", "message"),
    [
        (
            {"kontorchef-hr": "kontorchef-sundhed-praksis"},
            2,
            "Error: posting id 'kontorchef-sundhed-praksis' exists already (a shipped posting); choose another id",
        ),
        (
            {"900.000": "600.000"},
            2,
            "Error: level 600.000 kr. is below the basisløn of trin 52 at 2025-11-01 (759.591 kr.)",
        ),
        ({"52+1": "60"}, 2, "Error: unknown trin '60'; known: 49, 50, 51, 52, 53, 54, 55, 55+"),
        (
            {"kontorchef-hr": "Kontorchef HR"},
            2,
            "Error: posting id 'Kontorchef HR': use lower-case letters, digits and '-', e.g. kontorchef-hr",
        ),
        ({"1.11.2025": "1.11.2017"}, 1, "Error: the regulation factor is not known before 2018-03-31"),
    ],
)
def test_postings_add_refuses(
    runner: CliRunner, user_dir: Path, change: dict[str, str], code: int, message: str
) -> None:
    args = [change.get(arg, arg) for arg in POSTING]
    result = run(runner, *args)
    assert result[0] == code
    assert result[2].startswith(message)
    assert result[2].count("\n") == 1
    assert not (user_dir / "region-postings.toml").exists()


def test_the_same_posting_id_twice_is_refused(runner: CliRunner, user_dir: Path) -> None:
    assert run(runner, *POSTING)[0] == 0
    code, _, err = run(runner, *POSTING)
    assert (code, err) == (
        2,
        "Error: posting id 'kontorchef-hr' exists already (yours); choose another id\n",
    )


@pytest.mark.parametrize(
    ("name", "content", "problem"),
    [
        ("region-index.toml", 'kind = "index', "not valid TOML"),
        (
            "region-index.toml",
            'kind = "index"\narea = "region"\n[sources.a]\ntitle = "a"\n'
            '[[factor]]\neffective = 2026-10-01\nvalue = 1.2\nstatus = "sourced"\nsource = "a"\n',
            "factor.0.status: 'sourced' is not allowed here; use user",
        ),
        (
            "region-index.toml",
            'kind = "index"\narea = "region"\n[sources.a]\ntitle = "a"\n'
            '[[factor]]\neffective = 2026-04-01\nvalue = 1.2\nstatus = "user"\nsource = "a"\n',
            "factor.0.effective: 2026-04-01 is in the shipped data already, which a user entry never replaces; "
            "remove it with 'chefloen index remove 2026-04-01'",
        ),
        (
            "region-postings.toml",
            'kind = "postings"\narea = "region"\n[sources.a]\ntitle = "a"\n'
            '[[posting]]\nid = "kontorchef-sundhed-praksis"\n'
            'title = "x"\nstep = "51"\nlevel = 800000\nlevel_date = 2025-11-01\npension_group = "chef"\n'
            'level_includes_afkoeb = false\nwording = "x"\nstatus = "user"\nsource = "a"\n',
            "posting.0.id: 'kontorchef-sundhed-praksis' is a shipped posting's id; give yours another id",
        ),
    ],
)
def test_a_broken_user_file_is_one_line_naming_file_and_field(
    runner: CliRunner, user_dir: Path, name: str, content: str, problem: str
) -> None:
    user_dir.mkdir()
    (user_dir / name).write_text(content, encoding="utf-8")
    code, out, err = run(runner, "quote", "--trin", "51", "--date", "2025-11-01")
    assert (code, out) == (1, "")
    assert err.startswith(f"Error: {user_dir / name}: ")
    assert problem in err
    assert err.count("\n") == 1
