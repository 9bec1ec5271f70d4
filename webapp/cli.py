"""Command-line tasks: demo data, the first admin, translations."""
import subprocess
import sys
from pathlib import Path

import click
from flask import Flask

from . import demo
from .config import ROOT
from .demo import DEMO_ACCOUNTS, DEMO_PASSWORD
from .models import Role
from .services.accounts import staff
from .services.common.errors import DomainError
from .services.common.phone import normalise_phone
from .services.identity import mydata


def register_cli(app: Flask) -> None:
    @app.cli.command("demo-data")
    def demo_data():
        """Load the demo accounts (idempotent)."""
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
        try:
            user = staff.create_staff(phone=normalise_phone(phone), name=name, password=password,
                                      role=Role.ADMIN, district=None)
        except DomainError as error:
            raise click.ClickException(str(error.message)) from None
        click.echo(f"Administrator {user.name} ({user.phone}) created.")

    @app.cli.command("purge-deleted")
    def purge_deleted():
        """Erase the data of accounts whose retention period after deletion has passed (run daily)."""
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
