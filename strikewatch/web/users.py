"""Analysts and their API tokens: the `users` and `api_tokens` tables (migration `*_web_auth.py`).

Only hashes are stored: scrypt for passwords, SHA-256 for tokens (see security.py). A token is
shown once, when it is made. Roles are ordered: a viewer may sign in and read, an analyst may also
review incidents and post articles, an admin may also manage users.
"""

from __future__ import annotations

import datetime as dt
import functools
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


class User(BaseModel):
    id: int
    name: str
    role: Role

    def can(self, role: Role) -> bool:
        """Whether this user holds `role` or a higher one."""
        return ROLES.index(self.role) >= ROLES.index(role)


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
    if len(password) < 8:
        raise UserError("a password needs at least 8 characters")
    with engine.begin() as conn:
        if not conn.execute(users.update().where(users.c.name == name)
                            .values(password_hash=hash_password(password))).rowcount:
            raise UserError(f"no user {name!r}")


def set_role(engine: Engine, name: str, role: Role) -> None:
    if role not in ROLES:
        raise UserError(f"role must be one of {', '.join(ROLES)}, not {role!r}")
    with engine.begin() as conn:
        if not conn.execute(users.update().where(users.c.name == name).values(role=role)).rowcount:
            raise UserError(f"no user {name!r}")


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


def list_users(engine: Engine) -> list[User]:
    with engine.connect() as conn:
        rows = conn.execute(sa.select(users).where(users.c.active).order_by(users.c.name)).all()
    return [User(id=r.id, name=r.name, role=r.role) for r in rows]


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
