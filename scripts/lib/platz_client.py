"""A tiny keep-alive client for Platz's API, used by the benchmark scripts to set up their data."""
import http.client
import json


class Platz:
    def __init__(self, port, token):
        self.conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
        self.token = token

    def call(self, method, path, body=None, token=None):
        headers = {"content-type": "application/json", "x-platz-token": token or self.token}
        self.conn.request(method, "/api/v2" + path, body=None if body is None else json.dumps(body), headers=headers)
        response = self.conn.getresponse()
        data = response.read()
        if response.status >= 300:
            raise RuntimeError(f"{method} {path}: {response.status} {data.decode()}")
        return json.loads(data) if data else None

    def post(self, path, body, token=None):
        return self.call("POST", path, body, token)

    def get(self, path, token=None):
        return self.call("GET", path, None, token)
