"""The policy guide walked by keyboard with JavaScript off: from the home page to "Is this policy for
me?", a refusal that keeps what was answered, the answers of a rural jobseeker, the measures that
fit with their reasons, one measure's plain page, its easy-read page, and its way to apply."""
import pytest

from .journeys import SnapshotAxe, at, path, press_enter, tab_to, tab_until, text

LANG = "zh_CN"  # the pages in Chinese, the default; the words are looked up from their msgids
ANSWERS = (("district", 0), ("household_type", 1), ("age_band", 2), ("work", 0), ("study", 2))  # business unanswered


def _choose(page, name: str, index: int) -> None:
    """Tab into a radio group (focus lands on its first radio), Space to choose it, arrows to move on."""
    tab_until(page, f"el.id === '{name}-0'", f"the first answer to {name}")
    page.keyboard.press("Space")
    for _ in range(index):
        page.keyboard.press("ArrowDown")
    assert page.locator(f"#{name}-{index}").is_checked(), f"#{name}-{index} should be chosen"


def _follow(page, href: str, what: str) -> None:
    tab_to(page, f"main a[href={href!r}]", what)
    press_enter(page)


@pytest.mark.browser
def test_the_screener_leads_to_a_measure_its_easy_read_page_and_the_way_to_apply(context, live_server):
    base, found = live_server, []
    axe = SnapshotAxe(context, base)
    page = context(javascript_enabled=False, locale=LANG).new_page()

    page.goto(f"{base}/")
    _follow(page, "/policies", "the policy guide on the home page")
    assert path(page) == "/policies"
    found += axe.violations(page.content(), "policy guide")
    _follow(page, "/policies/check", "Is this policy for me?")
    assert path(page) == "/policies/check"
    found += axe.violations(page.content(), "the questions")

    for name, index in ANSWERS:
        _choose(page, name, index)
    tab_to(page, "main form button[type=submit]", "See what fits")
    press_enter(page)
    assert path(page) == "/policies/check"  # refused (422): the last question is not answered
    summary = page.inner_text(".error-summary")
    assert text(LANG, "Choose whether you run or want a business.") in summary
    for name, index in ANSWERS:
        assert page.locator(f"#{name}-{index}").is_checked(), f"#{name}-{index} kept after the refusal"
    found += axe.violations(page.content(), "the questions, refused")

    _choose(page, "business", 2)
    tab_to(page, "main form button[type=submit]", "See what fits")
    press_enter(page)
    assert path(page) == "/policies/check/result", page.url
    fits = page.inner_text("main")
    assert text(LANG, "Funding for a family business in rural areas") in fits
    assert text(LANG, "Your household is rural: at least 130 disabled people a year are funded to grow a family "
                      "business.") in fits
    assert text(LANG, "Public-welfare posts") in fits
    assert text(LANG, "A plan of your own for disabled graduates") not in fits
    found += axe.violations(page.content(), "the measures that fit")

    _follow(page, "/policies/welfare-posts", "the public-welfare posts that fit")
    assert path(page) == "/policies/welfare-posts"
    plain = page.inner_text("main")
    for heading in ("Who it is for", "What you get", "What you need", "How to apply", "Who answers questions"):
        assert text(LANG, heading) in plain
    assert "12385" in plain
    found += axe.violations(page.content(), "a measure's page")

    _follow(page, "/policies/welfare-posts?read=easy", "the easy-read version")
    assert at(page).endswith("/policies/welfare-posts?read=easy")
    easy = page.inner_text("main")
    assert text(LANG, "What do you get?") in easy and text(LANG, "A job near your home.") in easy
    assert text(LANG, "Who it is for") not in easy
    found += axe.violations(page.content(), "the easy-read page")

    _follow(page, "/opportunities?kind=post", "the way to apply")
    assert path(page) == "/opportunities" and at(page).endswith("kind=post")
    assert page.locator("main").count() == 1
    assert not found, "\n".join(found)
