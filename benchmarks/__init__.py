"""Timing harness behind ``make bench``: ``python -m benchmarks.run [NOTEBOOK...]``.

It checks the performance budgets of the design guide (section 7) and prints
them as a table; timings are informational and never fail the run.
"""
