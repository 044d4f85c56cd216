"""The on-disk schema of data/tax/<year>.toml, validated strictly with Pydantic."""

from __future__ import annotations

from typing import Annotated, Self

from pydantic import Field, StringConstraints, model_validator

from chefloen.loading.schema import SHIPPED, Kroner, Percent, Sourced, SourceEntry, Strict, Text, check_status
from chefloen.money import MAX_AMOUNT

Amount = Kroner


class Rate(Sourced):
    percent: Percent


class Atp(Sourced):
    annual_employee_share: Annotated[int, Field(ge=0, le=MAX_AMOUNT)]


class Personfradrag(Sourced):
    amount: Amount


class Beskaeftigelsesfradrag(Rate):
    maximum: Amount


class Jobfradrag(Rate):
    threshold: Amount
    maximum: Amount


class Bracket(Rate):
    name: Annotated[str, StringConstraints(pattern=r"^[a-z]+$")]
    threshold: Amount
    ceiling: Percent  # the skatteloft, a percentage of the bracket's base


class Kommune(Strict):
    name: Text
    kommuneskat: Percent
    kirkeskat: Percent


class TaxFile(Strict):
    kind: str = Field(pattern="^tax$")
    year: Annotated[int, Field(ge=2000, le=2100)]
    sources: dict[str, SourceEntry] = Field(min_length=1)
    am_bidrag: Rate
    atp: Atp
    personfradrag: Personfradrag
    beskaeftigelsesfradrag: Beskaeftigelsesfradrag
    jobfradrag: Jobfradrag
    bundskat: Rate
    bracket: list[Bracket] = Field(min_length=1)
    kommuner: Sourced
    kommune: list[Kommune] = Field(min_length=1)

    @model_validator(mode="after")
    def _consistent(self) -> Self:
        rules: dict[str, Sourced] = {
            "am_bidrag": self.am_bidrag,
            "atp": self.atp,
            "personfradrag": self.personfradrag,
            "beskaeftigelsesfradrag": self.beskaeftigelsesfradrag,
            "jobfradrag": self.jobfradrag,
            "bundskat": self.bundskat,
            "kommuner": self.kommuner,
        }
        rules |= {f"bracket.{position}": bracket for position, bracket in enumerate(self.bracket)}
        for where, rule in rules.items():
            if rule.source not in self.sources:
                raise ValueError(f"{where}.source: unknown source {rule.source!r} (known: {', '.join(self.sources)})")
            check_status(rule.status, SHIPPED, where)
        for position in range(1, len(self.bracket)):
            if self.bracket[position].threshold <= self.bracket[position - 1].threshold:
                raise ValueError(f"bracket.{position}.threshold: must be above the bracket before it")
        taken = set(rules) | {"kommuneskat", "kirkeskat"}
        for position, bracket in enumerate(self.bracket):
            if bracket.name in taken:
                raise ValueError(f"bracket.{position}.name: {bracket.name!r} is already the name of another tax line")
            taken.add(bracket.name)
        from chefloen.tax import place_key

        # Names are looked up as people write them (place_key), so two that read alike there are one name.
        names = [place_key(kommune.name) for kommune in self.kommune]
        for position, name in enumerate(names):
            if not name or name in names[:position]:
                raise ValueError(f"kommune.{position}.name: duplicate kommune {self.kommune[position].name!r}")
        return self
