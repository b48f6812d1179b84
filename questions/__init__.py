"""Cram's one Django app: questions, grading, practice tests and flashcards, by subpackage."""
