"""The gRPC service: the ``transnorm.v1.NormalizerService`` servicer and the process that runs it.

Names load on first use, so ``transnorm.server.settings`` (the command-line options) can be read
without importing grpc.
"""
from __future__ import annotations

import importlib
from typing import Any

_EXPORTS = {
    "RunningServer": "app", "serve": "app", "start": "app",
    "GlossaryInfo": "convert",
    "Security": "security", "SecurityError": "security",
    "SERVICE_NAME": "service", "NormalizerServicer": "service",
}
__all__ = sorted(_EXPORTS)


def __getattr__(name: str) -> Any:
    if name not in _EXPORTS:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    return getattr(importlib.import_module(f".{_EXPORTS[name]}", __name__), name)
