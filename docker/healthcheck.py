"""The container's health check: exit 0 when the server at ADDRESS reports SERVING.

    python healthcheck.py [ADDRESS] [--timeout SECONDS]

Asks the standard gRPC health service (``grpc.health.v1.Health/Check``) about
``transnorm.v1.NormalizerService``. Exit 1, with the reason on stderr, when the server answers
anything else (NOT_SERVING while it drains) or cannot be reached in time.
"""
from __future__ import annotations

import argparse
import sys

import grpc
from grpc_health.v1 import health_pb2, health_pb2_grpc

SERVICE = "transnorm.v1.NormalizerService"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("address", nargs="?", default="127.0.0.1:50051")
    parser.add_argument("--timeout", type=float, default=5.0)
    args = parser.parse_args(argv)
    with grpc.insecure_channel(args.address) as channel:
        try:
            reply = health_pb2_grpc.HealthStub(channel).Check(
                health_pb2.HealthCheckRequest(service=SERVICE), timeout=args.timeout)
        except grpc.RpcError as e:
            print(f"unhealthy: {args.address}: {e.code().name}: {e.details()}", file=sys.stderr)
            return 1
    status = health_pb2.HealthCheckResponse.ServingStatus.Name(reply.status)
    if reply.status != health_pb2.HealthCheckResponse.SERVING:
        print(f"unhealthy: {args.address}: {status}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
