"""The scorer of the held-out, development and blind sets: what counts as holding an expected answer."""

from __future__ import annotations

from tests.helpers.scoring import cited, correct, declines

ITEM = {"expect": ["20"], "para": 47}


def test_an_answer_holds_the_figure_however_it_is_written():
    assert correct("Twenty Member States have informed the Secretariat (para. 47).", ITEM, "en")
    assert correct("20 Member States (para. 47).", ITEM, "en")
    assert correct("The Resident Coordinator's Office (para. 23).", {"expect": ["resident coordinator"], "para": 23}, "en")
    assert not correct("Twenty-one Member States (para. 47).", ITEM, "en")  # "twenty" inside a longer number
    assert not correct("Twenty Member States (para. 46).", ITEM, "en")  # the wrong paragraph


def test_a_decline_opens_the_reply():
    assert declines("The report does not give a figure for 2016.\nWhat it does give: 331 (para. 44).")
    assert not declines("Since 2013, 331 peacekeepers were killed (para. 44). The report does not give more.")
    assert cited("（第3-5段）") == {3, 4, 5}
