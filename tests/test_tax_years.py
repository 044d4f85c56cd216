"""Tax years of the user's own (``chefloen tax``): added from a shipped year, edited, used by every estimate, marked
as theirs, warned of while copied and unedited, and removed; § 20 amounts written as 2010 grundbeløb.

Expected figures are published ones (the project reference §7: skm.dk's 2026 amounts and rates), or computed here
by hand from those rates, never taken from the program's output.

Odd shapes of a user's tax file tried (each one line naming the file, exit 1, no traceback): a directory, a
symbolic link to a valid file, a link to nothing, an empty file, bytes that are not UTF-8, a file over the
10.000.000-byte limit, a file others may write to, a FIFO, TOML that breaks off, the year of another file, and
a key given twice: 11 shapes. A file saved with a UTF-8 BOM is read.
"""

from __future__ import annotations

import json
import os
import re
from collections.abc import Callable
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from chefloen.cli.app import app
from chefloen.loading.tax import load_tax_year
from chefloen.loading.tax_schema import regulated
from tests.helpers import ROOT

SHIPPED_2026 = ROOT / "data" / "tax" / "2026.toml"
# Reference §7: the 2026 rules (skm.dk), and Aarhus's kommuneskat 2026 (skm.dk's list).
ATP, AM, BUNDSKAT = Decimal(1188), Decimal("0.08"), Decimal("0.1201")
BESK, BESK_MAX = Decimal("0.1275"), Decimal(63300)
JOB, JOB_THRESHOLD, JOB_MAX = Decimal("0.045"), Decimal(235200), Decimal(3100)
PERSONFRADRAG, AARHUS, ZERO = Decimal(54100), Decimal("0.2452"), Decimal(0)
BRACKETS = [
    (Decimal(641200), Decimal("0.075"), Decimal("0.4457")),
    (Decimal(777900), Decimal("0.075"), Decimal("0.5207")),
]


def run(runner: CliRunner, *args: str) -> tuple[int, str, str]:
    result = runner.invoke(app, list(args))
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    return result.exit_code, result.stdout, result.stderr


def run_json(runner: CliRunner, *args: str) -> Any:
    code, out, err = run(runner, *args, "--format", "json")
    assert code == 0, err
    return json.loads(out)


def codes(data: dict[str, Any]) -> dict[str, str]:
    return {warning["code"]: warning["message"] for warning in data["warnings"]}


def add_2027(runner: CliRunner, user_dir: Path) -> Path:
    code, out, err = run(runner, "tax", "add", "2027")
    assert code == 0, err
    path = user_dir / "tax-2027.toml"
    assert out.startswith(f"Tilføjet: skatteår 2027 (egen), kopieret fra 2026. Gemt i {path}\n")
    return path


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert text.count(old) == 1, old
    path.write_text(text.replace(old, new), encoding="utf-8")


def hand_net(gross: Decimal, *, personfradrag: Decimal, kommuneskat: Decimal) -> Decimal:
    """Net pay by reference §7, worked by hand for pay below the top-topskat threshold and no kirkeskat. The
    skatteloft does not bite: kommuneskat + bundskat + the bracket rates stay below each bracket's ceiling here."""
    am_base = gross - ATP
    personal = am_base - am_base * AM
    besk = min(am_base * BESK, BESK_MAX)
    job = min(max(am_base - JOB_THRESHOLD, ZERO) * JOB, JOB_MAX)
    local_base = personal - besk - job - personfradrag
    taxes = am_base * AM + (personal - personfradrag) * BUNDSKAT + local_base * kommuneskat
    cumulative = kommuneskat + BUNDSKAT
    for threshold, rate, ceiling in BRACKETS:
        cumulative += rate
        assert cumulative <= ceiling
        taxes += max(personal - threshold, ZERO) * rate
    return (gross - ATP - taxes).quantize(Decimal(1), ROUND_HALF_UP)


# --- § 20: amounts written as their 2010 grundbeløb -------------------------------------------------------------

# Reference §7: 2010 grundbeløb × reguleringstal 2026 (137,3), rounded up to 100 kr. (PSL § 20, stk. 2), are
# the published 2026 amounts.
PUBLISHED_2026 = [
    (1_888_300, 2_592_700, "toptopskat"),
    (39_350, 54_100, "personfradrag"),
    (467_000, 641_200, "mellemskat"),
    (566_500, 777_900, "topskat"),
    (171_300, 235_200, "jobfradrag threshold"),
]


@pytest.mark.parametrize(("base", "published", "what"), PUBLISHED_2026, ids=[row[2] for row in PUBLISHED_2026])
def test_a_2010_grundbeloeb_regulates_to_the_published_2026_amount(base: int, published: int, what: str) -> None:
    assert regulated(base, Decimal("137.3")) == published


def test_the_toptopskat_threshold_is_rounded_up_not_to_the_nearest() -> None:
    # 1.888.300 × 1,373 = 2.592.635,9: up to 2.592.700; 2.592.500 (one source's figure) cannot come of it.
    assert Decimal(1_888_300) * Decimal("1.373") == Decimal("2592635.9")
    assert regulated(1_888_300, Decimal("137.3")) == 2_592_700


def test_a_user_file_in_2010_grundbeloeb_loads_the_published_amounts(runner: CliRunner, user_dir: Path) -> None:
    path = add_2027(runner, user_dir)
    edit(path, "# reguleringstal = …", "reguleringstal = 137.3  # the 2026 one, as a test\n# was")
    edit(path, "amount = 54100", "amount = { base_2010 = 39350 }")
    edit(path, "threshold = 235200", "threshold = { base_2010 = 171300 }")
    edit(path, "threshold = 641200", "threshold = { base_2010 = 467000 }")
    edit(path, "threshold = 777900", "threshold = { base_2010 = 566500 }")
    edit(path, "threshold = 2592700", "threshold = { base_2010 = 1888300 }")
    rules = load_tax_year(2027)
    assert rules.personfradrag == 54_100
    assert rules.job_threshold == 235_200
    assert [bracket.threshold for bracket in rules.brackets] == [641_200, 777_900, 2_592_700]
    # Derived, and still the copied year's figures: a grundbeløb copied with last year's reguleringstal is unedited.
    assert ("personfradrag", "", 2026) in rules.copied


@pytest.mark.parametrize(
    ("top", "amount", "problem"),
    [
        ("", "{ base_2010 = 39350 }", "personfradrag.amount: { base_2010 = 39350 } needs the year's reguleringstal"),
        ("reguleringstal = 137.35", "54100", "reguleringstal: 137.35 has more than one decimal"),
        ("reguleringstal = 137.3", "{ base_2010 = 0 }", "personfradrag.amount: base_2010: must be above 0"),
        ("reguleringstal = 137.3", "{ base = 39350 }", "personfradrag.amount: an inline table here holds only"),
        ("reguleringstal = 137.3", '"54.100"', "personfradrag.amount: must be a whole number of kroner, or"),
        ("reguleringstal = 999", "{ base_2010 = 999000000 }", "personfradrag.amount: 9980010000 kr. is above"),
    ],
    ids=["no reguleringstal", "two decimals", "zero", "other key", "text", "too large"],
)
def test_a_bad_regulated_amount_is_one_line_naming_the_field(
    runner: CliRunner, user_dir: Path, top: str, amount: str, problem: str
) -> None:
    path = add_2027(runner, user_dir)
    edit(path, "# reguleringstal = …", f"{top}\n#")
    edit(path, "amount = 54100", f"amount = {amount}")
    code, out, err = run(runner, "net", "--gross", "800000", "--kommune", "Aarhus", "--skatteaar", "2027")
    assert (code, out) == (1, "")
    assert err.startswith(f"Error: {path}: {problem}"), err
    assert err.count("\n") == 1


# --- a user year added, used, edited and removed -----------------------------------------------------------------


def test_added_edited_and_removed_the_2027_estimate_follows(runner: CliRunner, user_dir: Path) -> None:
    quote = ["quote", "-t", "53", "--net", "--date", "1.6.2027", "--kommune", "Aarhus"]
    before = run_json(runner, *quote)["net"]
    assert before["year"] == 2026
    assert before["tax_year_status"] == "shipped"
    assert "tax_year_missing" in codes(before)

    path = add_2027(runner, user_dir)
    copied = run_json(runner, *quote)["net"]
    assert (copied["year"], copied["tax_year_status"]) == (2027, "user")
    warnings = codes(copied)
    assert "tax_year_missing" not in warnings
    assert "dine egne (egen)" in warnings["user_tax_year"]
    assert warnings["copied_tax_figure"].startswith(
        "Tal i skattereglerne for 2027 er kopieret fra 2026 og ikke rettet: AM-bidrag, ATP, personfradrag, "
        "beskæftigelsesfradrag, jobfradrag, bundskat, mellemskat, topskat, top-topskat, kommuneskat (Aarhus). "
    )
    gross = Decimal(copied["gross"])
    assert Decimal(copied["net_annual"]) == hand_net(gross, personfradrag=PERSONFRADRAG, kommuneskat=AARHUS)
    net = ["net", "--gross", "800000", "--kommune", "Aarhus", "--skatteaar", "2027"]
    assert Decimal(run_json(runner, *net)["net_annual"]) == hand_net(
        Decimal(800000), personfradrag=PERSONFRADRAG, kommuneskat=AARHUS
    )

    # skm.dk's 2027 figures (hypothetical here): personfradrag 55.000, Aarhus's kommuneskat 24,80 %.
    edit(path, "amount = 54100", "amount = 55000")
    edit(path, 'name = "Aarhus"\nkommuneskat = 24.52', 'name = "Aarhus"\nkommuneskat = 24.80')
    edited = run_json(runner, *quote)["net"]
    new_rates = {"personfradrag": Decimal(55000), "kommuneskat": Decimal("0.2480")}
    assert Decimal(edited["net_annual"]) == hand_net(gross, **new_rates)
    estimate = run_json(runner, *net)
    assert Decimal(estimate["net_annual"]) == hand_net(Decimal(800000), **new_rates)
    # By hand at 800.000 kr.: the local base was 614.407,04 kr.; 900 kr. more personfradrag saves bundskat and
    # the new kommuneskat on them, and kommuneskat takes 0,28 % more of the base: 1.389,05 kr. less a year.
    local_base = Decimal("614407.04")
    change = local_base * Decimal("0.0028") - 900 * (BUNDSKAT + Decimal("0.2480"))
    assert change == Decimal("1389.049712")
    copied_net = hand_net(Decimal(800000), personfradrag=PERSONFRADRAG, kommuneskat=AARHUS)
    assert copied_net - Decimal(estimate["net_annual"]) in (Decimal(1389), Decimal(1390))
    message = codes(estimate)["copied_tax_figure"]
    assert "personfradrag" not in message
    assert "kommuneskat (Aarhus)" not in message
    assert "topskat" in message  # not edited yet

    code, out, err = run(runner, "tax", "remove", "2027")
    assert (code, out) == (0, f"Fjernet: dit skatteår 2027 ({path}).\n"), err
    after = run_json(runner, *quote)["net"]
    assert (after["year"], after["tax_year_status"]) == (2026, "shipped")
    assert "tax_year_missing" in codes(after)
    assert not path.exists()


def test_the_table_marks_a_user_year_egen(runner: CliRunner, user_dir: Path) -> None:
    add_2027(runner, user_dir)
    code, out, err = run(runner, "net", "--gross", "800000", "--kommune", "Aarhus", "--skatteaar", "2027")
    assert code == 0, err
    assert "Skattereglerne for 2027 er dine egne (egen)" in " ".join(out.split())
    result = runner.invoke(app, ["tax"], env={"COLUMNS": "200"})  # wide enough for a path
    assert result.exit_code == 0, result.stderr
    rows = [" ".join(line.strip("│ ").split()) for line in result.stdout.splitlines() if line.startswith("│")]
    assert rows[0].startswith("2026 │ udgivet │ 54.100 kr. │ intet")
    assert rows[1].startswith("2027 │ egen │ 54.100 kr. │ 18 tal, 98 kommuners satser")


def test_the_list_counts_what_is_copied_and_unedited(runner: CliRunner, user_dir: Path) -> None:
    path = add_2027(runner, user_dir)
    listed = run_json(runner, "tax")
    assert listed["warnings"] == []
    shipped, mine = listed["tax_years"]
    assert shipped == {
        "year": 2026,
        "status": "shipped",
        "path": str(SHIPPED_2026),
        "personfradrag": "54100",
        "copied_figures": 0,
        "copied_kommuner": 0,
        "shadowed": False,
    }
    # 18 figures: AM-bidrag, ATP, personfradrag, bundskat, 2 of beskæftigelsesfradrag, 3 of jobfradrag and 3 of
    # each of the three brackets; and 98 municipalities' rates.
    assert (mine["year"], mine["status"], mine["path"]) == (2027, "user", str(path))
    assert (mine["copied_figures"], mine["copied_kommuner"], mine["shadowed"]) == (18, 98, False)
    edit(path, "threshold = 235200", "threshold = 240000")
    edit(
        path,
        'name = "Aarhus"\nkommuneskat = 24.52\nkirkeskat = 0.74',
        'name = "Aarhus"\nkommuneskat = 24.6\nkirkeskat = 0.7',
    )
    mine = run_json(runner, "tax")["tax_years"][1]
    assert (mine["copied_figures"], mine["copied_kommuner"]) == (17, 97)
    assert (
        run(runner, "tax", "-f", "csv")[1].splitlines()[0]
        == "year,status,path,personfradrag,copied_figures,copied_kommuner,shadowed"
    )


def test_an_edited_figure_and_a_confirmed_rule_are_no_longer_warned_of(runner: CliRunner, user_dir: Path) -> None:
    path = add_2027(runner, user_dir)
    edit(path, "threshold = 235200", "threshold = 240000")  # jobfradrag: its rate and maximum stay copied
    # Bundskat's rate is fixed in law "for 2026 og følgende år": confirmed by deleting its copied_from.
    edit(path, '[bundskat]\npercent = 12.01\nstatus = "user"\nsource = "copied"\ncopied_from = 2026\n',
         '[bundskat]\npercent = 12.01\nstatus = "user"\nsource = "copied"\n')  # fmt: skip
    edit(path, 'name = "Aarhus"\nkommuneskat = 24.52', 'name = "Aarhus"\nkommuneskat = 24.60')
    aarhus = ["net", "--gross", "800000", "--kommune", "Aarhus", "--skatteaar", "2027"]
    message = codes(run_json(runner, *aarhus))["copied_tax_figure"]
    assert "jobfradrag (sats, maksimum)" in message
    assert "bundskat" not in message
    assert "Aarhus" not in message  # its kirkeskat is copied, but no kirkeskat is paid
    message = codes(run_json(runner, *aarhus, "--kirke"))["copied_tax_figure"]
    assert message.endswith("top-topskat, kirkeskat (Aarhus). Ret dem efter skm.dk, eller slet copied_from ved en "
                            "regel, hvis tal er uændrede (chefloen tax viser filen).")  # fmt: skip
    viborg = codes(run_json(runner, "net", "--gross", "800000", "--kommune", "Viborg", "--skatteaar", "2027"))
    assert "kommuneskat (Viborg)" in viborg["copied_tax_figure"]


def test_every_mark_deleted_and_nothing_is_warned_of_but_the_year_being_yours(
    runner: CliRunner, user_dir: Path
) -> None:
    path = add_2027(runner, user_dir)
    path.write_text(path.read_text(encoding="utf-8").replace("copied_from = 2026\n", ""), encoding="utf-8")
    estimate = run_json(runner, "net", "--gross", "800000", "--kommune", "Aarhus", "--skatteaar", "2027")
    assert list(codes(estimate)) == ["user_tax_year"]
    assert run_json(runner, "tax")["tax_years"][1]["copied_figures"] == 0


def test_a_mark_of_a_year_that_is_not_shipped_warns_by_itself(runner: CliRunner, user_dir: Path) -> None:
    path = add_2027(runner, user_dir)
    text = path.read_text(encoding="utf-8").replace("copied_from = 2026", "copied_from = 2025")
    path.write_text(text.replace("amount = 54100", "amount = 55000"), encoding="utf-8")
    message = codes(run_json(runner, "net", "--gross", "800000", "--kommune", "Aarhus", "--skatteaar", "2027"))
    assert message["copied_tax_figure"].startswith(
        "Tal i skattereglerne for 2027 er kopieret fra 2025 og ikke rettet: AM-bidrag, ATP, personfradrag, "
    )


def test_the_written_file_is_readable_toml_that_loads_back_as_the_shipped_figures(
    runner: CliRunner, user_dir: Path
) -> None:
    path = add_2027(runner, user_dir)
    text = path.read_text(encoding="utf-8")
    assert text.startswith("# Your own tax rules for 2027 (status user), written by `chefloen tax add 2027`")
    assert len(re.findall(r"^copied_from = 2026$", text, re.MULTILINE)) == 1 + 6 + 3  # kommuner, rules, brackets
    assert 'status = "sourced"' not in text
    assert oct(path.stat().st_mode & 0o777) == "0o600"
    assert sorted(p.name for p in user_dir.iterdir()) == [".tax-2027.toml.lock", "tax-2027.toml"]
    mine, shipped = load_tax_year(2027), load_tax_year(2026)
    assert (mine.status, shipped.status) == ("user", "shipped")
    for field in ("am_percent", "atp_employee", "personfradrag", "besk_maximum", "job_threshold", "job_maximum",
                  "bundskat_percent", "brackets", "kommuner"):  # fmt: skip
        assert getattr(mine, field) == getattr(shipped, field), field


def test_what_to_update_is_said_when_a_year_is_added(runner: CliRunner, user_dir: Path) -> None:
    code, out, err = run(runner, "tax", "add", "2028", "--from", "2026")
    assert code == 0, err
    for wanted in (
        "satser og beløbsgrænser 2028; oversigt over kommuneskatter 2028",
        "personfradrag (personfradrag.amount)",
        "grænserne for mellemskat, topskat og top-topskat",
        "beskæftigelsesfradragets maksimum",
        "jobfradragets grænse og maksimum",
        "kommuneskat og kirkeskat for hver kommune",
        "{ base_2010 = 39350 }",
        "reguleringstal",
    ):
        assert wanted in out, wanted


def test_a_year_later_than_any_uses_the_latest_one_the_user_has(runner: CliRunner, user_dir: Path) -> None:
    add_2027(runner, user_dir)
    later = run_json(runner, "quote", "-t", "51", "--net", "--date", "1.6.2028", "--kommune", "Aarhus")["net"]
    assert (later["year"], later["tax_year_status"]) == (2027, "user")
    assert "ingen regler for 2028" in codes(later)["tax_year_missing"]
    assert run_json(runner, "net", "--gross", "1", "--kommune", "Aarhus")["year"] == 2027  # the latest known


# --- refusals ---------------------------------------------------------------------------------------------------


NEVER_REPLACED = "a tax year of yours never replaces them"
NOT_SHIPPED = "no shipped tax rules for 2025 to copy from; shipped years: 2026"
SHIPPED_STAYS = "the rules for 2026 are shipped, which cannot be removed"


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["add", "2026"], f"the rules for 2026 are shipped (data/tax/2026.toml); {NEVER_REPLACED}"),
        (["add", "1999"], "tax year 1999 is out of range; a tax year is from 2000 to 2100"),
        (["add", "2101"], "tax year 2101 is out of range; a tax year is from 2000 to 2100"),
        (["add", "9" * 40], "tax year 99999999… is out of range; a tax year is from 2000 to 2100"),
        (["add", "2027", "--from", "2025"], f"--from 2025: {NOT_SHIPPED}"),
        (["remove", "2027"], "no tax year of yours for 2027 to remove: you have none for it"),
        (["remove", "2026"], f"no tax year of yours for 2026 to remove: {SHIPPED_STAYS}"),
    ],
)
def test_what_cannot_be_added_or_removed_is_one_line_exit_2(
    runner: CliRunner, user_dir: Path, args: list[str], message: str
) -> None:
    assert run(runner, "tax", *args) == (2, "", f"Error: {message}\n")
    assert not list(user_dir.glob("*.toml"))


REMOVE = "'chefloen tax remove 2027'"


def test_a_year_added_twice_is_refused_and_kept(runner: CliRunner, user_dir: Path) -> None:
    path = add_2027(runner, user_dir)
    edit(path, "amount = 54100", "amount = 55000")
    code, out, err = run(runner, "tax", "add", "2027")
    assert (code, out) == (2, "")
    assert err == f"Error: you have a tax year 2027 already ({path}); edit it, or remove it first with {REMOVE}\n"
    assert "amount = 55000" in path.read_text(encoding="utf-8")


def test_a_status_of_shipped_data_is_refused_in_a_user_file(runner: CliRunner, user_dir: Path) -> None:
    path = add_2027(runner, user_dir)
    edit(path, '[am_bidrag]\npercent = 8\nstatus = "user"', '[am_bidrag]\npercent = 8\nstatus = "sourced"')
    code, out, err = run(runner, "net", "--gross", "800000", "--kommune", "Aarhus", "--skatteaar", "2027")
    assert (code, out) == (1, "")
    assert err == f"Error: {path}: am_bidrag.status: 'sourced' is not allowed here; use user\n"


def test_the_status_user_is_refused_in_a_shipped_file(tmp_path: Path) -> None:
    from chefloen.errors import ScaleFileError

    text = SHIPPED_2026.read_text(encoding="utf-8").replace(
        'percent = 8\nstatus = "sourced"', 'percent = 8\nstatus = "user"'
    )
    (tmp_path / "2026.toml").write_text(text, encoding="utf-8")
    with pytest.raises(ScaleFileError, match=r"^2026.toml: am_bidrag.status: 'user' is not allowed here; use sourced"):
        load_tax_year(2026, tmp_path)


AM_MARK = "copied_from = 2026\n\n[atp]"
AM_SOURCE = 'source = "copied"\n' + AM_MARK


@pytest.mark.parametrize(
    ("old", "new", "problem"),
    [
        ("amount = 54100", 'amount = "abc"', "personfradrag.amount: must be a whole number of kroner"),
        (AM_MARK, AM_MARK.replace("2026", "2027"), "am_bidrag.copied_from: 2027 is this file's own year"),
        (AM_MARK, AM_MARK.replace("2026", "3026"), "am_bidrag.copied_from: Input should be less than"),
        (AM_SOURCE, AM_SOURCE.replace('"copied"', '"skm"'), "am_bidrag.source: unknown source 'skm' (known: copied)"),
        ("percent = 12.01", "percent = 12.01\nrate = 12", "bundskat.rate: Extra inputs are not permitted"),
    ],
    ids=["amount", "own year", "far year", "source", "extra key"],
)
def test_a_malformed_user_file_is_one_line_naming_file_and_field(
    runner: CliRunner, user_dir: Path, old: str, new: str, problem: str
) -> None:
    path = add_2027(runner, user_dir)
    edit(path, old, new)
    for args in (["net", "--gross", "800000", "--kommune", "Aarhus", "--skatteaar", "2027"], ["tax"]):
        code, out, err = run(runner, *args)
        assert (code, out) == (1, "")
        assert err.startswith(f"Error: {path}: {problem}"), err
        assert err.count("\n") == 1


# --- shipped years win ------------------------------------------------------------------------------------------


def test_a_user_file_for_a_shipped_year_is_shadowed_and_can_be_removed(runner: CliRunner, user_dir: Path) -> None:
    """As when a later release ships a year the user added: the shipped rules are used, the list says so."""
    path = add_2027(runner, user_dir)
    text = path.read_text(encoding="utf-8").replace("year = 2027", "year = 2026").replace("copied_from = 2026\n", "")
    mine = user_dir / "tax-2026.toml"
    mine.write_text(text.replace("amount = 54100", "amount = 60000"), encoding="utf-8")
    os.chmod(mine, 0o600)
    estimate = run_json(runner, "net", "--gross", "800000", "--kommune", "Aarhus", "--skatteaar", "2026")
    assert estimate["tax_year_status"] == "shipped"
    assert next(line for line in estimate["lines"] if line["key"] == "personfradrag")["base"] == "54100"
    listed = run_json(runner, "tax")
    years = [(entry["year"], entry["status"], entry["shadowed"]) for entry in listed["tax_years"]]
    assert years == [(2026, "shipped", False), (2026, "user", True), (2027, "user", False)]
    (shadowed,) = listed["warnings"]
    assert shadowed == {
        "code": "shadowed_tax_year",
        "message": f"Din {mine} bruges ikke: chefloen udgiver nu selv skattereglerne for 2026, og de går forud. "
        "Fjern din med chefloen tax remove 2026.",
    }
    assert "egen (bruges ikke)" in run(runner, "tax")[1]
    assert run(runner, "tax", "remove", "2026")[:2] == (0, f"Fjernet: dit skatteår 2026 ({mine}).\n")
    assert run_json(runner, "tax")["warnings"] == []


# --- the cache and the file's shapes ----------------------------------------------------------------------------


def test_an_edit_is_seen_by_the_next_run_through_the_cache(
    runner: CliRunner, user_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("CHEFLOEN_CACHE_DIR", str(tmp_path / "cache"))
    path = add_2027(runner, user_dir)
    net = ["net", "--gross", "800000", "--kommune", "Aarhus", "--skatteaar", "2027"]
    first = run_json(runner, *net)["net_annual"]
    assert list((tmp_path / "cache").glob("tax-*.json"))
    edit(path, "amount = 54100", "amount = 54200")  # one digit, the same size
    assert run_json(runner, *net)["net_annual"] != first
    edit(path, "amount = 54200", "amount = 54100")
    assert run_json(runner, *net)["net_annual"] == first


def test_two_shipped_years_are_two_cache_entries(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A later release ships 2027 beside 2026: each year is its own, however the cache has them."""
    monkeypatch.setenv("CHEFLOEN_CACHE_DIR", str(tmp_path / "cache"))
    shipped = tmp_path / "tax"
    shipped.mkdir()
    text = SHIPPED_2026.read_text(encoding="utf-8")
    (shipped / "2026.toml").write_text(text, encoding="utf-8")
    (shipped / "2027.toml").write_text(text.replace("year = 2026", "year = 2027"), encoding="utf-8")
    for _ in range(2):  # validated, then from the cache
        assert [load_tax_year(year, shipped).year for year in (2026, 2027, 2026)] == [2026, 2027, 2026]


def as_user_file_of_2026(path: Path) -> None:
    """The shipped 2026 rules with status user, saved under the name of 2027."""
    path.write_text(re.sub(r'status = "\w+"', 'status = "user"', SHIPPED_2026.read_text("utf-8")), "utf-8")


def writable_by_others(path: Path) -> None:
    path.write_bytes(b"")
    path.chmod(0o666)


# Each odd shape: how it is made at the file's path, and the problem its one error line starts with.
SHAPES: dict[str, tuple[Callable[[Path], object], str]] = {
    "a directory": (Path.mkdir, "cannot be read: not a regular file"),
    "a link to a valid file": (
        lambda path: path.symlink_to(path.with_name("real.toml")),
        "cannot be read: a symbolic link",
    ),
    "a link to nothing": (lambda path: path.symlink_to(path.with_name("gone.toml")), "cannot be read: a symbolic link"),
    "empty": (lambda path: path.write_bytes(b""), "kind: Field required"),
    "not UTF-8": (
        lambda path: path.write_bytes('kind = "tax"\nname = "Århus"\n'.encode("latin-1")),
        "not valid TOML: 'utf-8' codec",
    ),
    "too large": (lambda path: path.write_bytes(b"#" * 10_000_001), "cannot be read: larger than 10.000.000 bytes"),
    "others may write": (writable_by_others, "cannot be read: not yours alone"),
    "a FIFO": (os.mkfifo, "cannot be read: not a regular file"),
    "cut short": (lambda path: path.write_bytes(SHIPPED_2026.read_bytes().partition(b"2592700")[0]), "not valid TOML"),
    "another year": (as_user_file_of_2026, "year: 2026, but the file is named for 2027"),
    "a key twice": (
        lambda path: path.write_bytes(b'kind = "tax"\nkind = "tax"\n'),
        "not valid TOML: Cannot overwrite a value",
    ),
}


@pytest.mark.parametrize("shape", list(SHAPES))
def test_an_odd_user_file_is_one_line_naming_it(runner: CliRunner, user_dir: Path, shape: str) -> None:
    user_dir.mkdir(mode=0o700)
    (user_dir / "real.toml").write_bytes(SHIPPED_2026.read_bytes())
    path = user_dir / "tax-2027.toml"
    make, problem = SHAPES[shape]
    make(path)
    for args in (["net", "--gross", "1", "--kommune", "Aarhus", "--skatteaar", "2027"], ["tax"]):
        code, out, err = run(runner, *args)
        assert (code, out) == (1, ""), err
        assert err.startswith(f"Error: {path}: {problem}"), err
        assert err.count("\n") == 1
    assert run(runner, "net", "--gross", "1", "--kommune", "Aarhus", "--skatteaar", "2026")[0] == 0  # 2026 unharmed


def test_a_directory_in_the_way_is_neither_replaced_nor_removed(runner: CliRunner, user_dir: Path) -> None:
    (user_dir / "tax-2027.toml").mkdir(parents=True)
    assert run(runner, "tax", "add", "2027")[0] == 2
    code, out, err = run(runner, "tax", "remove", "2027")
    assert (code, out) == (1, "")
    assert (
        err == f"Error: cannot remove {user_dir / 'tax-2027.toml'}: it is a directory, not a tax year chefloen wrote\n"
    )
    assert (user_dir / "tax-2027.toml").is_dir()


def test_a_link_is_removed_itself_never_what_it_points_to(runner: CliRunner, user_dir: Path) -> None:
    user_dir.mkdir(mode=0o700)
    target = user_dir / "real.toml"
    target.write_bytes(SHIPPED_2026.read_bytes())
    (user_dir / "tax-2027.toml").symlink_to(target)
    assert run(runner, "tax", "remove", "2027")[0] == 0
    assert target.read_bytes() == SHIPPED_2026.read_bytes()
    assert not (user_dir / "tax-2027.toml").is_symlink()


def test_a_file_saved_with_a_bom_is_read(runner: CliRunner, user_dir: Path) -> None:
    path = add_2027(runner, user_dir)
    path.write_bytes(b"\xef\xbb\xbf" + path.read_bytes())
    assert run_json(runner, "net", "--gross", "800000", "--kommune", "Aarhus", "--skatteaar", "2027")["year"] == 2027


def test_names_that_are_not_a_tax_year_are_not_one(runner: CliRunner, user_dir: Path) -> None:
    user_dir.mkdir(mode=0o700)
    for name in ("tax-27.toml", "tax-20277.toml", "tax-2027.toml.bak", "tax-abcd.toml"):
        (user_dir / name).write_bytes(b"not toml at all [")
    assert [entry["year"] for entry in run_json(runner, "tax")["tax_years"]] == [2026]
    assert re.search(
        r"known years: 2026$",
        run(runner, "net", "--gross", "1", "--kommune", "Aarhus", "--skatteaar", "2027")[2].strip(),
    )
