"""CSV import and export: round trips, the forgiving reader, and refusals that name the line."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from questions.interchange import (
    MAX_CARDS,
    MAX_FIELD_CHARS,
    MAX_FILE_BYTES,
    CardData,
    InterchangeError,
    read_csv,
    write_csv,
)
from questions.interchange.csvio import (
    BAD_QUOTING,
    EMPTY_BACK,
    EMPTY_FRONT,
    FIELD_TOO_LONG,
    FILE_TOO_LARGE,
    NOT_UTF8,
    TOO_FEW_COLUMNS,
    TOO_MANY_CARDS,
)

# Ordinary text plus everything CSV has to quote or could mistake for a delimiter.
_chars = st.one_of(st.sampled_from(",;\t\"'\r\n $\\{}"), st.characters(codec="utf-8"))
_side = st.text(_chars, min_size=1, max_size=60).map(str.strip).filter(bool)
_tags = st.lists(st.text(_chars, max_size=12), max_size=4).map(tuple)
_cards = st.lists(st.builds(CardData, front=_side, back=_side, tags=_tags), max_size=15)


def _refusal(data: bytes | str) -> InterchangeError:
    with pytest.raises(InterchangeError) as caught:
        read_csv(data)
    return caught.value


@settings(max_examples=300, deadline=None)
@given(_cards)
def test_written_cards_read_back_equal(cards):
    assert read_csv(write_csv(cards)) == cards


@settings(max_examples=100, deadline=None)
@given(_cards)
def test_written_cards_read_back_from_utf8_bytes_with_bom(cards):
    assert read_csv(b"\xef\xbb\xbf" + write_csv(cards).encode()) == cards


def test_first_card_that_looks_like_a_header_is_still_a_card():
    cards = [CardData("front", "back"), CardData("Front", "Back", ("tags",))]
    assert read_csv(write_csv(cards)) == cards


def test_written_file_has_a_header_row():
    assert write_csv([CardData("a", "b", ("x", "y"))]) == "front,back,tags\r\na,b,x y\r\n"


@pytest.mark.parametrize(
    "header", ["front,back,tags", "Front,Back,Tags", "FRONT,BACK", " front , back "]
)
def test_header_row_is_skipped_in_any_case(header):
    assert read_csv(f"{header}\nq,a\n") == [CardData("q", "a")]


def test_file_without_header_keeps_its_first_row():
    assert read_csv("q1,a1\nq2,a2,t\n") == [CardData("q1", "a1"), CardData("q2", "a2", ("t",))]


def test_comma_file_with_some_semicolons_in_the_text():
    text = "What is x; y?,a,t\nq2,a2\nq3,a3;b3\n"
    assert read_csv(text) == [
        CardData("What is x; y?", "a", ("t",)),
        CardData("q2", "a2"),
        CardData("q3", "a3;b3"),
    ]


def test_semicolon_file_with_commas_in_the_text():
    text = "What is f(x, y)?;The map (x, y) ↦ x + y;algebra\nName a, b;c, d\n"
    assert read_csv(text) == [
        CardData("What is f(x, y)?", "The map (x, y) ↦ x + y", ("algebra",)),
        CardData("Name a, b", "c, d"),
    ]


def test_tab_separated_file():
    text = "Is $1 + 1 = 2$?\tyes, trivially\tmath basics\nWhy?\tBecause; so\t\n"
    assert read_csv(text) == [
        CardData("Is $1 + 1 = 2$?", "yes, trivially", ("math", "basics")),
        CardData("Why?", "Because; so"),
    ]


def test_header_decides_the_delimiter():
    assert read_csv("\nfront,back\na;b,c;d\n") == [CardData("a;b", "c;d")]


def test_tags_split_on_spaces_and_commas_and_lowercased():
    assert read_csv('q,a,"Linear-Algebra, Eigen  eigen,ML"\n') == [
        CardData("q", "a", ("linear-algebra", "eigen", "ml"))
    ]


def test_fields_are_trimmed_and_blank_rows_and_padding_ignored():
    text = "\r\n q , a ,,,\r\n\r\n,,\r\nq2,a2\r\n"
    assert read_csv(text) == [CardData("q", "a"), CardData("q2", "a2")]


def test_multiline_quoted_fields_keep_their_newlines():
    assert read_csv('"line 1\nline 2","$$\nx^2\n$$"\n') == [
        CardData("line 1\nline 2", "$$\nx^2\n$$")
    ]


def test_bom_is_dropped():
    assert read_csv(b"\xef\xbb\xbffront,back\nq,a\n") == [CardData("q", "a")]


def test_empty_file_has_no_cards():
    assert read_csv(b"") == []


def test_undecodable_bytes_name_their_line():
    error = _refusal(b"q,a\nq2,a2\nq3,caf\xe9\n")
    assert error.message == NOT_UTF8.format(line=3)
    assert error.line == 3


def test_lone_surrogate_in_text_is_refused():
    assert _refusal("q,a\nq\ud800,a\n").line == 2


def test_row_with_one_column_names_its_line_after_a_multiline_field():
    error = _refusal('front,back\n"two\nlines",a\njust one column\n')
    assert error.message == TOO_FEW_COLUMNS.format(line=4)


def test_row_with_too_many_columns_is_refused():
    error = _refusal("q,a,t\nf(x, y),a,t,u\n")
    assert error.line == 2
    assert "at most 3 columns" in error.message and "found 5" in error.message


def test_empty_front_names_its_line():
    assert _refusal("q,a\n ,a\n").message == EMPTY_FRONT.format(line=2)


def test_empty_back_names_its_line():
    assert _refusal("front,back\nq,a\nq2,a2\nq3,  \n").message == EMPTY_BACK.format(line=4)


def test_field_over_the_limit_names_its_line():
    text = f"q,a\nq2,{'x' * (MAX_FIELD_CHARS + 1)}\n"
    assert _refusal(text).message == FIELD_TOO_LONG.format(line=2, limit=MAX_FIELD_CHARS)


def test_field_over_the_csv_module_limit_is_refused_the_same_way():
    text = f'q,a\nq2,"{"x" * 200_000}"\n'
    assert _refusal(text).message == FIELD_TOO_LONG.format(line=2, limit=MAX_FIELD_CHARS)


def test_field_at_the_limit_is_accepted():
    assert read_csv(f"q,{'x' * MAX_FIELD_CHARS}\n")[0].back == "x" * MAX_FIELD_CHARS


def test_unbalanced_quotes_name_their_line():
    error = _refusal('q,a\nq2,"a"b\n')
    assert error.line == 2
    assert error.message.startswith(BAD_QUOTING.split("(")[0].format(line=2))


def test_unterminated_quote_names_the_line_it_starts_on():
    assert _refusal('q,a\nq2,"never closed\nmore\n').line == 2


def test_too_many_cards_names_the_first_line_over():
    rows = "".join(f"q{i},a{i}\n" for i in range(MAX_CARDS + 1))
    error = _refusal("front,back\n" + rows)
    assert error.message == TOO_MANY_CARDS.format(line=MAX_CARDS + 2, limit=MAX_CARDS)


def test_exactly_max_cards_are_accepted():
    rows = "".join(f"q{i},a{i}\n" for i in range(MAX_CARDS))
    assert len(read_csv(rows)) == MAX_CARDS


def test_file_over_the_size_limit_is_refused():
    error = _refusal(b"q,a\n" + b"x" * MAX_FILE_BYTES)
    assert error.message == FILE_TOO_LARGE.format(limit=MAX_FILE_BYTES // (1024 * 1024))
    assert error.line is None
