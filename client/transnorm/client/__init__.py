"""The Python client of the transnorm gRPC service; results are the engine's own dataclasses."""
from .core import Client, GlossaryInfo, TransnormError

__all__ = ["Client", "GlossaryInfo", "TransnormError"]
