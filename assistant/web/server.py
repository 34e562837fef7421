"""`serve(runtime, host, port)`: the app under uvicorn. Loopback by default; warns when exposed without a token."""

from __future__ import annotations

import ipaddress
import sys

from .app import create_app


def is_loopback(host: str) -> bool:
    if host.lower() == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False  # a host name: it may resolve to anything


def bind_warning(host: str, settings) -> str | None:
    """What to tell the operator before serving on `host`, or None when nothing needs saying."""
    if is_loopback(host) or settings.quotecheck_token is not None:
        return None
    return (f"warning: serving on {host}, reachable from other machines, with no access token: anyone who can "
            "reach it can read and change the index. Set QUOTECHECK_TOKEN (and put the server behind HTTPS), "
            "or bind to 127.0.0.1.")


def serve(runtime, host: str = "127.0.0.1", port: int = 8000) -> None:
    import uvicorn

    warning = bind_warning(host, runtime.settings)
    if warning:
        print(warning, file=sys.stderr)
    runtime.index  # open the store now: a locked or mismatched store fails before the port is bound
    app = create_app(runtime)
    print(f"quotecheck: serving on http://{host}:{port}/ (Ctrl-C to stop)", file=sys.stderr)
    uvicorn.run(app, host=host, port=port, log_level="warning", server_header=False)
