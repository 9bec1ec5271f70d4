"""Words: tab labels that read as separate words, a dashboard that names the year and the plan's
yearly targets, and data pages that speak about the person when a helper acts for them."""
import csv
import io
import re
from html import unescape

from tests import factories
from tests.conftest import make_user
from tests.web.family_helpers import link_helper, sign_in


def _tab_labels(page: str) -> list[str]:
    return re.findall(r'<span class="tabbar__label">([^<]+)</span>', page)


def test_the_tab_labels_are_four_short_separate_words(client):
    assert _tab_labels(client.get("/").get_data(as_text=True)) == ["Home", "Training", "Openings", "Me"]
    chinese = client.get("/", headers={"Accept-Language": "zh-CN"}).get_data(as_text=True)
    assert _tab_labels(chinese) == ["首页", "培训", "机会", "我的"]


# --- the dashboard ---------------------------------------------------------------------------------

def _csv(client, name: str) -> list[list[str]]:
    text = client.get(f"/admin/dashboard/{name}.csv").get_data().decode("utf-8-sig")
    return list(csv.reader(io.StringIO(text)))


def test_the_dashboard_names_the_year_and_shows_the_targets_as_yearly_rates(client, login_as, freeze_clock):
    freeze_clock("2026-03-01 10:00")  # the 60th day of 2026
    login_as("admin")
    page = unescape(client.get("/admin/dashboard").get_data(as_text=True))
    assert "Figures for 2026, from 1 January to today (Beijing time)" in page
    assert ("set per year: at least 400 training person-times, 60 rural training person-times and 130 people "
            "funded each year. 2026 is measured against them") in page
    assert "employment rate of 70% was the goal for the end of 2024 and is kept as the benchmark" in page
    assert "60 days of 2026 are counted so far." in page
    rows = _csv(client, "targets")
    assert rows[0] == ["Measure", "In 2026 so far", "The plan's target per year (at least)",
                       "Due by today at that rate", "Status for the year"]
    # 400 x 60/365 = 65.8, 60 x 60/365 = 9.9, 130 x 60/365 = 21.4: rounded up
    assert [row[2:4] for row in rows[1:]] == [["400", "66"], ["60", "10"], ["130", "22"]]
    employment = {row[0]: row[1] for row in _csv(client, "employment")[1:]}
    assert employment["The plan's goal for the end of 2024"] == "70.0%"


def test_a_past_year_counts_every_day_of_it(app, freeze_clock):
    from webapp.services.reports import figures

    freeze_clock("2027-01-01 00:30")
    found = figures.compute(2026)
    assert (found.days_counted, found.days_in_year, found.due_by_now(400)) == (365, 365, 400)


# --- data pages when a helper acts for someone ------------------------------------------------------

def _texts(page: str) -> str:
    return unescape(re.sub(r"<[^>]+>", " ", page.split('<main', 1)[1].split("</main>", 1)[0]))


def test_a_helper_reads_about_the_person_not_my_data(client):
    person = factories.applicant(name="王芳")
    helper = make_user("helper", phone="13911112222", name="王小明")
    link_helper(person, helper)
    sign_in(client, helper)
    data = client.get("/me/data").get_data(as_text=True)
    assert "<title>Data of 王芳 – " in data
    assert "Download their data" in _texts(data) and "my data" not in _texts(data).lower()
    delete = client.get("/me/data/delete")
    assert delete.status_code == 403 and "<title>Error: Delete the data of 王芳 – " in delete.get_data(as_text=True)
    withdraw = _texts(client.get("/me/consent/withdraw").get_data(as_text=True))
    assert "Keep their consent" in withdraw and "their disability information" in withdraw
    assert "Keep my consent" not in withdraw


def test_the_person_themself_still_reads_my_data(client):
    person = factories.applicant(name="王芳")
    sign_in(client, person)
    data = client.get("/me/data").get_data(as_text=True)
    assert "<title>My data – " in data and "Download my data" in data and "Delete my data" in data
    assert "Keep my consent" in client.get("/me/consent/withdraw").get_data(as_text=True)
