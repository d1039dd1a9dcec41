"""Serves the Dutch chat page (web/index.html) with the rasa-webchat widget from npm.

python -m uitstroom.webserver --port 8080 --socket-url http://127.0.0.1:5005
"""

from __future__ import annotations

import argparse
import asyncio
import json

from aiohttp import web

from uitstroom import PROJECT_ROOT
from uitstroom.casestore.access import verify_token
from uitstroom.casestore.repository import CaseStore

WEB = PROJECT_ROOT / "web"
WIDGET = WEB / "node_modules" / "rasa-webchat" / "lib" / "index.js"


def create_app(socket_url: str) -> web.Application:
    config_js = f"window.UITSTROOM = {json.dumps({'socketUrl': socket_url})};\n"

    async def index(_: web.Request) -> web.FileResponse:
        return web.FileResponse(WEB / "index.html", headers={"Cache-Control": "no-store"})

    async def widget(_: web.Request) -> web.FileResponse:
        return web.FileResponse(WIDGET, headers={"Content-Type": "application/javascript"})

    async def config(_: web.Request) -> web.Response:
        return web.Response(text=config_js, content_type="application/javascript")

    async def inbox(request: web.Request) -> web.Response:
        """A begeleider's notifications (the web transport of the notifier), with their personal link."""
        identity = verify_token(request.query.get("token"))
        if identity.role != "begeleider":
            return web.json_response({"fout": "Open deze pagina via je persoonlijke link."}, status=403)
        items = await asyncio.to_thread(CaseStore().notifications_for, identity.subject)
        return web.json_response(
            {
                "meldingen": [
                    {"tijd": n.created_at.isoformat(timespec="minutes"), "tekst": n.text} for n in items
                ]
            }
        )

    app = web.Application()
    app.router.add_get("/meldingen", inbox)
    app.router.add_get("/", index)
    app.router.add_get("/webchat.js", widget)
    app.router.add_get("/config.js", config)
    return app


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=8080)
    parser.add_argument("--socket-url", default="http://127.0.0.1:5005")
    args = parser.parse_args()
    web.run_app(create_app(args.socket_url), host=args.host, port=args.port, print=None)


if __name__ == "__main__":
    main()
