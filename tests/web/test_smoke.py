import pytest


@pytest.mark.parametrize("path", ["/", "/training", "/opportunities", "/me", "/me/settings",
                                  "/auth/login", "/auth/register", "/auth/reset", "/offline"])
def test_public_pages_render_in_chinese_by_default(client, path):
    response = client.get(path)
    assert response.status_code == 200
    assert '<html lang="zh-CN"' in response.get_data(as_text=True)
