"""Build and run the Datasette app that serves a ledger with the explorer's pages."""
from __future__ import annotations

from pathlib import Path

from ..errors import MissingExtraError


def ensure_plugin() -> None:
    """Register the plugin with Datasette when its entry point is not installed (e.g. a stale editable install)."""
    from datasette.plugins import pm

    from .. import web

    if not pm.is_registered(web):
        pm.register(web, name=web.PLUGIN_NAME)


def make_datasette(db_path: str | Path, live: bool = False, tiles: str | None = None,
                   tiles_attribution: str | None = None):
    """Datasette over one ledger file.

    Read-only by default: the file is opened immutable (no locking, no writes possible).
    ``live`` opens it read-only but watches for changes, for a ledger an ingest is still writing.
    """
    try:
        from datasette.app import Datasette
    except ImportError as err:  # pragma: no cover - depends on the installed extras
        raise MissingExtraError("web", "datasette") from err
    ensure_plugin()
    path = str(Path(db_path))
    plugin_config = {k: v for k, v in {"tiles": tiles, "tiles_attribution": tiles_attribution}.items() if v}
    metadata = {
        "title": "claimledger",
        "description": "Who said what, when, relayed by whom; which claims are confirmed, denied or disputed. "
                       "Claim-centred pages: /-/ledger",
        "plugins": {"claimledger": plugin_config},
    }
    # Datasette opens "files" with mode=ro (no write API in core) and "immutables" with immutable=1
    kwargs = {"files": [path]} if live else {"immutables": [path]}
    return Datasette(metadata=metadata, settings={"sql_time_limit_ms": 3000}, **kwargs)


def serve(db_path: str | Path, host: str = "127.0.0.1", port: int = 8001, live: bool = False,
          tiles: str | None = None, tiles_attribution: str | None = None) -> None:
    import uvicorn

    ds = make_datasette(db_path, live=live, tiles=tiles, tiles_attribution=tiles_attribution)
    uvicorn.run(ds.app(), host=host, port=port, log_level="warning")
