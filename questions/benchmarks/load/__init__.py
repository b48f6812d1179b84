"""`make bench-load`: a locust load test of the API against gunicorn (see `run.py`)."""
