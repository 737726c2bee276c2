#!/usr/bin/env python3
"""Reference values for `kgforge query`, computed by NetworkX from a kgforge JSON graph.

Usage: networkx_reference.py GRAPH.json  ->  JSON on standard output:
  pagerank, pagerank_directed, betweenness, betweenness_directed: {node id: value}
  components: [[ids...], ...] (each sorted), density, distances: {id: {id: hops}}

The actor network is built as kgforge's `actor_network` documents it: one undirected link per
related pair; directed, a link per relation from source to target, both ways for symmetric
relations; self-relations left out. Used by tests/query_networkx.rs, and once by hand to get the
values hard-coded in tests/query_analysis.rs.
"""
import json
import sys

import networkx as nx


def pagerank(graph):
    """NetworkX's PageRank, converged far past its default tolerance. NetworkX computes it with
    SciPy when it can; without NumPy/SciPy its pure-Python power iteration (same definition)."""
    try:
        import scipy  # noqa: F401  (only to know which implementation NetworkX can run)
    except ImportError:
        from networkx.algorithms.link_analysis.pagerank_alg import _pagerank_python

        return _pagerank_python(graph, alpha=0.85, tol=1e-13, max_iter=10000)
    return nx.pagerank(graph, alpha=0.85, tol=1e-13, max_iter=10000)


def main(path):
    with open(path, encoding="utf-8") as f:
        graph = json.load(f)
    ids = [n["id"] for n in graph["nodes"]]
    undirected = nx.Graph()
    directed = nx.DiGraph()
    undirected.add_nodes_from(ids)
    directed.add_nodes_from(ids)
    for e in graph["edges"]:
        s, t = e["source"], e["target"]
        if s == t:
            continue
        undirected.add_edge(s, t)
        directed.add_edge(s, t)
        if e.get("symmetric"):
            directed.add_edge(t, s)
    out = {
        "pagerank": pagerank(undirected),
        "pagerank_directed": pagerank(directed),
        "betweenness": nx.betweenness_centrality(undirected, normalized=True),
        "betweenness_directed": nx.betweenness_centrality(directed, normalized=True),
        "components": sorted(sorted(c) for c in nx.connected_components(undirected)),
        "density": nx.density(undirected),
        "distances": {s: d for s, d in nx.all_pairs_shortest_path_length(undirected)},
    }
    json.dump(out, sys.stdout, indent=1, sort_keys=True)
    sys.stdout.write("\n")


if __name__ == "__main__":
    main(sys.argv[1])
