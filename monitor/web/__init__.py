"""Web: ``monitor serve``, the pages and the HTTP API for analysts and operators.

``app`` assembles the FastAPI app; ``pages`` renders the read models as HTML
and takes the forms, ``api`` serves them as JSON under ``/api/v1/``;
``queries`` reads the read models for both; ``security`` decides who may write
and checks forms; ``server`` runs it under uvicorn. Every write goes through
the use cases the CLI calls, as events.
"""

from typing import TYPE_CHECKING

from monitor.lazy import lazy_exports

if TYPE_CHECKING:
    from monitor.web.app import create_app
    from monitor.web.server import serve
else:
    __getattr__ = lazy_exports(__name__, {"app": ["create_app"], "server": ["serve"]})

__all__ = ["create_app", "serve"]
