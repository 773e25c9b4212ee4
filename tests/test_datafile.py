"""The one reader of the bundled CSV files: line numbers count comments, every bad row is named."""

import pytest

from strikewatch.datafile import csv_rows
from strikewatch.errors import DataFileError
from strikewatch.extract.usstations import parse_stations
from strikewatch.link.compat import parse_types

TEXT = """# stations of the test market
# a second comment line
call,state,city,word
KXYZ,OH,"Dayton, the city",0
WQRS,OH
KABC,CA,Los Angeles,0,extra
"""


def test_rows_keep_their_file_line_and_quoted_commas() -> None:
    rows, problems = csv_rows(TEXT, ["call", "state", "city", "word"])
    assert rows == [(4, {"call": "KXYZ", "state": "OH", "city": "Dayton, the city", "word": "0"})]
    assert [p.split(":")[0] for p in problems] == ["line 5", "line 6"]


def test_a_wrong_header_is_named_with_its_line() -> None:
    assert csv_rows("# note\ncall,state\nKXYZ,OH\n", ["call", "state", "city", "word"]) == (
        [], ["line 2: the header must be call,state,city,word"])


def test_loaders_raise_every_problem_naming_the_file() -> None:
    with pytest.raises(DataFileError) as err:
        parse_stations(TEXT, "stations.csv")
    assert err.value.path == "stations.csv"
    assert [p.split(":")[0] for p in err.value.problems] == ["line 5", "line 6"]


def test_an_empty_column_is_refused_where_every_column_is_needed() -> None:
    with pytest.raises(DataFileError) as err:
        parse_types("type_a,type_b,why\nArmed clash,Attack,\n", "types.csv")
    assert err.value.problems == ["line 2: every column (type_a,type_b,why) must be given"]
