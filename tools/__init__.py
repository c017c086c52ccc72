"""Maintenance commands for Framing Lab (run with ``python -m tools.<name>``)."""
