"""The columns of batch files and of their results, in one place: the input columns a scenario is read from,
the result columns a batch writes, each key with its Danish heading, and the other spellings a heading may
have. A heading is read in any case, with æ, ø, å or ae, oe, aa, and with blanks, underscores, hyphens and
other marks between its words alike: ``Afkøb pensionsgivende``, ``afkoeb_pensionsgivende`` and
``AFKØB-PENSIONSGIVENDE`` are one column.

A results file can be given back to a batch: its input columns are read, its computed columns are read
past. Two computed columns have the name of an input: ``trin`` (the trin priced, a posting's own for a
posting) and ``pension`` (the pension in kroner). A results file also has ``trin_given`` and
``pension_percent``, the trin and the pension rate as given; in a header that has those, ``trin`` and
``pension`` are the computed ones.
"""

from __future__ import annotations

import re
from functools import lru_cache

# The columns a batch file or a compare spec may use; the names scripts rely on.
COLUMNS = (
    "label",
    "trin",
    "loenramme",
    "posting",
    "date",
    "kvalifikationsloen",
    "funktionsloen",
    "tillaeg",
    "afkoeb",
    "afkoeb_pensionsgivende",
    "engangsvederlag",
    "engangsvederlag_pensionsgivende",
    "pension",
    "pensionsgruppe",
    "deltid",
    "fritvalg",
    "fritvalg_gulv",
)
KNOWN = frozenset(COLUMNS)

# A batch result's columns, in order, each with its heading in spreadsheets (xlsx, --csv-dialect excel-da);
# plain CSV and JSON use the keys. The first part is what the row gave (the trin and the pension rate under
# their own names, as ``trin`` and ``pension`` are what was computed), then each component as a grundbeløb,
# the annual amount of each line, and the totals.
RESULTS = {
    "row": "Række",
    "label": "Navn",
    "date": "Dato",
    "trin": "Trin",
    "trin_as_posted": "Trin som opslået",
    "posting": "Opslag",
    "trin_given": "Angivet trin",
    "loenramme": "Lønramme",
    "kvalifikationsloen": "Kvalifikationsløn",
    "funktionsloen": "Funktionsløn",
    "tillaeg": "Tillæg",
    "afkoeb": "Afkøb",
    "afkoeb_pensionsgivende": "Afkøb pensionsgivende",
    "engangsvederlag": "Engangsvederlag",
    "engangsvederlag_pensionsgivende": "Engangsvederlag pensionsgivende",
    "pension_percent": "Pensionsprocent",
    "pensionsgruppe": "Pensionsgruppe",
    "deltid": "Deltid",
    "fritvalg": "Fritvalg",
    "fritvalg_gulv": "Fritvalg gulv",
    "kvalifikationsloen_grundbeloeb": "Kvalifikationsløn, grundbeløb",
    "funktionsloen_grundbeloeb": "Funktionsløn, grundbeløb",
    "tillaeg_grundbeloeb": "Tillæg, grundbeløb",
    "afkoeb_grundbeloeb": "Afkøb, grundbeløb",
    "basisloen_annual": "Basisløn",
    "opslagstillaeg_annual": "Forskel til opslagsniveau",
    "kvalifikationsloen_annual": "Kvalifikationsløn pr. år",
    "funktionsloen_annual": "Funktionsløn pr. år",
    "tillaeg_annual": "Tillæg pr. år",
    "tillaeg_names": "Tillæg, navne",
    "afkoeb_annual": "Afkøb pr. år",
    "engangsvederlag_annual": "Engangsvederlag udbetalt",
    "fritvalgstillaeg": "Fritvalgstillæg",
    "annual_pay": "Løn i alt",
    "monthly_pay": "Løn pr. måned",
    "pension": "Pension",
    "total": "Løn og pension i alt",
    "pension_low": "Pension, lav",
    "total_low": "Løn og pension i alt, lav",
    "holiday_pay": "Ferietillæg",
    "total_compensation": "Samlet aflønning",
    "factor_status": "Faktorstatus",
    "warnings": "Advarsler",
    "error": "Fejl",
}
RESULT_COLUMNS = tuple(RESULTS)
# The result columns that hold an input under another name than the input's.
GIVEN_AS = {"trin_given": "trin", "pension_percent": "pension"}
# The computed result columns that have an input's name, and the column of the results that holds the input.
_SHADOWED = {given: key for key, given in GIVEN_AS.items()}
# Read past in a header: what a batch computed (the trin and the pension, when shadowed, as well).
COMPUTED = frozenset(RESULTS) - KNOWN - frozenset(GIVEN_AS)

_LETTERS = str.maketrans({"æ": "ae", "ø": "oe", "å": "aa"})
_WORDS = re.compile(r"[^\W_]+")  # letters and digits


def fold(name: str) -> str:
    """A heading as it is compared: in lower case, æ, ø, å as ae, oe, aa, its words joined by ``_``.

    >>> fold(" Afkøb pensionsgivende "), fold("Fritvalg-gulv"), fold("Løn i alt, lav")
    ('afkoeb_pensionsgivende', 'fritvalg_gulv', 'loen_i_alt_lav')
    """
    return "_".join(_WORDS.findall(name.casefold().translate(_LETTERS)))


# Other spellings of a column, folded: the Danish heading of every result column, and these.
ALIASES = {fold(heading): key for key, heading in RESULTS.items() if fold(heading) != key} | {"stilling": "posting"}
# Every name a header may hold: the inputs, and the columns of a results file.
HEADINGS = KNOWN | frozenset(RESULTS)


@lru_cache(maxsize=1024)
def column_name(name: str) -> str:
    """A column's name as written (``Trin``, ``Lønramme``, ``Navn``) as chefloen knows it: an input column or a
    result column; a name it does not know, folded.

    >>> column_name(" Trin "), column_name("Lønramme"), column_name("Navn"), column_name("Løn i alt")
    ('trin', 'loenramme', 'label', 'annual_pay')
    """
    folded = fold(name)
    return ALIASES.get(folded, folded)


@lru_cache(maxsize=256)
def read_as(names: tuple[str, ...]) -> tuple[str | None, ...]:
    """For each name of a header (as :func:`column_name` gives it), the input column it is read as, or None
    for a results file's computed column; a name that is neither stays as it is, for its error.

    >>> read_as(("trin", "date")), read_as(("row", "trin", "trin_given", "pension", "pension_percent"))
    (('trin', 'date'), (None, None, 'trin', None, 'pension'))
    """
    present = set(names)
    read: list[str | None] = []
    for name in names:
        if name in GIVEN_AS:
            read.append(GIVEN_AS[name])
        elif name in COMPUTED or _SHADOWED.get(name) in present:
            read.append(None)
        else:
            read.append(name)
    return tuple(read)
