//! The ontology as data: entity and relation types, relation triggers, titles and gazetteers from `schema/`.
//!
//! The `schema/` folder of the repository is embedded in the binary; [`Schema::load`] reads a copy
//! from disk instead, so that users can extend the vocabulary without recompiling.

mod gazetteer;
mod triggers;
mod types;

use std::path::Path;

use include_dir::{include_dir, Dir};
use serde::Deserialize;

pub use gazetteer::{GazetteerEntry, Title};
pub use triggers::{inflections, RelationTriggers};
pub use types::{node_id, EntityType, RelationType};

use crate::error::{Error, Result};

/// The repository's `schema/` folder, embedded at compile time.
pub static EMBEDDED_SCHEMA: Dir<'static> = include_dir!("$CARGO_MANIFEST_DIR/schema");

/// One entity type of the ontology, with how Graphviz draws it.
#[derive(Debug, Clone, PartialEq, Deserialize)]
pub struct EntityTypeDef {
    /// The type's name ("Person"); also its Neo4j label.
    pub name: EntityType,
    /// What the type covers.
    pub description: String,
    /// Graphviz node shape.
    #[serde(default = "default_shape")]
    pub shape: String,
    /// Graphviz outline colour.
    #[serde(default = "default_color")]
    pub color: String,
    /// Graphviz fill colour.
    #[serde(default = "default_fill")]
    pub fill: String,
}

/// One relation type of the ontology.
#[derive(Debug, Clone, PartialEq, Deserialize)]
pub struct RelationTypeDef {
    /// The type's name ("sent-aid-to").
    pub name: RelationType,
    /// What the type covers.
    pub description: String,
    /// Whether `a -r-> b` means the same as `b -r-> a` (spoke-with, met-with, agreed-with).
    #[serde(default)]
    pub symmetric: bool,
    /// Graphviz edge colour.
    #[serde(default = "default_color")]
    pub color: String,
    /// Entity types allowed as the source (empty: any).
    #[serde(default)]
    pub source: Vec<EntityType>,
    /// Entity types allowed as the target (empty: any).
    #[serde(default)]
    pub target: Vec<EntityType>,
}

impl RelationTypeDef {
    /// Whether an edge of this type may go from a `source`-typed to a `target`-typed entity.
    pub fn allows(&self, source: &EntityType, target: &EntityType) -> bool {
        (self.source.is_empty() || self.source.contains(source))
            && (self.target.is_empty() || self.target.contains(target))
    }
}

fn default_shape() -> String {
    "ellipse".into()
}
fn default_color() -> String {
    "#555555".into()
}
fn default_fill() -> String {
    "#eeeeee".into()
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct OntologyFile {
    #[serde(default)]
    entity: Vec<EntityTypeDef>,
    #[serde(default)]
    relation: Vec<RelationTypeDef>,
}

/// Word lists that the extractor uses to read names and clauses (`schema/lexicon.toml`).
#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Lexicon {
    /// A capitalised name holding one of these words is an organisation ("University").
    #[serde(default)]
    pub organization_words: Vec<String>,
    /// A capitalised name ending in one of these words is a place ("Airport", "Sea").
    #[serde(default)]
    pub location_words: Vec<String>,
    /// Lower-case nouns that refer back to the last organisation named with them ("the ministry").
    #[serde(default)]
    pub organization_nominals: Vec<String>,
    /// Capitalised words that are never names by themselves (days, months, diseases).
    #[serde(default)]
    pub not_names: Vec<String>,
    /// Verb lemmas of saying.
    #[serde(default)]
    pub speech_verbs: Vec<String>,
    /// Words before a verb that make its action negated, hypothetical or planned.
    #[serde(default)]
    pub not_factual: Vec<String>,
    /// Words that negate an evaluation right before it ("not very nice", "never a friend"):
    /// plain negators only, unlike `not_factual`'s words of planning and wishing.
    #[serde(default)]
    pub negators: Vec<String>,
    /// Words after "for" that make it a span of time, not a reason ("attacked him for hours",
    /// "for the third time"): such an attack stays an attack.
    #[serde(default)]
    pub time_words: Vec<String>,
    /// Group nouns that may stand between an asked actor and its infinitive besides
    /// `country_agents`: "called for NATO members to pay".
    #[serde(default)]
    pub asked_bodies: Vec<String>,
    /// Nouns for an act of whoever did it just before ("Russia annexed the region. Germany
    /// condemned the move"): a verb of praise or blame with such an object evaluates that actor.
    #[serde(default)]
    pub act_nouns: Vec<String>,
    /// Words right before a verb of thanking or condemning that perform it by saying it ("want
    /// to", "would like to"): "I want to thank Peru" thanks Peru.
    #[serde(default)]
    pub performative: Vec<String>,
    /// Auxiliaries of the future ("will"): the action is planned unless its trigger entry says
    /// `future = true` (a pledge counts as aid).
    #[serde(default)]
    pub future: Vec<String>,
    /// Nouns after a demonym that make the country the actor ("Kenyan troops").
    #[serde(default)]
    pub country_agents: Vec<String>,
    /// Of `country_agents`, the nouns that stand for the country itself ("the Afghan
    /// government"): whoever leads one leads the country, unlike a delegation or troops.
    #[serde(default)]
    pub government_nouns: Vec<String>,
    /// Nouns for a group of members ("group", "bloc"): "the bloc that includes A, B and C".
    #[serde(default)]
    pub group_nouns: Vec<String>,
    /// Words in an organisation's name that make it a body of the state its country word names.
    #[serde(default)]
    pub state_bodies: Vec<String>,
    /// Words for a part of an organisation: an organisation named after another one of the
    /// article and then one of these ("House Judiciary Committee") is a member of it.
    #[serde(default)]
    pub sub_body_words: Vec<String>,
    /// Nouns for a party's contest ("caucuses", "primary", "nomination", "delegates"): a person
    /// who wins, loses or takes part in one is a member of the party that holds it.
    #[serde(default)]
    pub contest_nouns: Vec<String>,
    /// Nouns for a contender of a party's contest ("nominee"): read like `contest_nouns`, but a
    /// party named beside one is not thereby the article's contest party.
    #[serde(default)]
    pub contender_nouns: Vec<String>,
    /// Titles of a state's servants that name no body ("General", "official", "diplomat"):
    /// given without one, in an article about one country, they are of that country.
    #[serde(default)]
    pub servant_titles: Vec<String>,
    /// Portfolio words that name a government agency when the country's name follows them
    /// ("Environment Canada", "Public Health England"); not words a company or team takes
    /// ("Air Canada", "Team Canada").
    #[serde(default)]
    pub agency_portfolio_words: Vec<String>,
    /// Nouns for a tie to an organisation that is no membership ("Apple critic A", "a customer
    /// of the bank"): a person described by one is not made a member.
    #[serde(default)]
    pub non_member_nouns: Vec<String>,
    /// Words that may stand between a body and its title ("Mali's interim president").
    #[serde(default)]
    pub title_modifiers: Vec<String>,
    /// Words before a title that make its holder a member rather than the leader ("Deputy").
    #[serde(default)]
    pub deputy_words: Vec<String>,
    /// Nouns for kinds of places ("city", "town", "region").
    #[serde(default)]
    pub place_nouns: Vec<String>,
    /// Words for a part of a place ("northern", "downtown"), skipped between a preposition and
    /// the place it introduces ("a town in northern Peru").
    #[serde(default)]
    pub place_parts: Vec<String>,
    /// Words that make a capitalised name a law, event or prize, which is no entity
    /// ("Paris Agreement", "Law of the Sea", "World War II").
    #[serde(default)]
    pub event_words: Vec<String>,
    /// Lower-case nouns after which a capitalised name is a product ("Patriot system").
    #[serde(default)]
    pub product_heads: Vec<String>,
    /// Common given names, which make a capitalised pair a person's name ("Teresa Marlowe").
    #[serde(default)]
    pub given_names: Vec<String>,
    /// Lower-case nouns that make a name next to them an organisation ("news agency Mehr",
    /// "the Iron Wolves biker gang", "Zentrova, a drug maker").
    #[serde(default)]
    pub organization_nouns: Vec<String>,
    /// Nouns of a trade that name organisations and people alike ("gas producer Vallora",
    /// "record producer Ana Ruiz"): they make a name an organisation only when nothing reads
    /// it as a person's.
    #[serde(default)]
    pub organization_or_person_nouns: Vec<String>,
    /// Political parties and the capitalised words that name them as an affiliation, one
    /// party a line: "Democratic Party: Democratic Democrat Democrats".
    #[serde(default)]
    pub party_words: Vec<String>,
    /// Lower-case nouns of political life after which a party's word names the party
    /// ("Republican lawmakers", "the Democratic nomination").
    #[serde(default)]
    pub party_contexts: Vec<String>,
}

/// The whole vocabulary: types, triggers, titles and gazetteers.
#[derive(Debug, Clone)]
pub struct Schema {
    /// Entity types, in file order.
    pub entity_types: Vec<EntityTypeDef>,
    /// Relation types, in file order.
    pub relation_types: Vec<RelationTypeDef>,
    /// Trigger words of each relation type.
    pub triggers: Vec<RelationTriggers>,
    /// Titles and the relation each implies ("President" → leader-of).
    pub titles: Vec<Title>,
    /// Known names: countries, organisations, leaders, places, products.
    pub gazetteer: Vec<GazetteerEntry>,
    /// Word lists for reading names and clauses.
    pub lexicon: Lexicon,
}

/// A source of schema files: the embedded copy or a directory on disk.
trait SchemaSource {
    fn read(&self, file: &str) -> Result<Option<String>>;
    fn list(&self, folder: &str, extension: &str) -> Result<Vec<String>>;
}

struct Embedded;

impl SchemaSource for Embedded {
    fn read(&self, file: &str) -> Result<Option<String>> {
        Ok(EMBEDDED_SCHEMA
            .get_file(file)
            .and_then(|f| f.contents_utf8())
            .map(str::to_string))
    }

    fn list(&self, folder: &str, extension: &str) -> Result<Vec<String>> {
        let mut names: Vec<String> = EMBEDDED_SCHEMA
            .get_dir(folder)
            .map(|d| {
                d.files()
                    .filter(|f| f.path().extension().is_some_and(|e| e == extension))
                    .map(|f| f.path().to_string_lossy().into_owned())
                    .collect()
            })
            .unwrap_or_default();
        names.sort();
        Ok(names)
    }
}

struct OnDisk<'a>(&'a Path);

impl SchemaSource for OnDisk<'_> {
    fn read(&self, file: &str) -> Result<Option<String>> {
        let path = self.0.join(file);
        match std::fs::read_to_string(&path) {
            Ok(text) => Ok(Some(text)),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(None),
            Err(e) => Err(Error::io(path, e)),
        }
    }

    fn list(&self, folder: &str, extension: &str) -> Result<Vec<String>> {
        let dir = self.0.join(folder);
        let entries = match std::fs::read_dir(&dir) {
            Ok(entries) => entries,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Vec::new()),
            Err(e) => return Err(Error::io(dir, e)),
        };
        let mut names = Vec::new();
        for entry in entries {
            let path = entry.map_err(|e| Error::io(&dir, e))?.path();
            if path.extension().is_some_and(|e| e == extension) {
                if let Some(name) = path.file_name() {
                    names.push(format!("{folder}/{}", name.to_string_lossy()));
                }
            }
        }
        names.sort();
        Ok(names)
    }
}

impl Schema {
    /// The schema compiled into the binary.
    pub fn embedded() -> Result<Schema> {
        Schema::from_source(&Embedded)
    }

    /// The schema in `dir` when given (a copy of the repository's `schema/` folder), else the embedded one.
    pub fn load(dir: Option<&Path>) -> Result<Schema> {
        match dir {
            Some(dir) if !dir.is_dir() => Err(Error::Schema {
                file: dir.display().to_string(),
                line: 0,
                message: "schema directory not found".into(),
            }),
            Some(dir) => Schema::from_source(&OnDisk(dir)),
            None => Schema::embedded(),
        }
    }

    fn from_source(source: &dyn SchemaSource) -> Result<Schema> {
        let ontology_text = source.read("ontology.toml")?.ok_or_else(|| Error::Schema {
            file: "ontology.toml".into(),
            line: 0,
            message: "missing".into(),
        })?;
        let ontology: OntologyFile = toml::from_str(&ontology_text).map_err(|e| Error::Schema {
            file: "ontology.toml".into(),
            line: toml_line(&ontology_text, e.span()),
            message: e.message().to_string(),
        })?;
        let triggers_text = source.read("triggers.toml")?.unwrap_or_default();
        let triggers = triggers::parse("triggers.toml", &triggers_text)?;
        let titles_text = source.read("titles.tsv")?.unwrap_or_default();
        let titles = gazetteer::parse_titles("titles.tsv", &titles_text)?;
        let lexicon_text = source.read("lexicon.toml")?.unwrap_or_default();
        let lexicon: Lexicon = toml::from_str(&lexicon_text).map_err(|e| Error::Schema {
            file: "lexicon.toml".into(),
            line: toml_line(&lexicon_text, e.span()),
            message: e.message().to_string(),
        })?;
        let mut gazetteer = Vec::new();
        for file in source.list("gazetteers", "tsv")? {
            let text = source.read(&file)?.unwrap_or_default();
            gazetteer.extend(gazetteer::parse_entries(&file, &text)?);
        }
        let schema = Schema {
            entity_types: ontology.entity,
            relation_types: ontology.relation,
            triggers,
            titles,
            gazetteer,
            lexicon,
        };
        schema.validate()?;
        Ok(schema)
    }

    /// Checks that every type used by triggers, titles and gazetteers is declared.
    fn validate(&self) -> Result<()> {
        for required in EntityType::REQUIRED {
            if self.entity_type(required).is_none() {
                return Err(Error::Schema {
                    file: "ontology.toml".into(),
                    line: 0,
                    message: format!("the required entity type {required} is missing"),
                });
            }
        }
        for required in RelationType::REQUIRED {
            if self.relation_type(required).is_none() {
                return Err(Error::Schema {
                    file: "ontology.toml".into(),
                    line: 0,
                    message: format!("the required relation type {required} is missing"),
                });
            }
        }
        for t in &self.triggers {
            self.check_relation(&t.relation, "triggers.toml")?;
        }
        for t in &self.titles {
            self.check_relation(&t.relation, "titles.tsv")?;
        }
        for e in &self.gazetteer {
            if self.entity_type(e.entity_type.as_str()).is_none() {
                return Err(Error::Schema {
                    file: e.file.clone(),
                    line: e.line,
                    message: format!("entity type {} is not in ontology.toml", e.entity_type),
                });
            }
        }
        Ok(())
    }

    fn check_relation(&self, relation: &RelationType, file: &str) -> Result<()> {
        if self.relation_type(relation.as_str()).is_none() {
            return Err(Error::Schema {
                file: file.into(),
                line: 0,
                message: format!("relation type {relation} is not in ontology.toml"),
            });
        }
        Ok(())
    }

    /// The definition of an entity type, by name.
    pub fn entity_type(&self, name: &str) -> Option<&EntityTypeDef> {
        self.entity_types.iter().find(|t| t.name.as_str() == name)
    }

    /// The definition of a relation type, by name.
    pub fn relation_type(&self, name: &str) -> Option<&RelationTypeDef> {
        self.relation_types.iter().find(|t| t.name.as_str() == name)
    }

    /// Whether a relation type is symmetric (unknown types are not).
    pub fn is_symmetric(&self, relation: &RelationType) -> bool {
        self.relation_type(relation.as_str())
            .is_some_and(|t| t.symmetric)
    }

    /// Parses an entity type name and checks that the vocabulary has it.
    pub fn parse_entity_type(&self, name: &str) -> Result<EntityType> {
        match self.entity_type(name) {
            Some(def) => Ok(def.name.clone()),
            None => Err(Error::UnknownType {
                kind: "entity",
                name: name.into(),
                hint: format!(
                    " (known: {})",
                    self.entity_types
                        .iter()
                        .map(|t| t.name.as_str())
                        .collect::<Vec<_>>()
                        .join(", ")
                ),
            }),
        }
    }

    /// Parses a relation type name and checks that the vocabulary has it.
    pub fn parse_relation_type(&self, name: &str) -> Result<RelationType> {
        match self.relation_type(name) {
            Some(def) => Ok(def.name.clone()),
            None => Err(Error::UnknownType {
                kind: "relation",
                name: name.into(),
                hint: format!(
                    " (known: {})",
                    self.relation_types
                        .iter()
                        .map(|t| t.name.as_str())
                        .collect::<Vec<_>>()
                        .join(", ")
                ),
            }),
        }
    }
}

/// 1-based line of a byte span in a TOML text (0 when unknown).
fn toml_line(text: &str, span: Option<std::ops::Range<usize>>) -> usize {
    span.map(|s| text[..s.start.min(text.len())].matches('\n').count() + 1)
        .unwrap_or(0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn embedded_schema_has_the_evaluation_vocabulary() {
        let schema = Schema::embedded().unwrap();
        for name in ["Person", "Country", "Organization", "Location", "Product"] {
            assert!(schema.entity_type(name).is_some(), "{name}");
        }
        assert!(schema.is_symmetric(&schema.parse_relation_type("spoke-with").unwrap()));
        assert!(!schema.is_symmetric(&schema.parse_relation_type("sent-aid-to").unwrap()));
        assert!(schema.parse_relation_type("hugged").is_err());
        assert!(!schema.gazetteer.is_empty());
    }

    #[test]
    fn schema_on_disk_reports_the_broken_line() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(
            dir.path().join("ontology.toml"),
            "[[entity]]\nname = \"Person\"\ndescription = 3\n",
        )
        .unwrap();
        let err = Schema::load(Some(dir.path())).unwrap_err().to_string();
        assert!(err.contains("ontology.toml:3"), "{err}");
    }
}
