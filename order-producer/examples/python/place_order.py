#!/usr/bin/env python3
"""Places one order on the pipeline from Python and waits for its decision.

A non-Java producer needs nothing of the project's but its released schemas:

  * the value is Avro single-object encoding: the bytes C3 01, the writer schema's CRC-64-AVRO
    fingerprint of its Parsing Canonical Form (8 bytes, little-endian), then the Avro binary body;
  * the writer schema is a released version, schemas/src/main/resources/org/checkoutpipeline/
    events/released/OrderPlaced/v<N>.avsc, used exactly as released;
  * the key is the orderId (UTF-8), the header event-type is OrderPlaced;
  * any partitioner will do: an order on another partition than Kafka's murmur2 would pick for its
    key (librdkafka's default, consistent_random, picks by CRC32) is moved there by the checkout worker.

Usage: place_order.py BOOTSTRAP ORDER_ID SCHEMAS_DIR
Prints "placed <orderId> partition <p>", then "<DecisionType> <orderId> ..." once the decision
arrives on fulfillment.events (read as read_committed), and exits 0; exits 1 after 120 s without one.
Needs Debian's python3-confluent-kafka and python3-avro.
"""
import datetime
import io
import json
import os
import sys
import time
import uuid

import avro.io
import avro.schema
from confluent_kafka import Consumer, Producer

EMPTY = 0xC15D213AA4D7A795


def _table():
    table = []
    for i in range(256):
        fp = i
        for _ in range(8):
            fp = (fp >> 1) ^ (EMPTY & -(fp & 1))
        table.append(fp)
    return table


TABLE = _table()


PRIMITIVES = {"null", "boolean", "int", "long", "float", "double", "bytes", "string"}


def canonical(node, namespace=None, seen=None):
    """The Parsing Canonical Form of a schema's JSON, as the Avro specification defines it."""
    seen = set() if seen is None else seen
    if isinstance(node, str):
        if node in PRIMITIVES:
            return json.dumps(node)
        return json.dumps(node if "." in node or namespace is None else namespace + "." + node)
    if isinstance(node, list):
        return "[" + ",".join(canonical(branch, namespace, seen) for branch in node) + "]"
    kind = node["type"]
    if kind in PRIMITIVES:
        return json.dumps(kind)
    if kind in ("record", "enum", "fixed"):
        name = node["name"]
        space = node.get("namespace", namespace)
        full = name if "." in name or not space else space + "." + name
        if full in seen:
            return json.dumps(full)
        seen.add(full)
        space = full.rsplit(".", 1)[0] if "." in full else None
        parts = ['"name":' + json.dumps(full), '"type":' + json.dumps(kind)]
        if kind == "record":
            parts.append('"fields":[' + ",".join('{"name":' + json.dumps(f["name"]) + ',"type":'
                                                 + canonical(f["type"], space, seen) + "}" for f in node["fields"]) + "]")
        elif kind == "enum":
            parts.append('"symbols":' + json.dumps(node["symbols"], separators=(",", ":")))
        else:
            parts.append('"size":' + str(node["size"]))
        return "{" + ",".join(parts) + "}"
    if kind == "array":
        return '{"type":"array","items":' + canonical(node["items"], namespace, seen) + "}"
    if kind == "map":
        return '{"type":"map","values":' + canonical(node["values"], namespace, seen) + "}"
    return canonical(kind, namespace, seen)


def fingerprint(schema_json):
    """CRC-64-AVRO of the schema's Parsing Canonical Form (8 bytes, little-endian), as single-object encoding uses it."""
    fp = EMPTY
    for byte in canonical(schema_json).encode("utf-8"):
        fp = (fp >> 8) ^ TABLE[(fp ^ byte) & 0xFF]
    return fp.to_bytes(8, "little")


class Released:
    """One released schema version: its JSON, its parsed form and its fingerprint."""

    def __init__(self, path):
        text = open(path).read()
        self.schema = avro.schema.parse(text)
        self.fingerprint = fingerprint(json.loads(text))


def released(schemas_dir, event):
    """Every released version of an event's schema, by fingerprint."""
    folder = os.path.join(schemas_dir, event)
    versions = {}
    for name in sorted(os.listdir(folder)):
        version = Released(os.path.join(folder, name))
        versions[version.fingerprint] = version.schema
    return versions


def latest(schemas_dir, event):
    folder = os.path.join(schemas_dir, event)
    newest = max(os.listdir(folder), key=lambda name: int(name[1:-5]))
    return Released(os.path.join(folder, newest))


def encode(version, datum):
    body = io.BytesIO()
    avro.io.DatumWriter(version.schema).write(datum, avro.io.BinaryEncoder(body))
    return b"\xc3\x01" + version.fingerprint + body.getvalue()


def decode(versions, value):
    if value[:2] != b"\xc3\x01" or value[2:10] not in versions:
        return None
    reader = avro.io.DatumReader(versions[value[2:10]])
    return reader.read(avro.io.BinaryDecoder(io.BytesIO(value[10:])))


def order(order_id):
    now = datetime.datetime.now(datetime.timezone.utc)  # timestamp-millis: Avro writes it as epoch milliseconds
    return {
        "eventId": str(uuid.uuid4()), "orderId": order_id, "occurredAt": now, "placedAt": now,
        "customerEmail": "py@example.com", "customerId": None, "mode": "PAYMENT", "currency": "eur",
        "lineItems": [{"name": "Stroopwafels", "description": None, "unitAmount": 650, "quantity": 2,
                       "recurring": None, "sku": "WAFEL-8", "priceId": None, "images": [], "taxBehavior": None,
                       "adjustableQuantity": None}],
        "successUrl": "https://shop.example/thanks", "cancelUrl": "https://shop.example/cart",
        "metadata": {"channel": "python"}, "checkoutLifetimeSeconds": None, "checkout": None,
    }


def main():
    bootstrap, order_id, schemas_dir = sys.argv[1:4]
    value = encode(latest(schemas_dir, "OrderPlaced"), order(order_id))
    delivered = {}
    producer = Producer({"bootstrap.servers": bootstrap, "enable.idempotence": True})
    producer.produce("orders.placed", key=order_id.encode(), value=value, headers=[("event-type", b"OrderPlaced")],
                     on_delivery=lambda err, msg: delivered.update(error=err, partition=msg.partition()))
    producer.flush(30)
    if delivered.get("error") is not None or "partition" not in delivered:
        print("publishing failed: %s" % delivered.get("error"), flush=True)
        return 1
    print("placed %s partition %d" % (order_id, delivered["partition"]), flush=True)

    decisions = {}
    for event in ("FulfillmentRequested", "OrderCancelled"):
        for fp, schema in released(schemas_dir, event).items():
            decisions[fp] = schema
    consumer = Consumer({"bootstrap.servers": bootstrap, "group.id": "python-" + order_id,
                         "isolation.level": "read_committed", "auto.offset.reset": "earliest"})
    consumer.subscribe(["fulfillment.events"])
    deadline = time.time() + 120
    try:
        while time.time() < deadline:
            message = consumer.poll(0.5)
            if message is None or message.error() or message.key() != order_id.encode():
                continue
            decision = decode(decisions, message.value())
            if decision is None:
                continue
            purchase = decision.get("purchase") or {}
            print("%s %s %s" % (decision.get("reason") and "OrderCancelled" or "FulfillmentRequested", order_id,
                                json.dumps({"skus": [line.get("sku") for line in purchase.get("lineItems", [])],
                                            "total": (purchase.get("amounts") or {}).get("total")})), flush=True)
            return 0
    finally:
        consumer.close()
    print("no decision for %s within 120 s" % order_id, flush=True)
    return 1


if __name__ == "__main__":
    sys.exit(main())
