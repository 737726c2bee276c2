//! Title matching: "Prime Minister", "spokesperson", "Secretary of State" at a token position.

use std::collections::HashMap;

use crate::doc::Document;
use crate::schema::{RelationType, Schema};
use crate::text::tokenize;

/// A title found in a document.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TitleMatch {
    /// Token indices `start..end`.
    pub tokens: (usize, usize),
    /// The relation between the holder and the body the title is of.
    pub relation: RelationType,
    /// Whether the title is an office of a state (see `schema/titles.tsv`).
    pub state_office: bool,
    /// Whether the title is that of a head of state.
    pub head_of_state: bool,
    /// The one country that uses the title, if the schema says.
    pub country: Option<String>,
}

/// What the schema says about one title.
#[derive(Debug, Clone)]
struct TitleInfo {
    words: Vec<String>,
    relation: RelationType,
    state_office: bool,
    head_of_state: bool,
    country: Option<String>,
}

/// Finds the titles of `schema/titles.tsv`, longest first, case-insensitively.
#[derive(Debug, Clone)]
pub struct TitleMatcher {
    /// First word (lower case) → titles starting with it, longest first.
    by_first_word: HashMap<String, Vec<TitleInfo>>,
}

impl TitleMatcher {
    /// Builds the matcher from the schema's titles.
    pub fn new(schema: &Schema) -> Self {
        let mut by_first_word: HashMap<String, Vec<TitleInfo>> = HashMap::new();
        for t in &schema.titles {
            let words: Vec<String> = tokenize(&t.title)
                .iter()
                .map(|tok| t.title[tok.span.range()].to_lowercase())
                .collect();
            if let Some(first) = words.first() {
                let list = by_first_word.entry(first.clone()).or_default();
                if !list.iter().any(|info| info.words == words) {
                    list.push(TitleInfo {
                        words,
                        relation: t.relation.clone(),
                        state_office: t.state_office,
                        head_of_state: t.head_of_state,
                        country: t.country.clone(),
                    });
                }
            }
        }
        for list in by_first_word.values_mut() {
            list.sort_by(|a, b| {
                b.words
                    .len()
                    .cmp(&a.words.len())
                    .then_with(|| a.words.cmp(&b.words))
            });
        }
        TitleMatcher { by_first_word }
    }

    /// The longest title that starts at token `i` and ends before token `limit`.
    pub fn at(&self, doc: &Document, i: usize, limit: usize) -> Option<TitleMatch> {
        let first = doc.token_text(i).to_lowercase();
        let candidates = self.by_first_word.get(&first)?;
        candidates.iter().find_map(|info| {
            let end = i + info.words.len();
            let fits = end <= limit
                && info
                    .words
                    .iter()
                    .enumerate()
                    .all(|(k, w)| doc.token_text(i + k).to_lowercase() == *w);
            fits.then(|| TitleMatch {
                tokens: (i, end),
                relation: info.relation.clone(),
                state_office: info.state_office,
                head_of_state: info.head_of_state,
                country: info.country.clone(),
            })
        })
    }

    /// The end of the longest title in the plural that starts at token `i` and ends before
    /// `limit` ("Prime Ministers", "Members of Parliament"): a title whose first or last
    /// word takes an "s". Holders in the plural name nobody.
    pub fn plural_at(&self, doc: &Document, i: usize, limit: usize) -> Option<usize> {
        if i >= limit.min(doc.tokens.len()) {
            return None;
        }
        let lower = |k: usize| doc.token_text(k).to_lowercase();
        let singular = |w: &str| -> Option<String> {
            w.strip_suffix("ies")
                .map(|s| format!("{s}y"))
                .or_else(|| w.strip_suffix('s').map(str::to_string))
        };
        let first = lower(i);
        let firsts = [Some(first.clone()), singular(&first)];
        let mut best = None;
        for (fk, f) in firsts.iter().enumerate() {
            let Some(f) = f else { continue };
            let Some(candidates) = self.by_first_word.get(f) else {
                continue;
            };
            for info in candidates {
                let end = i + info.words.len();
                if end > limit {
                    continue;
                }
                let plural_first = fk == 1;
                let fits = info.words.iter().enumerate().all(|(k, w)| {
                    let t = lower(i + k);
                    if k == 0 {
                        return true;
                    }
                    let last = k + 1 == info.words.len();
                    t == *w || (last && !plural_first && singular(&t).as_deref() == Some(w))
                });
                let plural = plural_first
                    || singular(&lower(end - 1)).as_deref()
                        == info.words.last().map(String::as_str);
                if fits && plural && best.is_none_or(|b| end > b) {
                    best = Some(end);
                }
            }
        }
        best
    }

    /// Whether some title starts with this word (lower case).
    pub fn starts_title(&self, word_lower: &str) -> bool {
        self.by_first_word.contains_key(word_lower)
    }
}
