"""Small HTML helpers and the stylesheet shared by every view of the explorer."""

from __future__ import annotations

import html

from framelab.folders import display_label

BAR_COLOUR = "#0072B2"  # Okabe-Ito blue, colour-blind safe
#: The explorer's stylesheet: text ≥ 14 px for a projector (ipywidgets' default is 13 px), keyness
#: headers padded and wrapped, and ``fl-sr`` text hidden from the eye but read by screen readers
#: (the usual "visually hidden" pattern, as in Bootstrap's ``.visually-hidden``).
STYLE = (".fl-explorer{--jp-widgets-font-size:14px;font-size:14px}"
         ".fl-explorer .widget-html-content,.fl-explorer .widget-label,.fl-explorer .lm-TabBar-tab{font-size:14px}"
         ".fl-key-table{border-collapse:collapse}.fl-key-table th,.fl-key-table td{padding:0.25em 0.75em}"
         ".fl-key-table th{white-space:normal;vertical-align:bottom;text-align:left;max-width:8em;line-height:1.3}"
         ".fl-sr{position:absolute;width:1px;height:1px;margin:-1px;padding:0;overflow:hidden;"
         "clip:rect(0,0,0,0);white-space:nowrap;border:0}"
         ".fl-explorer .fl-status{min-height:0;height:0;margin:0}.fl-explorer .fl-style{display:none}"
         # inactive tab labels: ipywidgets' --jp-ui-font-color2 on --jp-layout-color2 is 4.45:1, below WCAG AA
         ".fl-explorer .jupyter-widget-tab>.lm-TabBar .lm-TabBar-tab{color:var(--jp-ui-font-color1)}")


def _empty(message: str) -> str:
    return f'<p class="fl-empty">{html.escape(message)}</p>'


def _attr(value: object) -> str:
    return html.escape(str(value), quote=True)


def _label(article_id: str, label: str) -> str:
    return display_label(article_id, label)



def _sr(text: str) -> str:
    return f'<span class="fl-sr">{html.escape(text)}</span>'


