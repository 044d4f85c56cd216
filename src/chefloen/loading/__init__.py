"""Loading the data: the shipped tables, tax years and the user's own, validated by one set of schemas and cached.

One override each: ``--scales-dir`` / $CHEFLOEN_SCALES_DIR (the tables), $CHEFLOEN_TAX_DIR (tax years),
$CHEFLOEN_USER_DIR (the user's own postings and regulations), $CHEFLOEN_CACHE_DIR (the cache).
"""

from chefloen.loading.scales import load_scales
from chefloen.loading.tax import load_tax_year

__all__ = ["load_scales", "load_tax_year"]
