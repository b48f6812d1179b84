"""Cards as CSV (front, back, tags): a forgiving reader that refuses bad rows by line number,
and a writer whose output the reader turns back into the same cards."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Iterator
from itertools import islice

from .model import MAX_CARDS, MAX_FIELD_CHARS, MAX_FILE_BYTES, CardData, InterchangeError

FILE_TOO_LARGE = "The file is larger than {limit} MB; split it into smaller files."
NOT_UTF8 = "Line {line}: this is not UTF-8 text. Save the file as “CSV UTF-8” and try again."
BAD_QUOTING = "Line {line}: the quotes do not match up ({detail})."
TOO_FEW_COLUMNS = (
    "Line {line}: found only one column; separate the front and the back "
    "with a comma, a semicolon or a tab."
)
TOO_MANY_COLUMNS = (
    "Line {line}: expected at most 3 columns (front, back, tags), found {count}; "
    "put double quotes around a field that contains {delimiter}."
)
EMPTY_FRONT = "Line {line}: the front is empty."
EMPTY_BACK = "Line {line}: the back is empty."
FIELD_TOO_LONG = "Line {line}: a field is longer than {limit:,} characters."
TOO_MANY_CARDS = "Line {line}: the file has more than {limit:,} cards; split it into smaller files."

HEADER = ("front", "back", "tags")
# Ties go to the earlier one: prose is full of commas, so a semicolon or a tab that splits
# every row is the likelier delimiter.
DELIMITERS = {"\t": "a tab", ";": "a semicolon", ",": "a comma"}
_SNIFF_ROWS = 50


def read_csv(data: bytes | str) -> list[CardData]:
    """Cards from CSV text; raises InterchangeError naming the first bad line."""
    text = _decode(data.encode("utf-8", "surrogatepass") if isinstance(data, str) else data)
    delimiter = _sniff_delimiter(text)
    stripped = (
        (line, row, [cell.strip() for cell in row]) for line, row in _records(text, delimiter)
    )
    cards: list[CardData] = []
    for index, (line, row, cells) in enumerate(item for item in stripped if any(item[2])):
        if index == 0 and _is_header(cells):
            continue
        while len(cells) > len(HEADER) and not cells[-1]:
            cells.pop()  # spreadsheets pad rows with empty columns
        cards.append(_card(line, row, cells, DELIMITERS[delimiter]))
        if len(cards) > MAX_CARDS:
            raise InterchangeError(TOO_MANY_CARDS.format(line=line, limit=MAX_CARDS), line)
    return cards


def write_csv(cards: Iterable[CardData]) -> str:
    """A header row and one row per card, tags space-separated; `read_csv` reads it back."""
    out = io.StringIO()
    # "\r\n" as terminator also makes the writer quote any field holding a lone "\r".
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(HEADER)
    writer.writerows((card.front, card.back, " ".join(card.tags)) for card in cards)
    return out.getvalue()


def _decode(data: bytes) -> str:
    if len(data) > MAX_FILE_BYTES:
        raise InterchangeError(FILE_TOO_LARGE.format(limit=MAX_FILE_BYTES // (1024 * 1024)))
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as error:
        line = data.count(b"\n", 0, error.start) + 1
        raise InterchangeError(NOT_UTF8.format(line=line), line) from None
    return text.removeprefix("\ufeff")


def _records(text: str, delimiter: str) -> Iterator[tuple[int, list[str]]]:
    """Rows with the 1-based line each starts on (a quoted field may span lines)."""
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=True)
    line = 1
    while True:
        try:
            row = next(reader)
        except StopIteration:
            return
        except csv.Error as error:
            if "field larger than field limit" in str(error):
                raise InterchangeError(
                    FIELD_TOO_LONG.format(line=line, limit=MAX_FIELD_CHARS), line
                ) from None
            raise InterchangeError(BAD_QUOTING.format(line=line, detail=error), line) from None
        yield line, row
        line = reader.line_num + 1


def _sniff_delimiter(text: str) -> str:
    """The delimiter named by a header row, else the one that splits the first rows into 2 or 3
    columns: every row if one does, else the most rows."""
    first_line = next((line for line in io.StringIO(text) if line.strip()), "").rstrip("\r\n")
    for delimiter in DELIMITERS:
        if _is_header([cell.strip() for cell in first_line.split(delimiter)]):
            return delimiter

    def score(delimiter: str) -> tuple[bool, int]:
        widths: list[int] = []
        try:
            for _, row in islice(_records(text, delimiter), _SNIFF_ROWS):
                while row and not row[-1].strip():
                    row.pop()
                if row:
                    widths.append(len(row))
        except InterchangeError:
            pass  # judge on the rows before the damage; read_csv reports it
        fitting = sum(2 <= width <= len(HEADER) for width in widths)
        return fitting == len(widths), fitting

    return max(DELIMITERS, key=score)


def _is_header(cells: list[str]) -> bool:
    named = [cell.lower() for cell in cells]
    while named and not named[-1]:
        named.pop()
    return tuple(named) in (HEADER[:2], HEADER)


def _card(line: int, row: list[str], cells: list[str], delimiter_name: str) -> CardData:
    if len(cells) < 2:
        raise InterchangeError(TOO_FEW_COLUMNS.format(line=line), line)
    if len(cells) > len(HEADER):
        raise InterchangeError(
            TOO_MANY_COLUMNS.format(line=line, count=len(cells), delimiter=delimiter_name), line
        )
    if any(len(cell) > MAX_FIELD_CHARS for cell in row):
        raise InterchangeError(FIELD_TOO_LONG.format(line=line, limit=MAX_FIELD_CHARS), line)
    front, back, *rest = cells
    if not front:
        raise InterchangeError(EMPTY_FRONT.format(line=line), line)
    if not back:
        raise InterchangeError(EMPTY_BACK.format(line=line), line)
    return CardData(front=front, back=back, tags=tuple(rest))
