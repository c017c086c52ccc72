"""Shared plot styling, so every chapter's figures look alike and read honestly.

Chapter 08 teaches the principles behind these functions; every chapter may
call them. Each function takes plain data (a ``DataFrame``, a dict, token
lists), draws one kind of figure and returns the matplotlib ``Axes`` (or, for
:func:`small_multiples`, the ``Figure``), so a notebook can add to it and must
end the cell itself, with ``plots.show(fig, alt)``: it shows the figure as a
double-density image whose ``<img>`` carries ``alt``, the sentence that says
what the figure shows. No drawing function shows a figure or changes
matplotlib's global settings (``rcParams``); :func:`use_style`, called once in
each lesson's setup cell, sets the one style of the course (:data:`STYLE`).

The conventions:

* **Colour-blind-safe colours**: the Okabe–Ito palette (:data:`OKABE_ITO`;
  :data:`CATEGORY_COLOURS` leaves out its yellow for marks on white) for
  categories, ``cividis`` (:data:`SEQUENTIAL`) for values, never
  rainbow/``jet``. Cividis is ordered in lightness, so it also prints in grey
  (:func:`grey_levels` measures that).
* **Honest axes**: bars start at zero; panels that are compared share one
  scale; positions along a text run from 0 (start) to 1 (end) for every
  article, whatever its length.
* **Labels**: every plot gets a title and labelled axes (:func:`style`).
* **Readable on a projector**: all text at least :data:`TEXT_PT` pt at the size the
  figure is shown (figures at most :data:`MAX_WIDTH` inches, so never shrunk),
  images at :data:`IMAGE_DPI` pixels per inch.
* **Alternative text**: every figure is shown with :func:`show`, which refuses
  an empty ``alt``.

The code lives in modules named for what they hold; import it from here
(``from framelab import plots``), which re-exports every public name:

* :mod:`framelab.palette`: the colours (:data:`OKABE_ITO`, :data:`SIDE_COLOURS`
  ...), :func:`grey_levels` and :func:`text_colour`;
* :mod:`framelab.chart_axes`: :func:`style` and :data:`FIGSIZE`, what every chart draws on;
* :mod:`framelab.bar_charts`: :func:`bar_per_article`, :func:`keyness_bars`,
  :func:`small_multiples` and :func:`who_speaks`;
* :mod:`framelab.heatmaps`: :func:`heatmap`;
* :mod:`framelab.dispersion`: :func:`term_positions` and :func:`dispersion`;
* :mod:`framelab.display` (showing, not drawing): :func:`use_style`,
  :func:`show`, :func:`render`, :func:`table_html` and the sizes (:data:`TEXT_PT` ...).

Each function is tested for its *data* (bar heights, tick labels, title),
not its pixels:

>>> import matplotlib
>>> matplotlib.use("Agg")
>>> import matplotlib.pyplot as plt
>>> ax = bar_per_article({"000": 7, "001": 10}, "“troops” per article", "Uses")
>>> [float(p.get_height()) for p in ax.patches], [t.get_text() for t in ax.get_xticklabels()]
([7.0, 10.0], ['000', '001'])
>>> ax.get_title(), float(ax.get_ylim()[0])
('“troops” per article', 0.0)
>>> plt.close("all")
"""

from __future__ import annotations

# Re-exported: lessons call plots.use_style(), plots.show(fig, alt) and every chart from here.
from framelab.bar_charts import (  # noqa: F401
    LEDGER_COLUMNS,
    PANEL_TITLE_CHARS,
    bar_per_article,
    keyness_bars,
    small_multiples,
    who_speaks,
)
from framelab.chart_axes import FIGSIZE, style  # noqa: F401
from framelab.dispersion import TICK_WIDTH_PT, dispersion, term_positions  # noqa: F401
from framelab.display import (  # noqa: F401
    DISPLAY_DPI,
    IMAGE_DPI,
    MAX_WIDTH,
    STYLE,
    TEXT_PT,
    TITLE_PT,
    FigureImage,
    render,
    show,
    table_html,
    use_style,
)
from framelab.errors import PlotError  # noqa: F401  (raised by every chart; importable from plots as before)
from framelab.heatmaps import heatmap  # noqa: F401
from framelab.palette import (  # noqa: F401
    BAR_COLOUR,
    CATEGORY_COLOURS,
    GREY,
    LESS_COLOUR,
    MORE_COLOUR,
    OKABE_ITO,
    OKABE_ITO_NAMES,
    SEQUENTIAL,
    SIDE_COLOURS,
    grey_levels,
    text_colour,
)
