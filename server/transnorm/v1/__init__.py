"""Generated protobuf and gRPC stubs of the ``transnorm.v1`` API; regenerate with proto/generate.sh."""
