"""Command-line tasks: demo data, the first admin, translations."""
import subprocess
import sys

from pathlib import Path

import click
from flask import Flask

from .config import ROOT

DEMO_PASSWORD = "yangquan2026"
DEMO_ACCOUNTS = (
    # phone, name, role, district
    ("13800000001", "张明", "applicant", None),
    ("13800000002", "李芳", "caseworker", "chengqu"),
    ("13800000003", "王强", "admin", None),
    ("13800000004", "张丽", "helper", None),
)


def register_cli(app: Flask) -> None:
    @app.cli.command("demo-data")
    def demo_data():
        """Load the demo accounts (idempotent)."""
        from .services import demo

        created = demo.load(DEMO_ACCOUNTS, DEMO_PASSWORD)
        click.echo(f"Demo data: {created} new account(s).")
        click.echo(f"Demo accounts (password {DEMO_PASSWORD}):")
        for phone, name, role, district in DEMO_ACCOUNTS:
            click.echo(f"  {role:<11} {phone}  {name}{'  ' + district if district else ''}")

    @app.cli.command("create-admin")
    @click.option("--phone", prompt=True)
    @click.option("--name", prompt=True)
    @click.password_option()
    def create_admin(phone, name, password):
        """Create an administrator account."""
        from .models import Role
        from .services import accounts
        from .services.errors import DomainError
        from .services.phone import normalise_phone

        try:
            user = accounts.create_staff(phone=normalise_phone(phone), name=name, password=password,
                                         role=Role.ADMIN, district=None)
        except DomainError as error:
            raise click.ClickException(str(error.message)) from None
        click.echo(f"Administrator {user.name} ({user.phone}) created.")

    @app.cli.command("purge-deleted")
    def purge_deleted():
        """Erase the data of accounts whose retention period after deletion has passed (run daily)."""
        from .services import mydata

        click.echo(f"Purged {mydata.purge_due()} account(s).")

    @app.cli.group()
    def translate():
        """Extract, update and compile the message catalogs."""

    def _babel(*args):
        pybabel = Path(sys.executable).with_name("pybabel")
        subprocess.run([str(pybabel), *args], check=True, cwd=ROOT)

    @translate.command()
    def update():
        """Extract messages and update every catalog."""
        _babel("extract", "-F", "babel.cfg", "-k", "_l", "--no-location", "--sort-output",
               "-o", "translations/messages.pot", ".")
        _babel("update", "-i", "translations/messages.pot", "-d", "translations", "--no-fuzzy-matching")

    @translate.command()
    def compile():
        """Compile every catalog to .mo."""
        _babel("compile", "-d", "translations", "--statistics")

    @translate.command()
    @click.argument("lang")
    def init(lang):
        """Start a catalog for a new language."""
        _babel("init", "-i", "translations/messages.pot", "-d", "translations", "-l", lang)
