"""Cram's Django project: settings, URL routes and the WSGI/ASGI entry points."""
