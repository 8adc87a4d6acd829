"""The test suite runs offline: every network attempt from Python code is refused and reported.

`tests/conftest.py` installs this for the whole run (from `pytest_configure`, so collection is
covered too) and fails any test during which an attempt was made, even when the code under test
swallowed the exception. Blocked: `socket.socket.connect`, `connect_ex`, `sendto` and `sendmsg`
to an address, for every family except AF_UNIX (Qt, D-Bus and asyncio may use local Unix
sockets); `socket.getaddrinfo`, `gethostbyname(_ex)`, `gethostbyaddr`, `create_connection`.
`socket.socketpair` keeps working where it is built from a loopback connection (Windows).

What it does not cover: child processes the tests start (a fresh `python -m facilitator` does
not inherit the patch) and C/C++ code that opens sockets without Python (Qt's network classes).
For those, `tests/core/test_offline.py` checks that no source file names a network API, and CI can
run the whole suite in a network namespace (`unshare -rn`) for a kernel-level guarantee.
"""

from __future__ import annotations

import socket
import threading
from dataclasses import dataclass, field

AF_UNIX = getattr(socket, "AF_UNIX", None)


class NetworkBlockedError(RuntimeError):
    """Raised instead of a network call. Not an OSError, so `except OSError` does not hide it."""


@dataclass
class NetworkGuard:
    attempts: list[str] = field(default_factory=list)
    _saved: dict = field(default_factory=dict)
    _local: threading.local = field(default_factory=threading.local)

    @property
    def installed(self) -> bool:
        return bool(self._saved)

    def install(self) -> None:
        if self.installed:
            return
        guard = self
        real = {
            "connect": socket.socket.connect,
            "connect_ex": socket.socket.connect_ex,
            "sendto": socket.socket.sendto,
            "sendmsg": getattr(socket.socket, "sendmsg", None),
        }
        modules = {
            name: getattr(socket, name)
            for name in ("getaddrinfo", "gethostbyname", "gethostbyname_ex", "gethostbyaddr",
                         "create_connection", "socketpair")
        }

        def refuse(what: str, target) -> None:
            message = f"network access is blocked in tests: {what}({target!r})"
            guard.attempts.append(message)
            raise NetworkBlockedError(message)

        def allowed(sock: socket.socket) -> bool:
            return (AF_UNIX is not None and sock.family == AF_UNIX) or getattr(guard._local, "socketpair", False)

        def connect(self, address):
            if not allowed(self):
                refuse("socket.connect", address)
            return real["connect"](self, address)

        def connect_ex(self, address):
            if not allowed(self):
                refuse("socket.connect_ex", address)
            return real["connect_ex"](self, address)

        def sendto(self, data, *args):
            if not allowed(self):
                refuse("socket.sendto", args[-1] if args else None)
            return real["sendto"](self, data, *args)

        def sendmsg(self, buffers, *args):
            if len(args) >= 3 and args[2] is not None and not allowed(self):
                refuse("socket.sendmsg", args[2])
            return real["sendmsg"](self, buffers, *args)

        def blocked_function(name):
            def blocked(*args, **kwargs):
                refuse(f"socket.{name}", args[0] if args else kwargs)
            blocked.__name__ = name
            return blocked

        def socketpair(*args, **kwargs):
            # Windows builds socketpair from a loopback connect; that never leaves the machine.
            guard._local.socketpair = True
            try:
                return modules["socketpair"](*args, **kwargs)
            finally:
                guard._local.socketpair = False

        self._saved = {"class": {n: socket.socket.__dict__.get(n) for n in real}, "module": modules}
        socket.socket.connect = connect
        socket.socket.connect_ex = connect_ex
        socket.socket.sendto = sendto
        if real["sendmsg"] is not None:
            socket.socket.sendmsg = sendmsg
        for name in ("getaddrinfo", "gethostbyname", "gethostbyname_ex", "gethostbyaddr", "create_connection"):
            setattr(socket, name, blocked_function(name))
        socket.socketpair = socketpair

    def uninstall(self) -> None:
        if not self.installed:
            return
        for name, own in self._saved["class"].items():
            if own is None:  # inherited from _socket.socket: drop our override
                if name in socket.socket.__dict__:
                    delattr(socket.socket, name)
            else:
                setattr(socket.socket, name, own)
        for name, original in self._saved["module"].items():
            setattr(socket, name, original)
        self._saved = {}

    def take_attempts(self) -> list[str]:
        taken, self.attempts[:] = list(self.attempts), []
        return taken


GUARD = NetworkGuard()
