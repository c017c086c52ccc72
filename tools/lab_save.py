"""Save notebooks from JupyterLab in their committed form (a Jupyter server pre-save hook).

JupyterLab saves (and autosaves) whatever the page holds: widget views whose
``model_id`` points at a kernel that will be gone when the lesson is next
opened, so the cell shows "Error displaying widget: model not found", plus
execution counts and metadata that make the file differ from git, which
``git pull`` or nbgitpuller then has to merge.

:func:`pre_save_hook` runs :func:`tools.notebooks.normalize` on every
notebook the server writes: the same normalization ``make notebooks`` applies
before a notebook is committed (widget views replaced by their ``text/plain``
description, widget state and timings dropped, streams merged, execution
counts renumbered 1, 2, 3...). A lesson saved after Run All is therefore
byte-for-byte its committed file, and a reopened lesson shows each widget's
one-line description instead of an error.

``make lab`` loads it through ``jupyter-config/jupyter_server_config.py``
(``JUPYTER_CONFIG_PATH``); a JupyterHub deployment sets
``c.FileContentsManager.pre_save_hook = "tools.lab_save.pre_save_hook"``
with the repository on the server's ``sys.path`` (docs/instructors.md).
"""

from __future__ import annotations

from typing import Any

import nbformat

from tools.notebooks import normalize


def normalized_content(content: dict[str, Any]) -> dict[str, Any]:
    """Return notebook JSON ``content`` (nbformat 4, as a dict) in its committed form.

    Raises whatever :func:`nbformat.from_dict` raises on content that is not a
    notebook; the server logs a failing hook and saves the page's content as is.

    >>> view = {"output_type": "display_data", "metadata": {},
    ...         "data": {"text/plain": "Explorer: 5 articles",
    ...                  "application/vnd.jupyter.widget-view+json": {"model_id": "f00", "version_major": 2}}}
    >>> cell = {"cell_type": "code", "id": "c1", "metadata": {"execution": {"t": 1}},
    ...         "execution_count": 7, "source": "explorer", "outputs": [view]}
    >>> nb = {"nbformat": 4, "nbformat_minor": 5, "cells": [cell],
    ...       "metadata": {"widgets": {"state": {}}}}
    >>> out = normalized_content(nb)
    >>> out["metadata"], out["cells"][0]["execution_count"], out["cells"][0]["metadata"]
    ({}, 1, {})
    >>> out["cells"][0]["outputs"][0]["data"]
    {'text/plain': 'Explorer: 5 articles'}
    """
    return normalize(nbformat.from_dict(content))


def pre_save_hook(model: dict[str, Any], path: str = "", contents_manager: Any = None, **kwargs: Any) -> None:
    """Normalize a notebook ``model`` in place before the Jupyter server writes it.

    The signature is jupyter_server's ``ContentsManager.pre_save_hook`` (all
    arguments by keyword). Files, folders and notebooks older than nbformat 4
    pass through untouched. The hook changes only what is written: the page
    keeps its live widgets until the notebook is reopened.

    >>> model = {"type": "notebook", "content": {"nbformat": 4, "nbformat_minor": 5,
    ...          "metadata": {"widgets": {}}, "cells": []}}
    >>> pre_save_hook(model=model, path="notebooks/x.ipynb")
    >>> model["content"]["metadata"]
    {}
    >>> text = {"type": "file", "content": "keep me"}
    >>> pre_save_hook(model=text, path="notes.txt"); text["content"]
    'keep me'
    """
    content = model.get("content")
    if model.get("type") != "notebook" or not isinstance(content, dict) or content.get("nbformat") != 4:
        return
    normalized = normalized_content(content)
    # In place: the server reads model["content"] again after the hook returns.
    content.clear()
    content.update(normalized)
