"""Loading the data tables: every shipped file loads, every broken one is refused naming file and field."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from chefloen import compute
from chefloen.errors import NotCoveredError, ScaleFileError, UnknownKeyError
from chefloen.loading.paths import FILES, default_dir
from chefloen.loading.scales import load_scales
from chefloen.model import Factor, PensionRate, Posting, Scales, Scenario, Step
from tests.helpers import SCALES_DIR


def test_every_shipped_file_is_loaded() -> None:
    assert sorted(path.name for path in SCALES_DIR.glob("*.toml")) == sorted(FILES)


def test_every_row_carries_status_and_source(scales: Scales) -> None:
    rows: list[Factor | Step | Posting | PensionRate] = [
        *scales.regulation.factors,
        *scales.steps.values(),
        *scales.postings.values(),
    ]
    rows += [rate for group in scales.pension_groups.values() for rate in group.rates]
    for row in rows:
        assert row.status in {"sourced", "inferred", "expected"}
        assert row.source is not None
        assert row.source.url.startswith("https://")


def edit(directory: Path, name: str, old: str, new: str) -> None:
    path = directory / name
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {name}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


BROKEN = [
    pytest.param(
        "region-index.toml",
        "value = 1.020238",
        "valeu = 1.020238",
        [
            "factor.2.value: Field required",
            "factor.2.valeu: Extra inputs are not permitted",
        ],
        id="misspelt-key",
    ),
    pytest.param(
        "region-index.toml",
        "effective = 2019-10-01",
        "effective = 2018-09-01",
        ["factor.3: 2018-09-01 must come after 2018-10-01 (dates strictly increasing, no duplicates)"],
        id="unsorted-dates",
    ),
    pytest.param(
        "region-index.toml",
        "effective = 2019-10-01",
        "effective = 2018-10-01",
        ["factor.3: 2018-10-01 must come after 2018-10-01 (dates strictly increasing, no duplicates)"],
        id="duplicate-date",
    ),
    pytest.param(
        "region-index.toml",
        "value = 1.020238",
        "value = 0",
        ["factor.2.value: Input should be greater than 0"],
        id="zero-factor",
    ),
    pytest.param(
        "region-index.toml",
        'source = "djoef"\n\n[[factor]]\neffective = 2020-01-01',
        "\n[[factor]]\neffective = 2020-01-01",
        ["factor.3.source: Field required"],
        id="missing-source",
    ),
    pytest.param(
        "region-index.toml",
        'source = "djoef"\n\n[[factor]]\neffective = 2020-01-01',
        'source = "nowhere"\n\n[[factor]]\neffective = 2020-01-01',
        [
            "factor.3.source: unknown source 'nowhere' (known: laeger, dm, djoef, hk, rltn-2024-10-01, "
            "rltn-2025-04-01, rltn-2025-10-01, rltn-2025-11-01, rltn-2026-04-01, ok26, kl-ok26)"
        ],
        id="unknown-source",
    ),
    pytest.param(
        "region-index.toml",
        'status = "inferred"',
        'status = "guessed"',
        ["factor.1.status: Input should be 'sourced', 'inferred', 'expected', 'user' or 'assumed'"],
        id="bad-status",
    ),
    pytest.param(
        "region-index.toml",
        'status = "inferred"',
        'status = "user"',
        ["factor.1.status: 'user' is not allowed here; use sourced or inferred or expected"],
        id="user-status-in-shipped-data",
    ),
    pytest.param(
        "region-index.toml",
        "effective = 2025-11-01",
        "effective = 2205-11-01",
        ["factor.16.effective: Input should be less than 2100-01-01"],
        id="date-far-in-future",
    ),
    pytest.param(
        "region-index.toml",
        'url = "https://dm.dk/"',
        'url = "dm.dk"',
        ["sources.dm.url: String should match pattern '^https?://\\S+$'"],
        id="bad-url",
    ),
    pytest.param(
        "region-chef-steps.toml",
        "base_amount = 516572",
        "base_amount = -516572",
        ["step.1.base_amount: Input should be greater than 0"],
        id="negative-amount",
    ),
    pytest.param(
        "region-chef-steps.toml",
        "base_amount = 516572",
        "base_amount = 0",
        ["step.1.base_amount: Input should be greater than 0"],
        id="zero-amount",
    ),
    pytest.param(
        "region-chef-steps.toml",
        'step = "50"',
        'step = "49"',
        ["step.1.step: duplicate trin '49'"],
        id="duplicate-trin",
    ),
    pytest.param(
        "region-chef-steps.toml",
        "base_amount = 516572",
        'base_amount = "516572"',
        ["step.1.base_amount: Input should be a valid integer"],
        id="amount-as-text",
    ),
    pytest.param(
        "region-chef-steps.toml",
        "base_amount = 516572",
        "base_amount = 416572",
        ["step.1.base_amount: must be higher than the trin before it"],
        id="falling-amount",
    ),
    pytest.param(
        "region-pension.toml",
        "percent = 21.59",
        "percent = 121.59",
        ["group.0.rate.1.percent: Input should be less than 100"],
        id="pension-over-100",
    ),
    pytest.param(
        "region-postings.toml",
        'trin_as_posted = "51"\nstep = "51"',
        'trin_as_posted = "99"\nstep = "99"',
        ["posting.0.step: unknown trin '99' (known: 49, 50, 51, 52, 53, 54, 55, 55+)"],
        id="posting-unknown-trin",
    ),
    pytest.param(
        "region-postings.toml",
        "level = 792072",
        "level = 600000",
        ["posting.0.level: below the basisløn of trin 51 at 2025-11-01 (667552 kr.)"],
        id="posting-below-basisloen",
    ),
    pytest.param(
        "region-postings.toml",
        'id = "direktoer-regionssekretariatet"',
        'id = "kontorchef-sundhed-praksis"',
        ["posting.1.id: duplicate posting id 'kontorchef-sundhed-praksis'"],
        id="duplicate-posting",
    ),
    pytest.param(
        "region-worktime.toml",
        "annual_hours = 1924",
        "annual_hours = 0",
        ["annual_hours: Input should be greater than 0"],
        id="zero-hours",
    ),
    pytest.param(
        "region-chef-steps.toml",
        "base_amount = 1013870",
        "base_amount = 99999999999999999999999999999999",
        ["step.7.base_amount: Input should be less than or equal to 1000000000"],
        id="amount-beyond-decimal-precision",
    ),
    pytest.param(
        "region-postings.toml",
        "level = 792072",
        "level = 1000000001",
        ["posting.0.level: Input should be less than or equal to 1000000000"],
        id="level-above-a-milliard",
    ),
    pytest.param(
        "region-index.toml",
        "value = 1.169930",
        "value = 1169930",
        ["factor.16.value: Input should be less than 100"],
        id="factor-typed-without-decimal-point",
    ),
    pytest.param(
        "region-index.toml",
        "value = 1.198008",
        "value = 1.1980081",
        ["factor.17.value: 1.1980081 has more than 6 decimals (KRL publishes six)"],
        id="factor-with-seven-decimals",
    ),
    pytest.param(
        "region-index.toml",
        "last_day = 2029-03-31",
        "last_day = 2026-03-31",
        ["period.3.last_day: 2026-03-31 comes before its first regulation"],
        id="period-ends-before-it-starts",
    ),
    pytest.param(
        "region-index.toml",
        "last_day = 2026-03-31",
        "last_day = 2026-04-01",
        ["period.3.first_regulation: overlaps the period before it"],
        id="periods-overlap",
    ),
    pytest.param(
        "region-index.toml",
        "date = 2026-10-01",
        "date = 2026-04-01",
        ["next.date: 2026-04-01 must come after the last factor"],
        id="next-regulation-not-after-the-last",
    ),
    pytest.param(
        "region-index.toml",
        'name = "OK26"\nfirst_regulation = 2026-04-01\nlast_day = 2029-03-31\n',
        'name = "OK26"\nfirst_regulation = 2026-04-01\n',
        ["period.3.last_day: Field required"],
        id="period-without-end",
    ),
    pytest.param(
        "region-postings.toml",
        'trin_as_posted = "52+1"',
        'trin_as_posted = "53+1"',
        ["posting.1.trin_as_posted: '53+1' is not trin 52 plus more"],
        id="posted-trin-is-another-trin",
    ),
    pytest.param(
        "region-worktime.toml",
        "weeks_per_year = 52",
        "weeks_per_year = 520",
        ["weeks_per_year: Input should be less than or equal to 53"],
        id="more-weeks-than-a-year-has",
    ),
    pytest.param(
        "region-index.toml",
        'kind = "index"',
        'kind = "index',
        ["not valid TOML: Illegal character '\\n' (at line 12, column 14)"],
        id="not-toml",
    ),
]


@pytest.mark.parametrize(("name", "old", "new", "problems"), BROKEN)
def test_broken_file_is_refused_naming_file_and_field(
    scales_copy: Path, name: str, old: str, new: str, problems: list[str]
) -> None:
    edit(scales_copy, name, old, new)
    with pytest.raises(ScaleFileError) as caught:
        load_scales(scales_copy)
    assert caught.value.path.name == name
    assert caught.value.problems == problems
    assert str(caught.value).startswith(f"{name}: ")


def test_missing_file(scales_copy: Path) -> None:
    (scales_copy / "region-pension.toml").unlink()
    with pytest.raises(ScaleFileError, match=r"^region-pension.toml: file not found$"):
        load_scales(scales_copy)


def test_not_utf8(scales_copy: Path) -> None:
    (scales_copy / "region-chef-steps.toml").write_bytes(b'kind = "steps"\n# \xff\xfe\n')
    with pytest.raises(ScaleFileError, match=r"^region-chef-steps.toml: not valid TOML: "):
        load_scales(scales_copy)


def test_missing_directory(tmp_path: Path) -> None:
    with pytest.raises(ScaleFileError, match=r"scales directory not found"):
        load_scales(tmp_path / "nowhere")


def test_adding_a_posting_is_one_data_block(scales_copy: Path) -> None:
    block = """
[[posting]]
id = "vicekontorchef-test"
title = "Vicekontorchef"
employer = "Region Test"
location = "Testby"
step = "49"
level = 600000
level_date = 2025-11-01
pension_group = "chef"
level_includes_afkoeb = false
wording = "trin 49 med et opslagsniveau på 600.000 kr."
status = "sourced"
source = "rm-kontorchef"
"""
    with (scales_copy / "region-postings.toml").open("a", encoding="utf-8") as handle:
        handle.write(block)
    loaded = load_scales(scales_copy)
    breakdown = compute(Scenario(on=dt.date(2025, 11, 1), posting="vicekontorchef-test"), loaded)
    assert breakdown.annual_pay == 600000


# --- effective-date boundaries, generated from the data ---------------------------------------


def factor_boundaries() -> list[tuple[dt.date, int]]:
    scales = load_scales(SCALES_DIR)
    return [(factor.effective, position) for position, factor in enumerate(scales.regulation.factors)]


@pytest.mark.parametrize(("effective", "position"), factor_boundaries(), ids=lambda v: str(v))
def test_both_sides_of_every_factor_date(scales: Scales, effective: dt.date, position: int) -> None:
    factors = scales.regulation.factors
    assert scales.regulation.at(effective).entry is factors[position]
    day_before = effective - dt.timedelta(days=1)
    if position == 0:
        with pytest.raises(NotCoveredError):
            scales.regulation.at(day_before)
    else:
        assert scales.regulation.at(day_before).entry is factors[position - 1]


def pension_boundaries() -> list[tuple[str, dt.date, int]]:
    scales = load_scales(SCALES_DIR)
    return [
        (group.id, rate.effective, position)
        for group in scales.pension_groups.values()
        for position, rate in enumerate(group.rates)
    ]


@pytest.mark.parametrize(("group_id", "effective", "position"), pension_boundaries(), ids=lambda v: str(v))
def test_both_sides_of_every_pension_date(scales: Scales, group_id: str, effective: dt.date, position: int) -> None:
    group = scales.pension_group(group_id)
    assert group.at(effective) is group.rates[position]
    day_before = effective - dt.timedelta(days=1)
    if position == 0:
        with pytest.raises(NotCoveredError):
            group.at(day_before)
    else:
        assert group.at(day_before) is group.rates[position - 1]


def test_after_last_factor_is_flagged(scales: Scales) -> None:
    last = scales.regulation.last
    assert not scales.regulation.at(last.effective).after_last
    assert scales.regulation.at(last.effective + dt.timedelta(days=1)).after_last


def test_unknown_keys_list_what_is_known(scales: Scales) -> None:
    with pytest.raises(UnknownKeyError) as caught:
        scales.step("56")
    assert str(caught.value) == "unknown trin '56'; known: 49, 50, 51, 52, 53, 54, 55, 55+"
    with pytest.raises(UnknownKeyError, match="unknown posting 'x'; known: kontorchef-sundhed-praksis"):
        scales.posting("x")


def test_default_dir_is_the_checkout_tables() -> None:
    assert default_dir().resolve() == SCALES_DIR
