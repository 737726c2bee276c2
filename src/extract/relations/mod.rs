//! Relation extraction: typed, directed relations between the entities of a document, each with
//! its evidence, the rule that found it and a calibrated confidence.
//!
//! The extractor reads the sentence in layers, each a module:
//!
//! | module | reads | relations |
//! |---|---|---|
//! | [`roles`] | titles, appositions, possessives, name order | leader-of, member-of, spokesperson-for |
//! | [`places`] | "Arden, Westshire", "X in Y", "the port city of X" | located-in |
//! | [`events`] | trigger verbs and nouns with their arguments | every action type |
//! | [`speech`] | evaluative phrases in reported speech | praised, criticized |
//!
//! Events find their arguments on the dependency tree when the parser filled one ([`deps`]),
//! after undoing misparses that would cost a whole clause ([`repair`]),
//! and from word order otherwise ([`surface`]). Arguments are named mentions or pronouns and
//! descriptions resolved to the last fitting actor ([`view`]). What the words are (triggers,
//! titles, modality) is data in `schema/` ([`lexicon`]).

mod deps;
mod events;
mod gender;
mod lexicon;
mod places;
mod repair;
mod roles;
mod speech;
mod surface;
mod view;

#[cfg(test)]
mod tests;

use std::collections::{HashMap, HashSet};
use std::sync::Arc;

use super::titles::TitleMatcher;
use crate::doc::{Document, Relation};
use crate::error::Result;
use crate::pipeline::Component;
use crate::schema::{RelationType, Schema};

use lexicon::TriggerLexicon;
use view::SentenceArgs;

/// The rule that found a relation; each has a base confidence measured on annotated articles.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
enum Rule {
    /// "Chilean President Pedro Soto", "Kremlin spokesperson Ivan Petrov".
    TitleBeforeName,
    /// "Norway's foreign minister, Kari Nordmann", "Tom Baker, the British special envoy".
    TitleApposition,
    /// "President of Chile Pedro Soto", "Elena Rossi, president of Italy".
    TitleOfBody,
    /// "his Peruvian and Brazilian counterparts, A and B, respectively".
    TitleCoordinated,
    /// "Lopez became prime minister", "Berg was named defense minister of Norway".
    TitlePredicate,
    /// A title without its body whose country the article makes plain: another title of the
    /// sentence, a title only one country uses ("Secretary of State"), a known leader.
    TitleInferred,
    /// A state office without its body ("President Ana Torres"): the country the article
    /// is mostly about.
    TitleDominant,
    /// A title of no state without its body, whose organisation follows the holder's name
    /// ("Director A of the Westshire Health Agency") or is named by a part word before the
    /// title ("committee member B" after "the House Judiciary Committee").
    TitleNearBody,
    /// "Peruvian Foreign Ministry", "Chilean Navy": a state body named by its country.
    StateBody,
    /// "House Judiciary Committee", "UN Security Council": a part of an organisation named
    /// after it.
    SubBody,
    /// "Pedro Soto of the Liberal Party".
    PersonOfBody,
    /// "Senator A won the caucuses" where the article tells of one party's caucuses: a
    /// contender of a party's contest is its member.
    PartyContest,
    /// "Arden, Westshire".
    PlaceComma,
    /// "Elm Road in Arden".
    PlaceIn,
    /// "Arden, a town in Westshire": a place given by an apposition.
    PlaceApposition,
    /// "an airbase near Lima".
    PlaceNear,
    /// "the Peruvian port city of Callao".
    PlaceOfKind,
    /// A trigger verb with arguments from the dependency tree.
    VerbTree,
    /// A trigger verb with arguments from word order.
    VerbOrder,
    /// A trigger noun with arguments from the dependency tree.
    NounTree,
    /// A trigger noun with arguments from word order.
    NounOrder,
    /// An evaluative phrase in reported speech ("…which was very nice").
    Evaluative,
    /// A trigger verb whose arguments the tree and word order agree on.
    VerbBoth,
    /// A trigger noun whose arguments the tree and word order agree on.
    NounBoth,
}

impl Rule {
    /// The rule's name in audits ("title-before-name").
    pub fn name(self) -> &'static str {
        match self {
            Rule::TitleBeforeName => "title-before-name",
            Rule::TitleApposition => "title-apposition",
            Rule::TitleOfBody => "title-of-body",
            Rule::TitleCoordinated => "title-coordinated",
            Rule::TitlePredicate => "title-predicate",
            Rule::TitleInferred => "title-inferred",
            Rule::TitleDominant => "title-dominant",
            Rule::TitleNearBody => "title-near-body",
            Rule::StateBody => "state-body",
            Rule::SubBody => "sub-body",
            Rule::PersonOfBody => "person-of-body",
            Rule::PartyContest => "party-contest",
            Rule::PlaceComma => "place-comma",
            Rule::PlaceIn => "place-in",
            Rule::PlaceApposition => "place-apposition",
            Rule::PlaceNear => "place-near",
            Rule::PlaceOfKind => "place-of-kind",
            Rule::VerbTree => "verb-tree",
            Rule::VerbOrder => "verb-order",
            Rule::NounTree => "noun-tree",
            Rule::NounOrder => "noun-order",
            Rule::Evaluative => "evaluative",
            Rule::VerbBoth => "verb-both",
            Rule::NounBoth => "noun-both",
        }
    }

    /// The share of the rule's statements that were right on the annotated development
    /// articles (see `tools/relation_audit.py`), rounded down.
    pub fn base_confidence(self) -> f32 {
        match self {
            Rule::TitleBeforeName => 0.9,
            Rule::TitleApposition => 0.85,
            Rule::TitleOfBody => 0.85,
            Rule::TitleCoordinated => 0.8,
            Rule::TitlePredicate => 0.7,
            Rule::TitleInferred => 0.7,
            Rule::TitleDominant => 0.6,
            Rule::TitleNearBody => 0.6,
            Rule::StateBody => 0.8,
            Rule::SubBody => 0.8,
            Rule::PersonOfBody => 0.7,
            Rule::PartyContest => 0.6,
            Rule::PlaceComma => 0.8,
            Rule::PlaceIn => 0.7,
            Rule::PlaceApposition => 0.7,
            Rule::PlaceNear => 0.6,
            Rule::PlaceOfKind => 0.75,
            Rule::VerbTree => 0.75,
            Rule::VerbOrder => 0.65,
            Rule::NounTree => 0.7,
            Rule::NounOrder => 0.6,
            Rule::Evaluative => 0.55,
            Rule::VerbBoth => 0.85,
            Rule::NounBoth => 0.8,
        }
    }

    /// The rule for a statement that this rule and `other` both found: the tree and word
    /// order agreeing on a trigger's arguments is surer than either alone.
    fn confirmed(self, other: Rule) -> Option<Rule> {
        match (self, other) {
            (Rule::VerbTree, Rule::VerbOrder) | (Rule::VerbOrder, Rule::VerbTree) => {
                Some(Rule::VerbBoth)
            }
            (Rule::NounTree, Rule::NounOrder) | (Rule::NounOrder, Rule::NounTree) => {
                Some(Rule::NounBoth)
            }
            _ => None,
        }
    }
}

/// A relation proposed by one of the readers, before type checks and merging.
#[derive(Debug, Clone, PartialEq)]
struct Candidate {
    /// Relation type.
    pub relation: RelationType,
    /// Source entity.
    pub source: usize,
    /// Target entity.
    pub target: usize,
    /// Sentence index.
    pub sentence: usize,
    /// Trigger tokens `start..end`.
    pub trigger: (usize, usize),
    /// The rule.
    pub rule: Rule,
    /// Multiplied into the rule's confidence: weaker arguments (pronouns) and trigger weights.
    pub trust: f32,
}

/// Context shared by the readers of one document.
struct Context<'a> {
    /// The document.
    pub doc: &'a Document,
    /// Arguments of every sentence.
    pub sentences: Vec<SentenceArgs>,
    /// The dependency tree of every sentence, with misparses repaired ([`repair`]).
    pub trees: Vec<repair::Tree<'a>>,
    /// Whether a parser filled dependency heads.
    pub parsed: bool,
    /// Whether a tagger filled tags.
    pub tagged: bool,
    /// Lower-case title word → (token, person entity) for every title given in the document,
    /// so that "the president" finds its person.
    pub holders: HashMap<String, Vec<(usize, usize)>>,
    /// The gender of every person the article makes plain ([`gender::genders`]), worked out
    /// once, on first use.
    genders: std::cell::OnceCell<HashMap<usize, gender::Gender>>,
}

impl Context<'_> {
    /// The gender of every person the article makes plain, by entity index.
    fn genders(&self) -> &HashMap<usize, gender::Gender> {
        self.genders
            .get_or_init(|| gender::genders(self.doc, &self.sentences))
    }
}

/// The pipeline component that fills [`Document::relations`].
#[derive(Debug, Clone)]
pub struct RelationExtractor {
    schema: Arc<Schema>,
    lexicon: TriggerLexicon,
    titles: TitleMatcher,
    roles: roles::RoleWords,
    places: places::PlaceWords,
}

impl RelationExtractor {
    /// Builds the extractor over the schema's triggers, titles and lexicon.
    pub fn new(schema: Arc<Schema>) -> Self {
        RelationExtractor {
            lexicon: TriggerLexicon::new(&schema),
            titles: TitleMatcher::new(&schema),
            roles: roles::RoleWords::new(&schema),
            places: places::PlaceWords::new(&schema),
            schema,
        }
    }

    /// Whether a title (or a title word such as "envoy") starts at token `i`.
    fn is_title_word(&self, doc: &Document, i: usize, end: usize) -> bool {
        self.titles.at(doc, i, end).is_some()
            || matches!(doc.token_text(i), "counterpart" | "counterparts")
    }

    /// Whether the lower-case word may stand inside a title ("interim", "foreign").
    fn is_title_modifier_word(&self, word: &str) -> bool {
        self.roles.is_modifier(word)
    }

    /// Whether the word is a noun for a kind of place ("town", "city").
    fn places_nouns_contains(&self, word: &str) -> bool {
        self.places.is_place_noun(word)
    }

    /// All relations of a document, merged and with confidences.
    fn extract(&self, doc: &Document) -> Vec<Relation> {
        let tagged = doc.tokens.iter().any(|t| !t.xpos.is_empty());
        let parsed = doc.tokens.iter().any(|t| t.head.is_some());
        // "Kenyan troops", and "a Peruvian airstrike": the country acts through its forces and
        // its attacks
        let is_agent = |w: &str| {
            self.lexicon.country_agents.contains(w) || self.lexicon.attack_nouns.contains(w)
        };
        let title_at = |i: usize| {
            let s = doc.tokens[i].sentence;
            self.titles.at(doc, i, doc.sentences[s].tokens.1).is_some()
                || matches!(doc.token_text(i), "counterpart" | "counterparts")
        };
        let trees: Vec<repair::Tree<'_>> = doc
            .sentences
            .iter()
            .map(|s| {
                repair::Tree::new(doc, s.tokens.0, s.tokens.1, &|t| {
                    self.lexicon.is_speech(doc, t)
                })
            })
            .collect();
        let head = |t: usize| trees[doc.tokens[t].sentence].head(t);
        let words = view::Words {
            is_agent: &is_agent,
            title_at: &title_at,
            head: &head,
            tagged,
        };
        let sentences = view::named_args(doc, &words);
        let mut cx = Context {
            doc,
            sentences,
            trees,
            parsed,
            tagged,
            holders: HashMap::new(),
            genders: std::cell::OnceCell::new(),
        };
        let mut found = Vec::new();
        roles::read(self, &mut cx, &mut found);
        places::read(self, &cx, &mut found);
        view::add_anaphors(doc, &mut cx.sentences, &cx.holders);
        let (groups, acts) = events::read(self, &cx, &mut found);
        speech::read(self, &cx, &groups, &acts, &mut found);
        self.merge(doc, found)
    }

    /// Type checks, orders symmetric pairs and keeps one statement per sentence and triple, with
    /// the confidence of that statement (the graph raises the confidence of triples stated more
    /// than once: [`crate::graph::corroborated`]).
    fn merge(&self, doc: &Document, found: Vec<Candidate>) -> Vec<Relation> {
        let mut best: Vec<(Candidate, f32)> = Vec::new();
        let mut index: HashMap<(usize, usize, RelationType, usize), usize> = HashMap::new();
        for c in found {
            if c.source == c.target {
                continue;
            }
            let (se, te) = (&doc.entities[c.source], &doc.entities[c.target]);
            let allowed = self
                .schema
                .relation_type(c.relation.as_str())
                .is_some_and(|def| def.allows(&se.entity_type, &te.entity_type));
            if !allowed {
                continue;
            }
            let mut c = c;
            if self.schema.is_symmetric(&c.relation) && se.id > te.id {
                std::mem::swap(&mut c.source, &mut c.target);
            }
            let confidence = (c.rule.base_confidence() * c.trust).clamp(0.0, 1.0);
            let key = (c.source, c.target, c.relation.clone(), c.sentence);
            match index.get(&key) {
                Some(&k) => {
                    let (old, old_conf) = &best[k];
                    if let Some(both) = old.rule.confirmed(c.rule) {
                        let trust = old.trust.max(c.trust);
                        let conf = (both.base_confidence() * trust).clamp(0.0, 1.0);
                        best[k] = (
                            Candidate {
                                rule: both,
                                trust,
                                ..c
                            },
                            conf,
                        );
                    } else if confidence > *old_conf {
                        best[k] = (c, confidence);
                    }
                }
                None => {
                    index.insert(key, best.len());
                    best.push((c, confidence));
                }
            }
        }
        let mut seen = HashSet::new();
        best.into_iter()
            .filter(|(c, _)| seen.insert((c.source, c.target, c.relation.clone(), c.sentence)))
            .map(|(c, confidence)| Relation {
                source: c.source,
                target: c.target,
                relation_type: c.relation,
                confidence,
                evidence: doc.evidence(c.sentence, c.trigger),
                rule: c.rule.name().to_string(),
            })
            .collect()
    }
}

impl Component for RelationExtractor {
    fn name(&self) -> &'static str {
        "relations"
    }

    fn process(&self, doc: &mut Document) -> Result<()> {
        doc.relations = self.extract(doc);
        Ok(())
    }
}

/// A relation type of the vocabulary by name (the names used here are validated by the schema).
fn relation(name: &str) -> RelationType {
    RelationType::new(name).expect("a valid relation type name")
}
