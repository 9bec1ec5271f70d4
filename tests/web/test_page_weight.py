"""The page-weight budget from DESIGN.md: a first visit, everything it loads, gzip <= 35 KB."""
import gzip
import re

import pytest

BUDGET = 35 * 1024


def _gz(data: bytes) -> int:
    return len(gzip.compress(data, compresslevel=6))


def _gz_asset(client, url: str) -> int:
    with client.get(url) as response:
        assert response.status_code == 200, url
        return _gz(response.get_data())


@pytest.mark.parametrize("path", ["/", "/auth/login", "/auth/register", "/me", "/me/settings", "/training"])
@pytest.mark.parametrize("care", ["0", "1"])
def test_first_visit_fits_the_budget(client, path, care):
    page = client.get(f"{path}?care={care}")
    html = page.get_data()
    assets = re.findall(rb'(?:src|href)="(/static/[^"]+\.(?:css|js|svg))"', html)
    assert b"/static/css/app.css" in assets and any(b"htmx" in a for a in assets)
    total = _gz(html) + sum(_gz_asset(client, a.decode()) for a in set(assets))
    assert total <= BUDGET, f"{path}: {total} bytes gzip > {BUDGET}"
