"""The ``transnorm.v1.AdminService`` servicer: glossary reloads asked for over gRPC.

The servicer does not know how many processes serve the port: it is given ``reload_all``, which
reloads this process (one worker) or asks the parent to have every worker reload and waits for
their answers (several workers; see ``app``). Callers reach it only with a bearer token (see
``security.TokenAuth``).
"""
from __future__ import annotations

import os
import time
from collections.abc import Callable
from dataclasses import dataclass

import grpc

from ..v1 import admin_pb2 as admin_pb
from .log import say
from .service import _NO_DEADLINE, _abort, _Failure, _parsing

ADMIN_SERVICE_NAME = admin_pb.DESCRIPTOR.services_by_name["AdminService"].full_name


@dataclass(frozen=True)
class ReloadOutcome:
    """How one process's reload went: the versions before and after, or why it was refused."""

    pid: int
    old_version: str
    new_version: str  # the old version again when refused
    error: str = ""  # why the glossary was refused; "" when it was swapped in
    sources: tuple[str, ...] = ()  # the files it read


class ReloadUnavailable(Exception):
    """The reload could not reach every worker (the parent process is gone or stopping)."""


# How long a reload may take when the caller set no deadline: loading and indexing a large
# glossary takes seconds, not minutes.
DEFAULT_RELOAD_WAIT = 300.0


class AdminServicer:
    """Serves ``ReloadGlossary`` by calling ``reload_all(timeout)``, which returns every worker's outcome."""

    def __init__(self, reload_all: Callable[[float | None], list[ReloadOutcome]]) -> None:
        self._reload_all = reload_all

    def ReloadGlossary(self, request: admin_pb.ReloadGlossaryRequest,  # noqa: N802 (grpc's name)
                       context: grpc.ServicerContext) -> admin_pb.ReloadGlossaryResponse:
        remaining = context.time_remaining()
        timeout = remaining if remaining is not None and remaining < _NO_DEADLINE else DEFAULT_RELOAD_WAIT
        say(f"glossary reload asked for by {context.peer()}", event="reload_requested", peer=context.peer())
        started = time.monotonic()
        try:
            outcomes = self._reload_all(timeout)
        except TimeoutError:
            _abort(context, _Failure(grpc.StatusCode.DEADLINE_EXCEEDED,
                                     "the deadline passed before every worker had answered; the reload goes on "
                                     "and the server log says how it ended"))
        except ReloadUnavailable as e:
            _abort(context, _Failure(grpc.StatusCode.UNAVAILABLE, f"the reload could not reach every worker: {e}"))
        if not outcomes:
            _abort(context, _Failure(grpc.StatusCode.UNAVAILABLE, "no worker answered the reload"))
        mine = next((o for o in outcomes if o.pid == os.getpid()), outcomes[0])
        refused = [o for o in outcomes if o.error]
        if refused:
            errors = list(dict.fromkeys(o.error for o in refused))
            subject = ", ".join(mine.sources)
            if len(refused) == len(outcomes):
                message = f"the glossary was refused; still serving {mine.old_version}: {errors[0]}"
            else:  # the files changed between one worker's read and another's
                message = (f"{len(refused)} of {len(outcomes)} workers refused the glossary and still serve their "
                           f"old one (the files changed during the reload; fix them and reload again): {errors[0]}")
            _abort(context, _Failure(grpc.StatusCode.FAILED_PRECONDITION, message,
                                     preconditions=[("GLOSSARY", subject, e) for e in errors]))
        versions = sorted({o.new_version for o in outcomes})
        if len(versions) > 1:
            _abort(context, _Failure(grpc.StatusCode.ABORTED,
                                     f"the workers loaded different glossaries ({', '.join(versions)}): the files "
                                     "changed during the reload; reload again"))
        workers = f"{len(outcomes)} worker{'' if len(outcomes) == 1 else 's'}"
        say(f"glossary reload by RPC done in {time.monotonic() - started:.2f} s: {mine.old_version} -> "
            f"{mine.new_version} ({workers})", event="reload_rpc", old_version=mine.old_version,
            glossary_version=mine.new_version, workers=len(outcomes))
        return admin_pb.ReloadGlossaryResponse(old_version=mine.old_version, new_version=mine.new_version,
                                               workers=len(outcomes))


def add_to_server(servicer: AdminServicer, server: grpc.Server) -> None:
    """Register ``servicer`` on ``server``; requests are parsed as in the normalizer service."""
    handler = grpc.unary_unary_rpc_method_handler(
        _parsing(servicer.ReloadGlossary, admin_pb.ReloadGlossaryRequest), request_deserializer=None,
        response_serializer=admin_pb.ReloadGlossaryResponse.SerializeToString)
    server.add_generic_rpc_handlers((grpc.method_handlers_generic_handler(
        ADMIN_SERVICE_NAME, {"ReloadGlossary": handler}),))
