//! Entity and relation type names, validated so that they are safe as Neo4j labels and types.

use std::fmt;

use serde::{Deserialize, Serialize};
use unicode_normalization::UnicodeNormalization;

use crate::error::Error;

/// An entity type name such as `Person`: an ASCII identifier starting with an upper-case letter.
///
/// The check on construction is what makes it safe to write a type into Cypher text as a label.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct EntityType(String);

/// A relation type name such as `sent-aid-to`: lower-case ASCII words joined by hyphens.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct RelationType(String);

impl EntityType {
    /// The entity types every schema must have (the evaluation vocabulary).
    pub const REQUIRED: [&'static str; 5] =
        ["Person", "Country", "Organization", "Location", "Product"];

    /// Validates a type name.
    pub fn new(name: &str) -> Result<Self, Error> {
        let mut chars = name.chars();
        let valid = chars.next().is_some_and(|c| c.is_ascii_uppercase())
            && chars.all(|c| c.is_ascii_alphanumeric())
            && name.len() <= 64;
        if valid {
            Ok(EntityType(name.to_string()))
        } else {
            Err(Error::UnknownType {
                kind: "entity",
                name: name.into(),
                hint: " (entity types are identifiers such as Person)".into(),
            })
        }
    }

    /// `Person`.
    pub fn person() -> Self {
        EntityType("Person".into())
    }
    /// `Country`.
    pub fn country() -> Self {
        EntityType("Country".into())
    }
    /// `Organization`.
    pub fn organization() -> Self {
        EntityType("Organization".into())
    }
    /// `Location`.
    pub fn location() -> Self {
        EntityType("Location".into())
    }
    /// `Product`.
    pub fn product() -> Self {
        EntityType("Product".into())
    }

    /// The name as a string.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// Whether this is the named type.
    pub fn is(&self, name: &str) -> bool {
        self.0 == name
    }
}

impl RelationType {
    /// The relation types every schema must have (the evaluation vocabulary).
    pub const REQUIRED: [&'static str; 17] = [
        "spoke-with",
        "met-with",
        "agreed-with",
        "sent-aid-to",
        "praised",
        "criticized",
        "threatened",
        "sanctioned",
        "attacked",
        "requested",
        "supported",
        "traveled-to",
        "leader-of",
        "spokesperson-for",
        "member-of",
        "belongs-to",
        "located-in",
    ];

    /// Validates a type name.
    pub fn new(name: &str) -> Result<Self, Error> {
        let valid = !name.is_empty()
            && name.len() <= 64
            && name.split('-').all(|w| {
                !w.is_empty()
                    && w.chars()
                        .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit())
            })
            && name.starts_with(|c: char| c.is_ascii_lowercase());
        if valid {
            Ok(RelationType(name.to_string()))
        } else {
            Err(Error::UnknownType {
                kind: "relation",
                name: name.into(),
                hint:
                    " (relation types are lower-case words joined by hyphens, such as sent-aid-to)"
                        .into(),
            })
        }
    }

    /// The name as a string.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// Whether this is the named type.
    pub fn is(&self, name: &str) -> bool {
        self.0 == name
    }

    /// The Neo4j relationship type: upper snake case (`SENT_AID_TO`).
    pub fn neo4j_type(&self) -> String {
        self.0.to_ascii_uppercase().replace('-', "_")
    }
}

impl TryFrom<String> for EntityType {
    type Error = Error;
    fn try_from(s: String) -> Result<Self, Error> {
        EntityType::new(&s)
    }
}

impl TryFrom<String> for RelationType {
    type Error = Error;
    fn try_from(s: String) -> Result<Self, Error> {
        RelationType::new(&s)
    }
}

impl From<EntityType> for String {
    fn from(t: EntityType) -> String {
        t.0
    }
}

impl From<RelationType> for String {
    fn from(t: RelationType) -> String {
        t.0
    }
}

impl fmt::Display for EntityType {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl fmt::Display for RelationType {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// The stable node id of a canonical name: NFKC, lower case, every run of other characters
/// than letters and digits turned into one `-`.
///
/// ```
/// assert_eq!(kgforge::schema::node_id("United States"), "united-states");
/// assert_eq!(kgforge::schema::node_id("Antonov-124"), "antonov-124");
/// assert_eq!(kgforge::schema::node_id("U.S."), "u-s");
/// ```
pub fn node_id(name: &str) -> String {
    let mut id = String::with_capacity(name.len());
    let mut pending_dash = false;
    for c in name.nfkc().flat_map(char::to_lowercase) {
        if c.is_alphanumeric() {
            if pending_dash && !id.is_empty() {
                id.push('-');
            }
            pending_dash = false;
            id.push(c);
        } else {
            pending_dash = true;
        }
    }
    if id.is_empty() {
        id.push_str("entity");
    }
    id
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn type_names_are_validated() {
        assert!(EntityType::new("Person").is_ok());
        assert!(EntityType::new("person").is_err());
        assert!(EntityType::new("Person`) DETACH").is_err());
        assert!(RelationType::new("sent-aid-to").is_ok());
        assert!(RelationType::new("sent--aid").is_err());
        assert!(RelationType::new("SENT").is_err());
        assert_eq!(
            RelationType::new("sent-aid-to").unwrap().neo4j_type(),
            "SENT_AID_TO"
        );
    }

    #[test]
    fn node_ids_are_slugs() {
        assert_eq!(node_id("  Vladimir   Putin "), "vladimir-putin");
        assert_eq!(node_id("Côte d'Ivoire"), "côte-d-ivoire");
        assert_eq!(node_id("!!!"), "entity");
        assert_eq!(node_id("ＵＳＡ"), "usa");
    }
}
