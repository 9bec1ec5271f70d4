"""Several app servers share rate limits through Redis (RATELIMIT_STORAGE_URI=redis://...)."""
import pytest

from tests.conftest import require_service
from webapp import create_app
from webapp.config import TestConfig
from webapp.extensions import db, limiter


@pytest.fixture
def config_overrides():
    require_service(6379, "Redis")
    # Database 15 of the local Redis, emptied of limits before the test.
    return {"RATELIMIT_STORAGE_URI": "redis://127.0.0.1:6379/15", "RATELIMIT_LOGIN": "3 per minute"}


def test_two_app_servers_share_one_limit(app, client, config_overrides):
    limiter.reset()
    other_server = create_app(TestConfig, {**app.config, **config_overrides})
    second = other_server.test_client()
    data = {"phone": "13812345678", "password": "x"}
    try:
        assert client.post("/auth/login", data=data).status_code == 422
        assert second.post("/auth/login", data=data).status_code == 422
        assert client.post("/auth/login", data=data).status_code == 422
        assert second.post("/auth/login", data=data).status_code == 429
    finally:
        with other_server.app_context():
            db.engine.dispose()
