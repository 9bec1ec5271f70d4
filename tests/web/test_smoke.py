import pytest


@pytest.mark.parametrize("path", ["/", "/training", "/opportunities", "/me", "/me/settings",
                                  "/auth/login", "/auth/register", "/auth/reset", "/offline"])
def test_public_pages_render_in_chinese_by_default(client, path):
    response = client.get(path, headers={"Accept-Language": ""})
    assert response.status_code == 200
    assert '<html lang="zh-CN"' in response.get_data(as_text=True)


def test_inside_wechat_our_top_bar_shrinks_to_the_heading(client):
    wechat = "Mozilla/5.0 (Linux; Android 10) AppleWebKit/537.36 Mobile MicroMessenger/8.0.47"
    assert 'class=" in-wechat"' in client.get("/", headers={"User-Agent": wechat}).get_data(as_text=True)
    assert "in-wechat" not in client.get("/").get_data(as_text=True)


def test_every_page_has_landmarks_one_h1_and_a_skip_link(client):
    page = client.get("/auth/login").get_data(as_text=True)
    assert page.count("<h1") == 1
    for landmark in ('<header class="topbar">', '<main id="main"', '<footer class="footer">', '<nav class="tabbar"'):
        assert landmark in page
    assert '<a class="skip-link" href="#main">' in page
    assert '<title>Sign in – Yangquan Disability Employment</title>' in page
