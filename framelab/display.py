"""How the course's figures and tables look and reach the page: one style, alt text, tables that fit.

Every lesson calls :func:`use_style` once in its setup cell: it sets
matplotlib's settings (:data:`STYLE`: all text at least :data:`TEXT_PT` pt at
the size the figure is shown, images at :data:`IMAGE_DPI` pixels per inch) and
makes Jupyter show every pandas table through :func:`table_html` (text columns
left-aligned, long words allowed to break, no empty header cells, which screen
readers announce as nameless). A figure ends its cell with :func:`show`, which
shows it as a double-density PNG inside an ``<img>`` carrying ``alt``, the
sentence that says what the figure shows: JupyterLab 4 and nbconvert's default
HTML template read no alternative text from image outputs, so the image is
given as HTML with its ``alt`` (and the same sentence as plain text, which is
what nbval compares). :mod:`framelab.plots` draws; this module shows.

>>> import matplotlib
>>> matplotlib.use("Agg")
>>> import matplotlib.pyplot as plt
>>> fig, ax = plt.subplots(figsize=(7, 3.5))
>>> image = render(fig, "An empty plot.")
>>> image.alt, image.width, image.height
('An empty plot.', 700, 350)
>>> plt.close("all")
"""

from __future__ import annotations

import base64
import html
import io
import re

import matplotlib
import pandas as pd
from matplotlib import pyplot as plt
from matplotlib.figure import Figure

from framelab.errors import PlotError

#: Screen pixels (CSS px) per inch of figure: a figure ``w`` inches wide is shown ``w * DISPLAY_DPI`` px wide.
DISPLAY_DPI = 100
#: Image pixels per inch: twice :data:`DISPLAY_DPI` ("retina"), so lines and letters stay sharp on a
#: projector or a high-density screen. PNG, not SVG: an SVG of a heatmap or dispersion plot is several
#: times larger, and its text depends on the reader's fonts.
IMAGE_DPI = 2 * DISPLAY_DPI
#: The widest figure, in inches (800 px), so JupyterLab never shrinks a figure and its text: the
#: notebook column is 848 px wide in a 1280 px window, 844 px in a 1024 px window with the left
#: sidebar closed (Ctrl+B; with it open, 572 px, and figures shrink to 73 %).
MAX_WIDTH = 8.0
#: Size of all text in figures (ticks, legends, labels, annotations), in points; titles are
#: :data:`TITLE_PT`. At :data:`DISPLAY_DPI` 12 pt is 16.7 px, readable from the back of a room.
TEXT_PT = 12
TITLE_PT = 14
#: The course's figure style: the matplotlib settings (``rcParams``) :func:`use_style` applies.
STYLE: dict[str, object] = {
    "figure.dpi": DISPLAY_DPI,
    "savefig.dpi": IMAGE_DPI,
    "font.size": TEXT_PT,
    "axes.titlesize": TITLE_PT,
    "axes.labelsize": TEXT_PT,
    "xtick.labelsize": TEXT_PT,
    "ytick.labelsize": TEXT_PT,
    "legend.fontsize": TEXT_PT,
    "legend.title_fontsize": TEXT_PT,
    "figure.titlesize": TITLE_PT,
    "lines.linewidth": 2.0,
    "image.interpolation": "nearest",
    "svg.hashsalt": "framelab",
}



def use_style() -> None:
    """Apply the course's figure style (:data:`STYLE`) to every figure drawn after this call.

    Every lesson calls it once, in its setup cell. It sets matplotlib's global
    settings (``rcParams``): text of :data:`TEXT_PT` pt, titles of
    :data:`TITLE_PT` pt, and images of :data:`IMAGE_DPI` pixels per inch shown at
    :data:`DISPLAY_DPI` screen pixels per inch; in IPython, a figure shown with
    ``plt.show()`` is also drawn at double density ("retina"), and every
    DataFrame is shown through :func:`table_html`. Calling it twice changes
    nothing.

    >>> import matplotlib
    >>> with matplotlib.rc_context():   # here only for the example: restores the settings after it
    ...     use_style()
    ...     matplotlib.rcParams["xtick.labelsize"], matplotlib.rcParams["savefig.dpi"]
    (12.0, 200.0)
    """
    matplotlib.rcParams.update(STYLE)
    try:
        from IPython import get_ipython
    except ImportError:  # plain Python: no inline backend to configure
        return
    shell = get_ipython()
    if shell is not None:
        from matplotlib_inline.backend_inline import set_matplotlib_formats

        set_matplotlib_formats("retina")
        # Every DataFrame a cell shows: text columns left-aligned, no empty header cells (table_html).
        shell.display_formatter.formatters["text/html"].for_type(pd.DataFrame, table_html)


#: Inline style of the cells of a text column in a table (:func:`table_html`): text reads from the left.
TEXT_CELL_STYLE = "text-align: left"
#: Where a long word in a table may break (:func:`table_html` puts a ``<wbr>`` there): after ``_``, ``|``
#: and ``/`` and inside CamelCase, so headers such as ``per_1000_reference`` or ``TreebankWordTokenizer``
#: and regular expressions wrap instead of pushing the table past the notebook column.
_BREAK_AFTER = re.compile(r"(?<=[_|/])(?=[^\s<])|(?<=[a-z])(?=[A-Z])")


def _is_text(column: pd.Series) -> bool:
    """Whether a column holds text (strings; empty cells allowed), which reads best left-aligned."""
    values = column.dropna()
    return column.dtype == object and len(values) > 0 and all(isinstance(v, str) for v in values)


def table_html(frame: pd.DataFrame) -> str:
    """pandas' own HTML for ``frame`` (as Jupyter shows it), made readable and accessible.

    Three changes to ``frame._repr_html_()``: an empty header cell
    ``<th></th>`` (the corner above the index, the row of the index's name)
    becomes an empty data cell ``<td></td>``, since a header that names
    nothing is an error for screen readers (axe-core rule
    ``empty-table-header``); the cells of text columns get
    :data:`TEXT_CELL_STYLE` (left-aligned), where pandas right-aligns
    everything; and long words may break where :data:`_BREAK_AFTER` allows
    (``<wbr>``, which copying the text leaves out). Tables whose columns are
    cut (``...``) or have several header levels keep pandas' alignment.
    :func:`use_style` makes Jupyter show every DataFrame this way; only
    ``text-align`` styles and ``<wbr>`` are used, which JupyterLab keeps even
    in untrusted notebooks.

    >>> frame = pd.DataFrame({"label": ["CNN rewrite"], "per_1000": [24.4]}, index=pd.Index(["003"], name="id"))
    >>> page = table_html(frame)
    >>> "<th></th>" in page, page.count("<td></td>"), page.count(TEXT_CELL_STYLE)
    (False, 3, 2)
    >>> '<td style="text-align: left">CNN rewrite</td>' in page, "<th>per_<wbr>1000</th>" in page
    (True, True)
    """
    if not isinstance(frame, pd.DataFrame):
        raise PlotError(f"frame should be a pandas DataFrame, not {type(frame).__name__}.")
    page = frame._repr_html_() or ""
    page = page.replace("<th></th>", "<td></td>")
    styles, start, table = page.partition("<table")  # not inside pandas' <style> block
    table = re.sub(r">([^<]+)<", lambda m: ">" + _BREAK_AFTER.sub("<wbr>", m.group(1)) + "<", table)
    page = styles + start + table
    limit = pd.get_option("display.max_columns")
    if isinstance(frame.columns, pd.MultiIndex) or (limit and frame.shape[1] > limit):
        return page
    text = [_is_text(frame.iloc[:, k]) for k in range(frame.shape[1])]
    if not any(text):
        return page
    style = f' style="{TEXT_CELL_STYLE}"'
    head, _, body = page.partition("<tbody>")

    def cells(row: str, tag: str) -> str:
        counter = iter(range(len(text) + 1))
        return re.sub(rf"<{tag}>", lambda _: f"<{tag}{style}>" if text[min(next(counter), len(text) - 1)] else f"<{tag}>",
                      row)

    # First header row: the corner (now a <td>) and then one <th> per column, in order.
    first, rest = head.split("</tr>", 1) if "</tr>" in head else (head, "")
    first = cells(first, "th") + ("</tr>" if rest or "</tr>" in head else "")
    body = "</tr>".join(cells(row, "td") for row in body.split("</tr>"))
    return first + rest + "<tbody>" + body

class FigureImage:
    """A drawn figure with its alternative text, as Jupyter shows it; made by :func:`show`.

    Its outputs: ``text/html``, an ``<img>`` whose ``alt`` attribute is the alt
    text, and ``text/plain``, the alt text itself (what nbval compares, what a
    terminal or a text export shows). There is deliberately no ``image/png``
    output: JupyterLab 4 and ``jupyter nbconvert --to html`` show an
    ``image/png`` output as an ``<img>`` without ``alt`` and ignore alt text in
    the output's metadata, and a second copy of the image would double the
    notebook's size. JupyterLab shows this HTML in untrusted notebooks too
    (its sanitizer keeps ``data:`` images).

    >>> image = FigureImage(b"PNG", 'Bars of "troops" <per article>', 700, 350)
    >>> bundle = image._repr_mimebundle_()
    >>> bundle["text/plain"]
    'Bars of "troops" <per article>'
    >>> print(bundle["text/html"])
    <img src="data:image/png;base64,UE5H" alt="Bars of &quot;troops&quot; &lt;per article&gt;" width="700" height="350">
    """

    def __init__(self, png: bytes, alt: str, width: int, height: int) -> None:
        self.png, self.alt, self.width, self.height = png, alt, width, height

    def _repr_mimebundle_(self, include=None, exclude=None) -> dict[str, str]:
        data = base64.b64encode(self.png).decode("ascii")
        tag = (
            f'<img src="data:image/png;base64,{data}" alt="{html.escape(self.alt, quote=True)}" '
            f'width="{self.width}" height="{self.height}">'
        )
        return {"text/html": tag, "text/plain": self.alt}

    def __repr__(self) -> str:
        return self.alt


def render(fig: Figure, alt: str) -> FigureImage:
    """Draw ``fig`` as a PNG of :data:`IMAGE_DPI` and close it; refuse missing alt text or a figure too wide.

    ``alt`` says what the figure shows (its point, not only its kind): the same
    sentence as the markdown under the figure. The image is sized in screen
    pixels (:data:`DISPLAY_DPI` per inch) and may be at most :data:`MAX_WIDTH`
    inches wide, so the notebook column never shrinks it and its text.

    >>> import matplotlib.pyplot as plt
    >>> fig, ax = plt.subplots(figsize=(4, 2))
    >>> image = render(fig, "An empty plot.")
    >>> image.width <= 400, image.png[:4], plt.fignum_exists(fig.number)
    (True, b'\\x89PNG', False)
    >>> render(plt.figure(figsize=(12, 3)), "Too wide.")
    Traceback (most recent call last):
    ...
    framelab.errors.PlotError: the figure is 1200 px wide (12.0 in), wider than the notebook column (800 px, 8.0 in): give it a smaller figsize, or stack its panels (plt.subplots(2, 1)).
    """
    if not isinstance(fig, Figure):
        raise PlotError(f"fig should be a matplotlib Figure (e.g. from plt.subplots()), not {type(fig).__name__}.")
    if not isinstance(alt, str) or not alt.strip():
        raise PlotError("alt is empty: say in one sentence what the figure shows, for readers who cannot see it.")
    buffer = io.BytesIO()
    try:
        # "Software" would write matplotlib's version into the file: the same figure must give the same bytes.
        # No bbox_inches="tight": it draws the figure twice, and a figure with layout="constrained"
        # (plt.subplots(..., layout="constrained"), as in this module) already fills its size.
        fig.savefig(buffer, format="png", dpi=IMAGE_DPI, metadata={"Software": None})
    finally:
        plt.close(fig)
    png = buffer.getvalue()
    # PNG header: width and height are the big-endian 32-bit numbers at bytes 16-24.
    width, height = (int.from_bytes(png[k : k + 4], "big") * DISPLAY_DPI // IMAGE_DPI for k in (16, 20))
    if width > MAX_WIDTH * DISPLAY_DPI:
        raise PlotError(
            f"the figure is {width} px wide ({width / DISPLAY_DPI:.1f} in), wider than the notebook column "
            f"({MAX_WIDTH * DISPLAY_DPI:.0f} px, {MAX_WIDTH} in): give it a smaller figsize, or stack its "
            "panels (plt.subplots(2, 1))."
        )
    return FigureImage(png, " ".join(alt.split()), width, height)


def show(fig: Figure, alt: str) -> None:
    """Show ``fig`` in the notebook with its alternative text ``alt``, and close it (instead of ``plt.show()``).

    See :func:`render` for what ``alt`` should say and the size limit, and
    :class:`FigureImage` for what the notebook receives.
    """
    from IPython.display import display

    display(render(fig, alt))
