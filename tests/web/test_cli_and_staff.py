"""Demo data, the create-admin command, and admins creating caseworker accounts."""
from sqlalchemy import func, select

from webapp.extensions import db
from webapp.models import AuditEvent, User


def test_demo_data_is_idempotent_and_prints_the_accounts(app):
    runner = app.test_cli_runner()
    first = runner.invoke(args=["demo-data"])
    assert first.exit_code == 0 and "4 new account(s)" in first.output
    assert "13800000001" in first.output and "yangquan2026" in first.output
    people_after_first = db.session.scalar(select(func.count()).select_from(User))
    second = runner.invoke(args=["demo-data"])
    assert "0 new account(s)" in second.output
    assert db.session.scalar(select(func.count()).select_from(User)) == people_after_first
    roles = dict(db.session.execute(select(User.phone, User.role)).all())
    assert {phone: roles[phone] for phone in ("13800000001", "13800000002", "13800000003", "13800000004")} == {
        "13800000001": "applicant", "13800000002": "caseworker", "13800000003": "admin", "13800000004": "helper"}
    caseworker = db.session.scalar(select(User).where(User.phone == "13800000002"))
    assert caseworker.district == "chengqu"


def test_demo_accounts_sign_in_with_the_demo_password(app, client):
    app.test_cli_runner().invoke(args=["demo-data"])
    response = client.post("/auth/login", data={"phone": "13800000003", "password": "yangquan2026"})
    assert response.status_code == 303


def test_create_admin_command(app):
    runner = app.test_cli_runner()
    result = runner.invoke(args=["create-admin", "--phone", "13700000009", "--name", "周管理",
                                 "--password", "lantern-river-42"])
    assert result.exit_code == 0, result.output
    assert db.session.scalar(select(User.role).where(User.phone == "13700000009")) == "admin"
    weak = runner.invoke(args=["create-admin", "--phone", "13700000008", "--name", "x", "--password", "12345678"])
    assert weak.exit_code != 0 and "密码太容易被猜到" in weak.output  # the CLI speaks the default language
    assert db.session.scalar(select(User).where(User.phone == "13700000008")) is None


def test_admin_creates_a_district_caseworker(client, login_as):
    admin = login_as("admin")
    response = client.post("/admin/staff/new", data={"name": "钱工作", "phone": "13700000001",
                                                      "district": "jiaoqu", "password": "lantern-river-42"})
    assert response.status_code == 303
    person = db.session.scalar(select(User).where(User.phone == "13700000001"))
    assert (person.role, person.district) == ("caseworker", "jiaoqu")
    event = db.session.scalar(select(AuditEvent).where(AuditEvent.action == "account.staff_created"))
    assert event.actor_id == admin.id and event.subject_id == person.id
    page = client.get("/admin/staff").get_data(as_text=True)
    assert "钱工作" in page and "Jiaoqu District" in page and "137****0001" in page


def test_admin_form_refusals_keep_the_input_and_create_nothing(client, login_as):
    login_as("admin")
    response = client.post("/admin/staff/new", data={"name": "钱工作", "phone": "12", "district": "mars",
                                                      "password": "lantern-river-42"})
    assert response.status_code == 422
    assert "Enter an 11-digit" in response.get_data(as_text=True)
    response = client.post("/admin/staff/new", data={"name": "钱工作", "phone": "13700000001", "district": "mars",
                                                      "password": "lantern-river-42"})
    assert response.status_code == 422 and "Choose a district" in response.get_data(as_text=True)
    assert 'value="钱工作"' in response.get_data(as_text=True)
    assert db.session.scalar(select(func.count()).select_from(User).where(User.role == "caseworker")) == 0
