"""The fit rule set: which registered need meets which stated requirement, in words; never a refusal."""
from types import SimpleNamespace

import pytest

from webapp.services.applications import fit

pytestmark = pytest.mark.usefixtures("english")

# The demo post's words (社区保洁员 and the others).
WALK_AND_LABOUR = "能独立行走或使用轮椅，能完成简单体力劳动。"


def item(requirements=None, accessibility=()):
    return SimpleNamespace(physical_requirements=requirements, accessibility=list(accessibility))


def person(category=None, communication=()):
    return SimpleNamespace(disability_category=category, communication_needs=list(communication))


def needs(*accommodations):
    return SimpleNamespace(accommodations=list(accommodations))


def said(notes):
    return [(note.need, note.requirement) for note in notes]


def test_a_visually_impaired_person_and_a_post_asking_to_walk_alone_and_labour():
    notes = fit.notes(item(WALK_AND_LABOUR), person(fit.VISUAL))
    assert said(notes) == [("a visual disability", "asks for walking on one's own")]


def test_a_wheelchair_named_as_fine_leaves_walking_out_for_a_physical_disability_but_not_labour():
    notes = fit.notes(item(WALK_AND_LABOUR), person(fit.PHYSICAL), needs("step_free"))
    assert [note.key for note in notes] == ["labour"]
    assert said(notes) == [("a physical disability", "asks for physical labour")]


def test_standing_all_day_meets_step_free_access_when_no_wheelchair_is_named():
    notes = fit.notes(item("需要长时间站立"), person(fit.HEARING), needs("step_free"))
    assert said(notes) == [("needs step-free access", "asks for walking or standing")]


def test_reading_meets_visual_and_intellectual_disabilities_and_print_needs():
    reading = item("能熟练使用电脑录入文字")
    assert said(fit.notes(reading, person(fit.INTELLECTUAL))) == [("an intellectual disability",
                                                                   "asks for reading or writing")]
    assert said(fit.notes(reading, person(fit.PHYSICAL, ["large_print"]))) == [("needs large print",
                                                                                "asks for reading or writing")]


def test_the_phone_meets_a_hearing_disability_and_english_words_count_too():
    notes = fit.notes(item("Answers the PHONE and talks with visitors"), person(fit.HEARING))
    assert said(notes) == [("a hearing disability", "asks for talking with people or on the phone")]


def test_a_venue_that_lists_its_features_is_checked_against_the_needs():
    venue = item(accessibility=["accessible_toilet"])
    notes = fit.notes(venue, person(fit.VISUAL, ["sign_language"]), needs("step_free", "accessible_toilet"))
    assert [note.key for note in notes] == ["no_print", "no_interpreter", "no_step_free"]
    assert notes[1].need == "uses sign language"


def test_a_venue_that_lists_nothing_and_an_item_that_asks_nothing_give_no_note():
    assert fit.notes(item(), person(fit.VISUAL, ["screen_reader"]), needs("step_free")) == []
    assert fit.notes(item("", []), person(fit.HEARING)) == []


def test_nothing_registered_gives_no_note():
    assert fit.notes(item(WALK_AND_LABOUR, ["step_free"])) == []
    assert fit.notes(item(WALK_AND_LABOUR), person(fit.HEARING), needs("flexible_hours")) == []
