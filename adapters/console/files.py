"""Writes a reply's attachments to files for the terminal, and says where each one went.

A terminal cannot show a picture, so a chart or an export becomes a file: in ``directory`` under a
name of its own (the attachment's name and the time), or, for a picture, at ``photo_path`` when one
was asked for (``interview-bot stats --chart FILE.png``).
"""

from __future__ import annotations

import tempfile
import time
from pathlib import Path, PurePath

from rich.console import Console

from bot.model.messages import Attachment, AttachmentKind, Reply


def default_directory() -> Path:
    """Where attachments go unless told otherwise: a folder in the system's temporary directory."""
    return Path(tempfile.gettempdir()) / "interview-bot-files"


class FileSaver:
    """Saves attachments as files and prints each file's path."""

    def __init__(self, directory: Path | None = None, *, photo_path: Path | None = None) -> None:
        self.directory = directory or default_directory()
        self.photo_path = photo_path
        self.saved: list[Path] = []

    def path_for(self, attachment: Attachment) -> Path:
        """Where an attachment is written."""
        if attachment.kind is AttachmentKind.PHOTO and self.photo_path is not None:
            return self.photo_path
        name = PurePath(attachment.filename).name or "attachment"
        stem, dot, suffix = name.rpartition(".")
        stamp = time.strftime("%Y%m%d-%H%M%S")
        return self.directory / (f"{stem}-{stamp}.{suffix}" if dot else f"{name}-{stamp}")

    def save(self, attachment: Attachment) -> Path:
        """Write one attachment; return its path (raises OSError when it cannot be written)."""
        path = self.path_for(attachment)
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(attachment.data)
        self.saved.append(path)
        return path

    def save_all(self, console: Console, replies: list[Reply]) -> None:
        """Write every attachment of the replies and print where it went (or why it could not be)."""
        for reply in replies:
            for attachment in reply.attachments:
                what = "Chart" if attachment.kind is AttachmentKind.PHOTO else "File"
                try:
                    path = self.save(attachment)
                except OSError as exc:
                    console.print(f"{what} not saved: {exc.strerror or exc}", markup=False, highlight=False)
                    continue
                console.print(f"📎 {what} saved to {path}", markup=False, highlight=False, soft_wrap=True)
