//! Readers for the named-entity training corpora, with each corpus's labels mapped onto kgforge's types.
//!
//! | corpus | format | labels kept |
//! |---|---|---|
//! | Universal NER over EWT | CoNLL-U-like columns (`id word IOB2 ...`), `#` comments | PER, ORG, LOC |
//! | WNUT-17 | `word<TAB>IOB2` | person, location, group and corporation (ORG), product |
//! | Wikigold | `word IOB1`, `-DOCSTART-` lines | PER, ORG, LOC (MISC is left out: demonyms, events, works) |
//! | re3d | JSON lines with character offsets, one folder per source | Person, Organisation, Location; named MilitaryPlatform, Weapon, Vehicle as Product |
//! | GUM (non-NC genres) | CoNLL-U with an `Entity=` layer | named person, place, organization; object with a Wikipedia identity as Product |
//!
//! Country is not a label of any corpus: the recogniser finds locations and the gazetteer
//! says which are countries. Labels that kgforge does not score (MISC, creative works,
//! nationalities, dates) become `O`, so the model learns to leave them out.
//!
//! re3d's non-commercial "BBC Online" part is never read, whatever the folder holds.

use std::path::Path;

use serde::Deserialize;

use crate::doc::Document;
use crate::error::{Error, Result};
use crate::text::segment;

/// The entity types the recogniser labels.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum NerType {
    /// A named person.
    Person,
    /// A named organisation: company, agency, party, army, news agency, international body.
    Organization,
    /// A named place, countries included (the gazetteer tells countries apart).
    Location,
    /// A named man-made thing: aircraft, ship, weapon system, device.
    Product,
}

impl NerType {
    /// All types, in the fixed order models use.
    pub const ALL: [NerType; 4] = [
        NerType::Person,
        NerType::Organization,
        NerType::Location,
        NerType::Product,
    ];

    /// Short label as in IOB files ("PER").
    pub fn label(self) -> &'static str {
        match self {
            NerType::Person => "PER",
            NerType::Organization => "ORG",
            NerType::Location => "LOC",
            NerType::Product => "PROD",
        }
    }

    /// Parses a short label ("PER"); `None` for anything else.
    pub fn from_label(label: &str) -> Option<NerType> {
        NerType::ALL.into_iter().find(|t| t.label() == label)
    }

    /// Index in [`NerType::ALL`].
    pub fn index(self) -> usize {
        self as usize
    }
}

/// A sentence with its named entities as token spans.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct LabelledSentence {
    /// The words.
    pub words: Vec<String>,
    /// Entities: token indices `start..end` and type, in order, not overlapping.
    pub entities: Vec<(usize, usize, NerType)>,
}

/// Which corpus a file is, which decides its format and label mapping.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CorpusFormat {
    /// Universal NER: `id<TAB>word<TAB>IOB2<TAB>...`, `#` comments, PER/ORG/LOC.
    Uner,
    /// WNUT-17: `word<TAB>IOB2`, six lower-case types.
    Wnut17,
    /// Wikigold: `word IOB1`, CoNLL-2003 types, `-DOCSTART-` between articles.
    Wikigold,
}

fn map_uner(label: &str) -> Option<NerType> {
    match label {
        "PER" => Some(NerType::Person),
        "ORG" => Some(NerType::Organization),
        "LOC" => Some(NerType::Location),
        _ => None,
    }
}

fn map_wnut(label: &str) -> Option<NerType> {
    match label {
        "person" => Some(NerType::Person),
        "location" => Some(NerType::Location),
        "group" | "corporation" => Some(NerType::Organization),
        "product" => Some(NerType::Product),
        _ => None, // creative-work: titles of songs and films, not actors
    }
}

fn map_conll(label: &str) -> Option<NerType> {
    match label {
        "PER" => Some(NerType::Person),
        "ORG" => Some(NerType::Organization),
        "LOC" => Some(NerType::Location),
        _ => None, // MISC: nationalities, events, works
    }
}

/// Parses a tag into (prefix, label): `B-PER` → (`B`, `PER`), `O` → (`O`, ``).
fn split_tag(tag: &str) -> Option<(char, &str)> {
    if tag == "O" {
        return Some(('O', ""));
    }
    let (prefix, label) = tag.split_once('-')?;
    match prefix {
        "B" | "I" => Some((prefix.chars().next()?, label)),
        _ => None,
    }
}

/// Turns one sentence's tags into entity spans. `iob1`: a new entity starts only where the
/// type changes or a `B-` says so (CoNLL-2003 style); in IOB2 a stray `I-` also starts one.
fn spans_of(
    tags: &[(char, String)],
    map: fn(&str) -> Option<NerType>,
) -> Vec<(usize, usize, NerType)> {
    let mut spans = Vec::new();
    let mut open: Option<(usize, String)> = None;
    let close = |open: &mut Option<(usize, String)>,
                 end: usize,
                 spans: &mut Vec<(usize, usize, NerType)>| {
        if let Some((start, label)) = open.take() {
            if let Some(t) = map(&label) {
                spans.push((start, end, t));
            }
        }
    };
    for (i, (prefix, label)) in tags.iter().enumerate() {
        match prefix {
            'O' => close(&mut open, i, &mut spans),
            'B' => {
                close(&mut open, i, &mut spans);
                open = Some((i, label.clone()));
            }
            _ => {
                if open.as_ref().is_some_and(|(_, l)| l == label) {
                    continue;
                }
                close(&mut open, i, &mut spans);
                open = Some((i, label.clone()));
            }
        }
    }
    close(&mut open, tags.len(), &mut spans);
    spans
}

/// Reads a column file of one of the [`CorpusFormat`]s. `name` is used in error messages.
pub fn read_columns(name: &str, text: &str, format: CorpusFormat) -> Result<Vec<LabelledSentence>> {
    let map = match format {
        CorpusFormat::Uner => map_uner,
        CorpusFormat::Wnut17 => map_wnut,
        CorpusFormat::Wikigold => map_conll,
    };
    let bad = |line: usize, message: String| Error::BadInput {
        path: name.into(),
        message: format!("line {line}: {message}"),
    };
    let mut sentences = Vec::new();
    let mut words: Vec<String> = Vec::new();
    let mut tags: Vec<(char, String)> = Vec::new();
    let mut flush = |words: &mut Vec<String>, tags: &mut Vec<(char, String)>| {
        if !words.is_empty() {
            sentences.push(LabelledSentence {
                entities: spans_of(tags, map),
                words: std::mem::take(words),
            });
            tags.clear();
        }
    };
    for (n, line) in text.lines().enumerate() {
        let line_no = n + 1;
        let line = line.trim_end_matches('\r');
        if line.trim().is_empty() {
            flush(&mut words, &mut tags);
            continue;
        }
        let (word, tag) = match format {
            CorpusFormat::Uner => {
                if line.starts_with('#') {
                    continue;
                }
                let cols: Vec<&str> = line.split('\t').collect();
                if cols.len() < 3 {
                    return Err(bad(line_no, format!("expected id, word and tag: {line:?}")));
                }
                (cols[1], cols[2])
            }
            CorpusFormat::Wnut17 => match line.split_once('\t') {
                Some((w, t)) => (w, t.trim()),
                None => return Err(bad(line_no, format!("expected word<TAB>tag: {line:?}"))),
            },
            CorpusFormat::Wikigold => {
                if line.starts_with("-DOCSTART-") {
                    flush(&mut words, &mut tags);
                    continue;
                }
                match line.rsplit_once(' ') {
                    Some((w, t)) => (w, t.trim()),
                    None => return Err(bad(line_no, format!("expected word and tag: {line:?}"))),
                }
            }
        };
        let Some((prefix, label)) = split_tag(tag) else {
            return Err(bad(line_no, format!("bad tag {tag:?}")));
        };
        words.push(word.to_string());
        tags.push((prefix, label.to_string()));
    }
    flush(&mut words, &mut tags);
    Ok(sentences)
}

/// Reads a column file from disk.
pub fn read_columns_file(path: &Path, format: CorpusFormat) -> Result<Vec<LabelledSentence>> {
    let text = std::fs::read_to_string(path).map_err(|e| Error::io(path, e))?;
    read_columns(&path.display().to_string(), &text, format)
}

/// The re3d source folder that is licensed for non-commercial use only, and so never read.
pub const RE3D_EXCLUDED_SOURCE: &str = "BBC Online";

#[derive(Deserialize)]
struct Re3dDocument {
    #[serde(rename = "_id")]
    id: String,
    text: String,
}

#[derive(Deserialize)]
struct Re3dEntity {
    #[serde(rename = "documentId")]
    document: String,
    begin: usize,
    end: usize,
    #[serde(rename = "type")]
    entity_type: String,
    #[serde(default = "one")]
    confidence: f64,
}

fn one() -> f64 {
    1.0
}

/// Generic words that re3d marks as weapons or platforms but that name no one thing.
const GENERIC_PLATFORMS: &[&str] = &[
    "IED", "IEDs", "VBIED", "VBIEDs", "UAV", "UAVs", "RPG", "RPGs",
];

fn map_re3d(label: &str) -> Option<NerType> {
    match label {
        "Person" => Some(NerType::Person),
        "Organisation" => Some(NerType::Organization),
        "Location" => Some(NerType::Location),
        "MilitaryPlatform" | "Weapon" | "Vehicle" => Some(NerType::Product),
        _ => None,
    }
}

fn json_lines<T: serde::de::DeserializeOwned>(path: &Path) -> Result<Vec<T>> {
    let text = std::fs::read_to_string(path).map_err(|e| Error::io(path, e))?;
    let text = text.trim_start_matches('\u{feff}');
    let mut out = Vec::new();
    for (n, line) in text.lines().enumerate() {
        if line.trim().is_empty() {
            continue;
        }
        out.push(serde_json::from_str(line).map_err(|e| Error::BadInput {
            path: path.into(),
            message: format!("line {}: {e}", n + 1),
        })?);
    }
    Ok(out)
}

/// Reads one re3d document: its text and its entities as character offsets, type and
/// confidence; returns its sentences tokenized by kgforge's own tokenizer.
///
/// re3d marks nominal groups too ("U.S. service members", "rebels"); only names are kept:
/// after a leading determiner is dropped, the span must begin and end with a capitalised
/// word or a designation with digits ("DDG 70"). Annotations with a crowd confidence below
/// 0.5 are dropped, and of overlapping ones the longest is kept.
pub fn re3d_document(
    text: &str,
    entities: &[(usize, usize, String, f64)],
) -> Vec<LabelledSentence> {
    let mut doc = Document::new("re3d", text);
    segment(&mut doc);
    // character offset -> byte offset
    let mut byte_of_char: Vec<usize> = text.char_indices().map(|(b, _)| b).collect();
    byte_of_char.push(text.len());
    let mut spans: Vec<(usize, usize, NerType)> = Vec::new(); // token spans
    let mut candidates: Vec<&(usize, usize, String, f64)> = entities
        .iter()
        .filter(|e| e.3 >= 0.5 && e.0 < e.1 && e.1 < byte_of_char.len())
        .collect();
    // longest first, then by position, so that overlaps keep the longest
    candidates.sort_by(|a, b| (b.1 - b.0, a.0).cmp(&(a.1 - a.0, b.0)));
    for (begin, end, label, _) in candidates {
        let Some(t) = map_re3d(label) else { continue };
        let (b, e) = (byte_of_char[*begin], byte_of_char[*end]);
        let mut first = doc.tokens.iter().position(|tok| tok.span.end > b);
        let mut last = doc.tokens.iter().rposition(|tok| tok.span.start < e);
        let (Some(f), Some(l)) = (first.take(), last.take()) else {
            continue;
        };
        if f > l || doc.tokens[f].sentence != doc.tokens[l].sentence {
            continue;
        }
        let mut f = f;
        while f <= l
            && matches!(
                doc.token_text(f).to_lowercase().as_str(),
                "the" | "a" | "an"
            )
        {
            f += 1;
        }
        if f > l {
            continue;
        }
        let named = |w: &str| {
            w.starts_with(|c: char| c.is_uppercase())
                || (w.chars().any(|c| c.is_ascii_digit()) && w.chars().any(char::is_alphabetic))
        };
        let first_word = doc.token_text(f);
        let last_word = doc.token_text(l);
        if !named(first_word) && !first_word.chars().all(|c| c.is_ascii_digit()) {
            continue;
        }
        if !named(last_word)
            || (f == l && GENERIC_PLATFORMS.contains(&first_word) && t == NerType::Product)
        {
            continue;
        }
        if spans.iter().any(|&(s, e, _)| f < e && s <= l) {
            continue;
        }
        spans.push((f, l + 1, t));
    }
    spans.sort();
    doc.sentences
        .iter()
        .map(|s| {
            let (start, end) = s.tokens;
            LabelledSentence {
                words: (start..end)
                    .map(|i| doc.token_text(i).to_string())
                    .collect(),
                entities: spans
                    .iter()
                    .filter(|&&(f, _, _)| f >= start && f < end)
                    .map(|&(f, l, t)| (f - start, l - start, t))
                    .collect(),
            }
        })
        .collect()
}

/// Reads every source folder of re3d's `original/` directory except [`RE3D_EXCLUDED_SOURCE`],
/// in name order.
pub fn read_re3d(dir: &Path) -> Result<Vec<LabelledSentence>> {
    let mut sources: Vec<_> = std::fs::read_dir(dir)
        .map_err(|e| Error::io(dir, e))?
        .filter_map(|e| e.ok())
        .map(|e| e.path())
        .filter(|p| p.is_dir())
        .filter(|p| p.file_name().is_some_and(|n| n != RE3D_EXCLUDED_SOURCE))
        .collect();
    sources.sort();
    let mut out = Vec::new();
    for source in sources {
        let docs: Vec<Re3dDocument> = json_lines(&source.join("documents.json"))?;
        let entities: Vec<Re3dEntity> = json_lines(&source.join("entities.json"))?;
        for d in docs {
            let mine: Vec<(usize, usize, String, f64)> = entities
                .iter()
                .filter(|e| e.document == d.id)
                .map(|e| (e.begin, e.end, e.entity_type.clone(), e.confidence))
                .collect();
            out.extend(re3d_document(&d.text, &mine));
        }
    }
    Ok(out)
}

/// One entity mention of GUM's entity layer, before it is judged a name.
#[derive(Debug, Clone)]
struct GumMention {
    start: usize,
    end: usize,
    kind: String,
    has_identity: bool,
}

/// Titles that GUM tags as proper nouns ("President Obama"); titles are not part of names.
const GUM_TITLES: &[&str] = &[
    "President",
    "Vice",
    "Prime",
    "Minister",
    "Secretary",
    "Senator",
    "Sen.",
    "Governor",
    "Gov.",
    "King",
    "Queen",
    "Prince",
    "Princess",
    "Mr.",
    "Mrs.",
    "Ms.",
    "Mr",
    "Mrs",
    "Ms",
    "Dr.",
    "Dr",
    "Sir",
    "Lord",
    "Lady",
    "General",
    "Gen.",
    "Colonel",
    "Col.",
    "Captain",
    "Capt.",
    "Chancellor",
    "Pope",
    "Saint",
    "St.",
    "Professor",
    "Prof.",
    "Judge",
    "Justice",
    "Rep.",
    "Representative",
    "Archbishop",
    "Bishop",
    "Father",
    "Rev.",
    "Reverend",
    "Chief",
    "Chairman",
    "Mayor",
    "Speaker",
    "Deputy",
    "Commander",
    "Lieutenant",
    "Lt.",
    "Sergeant",
    "Sgt.",
    "Admiral",
    "Emperor",
    "Empress",
    "Duke",
    "Duchess",
    "Count",
    "Countess",
    "Baron",
    "Senior",
    "Director",
];

/// Words that may join the proper nouns of one name ("University of Portsmouth").
const GUM_NAME_JOINERS: &[&str] = &["of", "the", "and", "'s", "-", "&", "de", "for"];

/// Reads GUM's CoNLL-U files with their entity layer (`Entity=` in MISC).
///
/// GUM marks every mention, names and pronouns alike, and its spans take in the whole noun
/// phrase ("the famous University of Portsmouth, United Kingdom"). A mention counts as a
/// name when it holds a proper noun (PROPN); its name is the run of proper nouns, with the
/// small words that join them ("of", "the"), from the first proper noun on. A named mention
/// whose proper nouns do not form one such run would give unreliable labels: its sentence is
/// left out. Types: person → PER, place → LOC, organization → ORG, and object with a
/// Wikipedia identity → PROD; others are `O`.
pub fn read_gum(name: &str, text: &str) -> Result<Vec<LabelledSentence>> {
    let bad = |line: usize, message: String| Error::BadInput {
        path: name.into(),
        message: format!("line {line}: {message}"),
    };
    let mut out = Vec::new();
    let mut words: Vec<String> = Vec::new();
    let mut propn: Vec<bool> = Vec::new();
    let mut mentions: Vec<GumMention> = Vec::new();
    let mut open: Vec<(String, GumMention)> = Vec::new();
    let mut flush =
        |words: &mut Vec<String>, propn: &mut Vec<bool>, mentions: &mut Vec<GumMention>| {
            if !words.is_empty() {
                if let Some(s) = gum_sentence(words, propn, mentions) {
                    out.push(s);
                }
            }
            words.clear();
            propn.clear();
            mentions.clear();
        };
    for (n, line) in text.lines().enumerate() {
        let line_no = n + 1;
        if line.trim().is_empty() {
            flush(&mut words, &mut propn, &mut mentions);
            open.clear();
            continue;
        }
        if line.starts_with('#') {
            continue;
        }
        let cols: Vec<&str> = line.split('\t').collect();
        if cols.len() != 10 {
            return Err(bad(
                line_no,
                format!("expected 10 columns, found {}", cols.len()),
            ));
        }
        // multiword tokens ("1-2") and empty nodes ("1.1") are not words of their own
        if cols[0].contains('-') || cols[0].contains('.') {
            continue;
        }
        let k = words.len();
        words.push(cols[1].to_string());
        propn.push(cols[3] == "PROPN");
        let Some(entity) = cols[9].split('|').find_map(|f| f.strip_prefix("Entity=")) else {
            continue;
        };
        // "(6-organization-new-...-Vrije_Universiteit(7-place-...-Amsterdam" opens two,
        // "8)7)6)" closes three, "(5-object-...-coref)" opens and closes
        let mut rest = entity;
        while !rest.is_empty() {
            if let Some(body) = rest.strip_prefix('(') {
                let end = body.find(['(', ')']).unwrap_or(body.len());
                let fields: Vec<&str> = body[..end].splitn(8, '-').collect();
                if fields.len() < 2 {
                    return Err(bad(line_no, format!("bad entity annotation {entity:?}")));
                }
                let mention = GumMention {
                    start: k,
                    end: k + 1,
                    kind: fields[1].to_string(),
                    has_identity: fields.len() == 8 && !fields[7].is_empty(),
                };
                rest = &body[end..];
                if let Some(r) = rest.strip_prefix(')') {
                    mentions.push(mention);
                    rest = r;
                } else {
                    open.push((fields[0].to_string(), mention));
                }
            } else {
                let end = rest
                    .find(')')
                    .ok_or_else(|| bad(line_no, format!("bad entity annotation {entity:?}")))?;
                let id = &rest[..end];
                if let Some(pos) = open.iter().rposition(|(o, _)| o == id) {
                    let (_, mut m) = open.remove(pos);
                    m.end = k + 1;
                    mentions.push(m);
                }
                rest = &rest[end + 1..];
            }
        }
    }
    flush(&mut words, &mut propn, &mut mentions);
    Ok(out)
}

/// Labels one GUM sentence, or `None` when one of its named mentions has no clean name.
fn gum_sentence(
    words: &[String],
    propn: &[bool],
    mentions: &[GumMention],
) -> Option<LabelledSentence> {
    let mut spans: Vec<(usize, usize, NerType)> = Vec::new();
    let mut named: Vec<&GumMention> = mentions
        .iter()
        .filter(|m| (m.start..m.end).any(|k| propn[k]))
        .collect();
    // outermost first
    named.sort_by_key(|m| (m.start, std::cmp::Reverse(m.end)));
    for m in named {
        let t = match (m.kind.as_str(), m.has_identity) {
            ("person", _) => NerType::Person,
            ("place", _) => NerType::Location,
            ("organization", _) => NerType::Organization,
            ("object", true) => NerType::Product,
            _ => continue,
        };
        if spans.iter().any(|&(s, e, _)| m.start < e && s < m.end) {
            continue; // inside a name already labelled
        }
        let mut first = (m.start..m.end).find(|&k| propn[k])?;
        // "President Barack Obama": the person is named from the first word after the titles
        while t == NerType::Person
            && first + 1 < m.end
            && propn[first + 1]
            && GUM_TITLES.contains(&words[first].as_str())
        {
            first += 1;
        }
        let mut end = first + 1;
        while end < m.end {
            if propn[end] {
                end += 1;
            } else if GUM_NAME_JOINERS.contains(&words[end].as_str())
                && end + 1 < m.end
                && propn[end + 1]
            {
                end += 2;
            } else {
                break;
            }
        }
        if (end..m.end).any(|k| propn[k]) {
            return None;
        }
        spans.push((first, end, t));
    }
    spans.sort();
    Some(LabelledSentence {
        words: words.to_vec(),
        entities: spans,
    })
}

/// The training and test files under the shared data folder (`../shared/data`).
#[derive(Debug, Clone)]
pub struct DataPaths {
    /// The data folder.
    pub root: std::path::PathBuf,
}

impl DataPaths {
    /// Paths under `root`.
    pub fn new(root: impl Into<std::path::PathBuf>) -> Self {
        DataPaths { root: root.into() }
    }

    /// Universal NER EWT train (the cleaned draft release).
    pub fn uner_train(&self) -> std::path::PathBuf {
        self.root
            .join("uner_english/ewt/en_ewt-ud-train.draft-0c7ce0d.cleaned.iob2")
    }

    /// Universal NER EWT dev.
    pub fn uner_dev(&self) -> std::path::PathBuf {
        self.root.join("uner_english/ewt/en_ewt-ud-dev.iob2")
    }

    /// Universal NER EWT test.
    pub fn uner_test(&self) -> std::path::PathBuf {
        self.root.join("uner_english/ewt/en_ewt-ud-test.iob2")
    }

    /// WNUT-17 train, dev and annotated test.
    pub fn wnut17(&self) -> Vec<std::path::PathBuf> {
        [
            "wnut17train.conll",
            "emerging.dev.conll",
            "emerging.test.annotated",
        ]
        .iter()
        .map(|f| self.root.join("wnut17").join(f))
        .collect()
    }

    /// Wikigold.
    pub fn wikigold(&self) -> std::path::PathBuf {
        self.root
            .join("ner_misc_juand-r/wikigold/wikigold.conll.txt")
    }

    /// re3d's `original/` folder.
    pub fn re3d(&self) -> std::path::PathBuf {
        self.root.join("re3d/original")
    }

    /// GUM's train, dev and test files of the commercially licensed genres.
    pub fn gum(&self) -> Vec<std::path::PathBuf> {
        ["train", "dev", "test"]
            .iter()
            .map(|s| {
                self.root
                    .join(format!("ud_english_gum/en_gum-{s}.non-nc.conllu"))
            })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(s: &LabelledSentence) -> Vec<(String, NerType)> {
        s.entities
            .iter()
            .map(|&(a, b, t)| (s.words[a..b].join(" "), t))
            .collect()
    }

    #[test]
    fn uner_columns_and_labels() {
        let text = "# sent_id = x\n1\tAl\tB-ORG\t-\ts\n2\t-\tI-ORG\t-\ts\n3\tZaman\tI-ORG\t-\ts\n4\tsaw\tO\t-\t-\n5\tAbdullah\tB-PER\t-\ts\n6\tin\tO\n7\tQaim\tB-LOC\t-\ts\n8\tIraq\tB-LOC\n\n1\tHi\tO\n";
        let s = read_columns("t", text, CorpusFormat::Uner).unwrap();
        assert_eq!(s.len(), 2);
        assert_eq!(
            texts(&s[0]),
            vec![
                ("Al - Zaman".into(), NerType::Organization),
                ("Abdullah".into(), NerType::Person),
                ("Qaim".into(), NerType::Location),
                ("Iraq".into(), NerType::Location),
            ]
        );
        assert!(s[1].entities.is_empty());
    }

    #[test]
    fn wnut_maps_groups_and_drops_creative_works() {
        let text = "Apple\tB-corporation\nand\tO\nthe\tO\nBeatles\tB-group\nplay\tO\nLet\tB-creative-work\nIt\tI-creative-work\nBe\tI-creative-work\non\tO\niPhone\tB-product\n7\tI-product\n";
        let s = read_columns("t", text, CorpusFormat::Wnut17).unwrap();
        assert_eq!(
            texts(&s[0]),
            vec![
                ("Apple".into(), NerType::Organization),
                ("Beatles".into(), NerType::Organization),
                ("iPhone 7".into(), NerType::Product),
            ]
        );
    }

    #[test]
    fn wikigold_iob1_splits_on_type_change_and_drops_misc() {
        let text = "-DOCSTART- O\n\nJapanese I-MISC\nband I-MISC\nThe I-ORG\nMad I-ORG\nCapsule I-ORG\nmet O\nJohn I-PER\nSmith I-PER\nB-PER\nof O\nParis I-LOC\n\n-DOCSTART- O\n";
        // "B-PER" on its own line has no tag: an error naming the line
        let err = read_columns("wg", text, CorpusFormat::Wikigold).unwrap_err();
        assert!(err.to_string().contains("line 11"), "{err}");
        let text = text.replace("B-PER\n", "Doe B-PER\n");
        let s = read_columns("wg", &text, CorpusFormat::Wikigold).unwrap();
        assert_eq!(s.len(), 1);
        assert_eq!(
            texts(&s[0]),
            vec![
                ("The Mad Capsule".into(), NerType::Organization),
                ("John Smith".into(), NerType::Person),
                ("Doe".into(), NerType::Person),
                ("Paris".into(), NerType::Location),
            ]
        );
    }

    #[test]
    fn bad_tags_are_errors() {
        assert!(read_columns("t", "word\tX-PER\n", CorpusFormat::Wnut17).is_err());
        assert!(read_columns("t", "1\tword\n", CorpusFormat::Uner).is_err());
    }

    #[test]
    fn re3d_keeps_names_and_drops_nominals() {
        let text = "Gen. Joseph Votel said U.S. service members and the Kurdish YPG met near Raqqa. The USS Mahan fired at an IED.";
        let at = |s: &str| {
            let b = text.find(s).unwrap();
            let c = text[..b].chars().count();
            (c, c + s.chars().count())
        };
        let mut ents = Vec::new();
        for (s, t, conf) in [
            ("Joseph Votel", "Person", 1.0),
            ("U.S. service members", "Organisation", 1.0),
            ("the Kurdish YPG", "Organisation", 1.0),
            ("Raqqa", "Location", 0.3),
            ("USS Mahan", "MilitaryPlatform", 1.0),
            ("IED", "Weapon", 1.0),
            ("Gen.", "Temporal", 1.0),
        ] {
            let (b, e) = at(s);
            ents.push((b, e, t.to_string(), conf));
        }
        let sentences = re3d_document(text, &ents);
        assert_eq!(sentences.len(), 2);
        assert_eq!(
            texts(&sentences[0]),
            vec![
                ("Joseph Votel".into(), NerType::Person),
                ("Kurdish YPG".into(), NerType::Organization),
            ]
        );
        assert_eq!(
            texts(&sentences[1]),
            vec![("USS Mahan".into(), NerType::Product)]
        );
    }

    #[test]
    fn gum_names_are_proper_noun_runs() {
        let row = |id: usize, word: &str, upos: &str, entity: &str| {
            let misc = if entity.is_empty() {
                "_".to_string()
            } else {
                format!("Entity={entity}")
            };
            format!("{id}\t{word}\t{word}\t{upos}\t_\t_\t0\tdep\t_\t{misc}\n")
        };
        let mut text = String::from("# sent_id = a\n");
        text += &row(
            1,
            "the",
            "DET",
            "(1-organization-new-nnnnn-cf1-2-coref-University_of_Portsmouth",
        );
        text += &row(2, "University", "PROPN", "");
        text += &row(3, "of", "ADP", "");
        text += &row(
            4,
            "Portsmouth",
            "PROPN",
            "(2-place-new-nnnnn-cf2-1-coref-Portsmouth)1)",
        );
        text += &row(5, "hired", "VERB", "");
        text += &row(6, "Dr.", "PROPN", "(3-person-new-nnnnn-cf3-1,2-coref");
        text += &row(7, "Claire", "PROPN", "");
        text += &row(8, "Ross", "PROPN", "3)");
        text += &row(9, "in", "ADP", "");
        text += &row(10, "spring", "NOUN", "(4-time-new-nnnnn-cf4-1-sgl)");
        text += "\n# sent_id = b\n";
        // a named mention whose proper nouns are not one run: the sentence is left out
        text += &row(1, "Paris", "PROPN", "(5-place-new-nnnnn-cf1-1-coref");
        text += &row(2, ",", "PUNCT", "");
        text += &row(3, "France", "PROPN", "5)");
        text += "\n";
        let s = read_gum("gum", &text).unwrap();
        assert_eq!(s.len(), 1);
        assert_eq!(
            texts(&s[0]),
            vec![
                ("University of Portsmouth".into(), NerType::Organization),
                ("Claire Ross".into(), NerType::Person),
            ]
        );
        assert!(read_gum("gum", "1\tonly\tthree\n").is_err());
    }

    #[test]
    fn re3d_overlaps_keep_the_longest() {
        let text = "The Free Syrian Army fought.";
        let ents = vec![
            (4, 20, "Organisation".to_string(), 1.0),
            (9, 15, "Nationality".to_string(), 1.0),
        ];
        let s = re3d_document(text, &ents);
        assert_eq!(
            texts(&s[0]),
            vec![("Free Syrian Army".into(), NerType::Organization)]
        );
    }
}
