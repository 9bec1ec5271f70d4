"""URL parts as the database can hold them: an id beyond what a column stores is simply no such page."""
from werkzeug.routing import IntegerConverter

MAX_ID = 2**31 - 1  # INTEGER columns on PostgreSQL and SQLite


class IdConverter(IntegerConverter):
    """`<int:...>` in every route: ASCII digits from 1 to MAX_ID, anything else answers 404."""

    regex = r"[0-9]+"

    def __init__(self, url_map, *args, **kwargs):
        kwargs.setdefault("min", 1)
        kwargs.setdefault("max", MAX_ID)
        super().__init__(url_map, *args, **kwargs)


def init_app(app) -> None:
    """Before any blueprint adds its routes."""
    app.url_map.converters["int"] = IdConverter
