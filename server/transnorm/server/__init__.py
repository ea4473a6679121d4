"""The gRPC service: the ``transnorm.v1.NormalizerService`` servicer and the process that runs it."""
from .app import RunningServer, serve, start
from .convert import GlossaryInfo
from .service import SERVICE_NAME, NormalizerServicer

__all__ = ["SERVICE_NAME", "GlossaryInfo", "NormalizerServicer", "RunningServer", "serve", "start"]
