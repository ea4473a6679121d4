"""The Python client of the transnorm gRPC service; results are the engine's own dataclasses."""
from .core import Client, ClientConfigError, GlossaryInfo, GlossaryReload, TransnormError

__all__ = ["Client", "ClientConfigError", "GlossaryInfo", "GlossaryReload", "TransnormError"]
