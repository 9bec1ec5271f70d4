"""How responses travel: compressed (compression), answered 304 when the browser has them
(conditional), and static files under content-hashed names kept a year (assets)."""
from . import assets, compression, conditional


def init_app(app) -> None:
    """First in create_app: Flask runs after_request hooks last-registered first, so these run last,
    on the finished response: the ETag (conditional), then compression."""
    compression.init_app(app)
    conditional.init_app(app)
    assets.init_app(app)
