"""A real SMTP server on loopback for Earshot's tests (aiosmtpd), recording each message it accepts.

    python3 smtp_recorder.py --dir OUT [--reply CODE --replies N] [--tls starttls|implicit]

Binds 127.0.0.1 on a free port and writes it to OUT/port once listening. Each accepted message becomes
OUT/NNN.json: the envelope, the raw message, its headers as received, the decoded subject and the text and HTML
parts (decoded with Python's email package, an independent MIME parser). With --reply, the first N messages
(all with N = 0) are answered with that SMTP code instead (451: try later, 550: rejected). With --tls, the
server offers STARTTLS and refuses mail before it (starttls), or speaks TLS from the first byte (implicit, as
for smtps://), with the test certificate in tls/ (server.pem for 127.0.0.1 and localhost, signed by the test
CA tls/ca.pem; test-only keys, valid for a century); each record then says whether the session was encrypted.
Stops on SIGTERM or when standard input closes.
"""

import argparse
import asyncio
import email
import email.header
import email.policy
import json
import os
import signal
import socket
import ssl
import sys
import threading

from aiosmtpd.controller import Controller


class Recorder:
    def __init__(self, folder, reply, replies):
        self.folder = folder
        self.reply = reply
        self.replies = replies
        self.count = 0
        self.refused = 0

    async def handle_DATA(self, server, session, envelope):
        if self.reply and (self.replies == 0 or self.refused < self.replies):
            self.refused += 1
            return f"{self.reply} refused by the test server"
        raw = envelope.original_content or envelope.content
        message = email.message_from_bytes(raw, policy=email.policy.default)
        parts = {}
        for part in message.walk():
            if part.get_content_maintype() == "text":
                parts[part.get_content_type()] = part.get_content()
        headers = email.message_from_bytes(raw, policy=email.policy.compat32).items()
        self.count += 1
        record = {
            "mail_from": envelope.mail_from,
            "rcpt_tos": envelope.rcpt_tos,
            "raw": raw.decode("utf-8", "replace"),
            "headers": [[name, value] for name, value in headers],
            "subject": str(message["subject"]),
            "content_type": message.get_content_type(),
            "text": parts.get("text/plain"),
            "html": parts.get("text/html"),
            # STARTTLS sets `session.ssl`; with TLS from the first byte the transport itself is TLS.
            "tls": session.ssl is not None or server.transport.get_extra_info("ssl_object") is not None,
        }
        path = os.path.join(self.folder, "%03d.json" % self.count)
        with open(path + ".tmp", "w") as handle:
            json.dump(record, handle)
        os.rename(path + ".tmp", path)
        return "250 OK"


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--dir", required=True)
    parser.add_argument("--reply", default="")
    parser.add_argument("--replies", type=int, default=0)
    parser.add_argument("--tls", choices=["starttls", "implicit"])
    arguments = parser.parse_args()
    probe = socket.socket()
    probe.bind(("127.0.0.1", 0))
    port = probe.getsockname()[1]
    probe.close()
    tls = {}
    if arguments.tls:
        here = os.path.join(os.path.dirname(os.path.abspath(__file__)), "tls")
        context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
        context.load_cert_chain(os.path.join(here, "server.pem"), os.path.join(here, "server.key"))
        if arguments.tls == "starttls":
            tls = {"tls_context": context, "require_starttls": True}
        else:
            tls = {"ssl_context": context}
    controller = Controller(
        Recorder(arguments.dir, arguments.reply, arguments.replies), hostname="127.0.0.1", port=port,
        decode_data=False, **tls)
    controller.start()
    with open(os.path.join(arguments.dir, "port.tmp"), "w") as handle:
        handle.write(str(port))
    os.rename(os.path.join(arguments.dir, "port.tmp"), os.path.join(arguments.dir, "port"))
    done = threading.Event()
    signal.signal(signal.SIGTERM, lambda *_: done.set())
    threading.Thread(target=lambda: (sys.stdin.read(), done.set()), daemon=True).start()
    done.wait()
    controller.stop()


if __name__ == "__main__":
    main()
