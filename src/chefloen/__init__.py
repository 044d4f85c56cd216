"""chefloen: pay under the Danish regions' 'Aftale for chefer', computed exactly from sourced tables."""

from chefloen.calc import compute, convert, step_table
from chefloen.errors import ChefloenError, InputError, NotCoveredError, ScaleFileError, UnknownKeyError
from chefloen.model import Breakdown, Scales, Scenario
from chefloen.scales import load_scales

__version__ = "1.0.0"

__all__ = [
    "Breakdown",
    "ChefloenError",
    "InputError",
    "NotCoveredError",
    "ScaleFileError",
    "Scales",
    "Scenario",
    "UnknownKeyError",
    "__version__",
    "compute",
    "convert",
    "load_scales",
    "step_table",
]
