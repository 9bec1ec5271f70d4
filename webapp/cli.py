"""Command-line tasks: demo data, the first admin, translations, backup and restore."""
import subprocess
import sys
from pathlib import Path

import click
from flask import Flask, current_app

from . import backup, demo
from .benchdata.command import bench_data
from .config import ROOT
from .demo import DEMO_ACCOUNTS, DEMO_PASSWORD
from .models import Role
from .services.accounts import staff
from .services.common.errors import DomainError
from .services.common.phone import normalise_phone
from .services.identity import mydata


def register_cli(app: Flask) -> None:
    app.cli.add_command(bench_data)

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

    @app.cli.command("expire-invites")
    def expire_invites():
        """Delete family invite codes that expired unused (run daily)."""
        from .services.family import invites

        click.echo(f"Deleted {invites.expire_due()} expired invite code(s).")

    @app.cli.command("send-pending")
    def send_pending():
        """Send the text messages whose (next) try is due: without a worker, run every few minutes."""
        from .services.common import outbox

        outcomes = [outbox.deliver(delivery_id).status for delivery_id in outbox.sweep()]
        click.echo(f"Sent {outcomes.count('sent')} of {len(outcomes)} due text message(s).")

    @app.cli.command("sweep-uploads")
    def sweep_uploads():
        """Delete stored photos that no photo record refers to any more (run daily)."""
        from .services.identity import evidence

        click.echo(f"Removed {evidence.sweep_orphans()} unreferenced upload file(s).")

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
        _babel("update", "-i", "translations/messages.pot", "-d", "translations", "--no-fuzzy-matching",
               "--ignore-obsolete")

    @translate.command()
    def compile():
        """Compile every catalog to .mo."""
        _babel("compile", "-d", "translations", "--statistics")

    @translate.command()
    @click.argument("lang")
    def init(lang):
        """Start a catalog for a new language."""
        _babel("init", "-i", "translations/messages.pot", "-d", "translations", "-l", lang)

    @app.cli.command("backup")
    @click.argument("target", required=False, type=click.Path(dir_okay=False, path_type=Path))
    def backup_database(target):
        """Copy the SQLite database while the app runs (default: a timestamped file in instance/backups/)."""
        database = _sqlite_database()
        target = target or backup.default_target(current_app.instance_path)
        try:
            written = backup.backup(database, target)
        except backup.BackupError as error:
            raise click.ClickException(str(error)) from None
        click.echo(f"Backed up {database} to {written} (readable by its owner only).")

    @app.cli.command("restore")
    @click.argument("source", type=click.Path(dir_okay=False, path_type=Path))
    @click.option("--yes", is_flag=True, help="Confirm that every row of the current database may be replaced.")
    def restore_database(source, yes):
        """Replace the SQLite database's contents with a backup of this app's database."""
        database = _sqlite_database()
        try:
            revision = backup.check(source)
            if not yes:
                raise click.ClickException(f"{source} is a backup at migration {revision}. Restoring replaces "
                                           f"everything in {database}: run again with --yes to do it.")
            kept = backup.backup(database, backup.default_target(current_app.instance_path)) \
                if database.exists() else None
            backup.restore(source, database)
        except backup.BackupError as error:
            raise click.ClickException(str(error)) from None
        click.echo(f"Restored {database} from {source}." + (f" What it held before is in {kept}." if kept else ""))
        if revision != backup.head_revision():
            click.echo("The backup is from an older version: run `flask db upgrade` now.")

    def _sqlite_database() -> Path:
        url = current_app.config["SQLALCHEMY_DATABASE_URI"]
        try:
            database = backup.sqlite_file(url)
        except backup.BackupError as error:
            raise click.ClickException(str(error)) from None
        if database is None:
            click.echo(backup.postgres_advice(url))
            raise click.exceptions.Exit(1)
        return database
