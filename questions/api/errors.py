"""Turning domain errors into HTTP answers for the API views."""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps

from django.core.exceptions import ObjectDoesNotExist, ValidationError
from rest_framework import status
from rest_framework.response import Response

from questions.services.flashcards import BUILTIN_READ_ONLY, FlashcardError, ReviewConflict
from questions.services.practice import PracticeTestClosed, PracticeTestError

OUT_OF_RANGE = "A number or date in the request is out of range."


def _detail(message: str, code: int) -> Response:
    return Response({"detail": message}, status=code)


def domain_errors(view: Callable) -> Callable:
    """409 for a closed test or a conflicting review, 403 for writing built-in content, 400
    for a refused request (or a value too large for a date or the database), 404 for someone
    else's or a missing object; the body is always {"detail": message}."""

    @wraps(view)
    def wrapper(*args, **kwargs):
        try:
            return view(*args, **kwargs)
        except (PracticeTestClosed, ReviewConflict) as exc:
            return _detail(str(exc), status.HTTP_409_CONFLICT)
        except FlashcardError as exc:
            code = status.HTTP_403_FORBIDDEN if str(exc) == BUILTIN_READ_ONLY else 400
            return _detail(str(exc), code)
        except PracticeTestError as exc:
            return _detail(str(exc), status.HTTP_400_BAD_REQUEST)
        except ValidationError as exc:
            return _detail(" ".join(exc.messages), status.HTTP_400_BAD_REQUEST)
        except ObjectDoesNotExist as exc:
            message = str(exc) if str(exc) and "matching query" not in str(exc) else "Not found."
            return _detail(message, status.HTTP_404_NOT_FOUND)
        except OverflowError:
            return _detail(OUT_OF_RANGE, status.HTTP_400_BAD_REQUEST)

    return wrapper
