"""The web page and JSON API (`quotecheck serve`): `app.create_app(runtime)`, `server.serve(...)`."""
