"""`make bench`: speed and memory figures, printed, never asserted in unit tests.

Each module here exposes `run(report)`; the `bench` command runs them against a throwaway
database and prints one table per module.
"""
