"""Server-rendered HTML pages: parse the request, call a service or selector, render."""
