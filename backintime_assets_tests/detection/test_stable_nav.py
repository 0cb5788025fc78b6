from backintime_assets.detection.stable_nav import standing_value, yield_beside_stable_nav


def test_a_nav_stands_still_through_a_day_broken_but_money_traded_does_not():
    assert standing_value([1.0] * 19 + [0.99]) == 1.0
    assert standing_value([1964800.0, 1964800.0, 2011000.25, 2038700.5]) is None
    assert standing_value([1.0]) is None


def test_a_yield_is_a_fraction_under_the_nav_beside_it():
    assert yield_beside_stable_nav([1.0] * 4, [0.0412, 0.0413, 0.0411, 0.0410])
    # a percent's yield, a close over a dollar, a yield of nothing at all: none read so
    assert not yield_beside_stable_nav([1.0] * 4, [4.12, 4.13, 4.11, 4.10])
    assert not yield_beside_stable_nav([0.25] * 3, [18.04, 18.10, 18.12])
    assert not yield_beside_stable_nav([1.0] * 3, [0.0, 0.0, 0.0])
    # beside money traded moving from day to day, a sub-dollar close is the close
    assert not yield_beside_stable_nav([120431.5, 131002.25, 118250.0], [0.4512, 0.4530, 0.4498])


def test_a_stable_nav_is_one_unit_of_money_beside_a_yield_a_fund_could_pay():
    # a par, a strike, a fee standing still; a sub-dollar price, a rate, a bond's fraction of par beside "$1.00"
    assert not yield_beside_stable_nav([5.0] * 4, [0.0412, 0.0413, 0.0411, 0.0410])
    assert not yield_beside_stable_nav([100.0] * 3, [0.9875, 0.9881, 0.9870])
    assert not yield_beside_stable_nav([1.0] * 4, [0.45, 0.46, 0.44, 0.47])
    assert not yield_beside_stable_nav([1.0] * 3, [0.8912, 0.8931, 0.8905])
    # a yield of a few hundredths of a percent, written in percent, reads so too: the NAV is the close either way
    assert yield_beside_stable_nav([1.0] * 3, [0.05, 0.04, 0.05])
