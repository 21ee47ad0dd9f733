"""Load from the Python cent 5.x client (the bench's baseline from PyPI, run in its venv by
bench/client-v6.bench.js): publishes/s one after another, from 16 concurrent callers (its
AsyncClient, one aiohttp session), or commands/s in 100-command batches (its BatchRequest).
Prints one JSON line {"ops": N, "seconds": S}. Bounded by time and by a count."""
import asyncio
import json
import sys
import time

from cent import AsyncClient, BatchRequest, Client, PublishRequest

url, key, mode, seconds = sys.argv[1], sys.argv[2], sys.argv[3], float(sys.argv[4])
api = url + "/api"
publish = PublishRequest(channel="bench", data={"text": "hello"})
MAX_CALLS = 5_000_000


def sequential(send, per_call=1):
    warm_end = time.perf_counter() + 0.3
    while time.perf_counter() < warm_end:
        send()
    calls, start = 0, time.perf_counter()
    end = start + seconds
    while time.perf_counter() < end and calls < MAX_CALLS:
        send()
        calls += 1
    return calls * per_call, time.perf_counter() - start


async def concurrent(workers):
    client = AsyncClient(api, key)
    calls = 0

    async def loop(until):
        nonlocal calls
        while time.perf_counter() < until and calls < MAX_CALLS:
            await client.publish(publish)
            calls += 1

    await asyncio.gather(*(loop(time.perf_counter() + 0.3) for _ in range(workers)))
    calls, start = 0, time.perf_counter()
    await asyncio.gather(*(loop(start + seconds) for _ in range(workers)))
    elapsed = time.perf_counter() - start
    await client.close()
    return calls, elapsed


if mode == "sequential":
    client = Client(api, key)
    ops, elapsed = sequential(lambda: client.publish(publish))
elif mode == "concurrent":
    ops, elapsed = asyncio.run(concurrent(16))
elif mode == "batch":
    client = Client(api, key)
    batch = BatchRequest(requests=[PublishRequest(channel=f"bench{i % 10}", data={"n": i}) for i in range(100)])
    ops, elapsed = sequential(lambda: client.batch(batch), per_call=100)
else:
    raise SystemExit(f"unknown mode {mode}")
print(json.dumps({"ops": ops, "seconds": elapsed}))
