"""Reading a value's Markdown table: the cells, and a refusal of a table the page would break."""

import pytest

from harness.tables import body, cells

TABLE = "| a | b |\n|---|:---:|\n| 1 | 2 |\n| 3 | 4 |"


def test_cells_are_the_header_and_the_rows_stripped():
    assert cells(TABLE) == (["a", "b"], [["1", "2"], ["3", "4"]])
    assert body(TABLE) == [["1", "2"], ["3", "4"]]


@pytest.mark.parametrize(
    ("broken", "message"),
    [
        ("| a | b |\n|---|\n| 1 | 2 |", "separator row"),  # a separator one cell short
        ("| a | b |\n|---|---|---|\n| 1 | 2 |", "separator row"),
        ("| a | b |\n| 1 | 2 |\n| 3 | 4 |", "separator row"),  # no separator at all
        ("| a | b |\n|---|---|\n| 1 | 2 | 3 |", "a row has 3 cells"),
        ("| a | b |\n|---|---|\n 1 | 2 |", "starts and ends with"),
    ],
)
def test_a_table_the_page_would_break_is_refused(broken, message):
    with pytest.raises(ValueError, match=message):
        body(broken)
