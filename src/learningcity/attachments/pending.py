"""A photo waiting for its owner to choose how to convert it, kept on disk between two requests.

The bytes live in ``MEDIA_ROOT/pending/<token>`` with a small JSON note beside them that binds
them to one user and one application; ``services.remove_orphans`` expires them.
"""

import json
import re
import secrets
from dataclasses import dataclass

from learningcity.attachments import storage

TOKEN = re.compile(r"[A-Za-z0-9_-]{32}")


@dataclass(frozen=True)
class PendingUpload:
    token: str
    user_id: int
    application_id: int
    kind: str
    slot: int
    caption: str
    display_name: str
    criteria: list[int]
    replaces: int | None = None  # the file the uploader saw in the slot (0: none)

    @property
    def content(self) -> bytes:
        return storage.read_bytes(_data_name(self.token))


def _data_name(token: str) -> str:
    return f"{storage.PENDING_DIR}/{token}"


def _note_name(token: str) -> str:
    return f"{storage.PENDING_DIR}/{token}.json"


def keep(
    *,
    content: bytes,
    user,
    application,
    kind: str,
    slot: int,
    caption: str,
    display_name: str,
    criteria: list[int],
    replaces: int | None = None,
) -> str:
    """Keep ``content`` for a later choice; returns the token that finds it again."""
    token = secrets.token_urlsafe(24)
    note = {
        "user_id": user.pk,
        "application_id": application.pk,
        "kind": str(kind),
        "slot": slot,
        "caption": caption,
        "display_name": display_name,
        "criteria": criteria,
        "replaces": replaces,
    }
    storage.write_atomically(_data_name(token), content)
    storage.write_atomically(_note_name(token), json.dumps(note).encode())
    return token


def load(token: str, *, user, application) -> PendingUpload | None:
    """The pending upload ``token`` if it belongs to ``user`` and ``application``."""
    if not TOKEN.fullmatch(token):
        return None
    try:
        note = json.loads(storage.read_bytes(_note_name(token)))
    except (OSError, ValueError):
        return None
    if note.get("user_id") != user.pk or note.get("application_id") != application.pk:
        return None
    if not storage.exists(_data_name(token)):
        return None
    return PendingUpload(token=token, **note)


def drop(token: str) -> None:
    if TOKEN.fullmatch(token):
        storage.delete(_data_name(token))
        storage.delete(_note_name(token))
