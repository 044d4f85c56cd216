"""Where chefloen finds and keeps its files, each with its one override.

| what                     | override                                   | default                                 |
|--------------------------|--------------------------------------------|-----------------------------------------|
| the tables (data/scales) | ``--scales-dir`` or ``$CHEFLOEN_SCALES_DIR`` | the installed copy, else the checkout's |
| tax years (data/tax)     | ``$CHEFLOEN_TAX_DIR``                      | beside the tables                       |
| your own tables          | ``$CHEFLOEN_USER_DIR``                     | platformdirs' user data directory       |
| the cache                | ``$CHEFLOEN_CACHE_DIR`` (off: ``$CHEFLOEN_NO_CACHE=1``) | ``$XDG_CACHE_HOME/chefloen`` |
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

# The tables of a scales directory, and those of them a user may keep their own of.
INDEX_FILE = "region-index.toml"
STEPS_FILE = "region-chef-steps.toml"
PENSION_FILE = "region-pension.toml"
POSTINGS_FILE = "region-postings.toml"
WORKTIME_FILE = "region-worktime.toml"
HOLIDAY_FILE = "region-holiday.toml"
FILES = (INDEX_FILE, STEPS_FILE, PENSION_FILE, POSTINGS_FILE, WORKTIME_FILE, HOLIDAY_FILE)
USER_FILES = (INDEX_FILE, POSTINGS_FILE)

SCALES_ENV = "CHEFLOEN_SCALES_DIR"
TAX_ENV = "CHEFLOEN_TAX_DIR"
USER_ENV = "CHEFLOEN_USER_DIR"
CACHE_ENV = "CHEFLOEN_CACHE_DIR"
NO_CACHE_ENV = "CHEFLOEN_NO_CACHE"
APP = "chefloen"
PACKAGE = Path(__file__).resolve().parents[1]


def default_data_root() -> Path:
    """The data directory: the copy in the installed package (wheel), else the checkout's data/."""
    packaged = PACKAGE / "_data"  # the wheel installs the tables inside the package
    if packaged.is_dir():
        return packaged
    return PACKAGE.parents[1] / "data"


def default_dir() -> Path:
    """The scales directory: $CHEFLOEN_SCALES_DIR, else data/scales (see :func:`default_data_root`)."""
    if override := os.environ.get(SCALES_ENV):
        return Path(override)
    return default_data_root() / "scales"


def default_tax_dir() -> Path:
    """$CHEFLOEN_TAX_DIR, else data/tax beside data/scales (see :func:`default_data_root`)."""
    if override := os.environ.get(TAX_ENV):
        return Path(override)
    return default_data_root() / "tax"


def user_dir() -> Path | None:
    """``$CHEFLOEN_USER_DIR``, else platformdirs' user data directory; None when no home directory is known."""
    if override := os.environ.get(USER_ENV):
        return Path(override)
    if sys.platform.startswith("linux"):
        # platformdirs' rule on Linux, kept here so that a start does not import it (about 7 ms);
        # tests/test_userdata.py checks that the two agree.
        xdg = os.environ.get("XDG_DATA_HOME", "")
        if os.path.isabs(xdg):
            return Path(xdg, APP)
        home = os.environ.get("HOME", "")
        if not os.path.isabs(home):
            home = _passwd_home()
        return Path(home, ".local", "share", APP) if os.path.isabs(home) else None
    from platformdirs import user_data_dir

    try:
        return Path(user_data_dir(APP, appauthor=False))
    except RuntimeError:  # no home directory could be determined
        return None


def _passwd_home() -> str:
    try:
        import pwd

        return pwd.getpwuid(os.getuid()).pw_dir
    except (ImportError, KeyError):
        return ""


def cache_dir() -> Path | None:
    """$CHEFLOEN_CACHE_DIR, else $XDG_CACHE_HOME/chefloen, else ~/.cache/chefloen; None when switched off."""
    if os.environ.get(NO_CACHE_ENV):
        return None
    if override := os.environ.get(CACHE_ENV):
        return Path(override)
    xdg = os.environ.get("XDG_CACHE_HOME", "")
    if os.path.isabs(xdg):
        return Path(xdg, APP)
    home = os.environ.get("HOME", "")
    if not os.path.isabs(home):
        home = _passwd_home()  # a container run with --user: maybe no HOME, maybe no passwd entry either
    return Path(home, ".cache", APP) if os.path.isabs(home) else None
