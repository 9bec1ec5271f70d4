"""The way into the admin pages: signed-out visitors are sent to sign in, /me links them."""


def test_anonymous_visitors_are_sent_to_sign_in(client):
    for path in ("/admin/audit", "/admin/dashboard", "/admin/templates", "/admin/staff/1"):
        response = client.get(path)
        assert response.status_code == 302 and "/auth/login" in response.headers["Location"]


def test_me_page_links_the_admin_pages(client, login_as):
    login_as("admin")
    html = client.get("/me").get_data(as_text=True)
    for path in ("/admin/dashboard", "/admin/audit", "/admin/templates"):
        assert f'href="{path}"' in html
