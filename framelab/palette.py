"""The course's colours: the Okabe–Ito palette, colours by role, and how light a colour is.

:mod:`framelab.plots` re-exports everything public here. Categories get the
Okabe–Ito palette (:data:`OKABE_ITO`; :data:`CATEGORY_COLOURS` leaves out its
yellow for marks on white), values the ``cividis`` colormap
(:data:`SEQUENTIAL`), never rainbow/``jet``: cividis is ordered in lightness,
so it also prints in grey, which :func:`grey_levels` measures;
:func:`text_colour` picks black or white text for a cell of a heatmap.

>>> OKABE_ITO_NAMES["blue"] == BAR_COLOUR, len(CATEGORY_COLOURS)
(True, 7)
"""

from __future__ import annotations

from collections.abc import Iterable

from matplotlib import pyplot as plt

from framelab.errors import PlotError
from framelab.validators import whole_number

#: The Okabe–Ito palette (Okabe & Ito 2008): eight colours that people with the
#: common forms of colour blindness can tell apart. Use them in this order.
OKABE_ITO: tuple[str, ...] = (
    "#E69F00",  # orange
    "#56B4E9",  # sky blue
    "#009E73",  # bluish green
    "#F0E442",  # yellow
    "#0072B2",  # blue
    "#D55E00",  # vermillion
    "#CC79A7",  # reddish purple
    "#000000",  # black
)
#: The same colours by name.
OKABE_ITO_NAMES: dict[str, str] = dict(
    zip(
        ("orange", "sky blue", "bluish green", "yellow", "blue", "vermillion", "reddish purple", "black"),
        OKABE_ITO,
    )
)
#: Colours for categories drawn as thin marks or bars on white (terms, frame dimensions): Okabe–Ito
#: without its yellow, which is too light to see as a tick on a white background.
CATEGORY_COLOURS: tuple[str, ...] = tuple(c for c in OKABE_ITO if c != OKABE_ITO_NAMES["yellow"])
#: Neutral grey for "no category" (unattributed quotations, thin evidence).
GREY = "#999999"
#: The colormap for values (heatmaps): perceptually uniform, colour-blind safe, readable in grey.
SEQUENTIAL = "cividis"
#: Bars of one series (a single category) are drawn in this colour.
BAR_COLOUR = OKABE_ITO_NAMES["blue"]
#: Diverging bars: a word used more (positive) / less (negative) in the article than in the rest.
MORE_COLOUR = OKABE_ITO_NAMES["blue"]
LESS_COLOUR = OKABE_ITO_NAMES["vermillion"]
#: Light grey for a speaker whose side no table lists (the side ``"unknown"``).
LIGHT_GREY = "#CCCCCC"
#: The sides of the five bundled articles' names table, in the order they are stacked, with colours; any other
#: corpus has its own sides (``sides.tsv``), coloured by :func:`side_colours`.
SIDE_COLOURS: dict[str, str] = {
    "US": OKABE_ITO_NAMES["blue"],
    "NATO/Europe": OKABE_ITO_NAMES["sky blue"],
    "Ukraine": OKABE_ITO_NAMES["bluish green"],
    "Russia": OKABE_ITO_NAMES["vermillion"],
    "other": OKABE_ITO_NAMES["reddish purple"],
    "unattributed": GREY,
}
#: Sides that are no side: a speaker no table lists, a quotation without a speaker. Grey, stacked last.
NO_SIDE_COLOURS: dict[str, str] = {"unknown": LIGHT_GREY, "unattributed": GREY, "(unattributed)": GREY}


def side_colours(sides: Iterable[str]) -> dict[str, str]:
    """A colour for every side in ``sides``, in the order to stack them: the names table's sides first
    (:data:`SIDE_COLOURS`), then any other side alphabetically, then ``unknown`` and ``unattributed`` in grey.

    Sides of :data:`SIDE_COLOURS` keep their colour; every other side takes the next :data:`CATEGORY_COLOURS`
    colour no side present has yet, so up to seven sides get seven different colours (more reuse them in the
    same order: the legend, not colour alone, names a side). The same sides always get the same colours.

    >>> side_colours(["Veldria", "unknown", "Osterland", "unattributed"])
    {'Osterland': '#E69F00', 'Veldria': '#56B4E9', 'unknown': '#CCCCCC', 'unattributed': '#999999'}
    >>> list(side_colours(["Russia", "Osterland", "US"]).items())
    [('US', '#0072B2'), ('Russia', '#D55E00'), ('Osterland', '#E69F00')]
    """
    present = set(sides)
    grey = [s for s in NO_SIDE_COLOURS if s in present]
    fixed = [s for s in SIDE_COLOURS if s in present and s not in NO_SIDE_COLOURS]
    others = sorted(present - set(fixed) - set(grey))
    colours = {s: SIDE_COLOURS[s] for s in fixed}
    free = [c for c in CATEGORY_COLOURS if c not in colours.values()] or list(CATEGORY_COLOURS)
    colours |= {s: free[k % len(free)] for k, s in enumerate(others)}
    return colours | {s: NO_SIDE_COLOURS[s] for s in grey}


def _colormap(cmap: str):
    """The matplotlib colormap called ``cmap``, or a PlotError that says how to list the names."""
    if not isinstance(cmap, str):
        raise PlotError(
            f"cmap should be the name of a matplotlib colormap such as 'cividis', not {type(cmap).__name__}."
        )
    try:
        return plt.get_cmap(cmap)
    except ValueError:
        raise PlotError(
            f"cmap {cmap!r} is not a matplotlib colormap; use 'cividis' (the default) or see "
            "matplotlib.colormaps for the names."
        ) from None


def _luminance(red: float, green: float, blue: float) -> float:
    """Relative luminance (ITU-R BT.709 weights) of an RGB colour with channels 0..1."""
    return 0.2126 * red + 0.7152 * green + 0.0722 * blue


def grey_levels(cmap: str = SEQUENTIAL, n: int = 5) -> list[float]:
    """How light ``n`` evenly spaced colours of ``cmap`` are, from 0 (black) to 1 (white).

    This is roughly the grey a colour becomes when printed in black and white.
    A colormap fit for values gets lighter all the way (``cividis``); a
    rainbow such as ``jet`` goes light and then dark again, so in grey, or to
    a reader who cannot tell its hues apart, low and high values look alike.

    >>> [round(level, 2) for level in grey_levels("cividis")]
    [0.12, 0.31, 0.49, 0.67, 0.88]
    >>> [round(level, 2) for level in grey_levels("jet")]
    [0.04, 0.43, 0.85, 0.63, 0.11]
    """
    whole_number(n, "n", minimum=2, error=PlotError, meaning="colours from one end to the other")
    colormap = _colormap(cmap)
    return [float(_luminance(*colormap(k / (n - 1))[:3])) for k in range(n)]


def text_colour(value: float, vmin: float, vmax: float, cmap: str = SEQUENTIAL) -> str:
    """Black or white, whichever reads better on the colour ``cmap`` gives ``value``.

    >>> text_colour(0.0, 0.0, 1.0), text_colour(1.0, 0.0, 1.0)   # dark blue, bright yellow
    ('white', 'black')
    """
    share = 0.5 if vmax == vmin else min(max((value - vmin) / (vmax - vmin), 0.0), 1.0)
    return "black" if _luminance(*_colormap(cmap)(share)[:3]) > 0.45 else "white"
