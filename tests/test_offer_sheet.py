"""The offer sheet for a candidate: one to four alternatives side by side, who it is for and when the job starts,
plain Danish without a command line or an English word, and one printed A4 page (measured in headless Chromium)."""

from __future__ import annotations

import datetime as dt
import os
import re
import subprocess
import tempfile
from decimal import ROUND_HALF_UP, Decimal
from html.parser import HTMLParser
from pathlib import Path

import pytest
from typer.testing import CliRunner

import chefloen
from chefloen import labels
from chefloen.cli.app import app
from chefloen.loading import load_scales
from chefloen.render import html, offer_text
from tests.helpers import chromium

KONTORCHEF = "kontorchef-sundhed-praksis"
DIREKTOER = "direktoer-regionssekretariatet"
TODAY = labels.date(dt.date.today())


def whole(value: Decimal) -> Decimal:
    return value.quantize(Decimal(1), rounding=ROUND_HALF_UP)


def kr(value: Decimal) -> str:
    """Kroner as the sheet writes them, formatted here by hand: 792.072 kr."""
    return f"{int(value):,} kr.".replace(",", ".")


class Page(HTMLParser):
    """A sheet read as a reader sees it: its text (not the style sheet) and the rows of its tables."""

    def __init__(self, text: str) -> None:
        super().__init__()
        self.texts: list[str] = []
        self.rows: list[list[str]] = []
        self.cell: list[str] | None = None
        self.in_style = False
        self.feed(text)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.in_style = self.in_style or tag == "style"
        if tag == "tr":
            self.rows.append([])
        elif tag in ("td", "th"):
            self.cell = []

    def handle_endtag(self, tag: str) -> None:
        if tag == "style":
            self.in_style = False
        elif tag in ("td", "th") and self.cell is not None:
            self.rows[-1].append(" ".join(" ".join(self.cell).split()))
            self.cell = None

    def handle_data(self, data: str) -> None:
        if self.in_style:
            return
        self.texts.append(data)
        if self.cell is not None:
            self.cell.append(data)

    @property
    def text(self) -> str:
        return " ".join(" ".join(self.texts).split())

    def row(self, first: str) -> list[str]:
        """The cells after the first of the row whose first cell is ``first``."""
        found = [row[1:] for row in self.rows if row and row[0] == first]
        assert len(found) == 1, (first, [row[:1] for row in self.rows])
        return found[0]


def write_offer(runner: CliRunner, tmp_path: Path, *args: str) -> Page:
    target = tmp_path / "tilbud.html"
    result = runner.invoke(app, ["offer", *args, "-o", str(target)])
    assert result.exit_code == 0, result.stderr
    assert result.stderr == f"Tilbudsarket er gemt i {target}\n"
    return Page(target.read_text(encoding="utf-8"))


# --- alternatives side by side ------------------------------------------------------------------------------


def test_two_alternatives_side_by_side_with_the_published_figures(runner: CliRunner, tmp_path: Path) -> None:
    """The posting at its level date is its published 792.072 kr.; pension 21,59 %, ferietillæg 2,49 %; a
    kvalifikationsløn of grundbeløb 30.000 at the 1.11.2025 factor 1,169930 (RLTN: reguleringsprocent 16,9930)."""
    page = write_offer(
        runner, tmp_path, "-p", KONTORCHEF, "-d", "1.11.2025",
        "-s", "Som opslået", "-s", "Med kvalifikationsløn | kvalifikationsloen=30000",
    )  # fmt: skip
    level, kval = Decimal(792072), whole(30000 * Decimal("1.169930"))
    pays = [level, level + kval]
    pensions = [whole(pay * Decimal("0.2159")) for pay in pays]
    holidays = [whole(pay * Decimal("0.0249")) for pay in pays]
    totals = [pay + pension for pay, pension in zip(pays, pensions, strict=True)]
    compensations = [total + holiday for total, holiday in zip(totals, holidays, strict=True)]
    assert (pensions[0], kval) == (Decimal(171008), Decimal(35098))
    assert page.rows[0][1:] == [
        "Som opslået Kontorchef, Sundhed & Praksis, trin 51",
        "Med kvalifikationsløn Kontorchef, Sundhed & Praksis, trin 51",
    ]
    assert page.row("Kvalifikationsløn") == ["–", kr(kval)]
    assert page.row("Løn i alt") == [kr(pay) for pay in pays] == ["792.072 kr.", "827.170 kr."]
    assert page.row("Pensionsprocent") == ["21,59 %", "21,59 %"]
    assert page.row("Pension") == [kr(pension) for pension in pensions]
    assert page.row("Løn og pension i alt") == [kr(total) for total in totals]
    assert page.row("Ferietillæg") == [kr(holiday) for holiday in holidays]
    assert page.row("Samlet aflønning") == [kr(total) for total in compensations]
    assert page.row("Forskel i samlet aflønning") == ["", "+" + kr(compensations[1] - compensations[0])]
    assert page.row("Løn i alt før skat") == ["66.006,00 kr.", "68.930,83 kr."]  # 792.072 / 12, 827.170 / 12
    assert "Fritvalgstillæg" not in page.text
    assert "Nettoløn" not in page.text
    assert "Løn ved hver regulering" not in page.text  # the chart is a single alternative's
    assert f"Dato: {TODAY}" in page.text
    assert "lønoverslag pr. 1.11.2025 · 2 alternativer" in page.text


def net_of(cell: str) -> Decimal:
    return Decimal(cell.removesuffix(" kr.").replace(".", "").replace(",", "."))


def test_four_alternatives_with_a_pension_range_fritvalg_and_net(runner: CliRunner, tmp_path: Path) -> None:
    page = write_offer(
        runner, tmp_path, "-p", DIREKTOER, "--tiltraedelse", "1.11.2025", "--kommune", "Viborg",
        "--kandidat", "Mette Jensen", "-s", "Som opslået", "-s", "Med kval | kvalifikationsloen=60000",
        "-s", "Fritvalg | fritvalg=max", "-s", f"Kontorchef | posting={KONTORCHEF}",
    )  # fmt: skip
    # The direktør's published level 1.072.226 kr. at 1.11.2025; its pension 21,59 % of it, or, at the low end,
    # of its trin 52 alone (RLTN 1.11.2025: 759.591 kr.).
    high, low = whole(Decimal(1072226) * Decimal("0.2159")), whole(Decimal(759591) * Decimal("0.2159"))
    assert (high, low) == (Decimal(231494), Decimal(163996))
    assert page.row("Løn i alt")[0] == "1.072.226 kr."
    assert page.row("Pension (høj)")[0] == kr(high)
    assert page.row("Pension (lav)")[0] == kr(low)
    assert page.row("Pension (lav)")[3] == page.row("Pension (høj)")[3] == "171.008 kr."  # no range: one figure
    # Fritvalg max: the posting's pension is the chefs' 21,59 %, so its 6,59 points above the 15 % floor are pay.
    assert page.row("Pensionsprocent") == ["21,59 %", "21,59 %", "15 %", "21,59 %"]
    assert page.row("Fritvalgstillæg (høj)") == ["–", "–", kr(high - whole(Decimal(1072226) * Decimal("0.15"))), "–"]
    nets = [net_of(cell) for cell in page.row("Nettoløn pr. måned (skøn)")]
    differences = page.row("Forskel netto pr. måned")
    assert differences[0] == ""
    assert [net_of(cell.lstrip("+")) for cell in differences[1:]] == [net - nets[0] for net in nets[1:]]
    assert "Kandidat: Mette Jensen · Tiltrædelse: 1.11.2025" in page.text
    assert "Som opslået, Med kval, Fritvalg: Opslagsniveauet indeholder afkøb af merarbejde" in page.text
    # The data has the tax rules of 2026 alone, and the sheet says that those are used for 2025.
    assert "Nettoløn: skøn for Viborg 2026, uden kirkeskat." in page.text
    assert "skattereglerne for 2026: reglerne for 2025 er ikke med i beregningen" in page.text


def test_a_spec_without_a_subject_is_of_the_posting_or_trin_given_and_one_with_a_date_is_priced_there(
    runner: CliRunner, tmp_path: Path
) -> None:
    page = write_offer(
        runner, tmp_path, "-t", "51", "-d", "1.11.2025", "-s", "Trin 51", "-s", "Trin 52 | trin=52",
        "-s", "Senere | date=1.4.2026",
    )  # fmt: skip
    # RLTN: trin 51 55.629,33 and trin 52 63.299,25 kr. a month at 1.11.2025; trin 51 56.964,42 at 1.4.2026.
    assert page.row("Løn i alt") == ["667.552 kr.", "759.591 kr.", "683.573 kr."]
    assert page.rows[0][3] == "Senere Trin 51, pr. 1.4.2026"
    assert "lønoverslag pr. 1.11.2025, 1.4.2026 · 3 alternativer" in page.text


def test_one_spec_is_the_single_sheet(runner: CliRunner, tmp_path: Path) -> None:
    page = write_offer(runner, tmp_path, "-s", f"Som opslået | posting={KONTORCHEF}", "-d", "1.11.2025")
    assert "Løn ved hver regulering siden 2018" in page.text
    assert "lønoverslag pr. 1.11.2025 · Som opslået" in page.text


def test_the_start_date_prices_the_offer_unless_a_date_is_given(runner: CliRunner, tmp_path: Path) -> None:
    started = write_offer(runner, tmp_path, "-p", KONTORCHEF, "--tiltraedelse", "1.11.2025")
    assert "lønoverslag pr. 1.11.2025" in started.text
    assert f"Dato: {TODAY} · Tiltrædelse: 1.11.2025" in started.text
    assert "792.072 kr." in started.text
    dated = write_offer(runner, tmp_path, "-p", KONTORCHEF, "--tiltraedelse", "1.11.2025", "-d", "1.4.2026")
    # 1.4.2026: trin 51 683.573 kr. (RLTN) + 106.434 × 1,198008 = 127.509 kr.
    assert "lønoverslag pr. 1.4.2026" in dated.text
    assert "Løn i alt 811.082 kr." in dated.text
    assert "Tiltrædelse: 1.11.2025" in dated.text
    today = write_offer(runner, tmp_path, "-t", "51", "--tiltraedelse", "i dag")
    assert f"lønoverslag pr. {TODAY}" in today.text
    assert f"Tiltrædelse: {TODAY}" in today.text


def test_the_candidates_name_is_text(runner: CliRunner, tmp_path: Path) -> None:
    target = tmp_path / "tilbud.html"
    name = "<script>alert(1)</script> Æ & Ø"
    result = runner.invoke(
        app, ["offer", "-t", "51", "-s", "A", "-s", "B | trin=52", "--kandidat", name, "-o", str(target)]
    )
    assert result.exit_code == 0, result.stderr
    sheet = target.read_text(encoding="utf-8")
    assert "<script" not in sheet
    assert "Kandidat: &lt;script&gt;alert(1)&lt;/script&gt; Æ &amp; Ø" in sheet
    assert f"Kandidat: {name}" in Page(sheet).text


@pytest.mark.parametrize(
    ("args", "message"),
    [
        pytest.param(
            ["-t", "51", *[arg for label in "ABCDE" for arg in ("-s", label)]],
            "Error: an offer sheet shows at most 4 alternatives; 5 were given\n",
            id="five",
        ),
        pytest.param(
            ["-s", "A", "-s", "B | trin=52"],
            "Error: scenario 'A' names no trin or posting; write trin=… in it, or give --trin or --posting\n",
            id="no-subject",
        ),
        pytest.param(
            ["-t", "51", "-s", "A", "-s", "B", "--kvalifikationsloen", "30000"],
            "Error: with --scenario, --kvalifikationsloen belongs in the specs: write kvalifikationsloen=… in each "
            "that has it\n",
            id="option-and-spec",
        ),
        pytest.param(
            ["-t", "51", "-s", "A", "-s", "B", "--label", "X"],
            "Error: with --scenario, --label belongs in the specs: write LABEL | … in each that has it\n",
            id="label-and-spec",
        ),
        pytest.param(
            ["-t", "51", "-s", "A", "-s", "B | trin=52 | kval=1"],
            "Error: unknown field 'kval'; known: label, trin, loenramme, posting, date, kvalifikationsloen, "
            "funktionsloen, tillaeg, afkoeb, afkoeb_pensionsgivende, engangsvederlag, "
            "engangsvederlag_pensionsgivende, pension, pensionsgruppe, deltid, fritvalg, fritvalg_gulv\n",
            id="unknown-key",
        ),
        pytest.param(
            ["-t", "51", "--tiltraedelse", "31.2.2026"], "Error: date '31.2.2026' does not exist\n", id="start-date"
        ),
        pytest.param(
            ["-t", "51", "--kandidat", "x" * 201],
            "Error: kandidat 'xxxxxxxxxxxxxxxxxxxx'… is too long; at most 200 characters\n",
            id="long-name",
        ),
    ],
)
def test_bad_offers_are_refused_in_one_line(runner: CliRunner, tmp_path: Path, args: list[str], message: str) -> None:
    result = runner.invoke(app, ["offer", *args, "-o", str(tmp_path / "tilbud.html")])
    assert (result.exit_code, result.stderr) == (2, message)
    assert list(tmp_path.iterdir()) == []


def test_the_library_makes_the_same_offer() -> None:
    made = chefloen.offer(
        [
            f"Som opslået | posting={KONTORCHEF}",
            {"label": "Med kval", "posting": KONTORCHEF, "kvalifikationsloen": 30000},
        ],
        kandidat="Mette Jensen",
        tiltraedelse="1.11.2025",
    )
    data = made.to_data()
    assert (data["candidate"], data["start"], data["issued"]) == (
        "Mette Jensen",
        "2025-11-01",
        dt.date.today().isoformat(),
    )
    assert [row["annual_pay"] for row in data["summary"]] == ["792072", "827170"]
    assert data["summary"][1]["diff_total"] == str(1005756 - 963080)
    assert "Kandidat: Mette Jensen" in html.sheet(made)
    with pytest.raises(chefloen.InputError, match="at most 4 alternatives; 5 were given"):
        chefloen.offer([f"posting={KONTORCHEF}"] * 5)


# --- plain Danish for the candidate -------------------------------------------------------------------------

ENGLISH = frozenset(
    "the is are use using with and or not no of from to add give see run warning error errors known unknown "
    "missing assumed assume default none null true false date step factor level source tax year month pay "
    "please must should will can option command".split()
)
SPECS = [
    f"Som opslået | posting={DIREKTOER}",
    f"Fritvalg | posting={DIREKTOER} | fritvalg=max",
    f"Afkøb | posting={DIREKTOER} | afkoeb=10% | fritvalg=3 | fritvalg_gulv=16",
    "Deltid | trin=51 | deltid=30t | kvalifikationsloen=40.000 kr. | tillaeg=Ledelse=20000",
]
SHEETS = {
    "after-last-with-net": ["-p", KONTORCHEF, "-d", "1.12.2026", "--kommune", "Viborg"],
    "years-past-the-last": ["-t", "51", "-d", "1.1.2040", "--kommune", "Aarhus", "--kirke"],
    "assumed-in-force": ["-t", "51", "-d", "1.12.2026", "--assume", "2026-10-01:+0,54%"],
    "past-the-assumed": ["-t", "51", "-d", "1.12.2027", "--assume", "2026-10-01:+0,54%", "--kommune", "Viborg"],
    "direktoer-range-fritvalg-2027": [
        "-p",
        DIREKTOER,
        "--tiltraedelse",
        "1.2.2027",
        "--fritvalg",
        "max",
        "--kommune",
        "Viborg",
        "--kandidat",
        "Mette Jensen",
    ],
    "afkoeb-on-the-level-own-floor": [
        "-p",
        DIREKTOER,
        "-d",
        "1.4.2026",
        "--afkoeb",
        "10%",
        "--fritvalg",
        "3",
        "--fritvalg-gulv",
        "16",
    ],
    "inferred-factor-and-holiday-rate": ["-t", "51", "-d", "1.4.2024", "--kvalifikationsloen", "40.000 kr."],
    "inferred-pension-rate": ["-t", "51", "-d", "1.10.2021", "--deltid", "30t"],
    "four-alternatives-2027": [
        *(arg for spec in SPECS for arg in ("-s", spec)),
        "-d",
        "1.2.2027",
        "--kommune",
        "Viborg",
        "--assume",
        "2026-10-01:+0,54%",
    ],
    "two-alternatives-years-past": [
        "-s",
        f"A | posting={KONTORCHEF}",
        "-s",
        "B | trin=52 | date=1.1.2040",
        "-d",
        "1.12.2026",
    ],
}


def assert_for_the_candidate(text: str) -> None:
    assert "chefloen " not in text
    assert "--" not in text
    words = set(re.findall(r"[a-zæøå]+", text.lower()))
    assert words & ENGLISH == set(), text


@pytest.mark.parametrize("name", SHEETS)
def test_the_sheet_speaks_plain_danish_to_the_candidate(runner: CliRunner, tmp_path: Path, name: str) -> None:
    page = write_offer(runner, tmp_path, *SHEETS[name])
    assert_for_the_candidate(page.text)


def test_the_sheet_says_what_regulations_may_come(runner: CliRunner, tmp_path: Path) -> None:
    near = write_offer(runner, tmp_path, "-t", "51", "-d", "1.12.2026").text
    assert "Lønnen kan stige ved en regulering pr. 1.10.2026, som endnu ikke er offentliggjort." in near
    far = write_offer(runner, tmp_path, "-t", "51", "-d", "1.1.2040").text
    assert (
        "Lønnen stiger formentlig ved reguleringerne fra 1.10.2026 og frem, som endnu ikke er offentliggjort: "
        "beløbene bygger på den seneste offentliggjorte regulering pr. 1.4.2026."
    ) in far
    assumed = write_offer(runner, tmp_path, "-t", "51", "-d", "1.12.2027", "--assume", "2026-10-01:+0,54%").text
    assert "Reguleringsfaktoren 1,204326 pr. 1.10.2026 er en antagelse, ikke aftalt." in assumed
    assert "Lønnen kan ændre sig ved senere reguleringer, som endnu ikke er aftalt." in assumed
    assert "Kilde: en antagelse i dette overslag, ikke en aftalt regulering." in assumed
    net = write_offer(runner, tmp_path, "-t", "51", "-d", "1.2.2027", "--kommune", "Viborg").text
    assert "Nettolønnen er et skøn efter skattereglerne for 2026: reglerne for 2027 er ikke med i beregningen" in net


def test_your_own_tables_are_named_for_the_candidate(runner: CliRunner, tmp_path: Path, user_dir: Path) -> None:
    added = [
        ["postings", "add", "kontorchef-hr", "--trin", "52", "--level", "900.000", "--level-date", "1.11.2025",
         "--title", "Kontorchef, HR", "--source", "Eget opslag"],
        ["index", "add", "1.10.2026", "--percent", "0,54", "--source", "KRL 1.10.2026"],
    ]  # fmt: skip
    for command in added:
        assert runner.invoke(app, command).exit_code == 0
    page = write_offer(runner, tmp_path, "-p", "kontorchef-hr", "-d", "1.12.2026")
    assert_for_the_candidate(page.text)
    assert "Opslaget er tilføjet efter en særskilt kilde: Eget opslag." in page.text
    assert "Reguleringsfaktoren 1,204326 pr. 1.10.2026 er tilføjet efter en særskilt kilde." in page.text
    assert "Lønnen kan stige ved en regulering pr. 1.4.2027, som endnu ikke er offentliggjort." in page.text


@pytest.mark.parametrize(
    ("after", "expected"),
    [
        (dt.date(2026, 3, 31), dt.date(2026, 10, 1)),
        (dt.date(2026, 10, 1), dt.date(2027, 4, 1)),
        (dt.date(2026, 12, 31), dt.date(2027, 4, 1)),
    ],
)
def test_the_next_regulation_is_the_expected_one_else_the_next_regular_day(after: dt.date, expected: dt.date) -> None:
    assert offer_text.next_regulation(after, load_scales().regulation) == expected


def test_without_commands_keeps_all_else() -> None:
    kept = "Opslaget er dit eget (egen). Pension 21,59 % (kildebelagt)."
    assert offer_text.without_commands(kept) == kept
    assert offer_text.without_commands("A (--pension PCT). B, se --assume DATO:+PCT%. C.") == "A. C."


# --- one printed A4 page ------------------------------------------------------------------------------------

A4 = (595.28, 841.89)  # points


def printed(page: Path) -> tuple[int, list[tuple[float, float]]]:
    """Print ``page`` to PDF in headless Chromium: the number of its pages and each page's size in points."""
    browser = chromium()
    assert browser is not None
    pdf = page.with_suffix(".pdf")
    with tempfile.TemporaryDirectory() as profile:
        subprocess.run(
            [
                browser,
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--no-first-run",
                f"--user-data-dir={profile}",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--no-pdf-header-footer",
                f"--print-to-pdf={pdf}",
                page.as_uri(),
            ],
            check=True,
            capture_output=True,
            timeout=120,
        )
    data = pdf.read_bytes()
    assert data.startswith(b"%PDF-")
    pages = len(re.findall(rb"/Type\s*/Page(?![A-Za-z])", data))
    counts = [int(count) for count in re.findall(rb"/Type\s*/Pages\b[^>]*?/Count\s+(\d+)", data, re.DOTALL)]
    assert counts[:1] == [pages], counts
    boxes = [(float(w), float(h)) for w, h in re.findall(rb"/MediaBox\s*\[\s*0 0 ([\d.]+) ([\d.]+)\s*\]", data)]
    return pages, boxes


PRINTED = {
    "one": ["-p", KONTORCHEF, "--kvalifikationsloen", "30000", "-d", "1.12.2026", "--kommune", "Viborg",
            "--kandidat", "Mette Jensen", "--tiltraedelse", "1.2.2027"],
    "one-with-all": ["-p", DIREKTOER, "--fritvalg", "max", "-d", "1.12.2026", "--kommune", "Viborg",
                     "--kandidat", "Mette Jensen", "--tiltraedelse", "1.2.2027", "--assume", "2026-10-01:+0,54%"],
    "two": ["-s", "A | trin=51", "-s", "B | trin=52 | afkoeb=5t", "-d", "1.11.2025", "--kommune", "Aarhus"],
    "four": ["-p", DIREKTOER, "--kandidat", "Mette Jensen", "--tiltraedelse", "1.2.2027", "--kommune", "Viborg",
             "-s", "Som opslået", "-s", "Med kval | kvalifikationsloen=60000", "-s", "Fritvalg | fritvalg=max",
             "-s", f"Kontorchef | posting={KONTORCHEF} | afkoeb=10%"],
}  # fmt: skip


@pytest.mark.parametrize("name", PRINTED)
def test_the_sheet_prints_on_one_a4_page(runner: CliRunner, tmp_path: Path, name: str) -> None:
    if chromium() is None:
        if os.environ.get("CI"):
            pytest.fail("CI must have Debian's chromium (installed by .ci/run)")
        pytest.skip("chromium is not installed")
    target = tmp_path / "tilbud.html"
    result = runner.invoke(app, ["offer", *PRINTED[name], "-o", str(target)])
    assert result.exit_code == 0, result.stderr
    sheet = target.read_text(encoding="utf-8")
    # One file, nothing fetched: no script, link, image, font or style sheet from elsewhere.
    for outside in ("<script", "<link", "<img", "<iframe", "url(", "@import", "src="):
        assert outside not in sheet
    assert "http://" not in sheet.replace('xmlns="http://www.w3.org/2000/svg"', "")
    pages, boxes = printed(target)
    assert pages == 1
    assert all(abs(w - A4[0]) < 2 and abs(h - A4[1]) < 2 for w, h in boxes), boxes
