#!/usr/bin/env python3
"""Slow clients: connections that never finish their request, as a slowloris attack sends them.

Each slow client connects (from one of several loopback addresses, as a small botnet would), sends
a request line and then one header line every --interval seconds; when the server closes the
connection (cut off, with or without a 408), it opens another, so --connections stay open or
opening for the whole --duration. Prints one JSON object: connections opened, cut off by the
server, failed to connect. tests/proxy/bench_edge.sh probes the server meanwhile (with curl, in
another process, so this event loop's own work never delays a probe). Standard library only.

usage: slow_clients.py --port N [--tls] [--connections 1000] [--addresses 20] [--interval 5]
                       [--duration 60]
"""
import argparse
import asyncio
import json
import ssl
import time


def tls_context(enabled):
    if not enabled:
        return None
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_CLIENT)
    context.check_hostname = False
    context.verify_mode = ssl.CERT_NONE  # the edge's certificate is self-signed for trying it
    return context


async def slow_client(args, tls, source, stop_at, stats):
    while time.monotonic() < stop_at:
        try:
            reader, writer = await asyncio.wait_for(
                asyncio.open_connection("127.0.0.1", args.port, ssl=tls, local_addr=(source, 0)),
                timeout=10)
        except (OSError, asyncio.TimeoutError, ssl.SSLError):
            stats["connect_failures"] += 1
            await asyncio.sleep(1)
            continue
        stats["opened"] += 1
        closed = asyncio.ensure_future(reader.read(65536))  # an answer (408) or the end: cut off
        try:
            writer.write(b"GET " + args.path.encode() + b" HTTP/1.1\r\nHost: bank\r\n")
            line = 0
            while time.monotonic() < stop_at and not closed.done():
                await asyncio.wait([closed], timeout=args.interval)
                if closed.done():
                    break
                writer.write(b"X-Slow-%d: 1\r\n" % line)
                line += 1
                await writer.drain()
        except (OSError, ssl.SSLError):
            pass
        if closed.done():
            stats["cut_off"] += 1
            closed.exception()  # a reset is one way to be cut off (nginx: reset_timedout_connection)
        else:
            closed.cancel()
        writer.close()


async def main(args):
    stats = {"opened": 0, "cut_off": 0, "connect_failures": 0}
    stop_at = time.monotonic() + args.duration
    sources = ["127.0.0.%d" % (2 + i % args.addresses) for i in range(args.connections)]
    tls = tls_context(args.tls)
    clients = [asyncio.ensure_future(slow_client(args, tls, s, stop_at, stats)) for s in sources]
    await asyncio.sleep(max(0.0, stop_at - time.monotonic()))
    for c in clients:
        c.cancel()
    await asyncio.gather(*clients, return_exceptions=True)
    print(json.dumps({"connections": args.connections, "opened": stats["opened"], "cut_off": stats["cut_off"],
                      "connect_failures": stats["connect_failures"]}))


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--port", type=int, required=True)
    parser.add_argument("--tls", action="store_true")
    parser.add_argument("--connections", type=int, default=1000)
    parser.add_argument("--addresses", type=int, default=20)
    parser.add_argument("--interval", type=float, default=5)
    parser.add_argument("--duration", type=float, default=60)
    parser.add_argument("--path", default="/api/catalog")
    asyncio.run(main(parser.parse_args()))
