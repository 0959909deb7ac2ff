"""Tiny throwaway git repositories for the hook, staged, diff and baseline tests."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

# A PEM private key with a synthetic body (SEC100 fires on it; it is not a real key).
PEM_KEY = (
    "-----BEGIN PRIVATE KEY-----\n"
    "MIIEvQIBADANBgkqhkiG9w0BAQEFAASCBKcwggSjAgEAAoIBAQCFAKEFAKEFAKEFAK\n"
    "FAKEFAKEFAKEFAKEFAKEFAKEFAKEFAKEFAKEFAKEFAKEFAKEFAKEFAKEFAKEFAKEF\n"
    "-----END PRIVATE KEY-----\n"
)
KEY_BODY_LINE = "FAKEFAKEFAKEFAKEFAKEFAKEFAKEFAKEFAKEFAKEFAKEFAKEFAKEFAKEFAKEFAKEF"
UNENCRYPTED_RDS = 'resource "aws_db_instance" "patients" {\n  engine            = "postgres"\n  storage_encrypted = false\n}\n'
ENCRYPTED_RDS = 'resource "aws_db_instance" "patients" {\n  engine            = "postgres"\n  storage_encrypted = true\n}\n'

# Git must not read the developer's or the machine's configuration (signing, hooks paths).
GIT_ENV = {
    "GIT_CONFIG_GLOBAL": os.devnull,
    "GIT_CONFIG_NOSYSTEM": "1",
    "GIT_AUTHOR_NAME": "Test",
    "GIT_AUTHOR_EMAIL": "test@example.invalid",
    "GIT_COMMITTER_NAME": "Test",
    "GIT_COMMITTER_EMAIL": "test@example.invalid",
}


class Repo:
    def __init__(self, path: Path) -> None:
        self.path = path
        path.mkdir(parents=True, exist_ok=True)
        self.git("init", "-q", "-b", "main")

    def env(self) -> dict[str, str]:
        return {**os.environ, **GIT_ENV}

    def git(self, *args: str, check: bool = True) -> subprocess.CompletedProcess[str]:
        return subprocess.run(["git", *args], cwd=self.path, env=self.env(), capture_output=True, text=True, check=check)

    def write(self, rel: str, text: str) -> Path:
        target = self.path / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text)
        return target

    def commit(self, message: str = "change", *paths: str) -> None:
        self.git("add", *(paths or ["-A"]))
        self.git("commit", "-q", "--no-verify", "-m", message)
