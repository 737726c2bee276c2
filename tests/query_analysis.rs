//! Exact answers of `graph::analysis` on a hand-built graph (values worked out by hand, PageRank
//! from NetworkX) and on the seed article's graph (a fixture copy, so that extractor changes do not
//! move the expected answers).

mod common;

use kgforge::export::json::{from_json, to_json};
use kgforge::graph::analysis::{
    betweenness, components, degrees, ego_graph, ego_nodes, find_actor, neighbors, pagerank, rank,
    relations, shortest_path, stats, Direction, Measure, NeighborFilter, Orientation,
    RelationFilter, Score,
};
use kgforge::graph::KnowledgeGraph;
use kgforge::schema::{EntityType, RelationType, Schema};
use kgforge::Error;
use petgraph::stable_graph::NodeIndex;

fn load(name: &str) -> KnowledgeGraph {
    let schema = Schema::embedded().unwrap();
    let path = common::root().join("tests/fixtures").join(name);
    from_json(std::fs::File::open(&path).unwrap(), &path, &schema).unwrap()
}

/// The hand-built graph of `tests/fixtures/README.md`:
///
/// ```text
///        borduria ── carpania ── dorvia ── eva-sand ── eva-moss        faro (no relations)
///            \         /           |
///             atlantis ──────── helvetia
/// ```
fn handbuilt() -> KnowledgeGraph {
    load("handbuilt.json")
}

fn seed() -> KnowledgeGraph {
    load("russia-aid-us.json")
}

fn id(graph: &KnowledgeGraph, n: NodeIndex) -> &str {
    &graph.petgraph()[n].id
}

fn find(graph: &KnowledgeGraph, name: &str) -> NodeIndex {
    find_actor(graph, name).unwrap_or_else(|e| panic!("{name}: {e}"))
}

/// `(id, value)` of scores, in their order.
fn by_id<'a>(graph: &'a KnowledgeGraph, scores: &[Score]) -> Vec<(&'a str, f64)> {
    scores
        .iter()
        .map(|s| (graph.petgraph()[s.node].id.as_str(), s.value))
        .collect()
}

fn assert_close(actual: &[(&str, f64)], expected: &[(&str, f64)], tolerance: f64) {
    assert_eq!(actual.len(), expected.len(), "{actual:?}");
    for ((a_id, a), (e_id, e)) in actual.iter().zip(expected) {
        assert_eq!(a_id, e_id, "{actual:?}");
        assert!((a - e).abs() <= tolerance, "{a_id}: {a} != {e}");
    }
}

// ---------------------------------------------------------------------------------------------
// Names

#[test]
fn names_are_found_by_id_name_alias_and_word_ignoring_case_and_punctuation() {
    let g = handbuilt();
    for (name, expected) in [
        ("atlantis", "atlantis"),
        ("ATLANTIS", "atlantis"),
        ("Atlantean", "atlantis"),
        ("B.R.", "borduria"),
        ("br", "borduria"),
        ("eva-sand", "eva-sand"),
        ("Eva Sand", "eva-sand"),
        ("evasand", "eva-sand"),
        ("Sand", "eva-sand"),
        ("moss", "eva-moss"),
    ] {
        assert_eq!(id(&g, find(&g, name)), expected, "{name}");
    }
    let s = seed();
    for (name, expected) in [
        ("us", "united-states"),
        ("U.S.", "united-states"),
        ("United States", "united-states"),
        ("united-states", "united-states"),
        ("Kremlin", "russia"),
        ("peskov", "dmitry-peskov"),
        ("AFP", "agence-france-presse"),
        ("Antonov-124", "antonov-an-124-ruslan"),
    ] {
        assert_eq!(id(&s, find(&s, name)), expected, "{name}");
    }
}

#[test]
fn an_ambiguous_name_lists_every_actor_it_names() {
    let g = handbuilt();
    match find_actor(&g, "Eva") {
        Err(Error::AmbiguousActor { name, candidates }) => {
            assert_eq!(name, "Eva");
            assert_eq!(
                candidates,
                ["Eva Moss (eva-moss, Person)", "Eva Sand (eva-sand, Person)"]
            );
        }
        other => panic!("expected an ambiguity, got {other:?}"),
    }
}

#[test]
fn an_unknown_name_suggests_the_closest_actors_and_only_close_ones() {
    let g = handbuilt();
    match find_actor(&g, "Dorvai") {
        Err(Error::ActorNotFound {
            candidates, actors, ..
        }) => {
            assert_eq!(candidates, ["Dorvia (dorvia, Country)"]);
            assert_eq!(actors, 8);
        }
        other => panic!("expected not found, got {other:?}"),
    }
    match find_actor(&g, "xyzzy") {
        Err(Error::ActorNotFound { candidates, .. }) => assert!(candidates.is_empty()),
        other => panic!("expected not found, got {other:?}"),
    }
    assert!(matches!(
        find_actor(&g, "..."),
        Err(Error::ActorNotFound { .. })
    ));
    let s = seed();
    let message = find_actor(&s, "Putn").unwrap_err().to_string();
    assert_eq!(
        message,
        "no actor named \"Putn\" among the 13 actors of the graph; closest: Vladimir Putin (vladimir-putin, Person)"
    );
}

// ---------------------------------------------------------------------------------------------
// Neighbours and relations

/// `(neighbour id, relation, orientation)` rows.
fn neighbor_rows(
    g: &KnowledgeGraph,
    name: &str,
    direction: Direction,
    filter: NeighborFilter,
) -> Vec<(String, String, &'static str)> {
    neighbors(g, find(g, name), direction, &filter)
        .into_iter()
        .map(|n| {
            (
                id(g, n.node).to_string(),
                g.petgraph()[n.edge].relation_type.to_string(),
                n.orientation.as_str(),
            )
        })
        .collect()
}

fn rows(list: &[(&str, &str, &'static str)]) -> Vec<(String, String, &'static str)> {
    list.iter()
        .map(|(a, b, c)| (a.to_string(), b.to_string(), *c))
        .collect()
}

#[test]
fn neighbors_follow_the_direction_and_the_type_filters() {
    let g = handbuilt();
    let all = NeighborFilter::default;
    assert_eq!(
        neighbor_rows(&g, "atlantis", Direction::Both, all()),
        rows(&[
            ("borduria", "praised", "in"),
            ("borduria", "sent-aid-to", "out"),
            ("carpania", "criticized", "in"),
            ("helvetia", "sent-aid-to", "out"),
        ])
    );
    assert_eq!(
        neighbor_rows(&g, "atlantis", Direction::Out, all()),
        rows(&[
            ("borduria", "sent-aid-to", "out"),
            ("helvetia", "sent-aid-to", "out"),
        ])
    );
    assert_eq!(
        neighbor_rows(&g, "atlantis", Direction::In, all()),
        rows(&[
            ("borduria", "praised", "in"),
            ("carpania", "criticized", "in")
        ])
    );
    // a symmetric relation is stored carpania -> dorvia but counts in both directions
    assert_eq!(
        neighbor_rows(&g, "dorvia", Direction::Out, all()),
        rows(&[("carpania", "spoke-with", "sym")])
    );
    assert_eq!(
        neighbor_rows(&g, "dorvia", Direction::In, all()),
        rows(&[
            ("carpania", "spoke-with", "sym"),
            ("eva-sand", "leader-of", "in"),
            ("helvetia", "supported", "in"),
        ])
    );
    let persons = NeighborFilter {
        entity_type: Some(EntityType::person()),
        relation_type: None,
    };
    assert_eq!(
        neighbor_rows(&g, "dorvia", Direction::Both, persons),
        rows(&[("eva-sand", "leader-of", "in")])
    );
    let aid = NeighborFilter {
        relation_type: Some(RelationType::new("sent-aid-to").unwrap()),
        entity_type: None,
    };
    assert_eq!(
        neighbor_rows(&g, "borduria", Direction::Both, aid),
        rows(&[
            ("atlantis", "sent-aid-to", "in"),
            ("carpania", "sent-aid-to", "out"),
        ])
    );
    assert!(neighbor_rows(&g, "faro", Direction::Both, all()).is_empty());
    assert_eq!(Orientation::Symmetric.as_str(), "sym");
}

#[test]
fn neighbors_of_russia_in_the_seed_article() {
    let s = seed();
    assert_eq!(
        neighbor_rows(&s, "Russia", Direction::Both, NeighborFilter::default()),
        rows(&[
            ("dmitry-peskov", "spokesperson-for", "in"),
            ("donald-trump", "praised", "in"),
            ("iran", "sent-aid-to", "out"),
            ("italy", "sent-aid-to", "out"),
            ("north-korea", "sent-aid-to", "out"),
            ("united-states", "sent-aid-to", "out"),
            ("vladimir-putin", "leader-of", "in"),
        ])
    );
}

/// `source -type-> target` strings of relations.
fn relation_strings(g: &KnowledgeGraph, filter: RelationFilter) -> Vec<String> {
    relations(g, &filter)
        .into_iter()
        .map(|e| {
            let (s, t) = g.petgraph().edge_endpoints(e).unwrap();
            format!(
                "{} -{}-> {}",
                id(g, s),
                g.petgraph()[e].relation_type,
                id(g, t)
            )
        })
        .collect()
}

#[test]
fn relations_filter_by_type_and_ends_and_symmetric_ones_match_both_ways() {
    let g = handbuilt();
    assert_eq!(relation_strings(&g, RelationFilter::default()).len(), 9);
    assert_eq!(
        relation_strings(
            &g,
            RelationFilter {
                relation_type: Some(RelationType::new("sent-aid-to").unwrap()),
                ..Default::default()
            }
        ),
        [
            "atlantis -sent-aid-to-> borduria",
            "atlantis -sent-aid-to-> helvetia",
            "borduria -sent-aid-to-> carpania",
        ]
    );
    assert_eq!(
        relation_strings(
            &g,
            RelationFilter {
                to: Some(find(&g, "dorvia")),
                ..Default::default()
            }
        ),
        [
            "carpania -spoke-with-> dorvia",
            "eva-sand -leader-of-> dorvia",
            "helvetia -supported-> dorvia",
        ]
    );
    // stored carpania -> dorvia, asked dorvia -> carpania
    assert_eq!(
        relation_strings(
            &g,
            RelationFilter {
                from: Some(find(&g, "dorvia")),
                to: Some(find(&g, "carpania")),
                ..Default::default()
            }
        ),
        ["carpania -spoke-with-> dorvia"]
    );
    // a directed relation does not match reversed
    assert!(relation_strings(
        &g,
        RelationFilter {
            from: Some(find(&g, "helvetia")),
            to: Some(find(&g, "atlantis")),
            ..Default::default()
        }
    )
    .is_empty());
}

// ---------------------------------------------------------------------------------------------
// Paths

/// `(from, relation, to, direction)` per relation of each hop; direction is `>` when the relation
/// runs along the walk, `<` against it.
fn path_strings(g: &KnowledgeGraph, from: &str, to: &str) -> Option<Vec<String>> {
    let hops = shortest_path(g, find(g, from), find(g, to))?;
    let p = g.petgraph();
    Some(
        hops.iter()
            .map(|hop| {
                hop.edges
                    .iter()
                    .map(|&e| {
                        let (s, _) = p.edge_endpoints(e).unwrap();
                        let arrow = if s == hop.from { ">" } else { "<" };
                        format!(
                            "{} {}{} {}",
                            id(g, hop.from),
                            p[e].relation_type,
                            arrow,
                            id(g, hop.to)
                        )
                    })
                    .collect::<Vec<_>>()
                    .join(" | ")
            })
            .collect(),
    )
}

#[test]
fn the_shortest_path_reports_real_directions_and_breaks_ties_by_id() {
    let g = handbuilt();
    // two shortest chains atlantis..dorvia exist (via carpania or helvetia): carpania < helvetia
    assert_eq!(
        path_strings(&g, "atlantis", "eva-moss").unwrap(),
        [
            "atlantis criticized< carpania",
            "carpania spoke-with> dorvia",
            "dorvia leader-of< eva-sand",
            "eva-sand spoke-with< eva-moss",
        ]
    );
    // both relations between borduria and atlantis, strongest first (0.6 before 0.5)
    assert_eq!(
        path_strings(&g, "borduria", "helvetia").unwrap(),
        [
            "borduria sent-aid-to< atlantis | borduria praised> atlantis",
            "atlantis sent-aid-to> helvetia",
        ]
    );
    assert_eq!(path_strings(&g, "eva-moss", "faro"), None);
    assert_eq!(path_strings(&g, "dorvia", "dorvia").unwrap().len(), 0);
}

#[test]
fn paths_in_the_seed_article() {
    let s = seed();
    assert_eq!(
        path_strings(&s, "Peskov", "Italy").unwrap(),
        [
            "dmitry-peskov spokesperson-for> russia",
            "russia sent-aid-to> italy",
        ]
    );
    assert_eq!(
        path_strings(&s, "Antonov-124", "North Korea").unwrap(),
        [
            "antonov-an-124-ruslan traveled-to> united-states",
            "united-states sent-aid-to< russia",
            "russia sent-aid-to> north-korea",
        ]
    );
    assert_eq!(path_strings(&s, "AFP", "Russia"), None);
}

// ---------------------------------------------------------------------------------------------
// Rankings

#[test]
fn degrees_count_relations_directions_and_distinct_neighbours() {
    let g = handbuilt();
    let got: Vec<(&str, usize, usize, usize, usize)> = degrees(&g)
        .iter()
        .map(|d| {
            (
                id(&g, d.node),
                d.relations,
                d.outgoing,
                d.incoming,
                d.neighbors,
            )
        })
        .collect();
    assert_eq!(
        got,
        [
            ("atlantis", 4, 2, 2, 3),
            ("borduria", 3, 2, 1, 2),
            ("carpania", 3, 2, 2, 3), // spoke-with counts both ways
            ("dorvia", 3, 1, 3, 3),
            ("eva-moss", 1, 1, 1, 1),
            ("eva-sand", 2, 2, 1, 2),
            ("faro", 0, 0, 0, 0),
            ("helvetia", 2, 1, 1, 2),
        ]
    );
    let ranked: Vec<(&str, f64)> = by_id(&g, &rank(&g, Measure::Degree, false));
    assert_eq!(
        ranked,
        [
            ("atlantis", 4.0),
            ("borduria", 3.0),
            ("carpania", 3.0),
            ("dorvia", 3.0),
            ("eva-sand", 2.0),
            ("helvetia", 2.0),
            ("eva-moss", 1.0),
            ("faro", 0.0),
        ]
    );
}

#[test]
fn betweenness_on_the_handbuilt_graph_is_the_hand_computed_share_of_shortest_paths() {
    let g = handbuilt();
    // Undirected, by hand: pairs whose shortest paths pass through each actor, split evenly
    // among equally short paths (atlantis..dorvia goes via carpania or helvetia, half each):
    // dorvia 8.5, eva-sand 5, carpania 4.5, atlantis 1.5, helvetia 1.5, out of 7·6/2 = 21
    // pairs of the 7 other actors (faro counts in n = 8, as in NetworkX).
    assert_close(
        &by_id(&g, &rank(&g, Measure::Betweenness, false)),
        &[
            ("dorvia", 8.5 / 21.0),
            ("eva-sand", 5.0 / 21.0),
            ("carpania", 4.5 / 21.0),
            ("atlantis", 1.5 / 21.0),
            ("helvetia", 1.5 / 21.0),
            ("borduria", 0.0),
            ("eva-moss", 0.0),
            ("faro", 0.0),
        ],
        1e-12,
    );
    // Directed (symmetric relations both ways): NetworkX 3.6.1,
    // `betweenness_centrality(DiGraph, normalized=True)` via tests/networkx_reference.py,
    // over 7·6 = 42 ordered pairs.
    assert_close(
        &by_id(&g, &betweenness(&g, true)),
        &[
            ("atlantis", 10.0 / 42.0),
            ("borduria", 1.0 / 42.0),
            ("carpania", 12.0 / 42.0),
            ("dorvia", 11.0 / 42.0),
            ("eva-moss", 0.0),
            ("eva-sand", 5.0 / 42.0),
            ("faro", 0.0),
            ("helvetia", 1.0 / 42.0),
        ],
        1e-12,
    );
}

#[test]
fn betweenness_in_the_seed_article() {
    let s = seed();
    // By hand: 13 actors, 66 pairs among the other 12. Russia joins its 4 leaves (Peskov,
    // Iran, Italy, North Korea) to each other (6 pairs) and to Trump, Putin, the US and the
    // Antonov (16 pairs): 22. The US joins the Antonov to the 7 others of its component: 7.
    let ranked = by_id(&s, &rank(&s, Measure::Betweenness, false));
    assert_close(
        &ranked[..3],
        &[
            ("russia", 22.0 / 66.0),
            ("united-states", 7.0 / 66.0),
            ("agence-france-presse", 0.0),
        ],
        1e-12,
    );
    assert!(ranked[2..].iter().all(|(_, v)| *v == 0.0));
}

#[test]
fn pagerank_matches_networkx_and_the_closed_form_of_an_isolated_actor() {
    let g = handbuilt();
    // NetworkX 3.6.1 `pagerank(alpha=0.85, tol=1e-13)` via tests/networkx_reference.py
    // (tests/query_networkx.rs recomputes these live when NetworkX is installed).
    let undirected = pagerank(&g, 0.85, false);
    assert_close(
        &by_id(&g, &undirected),
        &[
            ("atlantis", 0.17011208939381398),
            ("borduria", 0.11735884643421918),
            ("carpania", 0.17005200044805074),
            ("dorvia", 0.17998956849285447),
            ("eva-moss", 0.08073400981260286),
            ("eva-sand", 0.1405999737259284),
            ("faro", 0.020979020979020983),
            ("helvetia", 0.12017449071350936),
        ],
        1e-9,
    );
    assert_close(
        &by_id(&g, &pagerank(&g, 0.85, true)),
        &[
            ("atlantis", 0.17446598166821164),
            ("borduria", 0.0951270631880711),
            ("carpania", 0.26601872666909654),
            ("dorvia", 0.24071847510002384),
            ("eva-moss", 0.04680251255593722),
            ("eva-sand", 0.060761156651567616),
            ("faro", 0.020979020979020983),
            ("helvetia", 0.0951270631880711),
        ],
        1e-9,
    );
    // faro has no links: its rank r solves r = (1 - d)/n + d·r/n, so r = (1 - d)/(n - d)
    let faro = undirected[6].value;
    assert!((faro - 0.15 / (8.0 - 0.85)).abs() < 1e-12, "{faro}");
    let total: f64 = undirected.iter().map(|s| s.value).sum();
    assert!((total - 1.0).abs() < 1e-12);
    // ties (borduria and helvetia, directed) are broken by id
    let ranked = by_id(&g, &rank(&g, Measure::Pagerank, true));
    let ids: Vec<&str> = ranked.iter().map(|(i, _)| *i).collect();
    assert_eq!(
        ids,
        [
            "carpania", "dorvia", "atlantis", "borduria", "helvetia", "eva-sand", "eva-moss",
            "faro"
        ]
    );
}

#[test]
fn pagerank_in_the_seed_article() {
    let s = seed();
    // NetworkX 3.6.1, as above
    let ranked = by_id(&s, &rank(&s, Measure::Pagerank, false));
    assert_close(
        &ranked[..4],
        &[
            ("russia", 0.28895861038851517),
            ("united-states", 0.1598101178545655),
            ("donald-trump", 0.11814764833337749),
            ("vladimir-putin", 0.11814764833337749),
        ],
        1e-9,
    );
}

// ---------------------------------------------------------------------------------------------
// Components, statistics, ego networks

fn component_ids(g: &KnowledgeGraph) -> Vec<Vec<&str>> {
    components(g)
        .iter()
        .map(|c| c.iter().map(|&n| id(g, n)).collect())
        .collect()
}

#[test]
fn components_are_largest_first_with_members_by_id() {
    let g = handbuilt();
    assert_eq!(
        component_ids(&g),
        [
            vec!["atlantis", "borduria", "carpania", "dorvia", "eva-moss", "eva-sand", "helvetia"],
            vec!["faro"],
        ]
    );
    let s = seed();
    assert_eq!(
        component_ids(&s),
        [
            vec![
                "antonov-an-124-ruslan",
                "dmitry-peskov",
                "donald-trump",
                "iran",
                "italy",
                "north-korea",
                "russia",
                "united-states",
                "vladimir-putin"
            ],
            vec!["agence-france-presse"],
            vec!["defense-ministry"],
            vec!["johns-hopkins"],
            vec!["moscow"],
        ]
    );
}

#[test]
fn stats_count_types_pairs_density_and_components() {
    let g = handbuilt();
    let s = stats(&g, 3);
    assert_eq!(
        (
            s.actors,
            s.relations,
            s.documents,
            s.linked_pairs,
            s.components,
            s.largest_component,
            s.isolated
        ),
        (8, 9, 1, 8, 2, 7, 1)
    );
    // borduria–atlantis holds two relations but is one linked pair: 8 of 28 pairs
    assert!((s.density - 8.0 / 28.0).abs() < 1e-12);
    let types: Vec<(&str, usize)> = s
        .actors_by_type
        .iter()
        .map(|(k, v)| (k.as_str(), *v))
        .collect();
    assert_eq!(types, [("Country", 5), ("Location", 1), ("Person", 2)]);
    assert_eq!(s.relations_by_type["sent-aid-to"], 3);
    assert_eq!(s.relations_by_type["spoke-with"], 2);
    assert_eq!(
        by_id(&g, &s.top_degrees),
        [("atlantis", 4.0), ("borduria", 3.0), ("carpania", 3.0)]
    );

    let seed_stats = stats(&seed(), 2);
    assert_eq!(
        (
            seed_stats.actors,
            seed_stats.relations,
            seed_stats.linked_pairs,
            seed_stats.components,
            seed_stats.isolated
        ),
        (13, 11, 11, 5, 4)
    );
    assert!((seed_stats.density - 11.0 / 78.0).abs() < 1e-12);
}

#[test]
fn ego_networks_keep_the_actors_within_reach_and_every_relation_among_them() {
    let g = handbuilt();
    let schema = Schema::embedded().unwrap();
    let within = |name: &str, depth: usize| -> Vec<(String, usize)> {
        ego_nodes(&g, find(&g, name), depth)
            .into_iter()
            .map(|(n, d)| (id(&g, n).to_string(), d))
            .collect()
    };
    assert_eq!(within("atlantis", 0), [("atlantis".to_string(), 0)]);
    assert_eq!(
        within("eva-moss", 2),
        [
            ("eva-moss".to_string(), 0),
            ("eva-sand".to_string(), 1),
            ("dorvia".to_string(), 2)
        ]
    );

    let ego = ego_graph(&g, &schema, find(&g, "atlantis"), 1).unwrap();
    let nodes: Vec<&str> = ego.nodes().iter().map(|n| n.id.as_str()).collect();
    assert_eq!(nodes, ["atlantis", "borduria", "carpania", "helvetia"]);
    // the induced subgraph: borduria -> carpania is in, though atlantis is not an end of it
    let edges: Vec<String> = ego
        .edge_records()
        .iter()
        .map(|r| format!("{} -{}-> {}", r.source, r.edge.relation_type, r.target))
        .collect();
    assert_eq!(
        edges,
        [
            "atlantis -sent-aid-to-> borduria",
            "atlantis -sent-aid-to-> helvetia",
            "borduria -praised-> atlantis",
            "borduria -sent-aid-to-> carpania",
            "carpania -criticized-> atlantis",
        ]
    );
    // evidence and mention counts travel with the edges; the ego graph reads back as a graph
    assert_eq!(ego.edge_records()[0].edge.mentions, 2);
    let text = to_json(&ego);
    let back = from_json(text.as_bytes(), "ego.json".as_ref(), &schema).unwrap();
    assert_eq!((back.node_count(), back.edge_count()), (4, 5));
    assert_eq!(back.documents().count(), 1);
}
