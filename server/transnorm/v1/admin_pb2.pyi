from google.protobuf import descriptor as _descriptor
from google.protobuf import message as _message
from typing import ClassVar as _ClassVar, Optional as _Optional

DESCRIPTOR: _descriptor.FileDescriptor

class ReloadGlossaryRequest(_message.Message):
    __slots__ = ()
    def __init__(self) -> None: ...

class ReloadGlossaryResponse(_message.Message):
    __slots__ = ("old_version", "new_version", "workers")
    OLD_VERSION_FIELD_NUMBER: _ClassVar[int]
    NEW_VERSION_FIELD_NUMBER: _ClassVar[int]
    WORKERS_FIELD_NUMBER: _ClassVar[int]
    old_version: str
    new_version: str
    workers: int
    def __init__(self, old_version: _Optional[str] = ..., new_version: _Optional[str] = ..., workers: _Optional[int] = ...) -> None: ...
