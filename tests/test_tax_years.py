"""Tax years: § 20 amounts written as their 2010 grundbeløb, the statuses shipped and user files may use, and the
cache of each year.

Expected figures are published ones (the project reference §7: skm.dk's 2026 amounts), never taken from the
program's output.
"""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest

from chefloen.loading.tax import load_tax_year
from chefloen.loading.tax_schema import regulated
from tests.helpers import ROOT

SHIPPED_2026 = ROOT / "data" / "tax" / "2026.toml"

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


def test_the_status_user_is_refused_in_a_shipped_file(tmp_path: Path) -> None:
    from chefloen.errors import ScaleFileError

    text = SHIPPED_2026.read_text(encoding="utf-8").replace(
        'percent = 8\nstatus = "sourced"', 'percent = 8\nstatus = "user"'
    )
    (tmp_path / "2026.toml").write_text(text, encoding="utf-8")
    with pytest.raises(ScaleFileError, match=r"^2026.toml: am_bidrag.status: 'user' is not allowed here; use sourced"):
        load_tax_year(2026, tmp_path)


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
