"""Analysts, their API tokens and their browser sessions: the `users`, `api_tokens` and `sessions`
tables (migrations `w001_web_auth.py`, `w002_sessions.py`).

Only hashes are stored: scrypt for passwords, SHA-256 for tokens and session ids (see security.py).
A token is shown once, when it is made. Roles are ordered: a viewer may sign in and read, an
analyst may also review incidents and post articles, an admin may also manage users.

A session is a row: signing out deletes it, so a copied cookie stops working at once. A new
password ends every session of the user and revokes their tokens (whoever knew the old one may
have made them); deactivating a user does the same. The last active admin can be neither demoted
nor deactivated, so there is always someone who can manage users from the web.
"""

from __future__ import annotations

import datetime as dt
import functools
import secrets
from typing import Literal

import sqlalchemy as sa
from pydantic import BaseModel
from sqlalchemy.engine import Engine

from .security import hash_api_token, hash_password, new_api_token, verify_password

Role = Literal["viewer", "analyst", "admin"]
ROLES: tuple[Role, ...] = ("viewer", "analyst", "admin")

metadata = sa.MetaData()
users = sa.Table(
    "users", metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("name", sa.String(100), nullable=False, unique=True),
    sa.Column("role", sa.String(20), nullable=False),
    sa.Column("password_hash", sa.String(200), nullable=False),
    sa.Column("active", sa.Boolean, nullable=False, default=True),
    sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
)
api_tokens = sa.Table(
    "api_tokens", metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("user_id", sa.Integer, sa.ForeignKey("users.id", ondelete="CASCADE"), nullable=False, index=True),
    sa.Column("label", sa.String(100), nullable=False),
    sa.Column("token_hash", sa.String(64), nullable=False, unique=True),
    sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
    sa.Column("last_used_at", sa.DateTime(timezone=True)),
    sa.Column("revoked_at", sa.DateTime(timezone=True)),
)
sessions = sa.Table(
    "sessions", metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("user_id", sa.Integer, sa.ForeignKey("users.id", ondelete="CASCADE"), nullable=False, index=True),
    sa.Column("token_hash", sa.String(64), nullable=False, unique=True),
    sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
    sa.Column("expires_at", sa.DateTime(timezone=True), nullable=False),
)


class User(BaseModel):
    id: int
    name: str
    role: Role
    active: bool = True

    def can(self, role: Role) -> bool:
        """Whether this user holds `role` or a higher one."""
        return ROLES.index(self.role) >= ROLES.index(role)


class TokenInfo(BaseModel):
    """What the account page and `strikewatch user tokens` show of a token: never the token itself."""

    id: int
    label: str
    created_at: dt.datetime
    last_used_at: dt.datetime | None = None


class UserError(ValueError):
    """A user or token request that cannot be carried out; the message says why."""


def add_user(engine: Engine, name: str, password: str, role: Role = "analyst") -> User:
    name = name.strip()
    if not name or len(name) > 100:
        raise UserError("a user name is 1 to 100 characters")
    if role not in ROLES:
        raise UserError(f"role must be one of {', '.join(ROLES)}, not {role!r}")
    if len(password) < 8:
        raise UserError("a password needs at least 8 characters")
    with engine.begin() as conn:
        if conn.execute(sa.select(users.c.id).where(users.c.name == name)).first():
            raise UserError(f"user {name!r} exists already")
        result = conn.execute(users.insert().values(name=name, role=role, password_hash=hash_password(password),
                                                    active=True, created_at=_now()))
        uid = int(result.inserted_primary_key[0])  # type: ignore[index]
    return User(id=uid, name=name, role=role)


def set_password(engine: Engine, name: str, password: str) -> None:
    """A new password; every session of the user ends and every token of theirs is revoked."""
    if len(password) < 8:
        raise UserError("a password needs at least 8 characters")
    with engine.begin() as conn:
        row = _row(conn, name)
        conn.execute(users.update().where(users.c.id == row.id).values(password_hash=hash_password(password)))
        _cut_off(conn, row.id)


def set_role(engine: Engine, name: str, role: Role) -> None:
    if role not in ROLES:
        raise UserError(f"role must be one of {', '.join(ROLES)}, not {role!r}")
    with engine.begin() as conn:
        row = _row(conn, name)
        if role != "admin":
            _not_last_admin(conn, row, "stop being an admin")
        conn.execute(users.update().where(users.c.id == row.id).values(role=role))


def deactivate_user(engine: Engine, name: str) -> None:
    """The user can no longer sign in; their sessions end and their tokens are revoked. Kept in
    the table (the audit log names them), and `activate_user` brings them back with new tokens."""
    with engine.begin() as conn:
        row = _row(conn, name)
        _not_last_admin(conn, row, "be deactivated")
        conn.execute(users.update().where(users.c.id == row.id).values(active=False))
        _cut_off(conn, row.id)


def activate_user(engine: Engine, name: str) -> None:
    with engine.begin() as conn:
        conn.execute(users.update().where(users.c.id == _row(conn, name).id).values(active=True))


def _row(conn: sa.Connection, name: str) -> sa.Row:  # type: ignore[type-arg]
    row = conn.execute(sa.select(users).where(users.c.name == name.strip())).first()
    if row is None:
        raise UserError(f"no user {name!r}")
    return row


def _not_last_admin(conn: sa.Connection, row: sa.Row, action: str) -> None:  # type: ignore[type-arg]
    """Refuse to leave no active admin. FOR UPDATE (PostgreSQL) makes two admins demoting each
    other at once wait for one another; SQLite has one writer anyway."""
    if row.role != "admin" or not row.active:
        return
    admins = conn.execute(sa.select(users.c.id).where(users.c.role == "admin", users.c.active)
                          .with_for_update()).all()
    if len(admins) <= 1:
        raise UserError(f"{row.name} is the last active admin and cannot {action}: make another user admin first")


def _cut_off(conn: sa.Connection, user_id: int) -> None:
    """End every session of the user and revoke every token of theirs."""
    conn.execute(sessions.delete().where(sessions.c.user_id == user_id))
    conn.execute(api_tokens.update().where(api_tokens.c.user_id == user_id, api_tokens.c.revoked_at.is_(None))
                 .values(revoked_at=_now()))


def authenticate(engine: Engine, name: str, password: str) -> User | None:
    with engine.connect() as conn:
        row = conn.execute(sa.select(users).where(users.c.name == name.strip(), users.c.active)).first()
    if row is None:
        verify_password(password, _dummy_hash())  # spend the same time, so timing does not reveal names
        return None
    return User(id=row.id, name=row.name, role=row.role) if verify_password(password, row.password_hash) else None


def get_user(engine: Engine, user_id: int) -> User | None:
    with engine.connect() as conn:
        row = conn.execute(sa.select(users).where(users.c.id == user_id, users.c.active)).first()
    return User(id=row.id, name=row.name, role=row.role) if row else None


def list_users(engine: Engine, *, inactive: bool = False) -> list[User]:
    """Active users by name; with `inactive`, the deactivated ones too."""
    query = sa.select(users).order_by(users.c.name)
    with engine.connect() as conn:
        rows = conn.execute(query if inactive else query.where(users.c.active)).all()
    return [User(id=r.id, name=r.name, role=r.role, active=r.active) for r in rows]


def find_user(engine: Engine, name: str) -> User | None:
    """The active user called `name`, or None."""
    return next((u for u in list_users(engine) if u.name == name.strip()), None)


def start_session(engine: Engine, user: User, max_age: int) -> str:
    """A new session for `user`; returns its id for the cookie (only its hash is stored)."""
    sid = secrets.token_urlsafe(32)
    now = _now()
    with engine.begin() as conn:
        conn.execute(sessions.delete().where(sessions.c.expires_at < now))  # tidy: expired ones go
        conn.execute(sessions.insert().values(user_id=user.id, token_hash=hash_api_token(sid), created_at=now,
                                              expires_at=now + dt.timedelta(seconds=max_age)))
    return sid


def session_user(engine: Engine, sid: str) -> User | None:
    """The active user of an unexpired session, or None (signed out, expired, cut off, or forged)."""
    with engine.connect() as conn:
        row = conn.execute(
            sa.select(users.c.id, users.c.name, users.c.role).join(sessions, sessions.c.user_id == users.c.id)
            .where(sessions.c.token_hash == hash_api_token(sid), sessions.c.expires_at > _now(), users.c.active)
        ).first()
    return User(id=row.id, name=row.name, role=row.role) if row else None


def end_session(engine: Engine, sid: str) -> None:
    with engine.begin() as conn:
        conn.execute(sessions.delete().where(sessions.c.token_hash == hash_api_token(sid)))


def create_token(engine: Engine, user: User, label: str = "script") -> str:
    """A new API token for `user`; returns the token itself, which is never stored or shown again."""
    token = new_api_token()
    with engine.begin() as conn:
        conn.execute(api_tokens.insert().values(user_id=user.id, label=label[:100] or "script",
                                                token_hash=hash_api_token(token), created_at=_now()))
    return token


def token_user(engine: Engine, token: str) -> User | None:
    """The active user a bearer token belongs to, or None; records when the token was last used."""
    digest = hash_api_token(token)
    with engine.begin() as conn:
        row = conn.execute(
            sa.select(users.c.id, users.c.name, users.c.role, api_tokens.c.id.label("tid"))
            .join(api_tokens, api_tokens.c.user_id == users.c.id)
            .where(api_tokens.c.token_hash == digest, api_tokens.c.revoked_at.is_(None), users.c.active)
        ).first()
        if row is None:
            return None
        conn.execute(api_tokens.update().where(api_tokens.c.id == row.tid).values(last_used_at=_now()))
    return User(id=row.id, name=row.name, role=row.role)


def list_tokens(engine: Engine, user: User) -> list[TokenInfo]:
    """The user's tokens still in force, oldest first."""
    with engine.connect() as conn:
        rows = conn.execute(sa.select(api_tokens).where(api_tokens.c.user_id == user.id,
                                                        api_tokens.c.revoked_at.is_(None))
                            .order_by(api_tokens.c.id)).all()
    return [TokenInfo(id=r.id, label=r.label, created_at=r.created_at, last_used_at=r.last_used_at) for r in rows]


def revoke_token(engine: Engine, user: User, token_id: int) -> None:
    """Revoke one of `user`'s tokens (another user's token id is 'no such token', as is a revoked one)."""
    with engine.begin() as conn:
        if not conn.execute(api_tokens.update().where(api_tokens.c.id == token_id, api_tokens.c.user_id == user.id,
                                                      api_tokens.c.revoked_at.is_(None))
                            .values(revoked_at=_now())).rowcount:
            raise UserError(f"{user.name} has no token {token_id} in force")


def revoke_tokens(engine: Engine, user: User) -> int:
    with engine.begin() as conn:
        return conn.execute(api_tokens.update().where(api_tokens.c.user_id == user.id,
                                                      api_tokens.c.revoked_at.is_(None))
                            .values(revoked_at=_now())).rowcount


def _now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


@functools.cache
def _dummy_hash() -> str:
    return hash_password("not a real password, only for equal timing")
