"""Network and NLTK-data tripwire for the offline check (tests/test_offline.py).

Python imports ``sitecustomize`` at start-up from the first folder on its path
that has one; the offline test puts this folder on ``PYTHONPATH``, so every
Python process it starts -- the runner and each Jupyter kernel -- loads this
file. (It shadows the distribution's own sitecustomize, which only installs
a crash reporter.)

When ``FRAMELAB_AUDIT_LOG`` names a file, an audit hook (PEP 578) appends one
JSON line per suspicious event: name lookups and connections to anything but
loopback (these also raise ``OSError``, so the notebook fails even where no
network namespace isolates it), and every ``open`` of a path under an
``nltk_data`` folder (logged only: reading downloaded data makes results
depend on the machine). ``FRAMELAB_OFFLINE_NOTEBOOK`` names the notebook
being executed, for the report. Without ``FRAMELAB_AUDIT_LOG`` this file does
nothing, so importing it elsewhere is harmless.
"""

import os
import sys

_LOG = os.environ.get("FRAMELAB_AUDIT_LOG")
_NETWORK_EVENTS = {
    "socket.connect": 1,  # event -> index of the address in the audit args
    "socket.sendto": 1,
    "socket.getaddrinfo": 0,
    "socket.gethostbyname": 0,
    "socket.gethostbyaddr": 0,
}


def _host(address):
    """The host part of a socket address, or None for local kinds (AF_UNIX paths, netlink)."""
    if isinstance(address, tuple) and address and isinstance(address[0], (str, bytes)):
        address = address[0]
    elif isinstance(address, tuple):
        return None
    if isinstance(address, bytes):
        address = address.decode("ascii", "replace")
    return address


def _is_local(host):
    import ipaddress

    if host is None or host in ("", "localhost") or host.endswith(".localhost"):
        return True
    if host.startswith("/") or host.startswith("\0"):  # AF_UNIX path or abstract socket
        return True
    try:
        ip = ipaddress.ip_address(host.split("%")[0])
    except ValueError:
        return False  # a name: resolving it needs DNS
    return ip.is_loopback or ip.is_unspecified


def _install(log_path):
    import json

    notebook = os.environ.get("FRAMELAB_OFFLINE_NOTEBOOK", "<outside any notebook>")
    busy = []  # re-entrancy guard: writing the log itself triggers an "open" event

    def record(event, detail):
        busy.append(1)
        try:
            with open(log_path, "a", encoding="utf-8") as handle:
                entry = {"notebook": notebook, "event": event, "detail": detail, "pid": os.getpid()}
                handle.write(json.dumps(entry) + "\n")
        finally:
            busy.pop()

    def hook(event, args):
        if busy:
            return
        if event in _NETWORK_EVENTS:
            host = _host(args[_NETWORK_EVENTS[event]])
            if not _is_local(host):
                record(event, repr(args[_NETWORK_EVENTS[event]]))
                raise OSError(f"offline check: network access blocked ({event} {host!r})")
        elif event == "open" and isinstance(args[0], (str, bytes, os.PathLike)):
            path = os.fsdecode(args[0])
            if "nltk_data" in path:
                record(event, path)

    sys.addaudithook(hook)


if _LOG:
    _install(_LOG)
