"""Browser tests: JupyterLab and the Voilà page driven in Debian's Chromium with Playwright.

A package, so its conftest.py and helper modules do not collide with tests/conftest.py.
"""
