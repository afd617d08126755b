"""`newsdesk user ...`: add users (the first admin too), list them, make invitations and API tokens."""

from __future__ import annotations

import sys
from typing import Optional

import typer

from newsdesk.cli.commands import app, opened_store
from newsdesk.cli.output import emit_json, err, fail

user_app = typer.Typer(help="Local accounts: add, list, invite, API tokens.", no_args_is_help=True)
app.add_typer(user_app, name="user")


def read_password(from_stdin: bool) -> str:
    if from_stdin:
        password = sys.stdin.readline().rstrip("\r\n")
    else:
        password = typer.prompt("Password", hide_input=True, confirmation_prompt=True)
    return password


@user_app.command("add")
def add(
    ctx: typer.Context,
    name: str = typer.Argument(..., help="User name (2-32 letters, digits, . _ -)."),
    role: str = typer.Option("reader", help="reader, moderator or admin."),
    email: Optional[str] = typer.Option(None, help="E-mail address (optional)."),
    password_stdin: bool = typer.Option(False, "--password-stdin", help="Read the password from the first line of standard input."),
    as_json: bool = typer.Option(False, "--json", help="Print the user as JSON."),
) -> None:
    """Create a user; the password is asked for (twice) or read from standard input."""
    from newsdesk.accounts.passwords import check_new_account, configure, hash_password
    from newsdesk.store.sql_users import ROLES

    accounts = ctx.obj.config.accounts
    configure(accounts.argon2_time_cost, accounts.argon2_memory_kib)

    if role not in ROLES:
        fail(f"--role {role!r}: choose one of {', '.join(ROLES)}", code=2)
    password = read_password(password_stdin)
    problem = check_new_account(name, password)
    if problem:
        fail(f"{name}: {problem}", code=2)
    with opened_store(ctx.obj.config) as store:
        try:
            user = store.create_user(name, hash_password(password), email=email, role=role)
        except ValueError as exc:
            fail(str(exc))
    if as_json:
        emit_json({"id": user.id, "username": user.username, "role": user.role})
    else:
        err.print(f"user {user.username} ({user.role}) created, id {user.id}", markup=False, soft_wrap=True)


@user_app.command("list")
def list_users(ctx: typer.Context, as_json: bool = typer.Option(False, "--json", help="Print JSON.")) -> None:
    """Every user with role, state and last log-in."""
    with opened_store(ctx.obj.config) as store:
        users = store.list_users()
    rows = [
        {"id": u.id, "username": u.username, "role": u.role, "email": u.email, "disabled": u.disabled,
         "created_at": u.created_at.isoformat(), "last_login": u.last_login.isoformat() if u.last_login else None}
        for u in users
    ]
    if as_json:
        emit_json(rows)
        return
    for row in rows:
        state = " (disabled)" if row["disabled"] else ""
        typer.echo(f"{row['id']:>5}  {row['username']:<24} {row['role']:<10} last log-in {row['last_login'] or 'never'}{state}")


@user_app.command("invite")
def invite(ctx: typer.Context, role: str = typer.Option("reader", help="Role the new user gets.")) -> None:
    """Print a one-time invitation code (for accounts.signup = "invite")."""
    from newsdesk.accounts.tokens import new_token, token_hash

    code = new_token()
    with opened_store(ctx.obj.config) as store:
        try:
            store.create_invite(token_hash(code), role)
        except ValueError as exc:
            fail(str(exc), code=2)
    typer.echo(code)


@user_app.command("token")
def token(
    ctx: typer.Context,
    name: str = typer.Argument(..., help="The user the token acts as."),
    label: str = typer.Option("cli", "--label", help="What the token is for (shown on /account)."),
    as_json: bool = typer.Option(False, "--json", help="Print the token and its id as JSON."),
) -> None:
    """Print a new personal API token for a user (send it as `Authorization: Bearer ...`)."""
    from newsdesk.accounts.api_tokens import issue_api_token

    with opened_store(ctx.obj.config) as store:
        user = store.get_user_by_name(name)
        if user is None:
            fail(f"user {name!r}: no such user", code=2)
        try:
            value, row = issue_api_token(store, user.id, label)
        except ValueError as exc:
            fail(f"{name}: {exc}")
    if as_json:
        emit_json({"id": row.id, "user": user.username, "name": row.name, "token": value})
    else:
        typer.echo(value)
