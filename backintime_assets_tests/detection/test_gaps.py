import pytest

from backintime_assets.detection.gaps import gaps_to_tabs


@pytest.mark.parametrize("text", [
    "  Posting Date  Security      Close Price  \r\n  02.01.2024    SAP SE   137,02 \n\nlast line   no break",
])
def test_runs_of_two_spaces_or_more_become_tabs_and_lines_keep_their_breaks(text):
    want = "Posting Date\tSecurity\tClose Price\r\n02.01.2024\tSAP SE\t137,02\n\nlast line\tno break"
    assert gaps_to_tabs(text) == want
    assert gaps_to_tabs(text.encode()) == want.encode()  # as normalisation reads it: UTF-8 bytes
