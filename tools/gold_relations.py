"""The gold relations score.py counts: triples keyed as the scorer keys them, split into required
and optional (shared by relation_audit.py and relation_breakdown.py)."""


def triple_key(symmetric, source, rel_type, target):
    """The scorer's key of a triple: symmetric types have their ends in sorted order."""
    if rel_type in symmetric:
        source, target = sorted((source, target))
    return (source, rel_type, target)


def split_relations(gold, symmetric):
    """(required triples, optional triples, optional entity ids) of a gold graph: a relation is
    optional when marked so or when it touches an optional entity; a triple both required and
    optional is required."""
    optional_entities = {e["id"] for e in gold["entities"] if e.get("optional")}
    required, optional = set(), set()
    for r in gold["relations"]:
        k = triple_key(symmetric, r["source"], r["type"], r["target"])
        opt = r.get("optional") or r["source"] in optional_entities or r["target"] in optional_entities
        (optional if opt else required).add(k)
    return required, optional - required, optional_entities
