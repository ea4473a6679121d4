"""Translation models for retranslation: where they live, how Argos Translate is configured, installing.

Argos Translate reads its settings from environment variables once, when it is first imported,
and creates its directories then. ``argos()`` sets them from transnorm's own configuration
(``TRANSNORM_MODELS_DIR``, ``TRANSNORM_MT_THREADS``, ``TRANSNORM_MT_BEAM``) before that import,
so every file Argos writes stays under the transnorm models directory.
"""
from __future__ import annotations

import json
import os
import socket
import threading
import urllib.request
import zipfile
from dataclasses import dataclass
from pathlib import Path

INSTALL_HINT = "install it with `pip install 'transnorm[retranslate]'`"
NETWORK_TIMEOUT = 30.0  # seconds for one index or package download


class ModelError(Exception):
    """A model operation that failed for a reason the user can act on; the message says which."""


@dataclass(frozen=True, slots=True)
class ModelInfo:
    """One installed translation package."""

    from_code: str
    to_code: str
    version: str
    path: Path
    own_splitter: bool  # the package ships a sentence splitter (transnorm splits sentences itself)

    @property
    def pair(self) -> str:
        return f"{self.from_code}->{self.to_code}"


def models_dir() -> Path:
    """``TRANSNORM_MODELS_DIR``, else ``$XDG_DATA_HOME/transnorm/argos``, else ``~/.local/share/transnorm/argos``."""
    explicit = os.environ.get("TRANSNORM_MODELS_DIR")
    if explicit:
        return Path(explicit).expanduser()
    base = os.environ.get("XDG_DATA_HOME") or str(Path.home() / ".local" / "share")
    return Path(base) / "transnorm" / "argos"


def packages_dir(root: Path | None = None) -> Path:
    return (root or models_dir()) / "packages"


def _int_env(name: str, default: int) -> int:
    raw = os.environ.get(name, "")
    try:
        value = int(raw) if raw else default
    except ValueError:
        raise ModelError(f"{name}={raw!r} is not a whole number") from None
    if value < 0:
        raise ModelError(f"{name}={raw!r} must not be negative")
    return value


_lock = threading.Lock()
_argos = None
_argos_root: Path | None = None


def argos():
    """Import and configure Argos Translate once per process; returns ``argostranslate.package``.

    Raises ``ModelError`` when the ``retranslate`` extra is not installed.
    """
    global _argos, _argos_root
    root = models_dir()
    with _lock:
        if _argos is None:
            # Settings are read at import time; the XDG variables are only borrowed for that
            # import so that Argos creates its data, config and cache directories under ours.
            root.mkdir(parents=True, exist_ok=True)
            env = {
                "ARGOS_PACKAGES_DIR": str(packages_dir(root)),
                "ARGOS_DEBUG": "0",
                "ARGOS_MODEL_PROVIDER": "OPENNMT",
                "ARGOS_CHUNK_TYPE": "MINISBD",
                "ARGOS_DEVICE_TYPE": "cpu",
                "ARGOS_INTRA_THREADS": str(_int_env("TRANSNORM_MT_THREADS", 1)),
                "ARGOS_BEAM_SIZE": str(max(1, _int_env("TRANSNORM_MT_BEAM", 2))),
                "XDG_DATA_HOME": str(root / "data"),
                "XDG_CONFIG_HOME": str(root / "config"),
                "XDG_CACHE_HOME": str(root / "cache"),
            }
            saved = {k: os.environ.get(k) for k in env}
            os.environ.update(env)
            try:
                import argostranslate.package as package
                import argostranslate.settings as settings
                # Imports onnxruntime (for Argos's own sentence splitter, never used here), which
                # writes a device id under XDG_CACHE_HOME on import: keep it in our directory too.
                import argostranslate.translate  # noqa: F401
            except ImportError as e:
                raise ModelError(f"Argos Translate is not installed ({e.name}); {INSTALL_HINT}") from None
            finally:
                for k, v in saved.items():
                    if k.startswith("XDG_"):
                        if v is None:
                            os.environ.pop(k, None)
                        else:
                            os.environ[k] = v
            _argos = (package, settings)
        package, settings = _argos
        if _argos_root != root:
            # Argos may have been imported by the host program first, or the directory changed
            # (tests do that): point it at ours either way.
            pdir = packages_dir(root)
            pdir.mkdir(parents=True, exist_ok=True)
            settings.package_data_dir = pdir
            settings.package_dirs = [pdir]
            settings.local_package_index = root / "index.json"
            settings.downloads_dir = root / "downloads"
            settings.downloads_dir.mkdir(parents=True, exist_ok=True)
            _argos_root = root
        return package


def _read_info(path: Path) -> ModelInfo | None:
    try:
        meta = json.loads((path / "metadata.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    if not isinstance(meta, dict) or meta.get("type", "translate") != "translate":
        return None
    src, dst = meta.get("from_code"), meta.get("to_code")
    if not isinstance(src, str) or not isinstance(dst, str):
        return None
    own = any((path / d).is_dir() for d in ("minisbd", "stanza", "spacy"))
    return ModelInfo(src, dst, str(meta.get("package_version", "")), path, own)


def installed(root: Path | None = None) -> list[ModelInfo]:
    """Installed translation packages, read from their metadata (no model is loaded)."""
    pdir = packages_dir(root)
    if not pdir.is_dir():
        return []
    out = [i for p in sorted(pdir.iterdir()) if p.is_dir() and (i := _read_info(p)) is not None]
    return sorted(out, key=lambda i: (i.from_code, i.to_code, i.path.name))


def find(from_code: str, to_code: str, root: Path | None = None) -> ModelInfo | None:
    for info in installed(root):
        if info.from_code == from_code and info.to_code == to_code:
            return info
    return None


def _check_archive(path: Path) -> str:
    """Validate a package file before anything is extracted; returns its top-level directory name."""
    if not path.is_file():
        raise ModelError(f"{path}: no such file")
    if not zipfile.is_zipfile(path):
        raise ModelError(f"{path}: not an Argos model package (an .argosmodel file is a zip archive)")
    with zipfile.ZipFile(path) as z:
        names = z.namelist()
        tops = {n.split("/", 1)[0] for n in names}
        if len(tops) != 1 or any(n.startswith("/") or ".." in n.split("/") for n in names):
            raise ModelError(f"{path}: a package must hold exactly one top-level directory")
        top = tops.pop()
        if f"{top}/metadata.json" not in names:
            raise ModelError(f"{path}: {top}/metadata.json is missing")
        try:
            meta = json.loads(z.read(f"{top}/metadata.json"))
        except ValueError as e:
            raise ModelError(f"{path}: metadata.json is not valid JSON ({e})") from None
        if not isinstance(meta, dict) or meta.get("type", "translate") != "translate":
            raise ModelError(f"{path}: not a translation package (type {meta.get('type')!r})")
        if not meta.get("from_code") or not meta.get("to_code"):
            raise ModelError(f"{path}: metadata.json has no from_code/to_code")
        if not any(n.startswith(f"{top}/model/") for n in names):
            raise ModelError(f"{path}: the package has no model/ directory")
        if f"{top}/sentencepiece.model" not in names and f"{top}/bpe.model" not in names:
            raise ModelError(f"{path}: the package has no tokenizer (sentencepiece.model or bpe.model)")
    return top


def install_file(path: str | Path) -> ModelInfo:
    """Install an ``.argosmodel`` file, then load it once to prove it works (a broken one is removed)."""
    path = Path(path)
    top = _check_archive(path)
    package = argos()
    target = packages_dir() / top
    try:
        package.install_from_path(path)
    except Exception as e:  # Argos raises bare Exception for bad archives
        raise ModelError(f"{path}: could not install: {e}") from None
    info = _read_info(target)
    if info is None:
        raise ModelError(f"{path}: installed, but its metadata cannot be read")
    from .engine.retranslate import load_backend

    try:
        backend = load_backend(info)
        backend.translate_sentence("test")
    except Exception as e:
        import shutil

        shutil.rmtree(target, ignore_errors=True)
        raise ModelError(f"{path}: the model does not load ({e}); it was not installed") from None
    return info


def install_pair(from_code: str, to_code: str) -> ModelInfo:
    """Download the package for a language pair from the Argos index and install it."""
    package = argos()
    import argostranslate.settings as settings

    index_url = settings.remote_package_index
    try:
        with urllib.request.urlopen(index_url, timeout=NETWORK_TIMEOUT) as resp:
            data = resp.read()
        index = json.loads(data)
    except (OSError, ValueError, socket.timeout) as e:
        raise ModelError(f"cannot read the Argos package index at {index_url} ({_reason(e)}); "
                         "without network access, download the .argosmodel file elsewhere and run "
                         "`transnorm models install FILE.argosmodel`") from None
    Path(settings.local_package_index).write_bytes(data)
    match = [p for p in index if isinstance(p, dict) and p.get("from_code") == from_code
             and p.get("to_code") == to_code and p.get("type", "translate") == "translate"]
    if not match:
        raise ModelError(f"the Argos package index has no {from_code}->{to_code} package")
    available = package.AvailablePackage(match[0])
    old = socket.getdefaulttimeout()
    socket.setdefaulttimeout(NETWORK_TIMEOUT)  # Argos downloads without a timeout of its own
    try:
        downloaded = available.download()
    except Exception as e:
        raise ModelError(f"downloading the {from_code}->{to_code} package failed ({_reason(e)})") from None
    finally:
        socket.setdefaulttimeout(old)
    try:
        return install_file(downloaded)
    finally:
        Path(downloaded).unlink(missing_ok=True)


def _reason(e: BaseException) -> str:
    reason = getattr(e, "reason", None)
    return str(reason or e) or type(e).__name__
