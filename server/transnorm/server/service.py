"""The ``transnorm.v1.NormalizerService`` servicer: gRPC calls mapped onto one shared ``Engine``."""
from __future__ import annotations

import logging
import traceback
import threading
import time
from collections import Counter
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import NoReturn, TypeVar

import grpc
from google.protobuf import any_pb2
from google.rpc import error_details_pb2, status_pb2
from grpc_status import rpc_status

from ..engine import DeadlineExceeded, Engine, Options, OptionsError, TextTooLarge
from ..v1 import normalizer_pb2 as pb
from ..v1 import normalizer_pb2_grpc as pb_grpc
from . import convert
from .convert import GlossaryInfo

log = logging.getLogger("transnorm.server")
T = TypeVar("T")

SERVICE_NAME = pb.DESCRIPTOR.services_by_name["NormalizerService"].full_name

# A deadline further away than this is no deadline: grpc reports "none" as a huge remainder.
_NO_DEADLINE = 365 * 24 * 3600.0


def glossary_names(engine: Engine) -> tuple[str, ...]:
    """The values ``Options.glossary`` accepts: file names, their versions and the full version."""
    version = engine.glossary.version
    names = [version, version.split("#", 1)[0]]
    names += version.split("#", 1)[0].split("+")
    names += [Path(s).stem for s in engine.glossary.sources]
    return tuple(dict.fromkeys(n for n in names if n))


def glossary_info(engine: Engine) -> GlossaryInfo:
    g = engine.glossary
    kinds = Counter(e.kind for e in g.entries)
    return GlossaryInfo(
        version=g.version, sources=g.sources, names=glossary_names(engine), entry_count=len(g.entries),
        kind_counts=dict(sorted(kinds.items())), phrase_count=len(g.phrases),
        rules=tuple(engine.rules[r] for r in sorted(engine.rules)),
    )


class _Failure(Exception):
    """A request that fails with ``code``; ``violations`` become a ``google.rpc.BadRequest``,
    ``preconditions`` (type, subject, description) a ``google.rpc.PreconditionFailure``."""

    def __init__(self, code: grpc.StatusCode, message: str, violations: Iterable[tuple[str, str]] = (),
                 retry_after: float | None = None, preconditions: Iterable[tuple[str, str, str]] = ()) -> None:
        super().__init__(message)
        self.code, self.message, self.violations = code, message, list(violations)
        self.retry_after = retry_after  # seconds, sent as a google.rpc.RetryInfo
        self.preconditions = list(preconditions)


def _failure(exc: Exception) -> _Failure:
    """The status a document-level engine error maps to."""
    if isinstance(exc, OptionsError):
        violations = exc.violations
        return _Failure(grpc.StatusCode.INVALID_ARGUMENT, "invalid request: " + "; ".join(f"{f}: {d}" for f, d in violations),
                        violations)
    if isinstance(exc, TextTooLarge):
        return _Failure(grpc.StatusCode.RESOURCE_EXHAUSTED,
                        f"the text has {exc.size} characters; this server accepts at most {exc.limit} per document")
    raise TypeError(f"not a document error: {exc!r}")


def _status(failure: _Failure) -> grpc.Status:
    details = []
    if failure.violations:
        bad = error_details_pb2.BadRequest(field_violations=[
            error_details_pb2.BadRequest.FieldViolation(field=f, description=d) for f, d in failure.violations])
        packed = any_pb2.Any()
        packed.Pack(bad)
        details.append(packed)
    if failure.preconditions:
        unmet = error_details_pb2.PreconditionFailure(violations=[
            error_details_pb2.PreconditionFailure.Violation(type=t, subject=subject, description=d)
            for t, subject, d in failure.preconditions])
        packed = any_pb2.Any()
        packed.Pack(unmet)
        details.append(packed)
    if failure.retry_after is not None:
        retry = error_details_pb2.RetryInfo()
        retry.retry_delay.FromNanoseconds(int(failure.retry_after * 1e9))
        packed = any_pb2.Any()
        packed.Pack(retry)
        details.append(packed)
    return rpc_status.to_status(status_pb2.Status(code=failure.code.value[0], message=failure.message, details=details))


_INTERNAL = _Failure(grpc.StatusCode.INTERNAL,
                     "internal error: the server could not process the request (details are in its log)")
BUSY_RETRY = 0.5  # seconds a refused caller is told to wait before trying again
MAX_NAME = 500  # characters; a name to look up is a few words, not a document


class NormalizerServicer(pb_grpc.NormalizerServiceServicer):
    """Serves one engine, built at start and shared read-only by every call and thread."""

    def __init__(self, engine: Engine, max_concurrent: int | None = None) -> None:
        self._state = self._state_of(engine)
        # Calls at work at once; past it a call is refused at once with a retry hint, rather than
        # queueing behind heavy ones until its deadline.
        self.max_concurrent = max_concurrent
        self._slots = threading.BoundedSemaphore(max_concurrent) if max_concurrent else None
        self.on_swap: list[Callable[[Engine], None]] = []  # told of each new engine (the metrics)

    @staticmethod
    def _state_of(engine: Engine) -> tuple[Engine, frozenset[str], pb.GetGlossaryInfoResponse]:
        return engine, frozenset(glossary_names(engine)), convert.info_to_proto(glossary_info(engine))

    # The engine and what is derived from it change together, by one assignment (``swap``).
    engine = property(lambda self: self._state[0])
    names = property(lambda self: self._state[1])
    info = property(lambda self: self._state[2])

    def swap(self, engine: Engine) -> None:
        """Serve ``engine`` from now on (a reloaded glossary). Calls already running finish with
        the engine they started with; their results carry its glossary version."""
        self._state = self._state_of(engine)
        for listener in self.on_swap:
            listener(engine)

    # -- RPCs ------------------------------------------------------------------------------------
    def Normalize(self, request: pb.NormalizeRequest, context: grpc.ServicerContext) -> pb.NormalizeResponse:
        return self._call(context, "Normalize", lambda deadline: pb.NormalizeResponse(
            result=self._run(request.text, request.options, deadline, apply=True)))

    def Check(self, request: pb.CheckRequest, context: grpc.ServicerContext) -> pb.CheckResponse:
        return self._call(context, "Check", lambda deadline: pb.CheckResponse(
            result=self._run(request.text, request.options, deadline, apply=False)))

    def NormalizeBatch(self, request: pb.NormalizeBatchRequest,
                       context: grpc.ServicerContext) -> pb.NormalizeBatchResponse:
        def batch(deadline: float | None) -> pb.NormalizeBatchResponse:
            shared = self._options(request.options, "options")
            # Options wrong for every document fail the call, not each document separately.
            try:
                shared.validate(set(self.engine.rules), self.engine.categories)
            except OptionsError as e:
                raise _failure(e) from None
            out = pb.NormalizeBatchResponse()
            for i, doc in enumerate(request.documents):
                own = doc.HasField("options")
                try:
                    options = self._options(doc.options, f"documents[{i}].options") if own else shared
                    result = self.engine.normalize(doc.text, options, deadline)
                except OptionsError as e:
                    f = _failure(OptionsError([(_document_path(fld, i, own), d) for fld, d in e.violations]))
                    out.results.add(error=_document_error(f))
                except TextTooLarge as e:
                    out.results.add(error=_document_error(_failure(e)))
                except _Failure as f:
                    out.results.add(error=_document_error(f))
                except DeadlineExceeded:
                    raise
                except Exception as e:
                    # A text that trips a bug costs only its own result; the cause goes to the log.
                    _log_internal(f"NormalizeBatch, document {i}", e)
                    out.results.add(error=_document_error(_INTERNAL))
                else:
                    out.results.add(result=convert.result_to_proto(result))
            return out

        return self._call(context, "NormalizeBatch", batch)

    def LookupTerm(self, request: pb.LookupTermRequest, context: grpc.ServicerContext) -> pb.LookupTermResponse:
        def lookup(deadline: float | None) -> pb.LookupTermResponse:
            bad = []
            if not request.name.strip():
                bad.append(("name", "the name is empty"))
            elif len(request.name) > MAX_NAME:
                bad.append(("name", f"the name has {len(request.name)} characters; at most {MAX_NAME} are accepted"))
            if request.limit < 0:
                bad.append(("limit", f"{request.limit} is negative"))
            min_score = request.min_score if request.HasField("min_score") else convert.DEFAULT_MIN_SCORE
            if not 0.0 <= min_score <= 100.0:
                bad.append(("min_score", f"{min_score} is outside [0, 100]"))
            if bad:
                raise _Failure(grpc.StatusCode.INVALID_ARGUMENT,
                               "invalid request: " + "; ".join(f"{f}: {d}" for f, d in bad), bad)
            matches = self.engine.lookup(request.name, request.limit or convert.DEFAULT_LOOKUP_LIMIT, min_score)
            return pb.LookupTermResponse(matches=[convert.match_to_proto(m) for m in matches])

        return self._call(context, "LookupTerm", lookup)

    def GetGlossaryInfo(self, request: pb.GetGlossaryInfoRequest,
                        context: grpc.ServicerContext) -> pb.GetGlossaryInfoResponse:
        return self.info

    # -- helpers ---------------------------------------------------------------------------------
    def _options(self, msg: pb.Options, path: str) -> Options:
        """Engine options for ``msg``; every problem the message has is reported at once."""
        options, bad = convert.parse_options(msg, path)
        if msg.glossary and msg.glossary not in self.names:
            bad.append((f"{path}.glossary", f"this server has not loaded a glossary named {msg.glossary!r}; "
                                            f"it serves {', '.join(sorted(self.names))}"))
        if bad:
            try:
                options.validate(set(self.engine.rules), self.engine.categories)
            except OptionsError as e:
                bad += [(path + f.removeprefix("options"), d) for f, d in e.violations]
            raise _failure(OptionsError(bad))
        return options

    def _run(self, text: str, msg: pb.Options, deadline: float | None, apply: bool) -> pb.Result:
        options = self._options(msg, "options")
        try:
            result = self.engine.normalize(text, options, deadline, apply=apply)
        except (OptionsError, TextTooLarge) as e:
            raise _failure(e) from None
        return convert.result_to_proto(result)

    def _call(self, context: grpc.ServicerContext, name: str, body: Callable[[float | None], T]) -> T:
        """Run ``body(deadline)`` and turn every failure into a status the caller can act on."""
        remaining = context.time_remaining()
        deadline = None
        if remaining is not None and remaining < _NO_DEADLINE:
            if remaining <= 0:
                _abort(context, _Failure(grpc.StatusCode.DEADLINE_EXCEEDED, "the deadline passed before the call started"))
            deadline = time.monotonic() + remaining
        if self._slots is not None and not self._slots.acquire(blocking=False):
            _abort(context, _Failure(
                grpc.StatusCode.RESOURCE_EXHAUSTED,
                f"the server is busy: {self.max_concurrent} calls are running; retry in a moment", retry_after=BUSY_RETRY))
        try:
            return body(deadline)
        except _Failure as f:
            _abort(context, f)
        except DeadlineExceeded:
            _abort(context, _Failure(grpc.StatusCode.DEADLINE_EXCEEDED,
                                     "the deadline passed before the text was fully checked; nothing was changed"))
        except Exception as e:
            # The traceback goes to the server log only: callers get no internals.
            _log_internal(name, e)
            _abort(context, _INTERNAL)
        finally:
            if self._slots is not None:
                self._slots.release()


def _log_internal(where: str, exc: BaseException) -> None:
    """Log an internal error with its type and where it was raised, frame by frame, but not its
    message or any value: a message may quote the caller's text, which stays out of the log."""
    frames = traceback.extract_tb(exc.__traceback__)
    trail = " <- ".join(f"{Path(f.filename).name}:{f.lineno} {f.name}" for f in reversed(frames))
    log.error("internal error in %s: %s at %s", where, type(exc).__name__, trail)


def _document_path(field: str, index: int, own_options: bool) -> str:
    """Where in a batch request a violation the engine reported for one document lies."""
    if field.startswith("options.") and not own_options:
        return field  # the request-level options, which this document uses
    return f"documents[{index}].{field}"


def _document_error(failure: _Failure) -> pb.DocumentError:
    return pb.DocumentError(code=failure.code.value[0], message=failure.message,
                            field_violations=convert.field_violations(failure.violations))


def _abort(context: grpc.ServicerContext, failure: _Failure) -> NoReturn:
    context.abort_with_status(_status(failure))
    raise AssertionError("abort_with_status returned")  # grpc raises; this keeps the type honest


# Each RPC with its request type. The requests arrive as bytes and are parsed here, so a
# malformed message is the caller's mistake (INVALID_ARGUMENT), not an INTERNAL error of grpc's
# own deserializer.
_METHODS = {
    "Normalize": (pb.NormalizeRequest, pb.NormalizeResponse),
    "Check": (pb.CheckRequest, pb.CheckResponse),
    "NormalizeBatch": (pb.NormalizeBatchRequest, pb.NormalizeBatchResponse),
    "LookupTerm": (pb.LookupTermRequest, pb.LookupTermResponse),
    "GetGlossaryInfo": (pb.GetGlossaryInfoRequest, pb.GetGlossaryInfoResponse),
}


def _parsing(method: Callable, request_type) -> Callable:
    def handler(raw: bytes, context: grpc.ServicerContext):
        request = request_type()
        try:
            request.ParseFromString(raw)
        except Exception:  # DecodeError, or a nested message that is not valid protobuf
            _abort(context, _Failure(grpc.StatusCode.INVALID_ARGUMENT,
                                     f"the request is not a valid {request_type.DESCRIPTOR.full_name} message"))
        return method(request, context)

    return handler


def add_to_server(servicer: NormalizerServicer, server: grpc.Server) -> None:
    """Register ``servicer`` on ``server``, parsing each request itself (see ``_METHODS``)."""
    handlers = {
        name: grpc.unary_unary_rpc_method_handler(
            _parsing(getattr(servicer, name), request), request_deserializer=None,
            response_serializer=response.SerializeToString)
        for name, (request, response) in _METHODS.items()
    }
    server.add_generic_rpc_handlers((grpc.method_handlers_generic_handler(SERVICE_NAME, handlers),))

