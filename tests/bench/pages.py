"""What the benchmark loads, as whom, and how it signs in: through the server, with a real POST
of the sign-in form (CSRF token and all), so the session cookie handed to wrk is a real one."""
import http.client
import re
from dataclasses import dataclass, field
from http.cookies import SimpleCookie
from urllib.parse import urlencode

# Accounts to sign in as: those `flask bench-data` makes at every size (the biggest queue, many
# applications), or the demo's when the data is the demo's.
DEMO = ({"applicant": "13800000001", "caseworker": "13800000002", "admin": "13800000003"}, "yangquan2026")


def bench_accounts() -> tuple[dict[str, str], str]:
    from webapp import benchdata

    return ({"applicant": benchdata.BENCH_APPLICANT, "caseworker": benchdata.BENCH_CASEWORKER,
             "admin": benchdata.BENCH_ADMIN}, benchdata.BENCH_PASSWORD)
LOAD_HEADERS = {"Accept-Encoding": "gzip", "Accept-Language": "zh-CN,zh;q=0.9"}


@dataclass(frozen=True)
class Page:
    key: str
    path: str  # may hold {course} or {application}, found from the pages themselves
    role: str = "anonymous"
    public: bool = False  # no per-visitor token: the cacheable pages with the higher budget
    fragment: bool = False  # an htmx request (HX-Request: true)
    headers: dict = field(default_factory=dict)


PAGES = (
    Page("home", "/", public=True),
    Page("training", "/training", public=True),
    Page("training_filtered", "/training?category=vocational&open=y", public=True),
    Page("course", "/training/{course}", public=True),
    Page("results_fragment", "/training?category=vocational&open=y", public=True, fragment=True,
         headers={"HX-Request": "true"}),
    Page("jobs", "/jobs", public=True),
    Page("jobs_fit", "/jobs/fit", role="applicant"),
    Page("my_applications", "/me/applications", role="applicant"),
    Page("application", "/me/applications/{application}", role="applicant"),
    Page("casework_queue", "/casework?status=submitted", role="caseworker"),
    Page("admin_dashboard", "/admin/dashboard", role="admin"),
)
PAGE_KEYS = tuple(page.key for page in PAGES)


def request(port: int, method: str, path: str, headers: dict | None = None, body: str | None = None):
    """One plain HTTP request to 127.0.0.1:port; (status, headers as a list, body bytes)."""
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=180)
    try:
        conn.request(method, path, body=body, headers=headers or {})
        response = conn.getresponse()
        return response.status, response.getheaders(), response.read()
    finally:
        conn.close()


def _cookies(headers, jar: dict) -> dict:
    for name, value in headers:
        if name.lower() == "set-cookie":
            for morsel in SimpleCookie(value).values():
                jar[morsel.key] = morsel.value
    return jar


def cookie_header(jar: dict) -> str:
    return "; ".join(f"{name}={value}" for name, value in jar.items())


def sign_in(port: int, phone: str, password: str) -> str:
    """Sign in through the server; the Cookie header value of the signed-in session."""
    status, headers, body = request(port, "GET", "/auth/login")
    match = re.search(rb'name="csrf_token"[^>]*value="([^"]+)"', body)
    if status != 200 or not match:
        raise RuntimeError(f"the sign-in form did not load (HTTP {status})")
    jar = _cookies(headers, {})
    form = urlencode({"csrf_token": match.group(1).decode(), "phone": phone, "password": password})
    status, headers, body = request(port, "POST", "/auth/login", body=form, headers={
        "Content-Type": "application/x-www-form-urlencoded", "Cookie": cookie_header(jar)})
    if status not in (302, 303):
        raise RuntimeError(f"signing in as {phone} failed (HTTP {status}): is it one of the bench-data accounts?")
    return cookie_header(_cookies(headers, jar))


def headers_for(page: Page, cookies: dict[str, str]) -> dict[str, str]:
    headers = {**LOAD_HEADERS, **page.headers}
    if page.role != "anonymous":
        headers["Cookie"] = cookies[page.role]
    return headers


def resolve(port: int, cookies: dict[str, str]) -> dict[str, str]:
    """The concrete path of every page: a course from the training list, an application from the
    applicant's list."""
    found = {}
    _status, _headers, body = request(port, "GET", "/training", headers={"Accept-Language": "zh-CN"})
    match = re.search(rb'href="/training/(\d+)"', body)
    if not match:
        raise RuntimeError("no course on /training to load")
    found["course"] = match.group(1).decode()
    _status, _headers, body = request(port, "GET", "/me/applications", headers={"Cookie": cookies["applicant"]})
    match = re.search(rb'href="/me/applications/([^"/?#]+)"', body)
    if not match:
        raise RuntimeError("the applicant has no application on /me/applications to load")
    found["application"] = match.group(1).decode()
    return {page.key: page.path.format(**found) for page in PAGES}


def check(port: int, page: Page, path: str, cookies: dict[str, str]) -> None:
    """The page answers 200 itself (not a redirect to sign in), or the benchmark stops saying so."""
    status, headers, _body = request(port, "GET", path, headers=headers_for(page, cookies))
    if status != 200:
        where = dict((name.lower(), value) for name, value in headers).get("location", "")
        raise RuntimeError(f"{page.key} {path} answered {status} {where}".strip())
