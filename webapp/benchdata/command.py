"""`flask bench-data`: refuses production unless told, then loads and says how long it took."""
import time

import click
from flask import current_app
from flask.cli import with_appcontext

from . import BENCH_PASSWORD, KNOWN_ACCOUNTS, SIZES

HELP = (
    "Fill a migrated development or bench database with made-up data for `make bench`, in bulk: "
    "small = the demo plus 1,000 applicants; large = 100,000 applicants, 2,550 items, 500,000 "
    "applications with their events and notices. Loads the demo first when the database is empty. "
    "Same seed every time. Known accounts (password " + BENCH_PASSWORD + "): "
    + "; ".join(f"{phone} {what}" for phone, what in KNOWN_ACCOUNTS.items()) + "."
)


@click.command("bench-data", help=HELP)
@click.option("--size", type=click.Choice(tuple(SIZES)), default="small", show_default=True,
              help="How much to make (tiny is for the test suite).")
@click.option("--yes", is_flag=True, help="Load even though APP_ENV=production.")
@with_appcontext
def bench_data(size: str, yes: bool) -> None:
    from .build import NotReady, build

    if current_app.config.get("APP_ENV") == "production" and not yes:
        raise click.ClickException(
            "APP_ENV=production: bench-data writes thousands of made-up people into this database. "
            "It is meant for a development or bench database; run again with --yes if that is what this is.")
    started = time.perf_counter()
    try:
        counts = build(SIZES[size])
    except NotReady as error:
        raise click.ClickException(str(error)) from None
    click.echo(f"Bench data ({size}) loaded in {time.perf_counter() - started:.1f} s:")
    for table, count in counts.items():
        click.echo(f"  {table:<20} {count:>10,}")
    click.echo(f"Known accounts (password {BENCH_PASSWORD}):")
    for phone, what in KNOWN_ACCOUNTS.items():
        click.echo(f"  {phone}  {what}")
