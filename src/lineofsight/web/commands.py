"""CLI: ``demo`` (try the service on this machine), ``serve`` (run it for real), ``createuser``."""

from __future__ import annotations

import os
import socket
import sys
from typing import Annotated, Any

import typer

DEFAULT_DEMO_LA = "E06000021"  # Stoke-on-Trent (old code 861)


def register(app: typer.Typer) -> None:
    app.command("demo")(demo)
    app.command("serve")(serve)
    app.command("createuser")(createuser)


def setup_django(default_settings: str) -> None:
    """Configure Django, turning a settings refusal into one sentence (no traceback)."""
    import django
    from django.core.exceptions import ImproperlyConfigured

    from lineofsight.errors import UserError

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", default_settings)
    try:
        django.setup()
    except ImproperlyConfigured as exc:
        raise UserError(str(exc)) from exc


def migrate_database() -> None:
    from django.core.management import call_command
    from django.db.utils import OperationalError

    from lineofsight.errors import UserError

    try:
        call_command("migrate", interactive=False, verbosity=0)
    except OperationalError as exc:
        raise UserError(
            f"Cannot open the database ({exc}): check DATABASE_URL or LINEOFSIGHT_HOME."
        ) from exc


def _resolve_la(text: str) -> tuple[str, str]:
    from lineofsight.reference.las import resolve

    la = resolve(text)
    return la.code, la.name


def _port_free(host: str, port: int) -> bool:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            sock.bind((host, port))
        except OSError:
            return False
    return True


def demo(
    port: Annotated[int, typer.Option(help="Port on 127.0.0.1 to serve on.")] = 8000,
    la: Annotated[
        str, typer.Option("--la", help="Demo council: name, old 3-digit code or E-code.")
    ] = DEFAULT_DEMO_LA,
    no_serve: Annotated[
        bool, typer.Option("--no-serve", help="Set up the database and accounts, then stop.")
    ] = False,
) -> None:
    """Create the database, demo accounts for every role and the demo data, then serve on 127.0.0.1."""
    from lineofsight.errors import UserError

    os.environ.setdefault("DJANGO_DEBUG", "0")
    setup_django("lineofsight.web.settings.dev")
    la_code, council_name = _resolve_la(la)
    if not no_serve and not _port_free("127.0.0.1", port):
        raise UserError(f"Port {port} on 127.0.0.1 is in use: choose another with --port.")

    from django.conf import settings
    from rich.console import Console
    from rich.table import Table

    from lineofsight.web.demo_accounts import ensure_demo_accounts
    from lineofsight.web.demo_data import load_demo_data

    console = Console(width=max(Console().width, 120), soft_wrap=False)
    migrate_database()
    db = settings.DATABASES["default"]
    console.print(f"Database: {db['ENGINE'].rsplit('.', 1)[-1]} {db['NAME']}")
    accounts = ensure_demo_accounts(la_code, council_name)
    new = sum(a.created for a in accounts)
    console.print(
        f"Demo council: {council_name} ({la_code}); {new} account(s) created, "
        f"{len(accounts) - new} reused."
    )
    loaded = load_demo_data(la_code)
    for line in loaded:
        console.print(line)
    if not loaded:
        console.print("Demo data: no loaders are registered, so only accounts were set up.")

    table = Table(title="Demo sign-in details (demo only: refused in production)")
    table.add_column("Role")
    table.add_column("Email", no_wrap=True)
    table.add_column("Password", no_wrap=True)
    for account in accounts:
        table.add_row(account.role.label, account.email, account.password)
    console.print(table)
    if no_serve:
        return
    console.print(f"Serving on http://127.0.0.1:{port}/ (Ctrl+C to stop)")
    from django.core.management import call_command

    call_command("runserver", f"127.0.0.1:{port}", use_reloader=False, use_threading=True)


def serve(
    host: Annotated[
        str | None, typer.Option(help="Address to bind (env LINEOFSIGHT_HOST, default 127.0.0.1).")
    ] = None,
    port: Annotated[
        int | None, typer.Option(help="Port to bind (env LINEOFSIGHT_PORT, default 8000).")
    ] = None,
    workers: Annotated[
        int | None, typer.Option(help="gunicorn worker processes (env WEB_CONCURRENCY, default 2).")
    ] = None,
    threads: Annotated[
        int | None, typer.Option(help="Threads per worker (env WEB_THREADS, default 2).")
    ] = None,
    migrate: Annotated[
        bool, typer.Option(help="Apply database migrations before starting.")
    ] = True,
) -> None:
    """Run the service with gunicorn and production settings (put it behind an HTTPS proxy)."""
    from lineofsight.errors import UserError

    setup_django("lineofsight.web.settings.production")
    bind_host = host or os.environ.get("LINEOFSIGHT_HOST", "127.0.0.1")
    try:
        bind_port = port or int(os.environ.get("LINEOFSIGHT_PORT", "8000"))
        n_workers = workers or int(os.environ.get("WEB_CONCURRENCY", "2"))
        n_threads = threads or int(os.environ.get("WEB_THREADS", "2"))
    except ValueError as exc:
        raise UserError(
            f"LINEOFSIGHT_PORT, WEB_CONCURRENCY and WEB_THREADS must be whole numbers ({exc})."
        ) from exc

    from django.core.management import call_command

    if migrate:
        migrate_database()
    call_command("collectstatic", interactive=False, verbosity=0)
    args = gunicorn_command(f"{bind_host}:{bind_port}", n_workers, n_threads)
    typer.echo(
        f"Serving on http://{bind_host}:{bind_port}/ with {n_workers} gunicorn workers "
        f"of {n_threads} threads each"
    )
    sys.stdout.flush()
    os.execv(sys.executable, args)  # noqa: S606 - our own interpreter, arguments we built


def gunicorn_command(bind: str, workers: int, threads: int) -> list[str]:
    """gunicorn's command line. ``--preload`` imports the app (and its warm-up, see ``warm.py``)
    once in the master, so forked workers start with the published data already built."""
    return [
        sys.executable,
        "-m",
        "gunicorn",
        "--bind",
        bind,
        "--workers",
        str(workers),
        "--threads",
        str(threads),
        "--worker-class",
        "gthread",
        "--preload",
        "--access-logfile",
        "-",
        "lineofsight.web.wsgi:application",
    ]


def createuser(
    email: Annotated[str, typer.Argument(help="The person's email address (their sign-in name).")],
    role: Annotated[
        str,
        typer.Option(
            "--role",
            help="One of: "
            + ", ".join(
                [
                    "leader",
                    "lead_member",
                    "chief_executive",
                    "director",
                    "scrutiny",
                    "corporate_parenting",
                    "analyst",
                    "board_clerk",
                    "administrator",
                ]
            ),
        ),
    ],
    la: Annotated[str, typer.Option("--la", help="Council: name, old 3-digit code or E-code.")],
    name: Annotated[str, typer.Option("--name", help="The person's full name.")] = "",
) -> None:
    """Create an account; the password is asked for (or read from LINEOFSIGHT_NEW_PASSWORD)."""
    from lineofsight.errors import UserError

    setup_django("lineofsight.web.settings.dev")
    from django.contrib.auth.password_validation import validate_password
    from django.core.exceptions import ValidationError
    from django.core.validators import validate_email
    from django.db import transaction

    from lineofsight.web.accounts.models import User
    from lineofsight.web.accounts.roles import parse_role
    from lineofsight.web.audit.log import record
    from lineofsight.web.audit.models import Action

    address = email.strip().lower()
    try:
        validate_email(address)
    except ValidationError as exc:
        raise UserError(f"'{email}' is not an email address.") from exc
    try:
        the_role = parse_role(role)
    except ValueError as exc:
        raise UserError(str(exc)) from exc
    la_code, council_name = _resolve_la(la)
    migrate_database()
    if User.objects.filter(email=address).exists():
        raise UserError(f"An account for {address} already exists.")

    password = os.environ.get("LINEOFSIGHT_NEW_PASSWORD") or _ask_password()
    candidate: Any = User(email=address, full_name=name, role=the_role, la_code=la_code)
    try:
        validate_password(password, candidate)
    except ValidationError as exc:
        raise UserError("The password is not strong enough: " + " ".join(exc.messages)) from exc
    with transaction.atomic():  # the account and its audit event together, or neither
        user = User.objects.create_user(
            address, password, role=the_role, la_code=la_code, full_name=name
        )
        record(
            None,
            Action.CHANGE,
            user=user,
            obj=("account", address),
            details={"created": "on the command line", "role": the_role.label},
        )
    typer.echo(f"Created {address}: {the_role.label}, {council_name} ({la_code}).")


def _ask_password() -> str:
    from lineofsight.errors import UserError

    if not sys.stdin.isatty():
        raise UserError(
            "No password given: set LINEOFSIGHT_NEW_PASSWORD or run createuser in a terminal."
        )
    password: str = typer.prompt("Password", hide_input=True, confirmation_prompt=True)
    return password
