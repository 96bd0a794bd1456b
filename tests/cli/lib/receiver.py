#!/usr/bin/env python3
"""A webhook receiver for the sync tests, as a clinic's would be: HTTPS on loopback (plain HTTP
without --cert), HTTP/1.1 keep-alive, checking each request's Kiosk-Signature and its fields, and
storing each Idempotency-Key once (a repeat is answered 200 and not stored again), and its key
alone in STORE.keys.

Every request is logged to --log as one JSON line: time, key, what was done ("stored", "repeat",
"500", ...), whether the signature held. Stored requests go to --store, one JSON line each, with
the time they were stored (for the bench's latency). Faults come from --mode-file, read at each
request: "ok" (default), "500", "429 SECONDS" (with Retry-After), "422", "hang" (no reply, ever),
"reset" (store, then reset the connection without a reply), "slow MS"; a mode followed by "*N"
("500*3") holds for the next N requests only, then "ok". Stops on SIGTERM or SIGINT.
"""
import argparse
import hashlib
import hmac
import json
import os
import signal
import socket
import ssl
import struct
import sys
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

FIELDS = ["batch_id", "uuid", "ref", "created_utc", "kiosk_id", "treatment_id", "name", "phone", "email",
          "contact_time", "screening", "answers", "consent_contact", "consent_share_answers", "notice_version",
          "language"]
MAX_SKEW_S = 300


class State:
    def __init__(self, args):
        self.args = args
        self.lock = threading.Lock()
        self.stored = set()
        self.mode_text = None
        self.mode_used = 0
        key = open(args.secret, "rb").read() if args.secret else b""
        self.key = key[:-1] if key.endswith(b"\n") else key
        if args.store and os.path.exists(args.store):
            for line in open(args.store):
                if line.strip():
                    self.stored.add(json.loads(line)["key"])
        self.log = open(args.log, "a", buffering=1) if args.log else None
        self.store = open(args.store, "a", buffering=1) if args.store else None
        self.keys = open(args.store + ".keys", "a", buffering=1) if args.store else None

    def mode(self):
        """The mode for this request, counting down a "*N" mode."""
        try:
            text = open(self.args.mode_file).read().strip() if self.args.mode_file else "ok"
        except FileNotFoundError:
            text = "ok"
        with self.lock:
            if text != self.mode_text:
                self.mode_text, self.mode_used = text, 0
            mode, _, count = text.partition("*")
            if count:
                if self.mode_used >= int(count):
                    return "ok"
                self.mode_used += 1
            return mode.strip() or "ok"

    def record(self, **entry):
        entry["time"] = time.time()
        if self.log:
            with self.lock:
                self.log.write(json.dumps(entry) + "\n")


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    disable_nagle_algorithm = True
    state = None

    def log_message(self, fmt, *args):
        pass

    def reply(self, code, extra=None, body=b"{}"):
        self.send_response(code)
        for k, v in (extra or {}).items():
            self.send_header(k, v)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def signature_ok(self, body):
        header = self.headers.get("Kiosk-Signature", "")
        parts = dict(p.split("=", 1) for p in header.split(",") if "=" in p)
        try:
            t = int(parts.get("t", ""))
        except ValueError:
            return False
        want = hmac.new(self.state.key, str(t).encode() + b"." + body, hashlib.sha256).hexdigest()
        return abs(time.time() - t) <= MAX_SKEW_S and hmac.compare_digest(want, parts.get("v1", ""))

    def fields_ok(self, body):
        try:
            obj = json.loads(body)
        except ValueError:
            return False
        return (isinstance(obj, dict) and list(obj.keys()) == FIELDS and
                self.headers.get("Content-Type") == "application/json" and
                obj.get("uuid") == self.headers.get("Idempotency-Key"))

    def do_POST(self):
        st = self.state
        length = int(self.headers.get("Content-Length", "0"))
        body = self.rfile.read(length)
        key = self.headers.get("Idempotency-Key", "")
        sig = self.signature_ok(body)
        mode = st.mode()
        if not sig:
            st.record(key=key, result="bad-signature", signature=False)
            return self.reply(401)
        if not self.fields_ok(body):
            st.record(key=key, result="bad-fields", signature=True)
            return self.reply(400)
        if mode == "hang":
            st.record(key=key, result="hang", signature=True)
            time.sleep(60)
            self.close_connection = True
            return
        if mode.startswith("slow"):
            time.sleep(int(mode.split()[1]) / 1000.0)
        if mode == "500":
            st.record(key=key, result="500", signature=True)
            return self.reply(500)
        if mode.startswith("429"):
            st.record(key=key, result="429", signature=True)
            return self.reply(429, {"Retry-After": mode.split()[1]})
        if mode == "422":
            st.record(key=key, result="422", signature=True)
            return self.reply(422)
        with st.lock:
            repeat = key in st.stored
            if not repeat:
                st.stored.add(key)
                if st.store:
                    st.store.write(json.dumps({"key": key, "time": time.time(), "body": body.decode()}) + "\n")
                    st.keys.write(key + "\n")
        st.record(key=key, result="repeat" if repeat else "stored", signature=True)
        if mode == "reset":
            self.connection.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
            self.close_connection = True
            self.connection.close()
            return
        self.reply(200)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--port", type=int, default=0)
    ap.add_argument("--port-file", required=True)
    ap.add_argument("--cert")
    ap.add_argument("--key")
    ap.add_argument("--secret")
    ap.add_argument("--store")
    ap.add_argument("--log")
    ap.add_argument("--mode-file")
    args = ap.parse_args()

    Handler.state = State(args)
    ThreadingHTTPServer.allow_reuse_address = True
    ThreadingHTTPServer.daemon_threads = True
    server = ThreadingHTTPServer(("127.0.0.1", args.port), Handler)
    if args.cert:
        ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
        ctx.load_cert_chain(args.cert, args.key)
        server.socket = ctx.wrap_socket(server.socket, server_side=True)
    signal.signal(signal.SIGTERM, lambda *a: threading.Thread(target=server.shutdown).start())
    signal.signal(signal.SIGINT, lambda *a: threading.Thread(target=server.shutdown).start())
    tmp = args.port_file + ".tmp"
    with open(tmp, "w") as f:
        f.write(str(server.server_address[1]))
    os.rename(tmp, args.port_file)
    server.serve_forever(poll_interval=0.2)
    server.server_close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
