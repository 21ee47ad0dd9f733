"""Every method Python cent 5.x has, run against one server: python3 cent5_scenario.py <api url> <api key>.

Prints one JSON line per call: {"call": name, "result": ...} or {"call": name, "error": {type, code?, message?, status?}}.
The caller (packages/mock/test/v6/peer-clients.test.ts) runs it against the real Centrifugo and the mock and compares.
"""
import json
import sys

import cent
from cent import (
    BatchRequest, BoolValue, BroadcastRequest, ChannelOptionsOverride, ChannelsRequest, Client, ConnectionsRequest,
    Disconnect, DisconnectRequest, HistoryRemoveRequest, HistoryRequest, InfoRequest, PresenceRequest, PresenceStatsRequest,
    PublishRequest, RefreshRequest, StreamPosition, SubscribeRequest, UnsubscribeRequest,
)

url, key = sys.argv[1], sys.argv[2]
client = Client(url, key, timeout=5)


def dump(value):
    return value.model_dump(mode="json", exclude_none=True) if hasattr(value, "model_dump") else value


def call(name, fn):
    try:
        out = {"call": name, "result": dump(fn())}
    except cent.CentApiResponseError as e:
        out = {"call": name, "error": {"type": "api", "code": e.code, "message": e.message}}
    except cent.CentUnauthorizedError:
        out = {"call": name, "error": {"type": "unauthorized"}}
    except cent.CentTransportError as e:
        out = {"call": name, "error": {"type": "transport", "status": e.status_code}}
    except cent.CentError as e:
        out = {"call": name, "error": {"type": type(e).__name__}}
    except Exception as e:  # the client itself failing on the reply (cent 5.2.0 on a batch with an error in it)
        out = {"call": name, "error": {"type": "client failure", "exception": type(e).__name__}}
    print(json.dumps(out, sort_keys=True), flush=True)
    return out


first = call("publish history", lambda: client.publish(PublishRequest(channel="hist:py", data={"n": 1, "html": "<b>&"}, tags={"b": "2", "a": "1"})))
call("publish again", lambda: client.publish(PublishRequest(channel="hist:py", data=[1.50, None], idempotency_key="once")))
call("publish idempotent", lambda: client.publish(PublishRequest(channel="hist:py", data="ignored", idempotency_key="once")))
call("publish no history", lambda: client.publish(PublishRequest(channel="news", data={"x": 1}, skip_history=True)))
call("publish b64", lambda: client.publish(PublishRequest(channel="bin:py", data=None, b64data="eyJhIjoxfQ==")))
call("publish unknown namespace", lambda: client.publish(PublishRequest(channel="nope:x", data=1)))
call("publish json_object refused", lambda: client.publish(PublishRequest(channel="jsonobj:x", data=[1])))
call("broadcast", lambda: client.broadcast(BroadcastRequest(channels=["news", "hist:py2", "nope:x", ""], data={"b": 1})))
epoch = first.get("result", {}).get("epoch", "")
call("history all", lambda: client.history(HistoryRequest(channel="hist:py", limit=-1)))
call("history since", lambda: client.history(HistoryRequest(channel="hist:py", limit=10, since=StreamPosition(offset=1, epoch=epoch))))
call("history reverse", lambda: client.history(HistoryRequest(channel="hist:py", limit=1, reverse=True)))
call("history stale epoch", lambda: client.history(HistoryRequest(channel="hist:py", limit=1, since=StreamPosition(offset=1, epoch="xxxxxxxx"))))
call("history not available", lambda: client.history(HistoryRequest(channel="news")))
call("history fresh", lambda: client.history(HistoryRequest(channel="hist:fresh")))
call("history_remove", lambda: client.history_remove(HistoryRemoveRequest(channel="hist:py")))
call("history after remove", lambda: client.history(HistoryRequest(channel="hist:py", limit=-1)))
call("presence", lambda: client.presence(PresenceRequest(channel="pres:r")))
call("presence off", lambda: client.presence(PresenceRequest(channel="news")))
call("presence_stats", lambda: client.presence_stats(PresenceStatsRequest(channel="pres:r")))
call("channels", lambda: client.channels(ChannelsRequest(pattern="*")))
call("channels bad pattern", lambda: client.channels(ChannelsRequest(pattern="[")))
call("info", lambda: client.info(InfoRequest()))
call("subscribe", lambda: client.subscribe(SubscribeRequest(user="u1", channel="news", override=ChannelOptionsOverride(presence=BoolValue(value=True)))))
call("subscribe unknown namespace", lambda: client.subscribe(SubscribeRequest(user="u1", channel="nope:x")))
call("unsubscribe", lambda: client.unsubscribe(UnsubscribeRequest(user="u1", channel="news")))
call("disconnect", lambda: client.disconnect(DisconnectRequest(user="u1", disconnect=Disconnect(code=4000, reason="bye"))))
call("refresh", lambda: client.refresh(RefreshRequest(user="u1", expired=True)))
call("batch", lambda: client.batch(BatchRequest(requests=[
    PublishRequest(channel="hist:batch", data={"i": 1}),
    HistoryRequest(channel="hist:batch", limit=-1),
    PresenceStatsRequest(channel="pres:r"),
], parallel=False)))
call("batch with an error", lambda: client.batch(BatchRequest(requests=[PublishRequest(channel="nope:x", data=1)])))
call("PRO method", lambda: client.connections(ConnectionsRequest(user="u1")))
call("wrong key", lambda: Client(url, "nope", timeout=5).info(InfoRequest()))
