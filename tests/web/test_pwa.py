"""Installable and offline-capable, yet fully working without the service worker."""
from webapp.web.serving.assets import manifest


def test_manifest_describes_an_installable_app(client):
    response = client.get("/manifest.webmanifest")
    assert response.mimetype == "application/manifest+json"
    data = response.get_json()
    assert data["display"] == "standalone" and data["start_url"] == "/" and data["lang"] == "en"
    assert data["name"] and data["short_name"] and data["theme_color"] == "#018942"
    icons = {(i["sizes"], i["purpose"]) for i in data["icons"]}
    assert {("192x192", "any"), ("512x512", "any"), ("512x512", "maskable")} <= icons
    for icon in data["icons"]:
        with client.get(icon["src"]) as image:
            assert image.status_code == 200 and image.mimetype == "image/png"


def test_manifest_speaks_chinese_by_default(client):
    data = client.get("/manifest.webmanifest", headers={"Accept-Language": "zh-CN"}).get_json()
    assert data["lang"] == "zh-CN" and data["name"] == "阳泉助残就业"


def test_service_worker_is_served_from_the_root_and_precaches_the_shell(client):
    response = client.get("/sw.js")
    assert response.mimetype == "text/javascript" and response.headers["Cache-Control"] == "no-cache"
    body = response.get_data(as_text=True)
    assert "__VERSION__" not in body and "__SHELL__" not in body
    hashed = manifest(client.application)
    for asset in [f"/static/{hashed[name]}" for name in ("css/app.css", "js/app.js", "vendor/htmx-2.0.11.min.js")] + [
            "/offline", "/offline?for=search", "/offline?for=form"]:
        assert f'"{asset}"' in body
        with client.get(asset) as served:
            assert served.status_code == 200
    assert "X-Offline-Keep" in body and "X-Offline-Owner" in body  # only marked pages, kept per person


def test_offline_page_speaks_both_languages(client):
    page = client.get("/offline").get_data(as_text=True)
    assert '<div lang="zh-CN">' in page and '<div lang="en">' in page
    assert "You are offline" in page and "网络未连接" in page


def test_pages_link_the_manifest_of_their_language_and_release_which_browsers_may_keep(client):
    page = client.get("/", headers={"Accept-Language": "zh-CN"}).get_data(as_text=True)
    href = page.split('<link rel="manifest" href="', 1)[1].split('"', 1)[0].replace("&amp;", "&")
    assert href.startswith("/manifest.webmanifest?lang=zh_CN&v=")
    linked = client.get(href, headers={"Accept-Language": "en"})  # the link's language wins
    assert linked.get_json()["lang"] == "zh-CN" and linked.get_json()["name"] == "阳泉助残就业"
    assert linked.headers["Cache-Control"] == "public, max-age=31536000, immutable"
    english = client.get("/manifest.webmanifest?lang=en&v=1").get_json()
    assert english["lang"] == "en" and english["name"] == "Yangquan Disability Employment"
    bare = client.get("/manifest.webmanifest?lang=xx")  # not a language of ours: the visitor's, not kept
    assert bare.status_code == 200 and "max-age" not in bare.headers.get("Cache-Control", "")
