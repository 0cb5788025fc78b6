from backintime_assets.detection.sample_runs import cut_days, sample_runs

_BODY = [["d1", "A"], ["d1", "B"], ["d2", "A"], ["d9", "B"], ["d10", "A"], ["d10", "B"]]


def test_a_whole_sample_is_one_run_that_no_unseen_row_cuts():
    assert sample_runs(_BODY, None) == [(_BODY, False, False)]
    assert cut_days(["d1", "d1", "d2"], False, False) == set()


def test_a_head_and_a_tail_cut_the_days_the_head_ends_in_and_the_tail_starts_in():
    (head, head_before, head_after), (tail, tail_before, tail_after) = sample_runs(_BODY, 3)
    assert head == _BODY[:3] and tail == _BODY[3:]
    assert cut_days([r[0] for r in head], head_before, head_after) == {"d2"}
    assert cut_days([r[0] for r in tail], tail_before, tail_after) == {"d9"}
    assert cut_days([], True, True) == set()
