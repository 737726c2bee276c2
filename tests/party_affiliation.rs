//! Party affiliations: a party's word before a politician names the party, whose member the
//! politician is, without taking the place of the body the politician's office is of.

use std::sync::Arc;

use kgforge::pipeline::Pipeline;
use kgforge::schema::Schema;

/// The relations of one article as "Source type Target", by entity names.
fn relations(text: &str) -> Vec<String> {
    let schema = Arc::new(Schema::embedded().unwrap());
    let doc = Pipeline::standard(schema).unwrap().run("t", text).unwrap();
    doc.relations
        .iter()
        .map(|r| {
            format!(
                "{} {} {}",
                doc.entities[r.source].name, r.relation_type, doc.entities[r.target].name
            )
        })
        .collect()
}

#[test]
fn a_party_word_before_an_office_makes_a_member_not_a_leader_of_the_party() {
    let found = relations(
        "Ana Ruiz is an adviser to Westshire's Republican Governor Piotr Wenzel, who spoke on Monday.",
    );
    assert!(
        found.contains(&"Piotr Wenzel member-of Republican Party".to_string()),
        "{found:?}"
    );
    assert!(
        !found.contains(&"Piotr Wenzel leader-of Republican Party".to_string()),
        "{found:?}"
    );
}

#[test]
fn a_party_word_in_apposition_makes_a_member() {
    let found = relations("Governor Piotr Wenzel, a Democrat, signed the bill on Monday.");
    assert!(
        found.contains(&"Piotr Wenzel member-of Democratic Party".to_string()),
        "{found:?}"
    );
}
