#!/usr/bin/env python3
"""Reads kgforge exports with the programs people use, and prints what they saw.

    read_graph.py graphml FILE      NetworkX read_graphml  -> kgforge JSON shape on stdout
    read_graph.py node-link FILE    NetworkX node_link_graph -> kgforge JSON shape on stdout
    read_graph.py svg-text FILE     ElementTree (expat) -> the lines of every <text>, as JSON
    read_graph.py schema SCHEMA FILE...   jsonschema (Draft 2020-12): exit 1 and the errors if any file fails

The kgforge JSON shape is {"nodes": [...], "edges": [...], "documents": [...]}, sorted the way
kgforge sorts them, so that the Rust test can compare it with the graph it exported. Values
are decoded only as the README tells users to: GraphML list keys with json.loads, and the
\\u{HEX} escape with kgforge_unescape below.
"""

import json
import re
import sys

ESCAPE = re.compile(r"(\\+)u\{([0-9A-Fa-f]{1,6})?(\}?)")


def kgforge_unescape(text):
    """Undo kgforge's \\u{HEX} escape (README, "Characters a format cannot hold")."""

    def replace(m):
        run, hex_digits, close = len(m.group(1)), m.group(2), m.group(3)
        if run % 2 == 0:
            return "\\" * (run // 2) + "u{" + (hex_digits or "") + close
        if hex_digits and close:
            code = int(hex_digits, 16)
            if code <= 0x10FFFF and not 0xD800 <= code <= 0xDFFF:
                return "\\" * (run // 2) + chr(code)
        return m.group(0)

    return ESCAPE.sub(replace, text)


def node_record(node_id, data, lists_are_json):
    def as_list(value):  # a list, or the object of counts by document
        return json.loads(value) if lists_are_json else value

    record = {
        "id": node_id,
        "name": data["name"],
        "type": data["type"],
        "aliases": as_list(data["aliases"]),
        "mentions": data["mentions"],
        "documents": as_list(data["documents"]),
    }
    if "document_mentions" in data:  # written only when known
        record["document_mentions"] = as_list(data["document_mentions"])
    return record


def edge_record(source, target, data, lists_are_json):
    def as_list(value):  # a list, or the object of counts by document
        return json.loads(value) if lists_are_json else value

    record = {
        "source": source,
        "target": target,
        "type": data["type"],
        "symmetric": data["symmetric"],
        "confidence": data["confidence"],
        "mentions": data["mentions"],
        "documents": as_list(data["documents"]),
    }
    if "document_mentions" in data:  # written only when known
        record["document_mentions"] = as_list(data["document_mentions"])
    record["evidence"] = as_list(data["evidence"])
    return record


def check_types(graph):
    """Typed keys must arrive typed: counts as int, confidence as float, symmetric as bool."""
    for _, data in graph.nodes(data=True):
        assert type(data["mentions"]) is int, data
        assert isinstance(data["name"], str), data
    for *_, data in graph.edges(data=True):
        assert type(data["mentions"]) is int, data
        assert type(data["confidence"]) is float, data
        assert type(data["symmetric"]) is bool, data


def unescape_all(value):
    if isinstance(value, str):
        return kgforge_unescape(value)
    if isinstance(value, list):
        return [unescape_all(v) for v in value]
    if isinstance(value, dict):
        return {k: unescape_all(v) for k, v in value.items()}
    return value


def read_graphml(path):
    import networkx as nx

    graph = nx.read_graphml(path)
    assert graph.is_directed(), "edgedefault=directed"
    check_types(graph)
    # the README's recipe: unescape every string, then parse the JSON-array keys
    nodes = [
        node_record(kgforge_unescape(n), unescape_all(d), True)
        for n, d in graph.nodes(data=True)
    ]
    edges = [
        edge_record(kgforge_unescape(u), kgforge_unescape(v), unescape_all(d), True)
        for u, v, d in graph.edges(data=True)
    ]
    documents = json.loads(kgforge_unescape(graph.graph["documents"]))
    return nodes, edges, documents


def read_node_link(path):
    import inspect

    import networkx as nx

    with open(path, encoding="utf-8") as f:
        data = json.load(f)
    params = inspect.signature(nx.node_link_graph).parameters
    default = params["edges"].default if "edges" in params else None
    if default == "edges":
        graph = nx.node_link_graph(data)  # NetworkX >= 3.6 reads it with no arguments
    elif "edges" in params:
        graph = nx.node_link_graph(data, edges="edges")  # NetworkX 3.4, 3.5
    else:
        graph = nx.node_link_graph(data, link="edges")  # older NetworkX
    assert graph.is_directed() and graph.is_multigraph()
    check_types(graph)
    for u, v, key, d in graph.edges(keys=True, data=True):
        assert key == d["type"], (u, v, key, d)
    nodes = [node_record(n, d, False) for n, d in graph.nodes(data=True)]
    edges = [edge_record(u, v, d, False) for u, v, d in graph.edges(data=True)]
    return nodes, edges, graph.graph["documents"]


def main(argv):
    mode = argv[1]
    if mode in ("graphml", "node-link"):
        reader = read_graphml if mode == "graphml" else read_node_link
        nodes, edges, documents = reader(argv[2])
        nodes.sort(key=lambda n: n["id"].encode("utf-8"))
        edges.sort(key=lambda e: (e["source"].encode(), e["type"], e["target"].encode()))
        out = {"nodes": nodes, "edges": edges, "documents": documents}
        json.dump(out, sys.stdout, ensure_ascii=True)
    elif mode == "svg-text":
        import xml.etree.ElementTree as ET

        root = ET.parse(argv[2]).getroot()
        texts = [t.text or "" for t in root.iter("{http://www.w3.org/2000/svg}text")]
        json.dump(texts, sys.stdout, ensure_ascii=True)
    elif mode == "schema":
        import jsonschema

        with open(argv[2], encoding="utf-8") as f:
            schema = json.load(f)
        jsonschema.Draft202012Validator.check_schema(schema)
        validator = jsonschema.Draft202012Validator(schema)
        failed = False
        for path in argv[3:]:
            with open(path, encoding="utf-8") as f:
                instance = json.load(f)
            for error in validator.iter_errors(instance):
                failed = True
                print(f"{path}: {error.json_path}: {error.message}")
        return 1 if failed else 0
    else:
        print(f"unknown mode {mode}", file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
