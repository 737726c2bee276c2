//! Lemmatizer and word-class lexicon: suffix rules plus a compact table of the words the rules get wrong.
//!
//! The lexicon is built at training time (`kgforge nlp train`) from three openly licensed
//! word lists in `../shared/data`:
//!
//! * LemmInflect's form → lemma tables (MIT; derived from the NIH National Library of
//!   Medicine's SPECIALIST Lexicon — acknowledged as NLM asks),
//! * Open English WordNet's lemmas and listed irregular forms (CC BY 4.0),
//! * Princeton WordNet 3.0's exception lists (WordNet 3.0 license),
//!
//! and from the lemma columns of the training treebanks, which fix the UD conventions
//! for function words (`me` → `I`, `n't` → `not`, `'s` → `be`).
//!
//! Every (form, word class) whose lemma the suffix rules of [`rule_lemma`] already produce
//! is left out, so the table holds only irregular and rule-breaking words and stays small.
//! Unknown words go through the rules. The same lexicon gives the tagger each word's
//! possible open classes ([`Lexicon::classes`]), which is what lets it tag words that
//! never occur in the treebanks.

use std::collections::HashMap;
use std::io::{BufRead, BufReader};
use std::path::Path;

use crate::doc::Upos;
use crate::error::{Error, Result};
use crate::nlp::perceptron::hash_bytes;

/// File signature of a serialised [`Lexicon`].
const MAGIC: &[u8; 8] = b"KGFLEXCN";
/// Format version.
const VERSION: u32 = 1;

/// The open word classes of the lexicon, as bits of [`Lexicon::classes`].
pub mod class {
    /// Common noun.
    pub const NOUN: u8 = 1;
    /// Verb.
    pub const VERB: u8 = 2;
    /// Adjective.
    pub const ADJ: u8 = 4;
    /// Adverb.
    pub const ADV: u8 = 8;
    /// The word is listed only capitalised ("Paris", "American"): a name or a word made from one.
    pub const PROPER: u8 = 16;
    /// The word is listed as an inflected form (plural, past tense, comparative…).
    pub const INFLECTED: u8 = 32;
}

/// The lexicon's class bit for a UPOS tag (0 for closed classes).
fn class_of(upos: Upos) -> u8 {
    match upos {
        Upos::Noun | Upos::Propn => class::NOUN,
        Upos::Verb | Upos::Aux => class::VERB,
        Upos::Adj => class::ADJ,
        Upos::Adv => class::ADV,
        _ => 0,
    }
}

/// Word classes and lemmas.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Lexicon {
    /// (32-bit hash of the lowercase form, class bits), sorted by hash.
    classes: Vec<(u32, u8)>,
    /// The same as a hash map, for lookups in one probe (built on load).
    class_index: HashMap<u32, u8, std::hash::BuildHasherDefault<IdentityHasher>>,
    /// (open class bit, form) → lemma, where the rules are wrong. Forms are lowercase,
    /// except words listed only capitalised.
    exceptions: HashMap<(u8, String), String>,
    /// (UPOS index, lowercase form) → lemma, from the treebanks' conventions.
    conventions: HashMap<(u8, String), String>,
}

/// A hasher for keys that are already hashes.
#[derive(Default)]
struct IdentityHasher(u64);

impl std::hash::Hasher for IdentityHasher {
    fn finish(&self) -> u64 {
        // spread the 32-bit hash over the bits the map uses (its top bits for control bytes)
        self.0.wrapping_mul(0x9e37_79b9_7f4a_7c15)
    }
    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 = (self.0 << 8) | b as u64;
        }
    }
    fn write_u32(&mut self, n: u32) {
        self.0 = n as u64;
    }
}

fn hash32(word: &str) -> u32 {
    let h = hash_bytes(word.as_bytes());
    (h ^ (h >> 32)) as u32
}

fn upos_index(upos: Upos) -> u8 {
    Upos::ALL.iter().position(|&u| u == upos).unwrap_or(16) as u8
}

impl Lexicon {
    fn with_tables(
        classes: Vec<(u32, u8)>,
        exceptions: HashMap<(u8, String), String>,
        conventions: HashMap<(u8, String), String>,
    ) -> Lexicon {
        let class_index = classes.iter().copied().collect();
        Lexicon {
            classes,
            class_index,
            exceptions,
            conventions,
        }
    }

    /// The class bits ([`class`]) of a word, looked up in lowercase; 0 when unknown.
    pub fn classes(&self, word: &str) -> u8 {
        let key = if word.chars().any(char::is_uppercase) {
            hash32(&word.to_lowercase())
        } else {
            hash32(word)
        };
        self.class_index.get(&key).copied().unwrap_or(0)
    }

    /// Number of words with classes, and of lemma exceptions (a size measure).
    pub fn sizes(&self) -> (usize, usize, usize) {
        (
            self.classes.len(),
            self.exceptions.len(),
            self.conventions.len(),
        )
    }

    /// The lemma of `form` tagged `upos`, following UD English conventions: lowercase
    /// except for proper nouns and words listed only capitalised; numbers, punctuation and
    /// symbols are their own lemma.
    ///
    /// ```
    /// # let lexicon = kgforge::nlp::Lexicon::embedded()?;
    /// use kgforge::doc::Upos;
    /// assert_eq!(lexicon.lemma("sent", Upos::Verb), "send");
    /// assert_eq!(lexicon.lemma("supplies", Upos::Noun), "supply");
    /// assert_eq!(lexicon.lemma("Russia", Upos::Propn), "Russia");
    /// # Ok::<(), kgforge::Error>(())
    /// ```
    pub fn lemma(&self, form: &str, upos: Upos) -> String {
        self.lemma_at(form, upos, false)
    }

    /// [`Self::lemma`] for a word that may start its sentence, where a capital letter
    /// says nothing about the word ("Good" at the start is "good"; "New" inside "New
    /// Delhi" stays "New", as UD English writes it).
    pub fn lemma_at(&self, form: &str, upos: Upos, sentence_initial: bool) -> String {
        let lower = crate::nlp::lexical::norm_quotes(&form.to_lowercase());
        if let Some(l) = self.conventions.get(&(upos_index(upos), lower.clone())) {
            return l.clone();
        }
        let capitalised = form != lower;
        match upos {
            Upos::Num | Upos::Punct | Upos::Sym | Upos::X => form.to_string(),
            Upos::Propn => {
                // plural names listed in the lexicon: "Americans" → "American"
                let c = self.classes(form);
                if c & (class::PROPER | class::INFLECTED | class::NOUN)
                    == class::PROPER | class::INFLECTED | class::NOUN
                {
                    if let Some(l) = self.exceptions.get(&(class::NOUN, form.to_string())) {
                        return l.clone();
                    }
                    return rule_lemma(form, class::NOUN);
                }
                form.to_string()
            }
            Upos::Noun | Upos::Verb | Upos::Adj | Upos::Adv | Upos::Aux => {
                let c = class_of(upos);
                if capitalised {
                    // listed capitalised ("Iraqis" → "Iraqi", "American") keeps its case
                    if let Some(l) = self.exceptions.get(&(c, form.to_string())) {
                        return l.clone();
                    }
                    let proper = self.classes(form) & class::PROPER != 0;
                    if upos == Upos::Adj && (proper || !sentence_initial) {
                        return rule_lemma(form, c);
                    }
                }
                if let Some(l) = self.exceptions.get(&(c, lower.clone())) {
                    return l.clone();
                }
                rule_lemma(&lower, c)
            }
            _ => lower,
        }
    }

    /// The lexicon in its binary format.
    pub fn to_bytes(&self) -> Vec<u8> {
        let mut out = Vec::new();
        out.extend_from_slice(MAGIC);
        out.extend_from_slice(&VERSION.to_le_bytes());
        out.extend_from_slice(&(self.classes.len() as u32).to_le_bytes());
        for &(h, c) in &self.classes {
            out.extend_from_slice(&h.to_le_bytes());
            out.push(c);
        }
        for table in [&self.exceptions, &self.conventions] {
            let mut entries: Vec<_> = table.iter().collect();
            entries.sort();
            out.extend_from_slice(&(entries.len() as u32).to_le_bytes());
            for ((c, form), lemma) in entries {
                out.push(*c);
                for s in [form, lemma] {
                    let b = &s.as_bytes()[..s.len().min(255)];
                    out.push(b.len() as u8);
                    out.extend_from_slice(b);
                }
            }
        }
        let sum = hash_bytes(&out);
        out.extend_from_slice(&sum.to_le_bytes());
        out
    }

    /// Reads a lexicon written by [`Self::to_bytes`].
    pub fn from_bytes(bytes: &[u8]) -> Result<Lexicon> {
        let bad = |m: String| Error::Model {
            name: "lexicon".into(),
            message: m,
        };
        if bytes.len() < 20 || &bytes[..8] != MAGIC {
            return Err(bad("not a kgforge lexicon (bad magic)".into()));
        }
        let (body, sum) = bytes.split_at(bytes.len() - 8);
        if hash_bytes(body).to_le_bytes() != sum {
            return Err(bad("checksum mismatch: the lexicon data is corrupt".into()));
        }
        let version = u32::from_le_bytes(body[8..12].try_into().expect("4 bytes"));
        if version != VERSION {
            return Err(bad(format!(
                "format version {version}, this build reads version {VERSION}; retrain with `kgforge nlp train`"
            )));
        }
        let mut pos = 12;
        let mut take = |n: usize| -> Result<&[u8]> {
            let s = body
                .get(pos..pos + n)
                .ok_or_else(|| bad(format!("truncated at byte {pos}")))?;
            pos += n;
            Ok(s)
        };
        let count = |b: &[u8]| u32::from_le_bytes(b.try_into().expect("4 bytes")) as usize;
        let n = count(take(4)?);
        let mut classes = Vec::with_capacity(n.min(body.len() / 5));
        for _ in 0..n {
            let h = u32::from_le_bytes(take(4)?.try_into().expect("4 bytes"));
            let c = take(1)?[0];
            classes.push((h, c));
        }
        if classes.windows(2).any(|w| w[0].0 >= w[1].0) {
            return Err(bad("class table is not sorted".into()));
        }
        let mut tables = [HashMap::new(), HashMap::new()];
        for table in &mut tables {
            let n = count(take(4)?);
            for _ in 0..n {
                let c = take(1)?[0];
                let mut strings = [String::new(), String::new()];
                for s in &mut strings {
                    let len = take(1)?[0] as usize;
                    *s = std::str::from_utf8(take(len)?)
                        .map_err(|_| bad("an entry is not UTF-8".into()))?
                        .to_string();
                }
                let [form, lemma] = strings;
                table.insert((c, form), lemma);
            }
        }
        if take(0).is_ok() && pos != body.len() {
            return Err(bad("unexpected bytes after the tables".into()));
        }
        let [exceptions, conventions] = tables;
        Ok(Lexicon::with_tables(classes, exceptions, conventions))
    }

    /// The lexicon built into the binary.
    pub fn embedded() -> Result<std::sync::Arc<Lexicon>> {
        crate::nlp::models::lexicon()
    }
}

fn is_vowel(c: u8) -> bool {
    matches!(c, b'a' | b'e' | b'i' | b'o' | b'u')
}

/// Undoes consonant doubling ("stopp" → "stop") except for letters English doubles in base forms.
fn undouble(stem: &str) -> Option<&str> {
    let b = stem.as_bytes();
    let n = b.len();
    (n >= 3 && b[n - 1] == b[n - 2] && !is_vowel(b[n - 1]) && !b"lszf".contains(&b[n - 1]))
        .then(|| &stem[..n - 1])
}

/// Whether a stem left by removing "-ed"/"-ing" had a silent final "e" ("promis" → "promise").
fn needs_e(stem: &str) -> bool {
    let b = stem.as_bytes();
    let n = b.len();
    if n < 2 {
        return false;
    }
    let (last, prev) = (b[n - 1], b[n - 2]);
    let vowel_groups = b
        .iter()
        .enumerate()
        .filter(|&(i, &c)| is_vowel(c) && (i == 0 || !is_vowel(b[i - 1])))
        .count();
    match last {
        b'v' | b'c' | b'u' => true,
        b'z' => prev != b'z',
        b's' => is_vowel(prev) && prev != b'u',
        b'g' => prev == b'd',
        b'l' => b"bpdgtkcfz".contains(&prev),
        b't' => prev == b'a' && n >= 4 && !is_vowel(b[n - 3]),
        // one syllable ending consonant-vowel-consonant: doubling would have happened
        // without a silent e ("hoped" ← hope, "hopped" ← hop)
        c => {
            vowel_groups == 1
                && n >= 3
                && !is_vowel(c)
                && !b"wxy".contains(&c)
                && is_vowel(prev)
                && !is_vowel(b[n - 3])
        }
    }
}

fn verb_stem(stem: &str) -> String {
    if let Some(s) = undouble(stem) {
        return s.to_string();
    }
    if needs_e(stem) {
        format!("{stem}e")
    } else {
        stem.to_string()
    }
}

/// The lemma the suffix rules give for `word` (lowercase) in open class `class` (a
/// [`class`] bit); words the rules get wrong are in the lexicon's tables.
pub fn rule_lemma(word: &str, class: u8) -> String {
    let n = word.len();
    let ends = |s: &str| word.ends_with(s);
    let cut = |k: usize| &word[..n - k];
    if !word.is_ascii() || word.chars().any(|c| c.is_ascii_digit()) {
        return word.to_string();
    }
    match class {
        class::NOUN => {
            if n > 4 && ends("ies") {
                format!("{}y", cut(3))
            } else if ["ches", "shes", "sses", "xes", "zzes"]
                .iter()
                .any(|s| ends(s))
            {
                cut(2).to_string()
            } else if n > 3 && ends("s") && !["ss", "us", "is", "'s"].iter().any(|s| ends(s)) {
                cut(1).to_string()
            } else {
                word.to_string()
            }
        }
        class::VERB => {
            if n > 4 && (ends("ies") || ends("ied")) {
                format!("{}y", cut(3))
            } else if ["ches", "shes", "sses", "xes", "zzes"]
                .iter()
                .any(|s| ends(s))
            {
                cut(2).to_string()
            } else if n > 4 && ends("ed") && !ends("eed") {
                verb_stem(cut(2))
            } else if n > 5 && ends("ing") {
                verb_stem(cut(3))
            } else if n > 3 && ends("s") && !["ss", "us", "is"].iter().any(|s| ends(s)) {
                cut(1).to_string()
            } else {
                word.to_string()
            }
        }
        class::ADJ | class::ADV => {
            for suffix in ["est", "er"] {
                if n > suffix.len() + 3 && ends(suffix) {
                    let stem = cut(suffix.len());
                    if let Some(s) = stem.strip_suffix('i') {
                        return format!("{s}y");
                    }
                    if let Some(s) = undouble(stem) {
                        return s.to_string();
                    }
                    return stem.to_string();
                }
            }
            word.to_string()
        }
        _ => word.to_string(),
    }
}

/// Collects lexicon entries before they are reduced to the compact tables.
#[derive(Debug, Default)]
pub struct LexiconBuilder {
    /// form (as listed) → class bits.
    classes: HashMap<String, u8>,
    /// (class, form as listed) → lemmas, first listed first.
    lemmas: HashMap<(u8, String), Vec<String>>,
    /// (UPOS, lowercase form) → lemma → count, from treebanks.
    treebank: HashMap<(u8, String), HashMap<String, u32>>,
}

fn open_class(tag: &str) -> Option<u8> {
    match tag {
        "n" | "noun" | "n-1" | "n-2" => Some(class::NOUN),
        "v" | "verb" | "v-1" | "v-2" => Some(class::VERB),
        "a" | "s" | "adj" | "a-1" | "a-2" => Some(class::ADJ),
        "r" | "adv" => Some(class::ADV),
        _ => None,
    }
}

fn lines(path: &Path) -> Result<Vec<String>> {
    let file = std::fs::File::open(path).map_err(|e| Error::io(path, e))?;
    BufReader::new(file)
        .lines()
        .collect::<std::io::Result<Vec<String>>>()
        .map_err(|e| Error::io(path, e))
}

impl LexiconBuilder {
    /// An empty builder.
    pub fn new() -> Self {
        LexiconBuilder::default()
    }

    /// Adds one entry: `form` is a form of `lemma` in open class `class`.
    pub fn add(&mut self, form: &str, class: u8, lemma: &str, inflected: bool) {
        if form.is_empty() || lemma.is_empty() || form.contains(' ') || form.len() > 255 {
            return;
        }
        *self.classes.entry(form.to_string()).or_default() |=
            class | if inflected { class::INFLECTED } else { 0 };
        let lemmas = self.lemmas.entry((class, form.to_string())).or_default();
        if !lemmas.iter().any(|l| l == lemma) {
            lemmas.push(lemma.to_string());
        }
    }

    /// Adds LemmInflect's `lemma_lu.csv` (already decompressed): `form,upos,lemma[/lemma2]`.
    pub fn add_lemminflect(&mut self, csv: &str) {
        for line in csv.lines() {
            let mut parts = line.splitn(3, ',');
            let (Some(form), Some(tag), Some(lemmas)) = (parts.next(), parts.next(), parts.next())
            else {
                continue;
            };
            let Some(c) = open_class(tag) else { continue };
            for lemma in lemmas.split('/') {
                self.add(form, c, lemma, form != lemma);
            }
        }
    }

    /// Adds Open English WordNet's `lemma<TAB>pos<TAB>form|form` table.
    pub fn add_oewn(&mut self, path: &Path) -> Result<()> {
        for line in lines(path)?.iter().skip(1) {
            let mut cols = line.split('\t');
            let (Some(lemma), Some(tag)) = (cols.next(), cols.next()) else {
                continue;
            };
            let Some(c) = open_class(tag) else { continue };
            self.add(lemma, c, lemma, false);
            for form in cols.next().unwrap_or("").split('|') {
                self.add(form, c, lemma, true);
            }
        }
        Ok(())
    }

    /// Adds a WordNet 3.0 exception list (`form lemma` per line) for `class`.
    pub fn add_wordnet_exceptions(&mut self, path: &Path, class: u8) -> Result<()> {
        for line in lines(path)? {
            let mut cols = line.split(' ');
            if let (Some(form), Some(lemma)) = (cols.next(), cols.next()) {
                if form != lemma {
                    self.add(
                        &form.replace('_', " "),
                        class,
                        &lemma.replace('_', " "),
                        true,
                    );
                }
            }
        }
        Ok(())
    }

    /// Counts a treebank word's lemma, for the function-word conventions.
    pub fn add_treebank_word(&mut self, form: &str, upos: Upos, lemma: &str) {
        if lemma == "_" || form.is_empty() {
            return;
        }
        let lower = crate::nlp::lexical::norm_quotes(&form.to_lowercase());
        *self
            .treebank
            .entry((upos_index(upos), lower))
            .or_default()
            .entry(lemma.to_string())
            .or_default() += 1;
    }

    /// Reduces the entries to the compact tables.
    pub fn build(self) -> Lexicon {
        let mut classes: HashMap<u32, u8> = HashMap::new();
        let mut capitalised: HashMap<String, u8> = HashMap::new();
        for (form, &c) in &self.classes {
            if form.chars().any(char::is_uppercase) {
                *capitalised.entry(form.to_lowercase()).or_default() |= c;
            } else {
                *classes.entry(hash32(form)).or_default() |= c;
            }
        }
        for (lower, c) in capitalised {
            let h = hash32(&lower);
            match classes.get_mut(&h) {
                Some(existing) => *existing |= c & !class::PROPER & !class::INFLECTED,
                None => {
                    classes.insert(h, c | class::PROPER);
                }
            }
        }
        let mut classes: Vec<(u32, u8)> = classes.into_iter().collect();
        classes.sort_unstable();
        let mut exceptions = HashMap::new();
        for ((c, form), lemmas) in self.lemmas {
            // the first listed lemma is the usual one ("saw" → "see", not the verb "saw")
            let lemma = &lemmas[0];
            let key = if form.chars().any(char::is_uppercase) {
                form.clone()
            } else {
                form.to_lowercase()
            };
            if &rule_lemma(&key, c) != lemma {
                exceptions.insert((c, key), lemma.clone());
            }
        }
        let lexicon = Lexicon::with_tables(classes, exceptions, HashMap::new());
        // treebank conventions: where the lexicon and rules disagree with what annotators
        // wrote most of the time for a word seen at least twice
        let mut conventions = HashMap::new();
        for ((u, lower), lemmas) in self.treebank {
            let total: u32 = lemmas.values().sum();
            let Some((best, &count)) = lemmas.iter().max_by(|a, b| a.1.cmp(b.1).then(b.0.cmp(a.0)))
            else {
                continue;
            };
            if total < 2 || (count as f64) < 0.7 * total as f64 {
                continue;
            }
            let upos = Upos::ALL[u as usize];
            if upos == Upos::Propn || upos == Upos::Num {
                continue;
            }
            let ours = lexicon.lemma(&lower, upos);
            let open = class_of(upos) != 0;
            if &ours != best && (!open || best.to_lowercase() == *best) {
                conventions.insert((u, lower), best.clone());
            }
        }
        Lexicon {
            conventions,
            ..lexicon
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rules_cover_regular_inflection() {
        let cases = [
            ("supplies", class::NOUN, "supply"),
            ("boxes", class::NOUN, "box"),
            ("experts", class::NOUN, "expert"),
            ("virus", class::NOUN, "virus"),
            ("crisis", class::NOUN, "crisis"),
            ("stopped", class::VERB, "stop"),
            ("hoped", class::VERB, "hope"),
            ("helped", class::VERB, "help"),
            ("promised", class::VERB, "promise"),
            ("summarized", class::VERB, "summarize"),
            ("located", class::VERB, "locate"),
            ("treated", class::VERB, "treat"),
            ("called", class::VERB, "call"),
            ("making", class::VERB, "make"),
            ("tries", class::VERB, "try"),
            ("sends", class::VERB, "send"),
            ("continued", class::VERB, "continue"),
            ("bigger", class::ADJ, "big"),
            ("happiest", class::ADJ, "happy"),
            ("colder", class::ADJ, "cold"),
        ];
        for (word, c, lemma) in cases {
            assert_eq!(rule_lemma(word, c), lemma, "{word}");
        }
    }

    fn small() -> Lexicon {
        let mut b = LexiconBuilder::new();
        b.add_lemminflect(
            "sent,verb,send\nwent,verb,go\nnews,noun,news\nAmericans,noun,American\n\
             American,adj,American\nbetter,adj,good/well\nleft,verb,leave\nleft,adj,left\n",
        );
        for _ in 0..3 {
            b.add_treebank_word("me", Upos::Pron, "I");
            b.add_treebank_word("n't", Upos::Part, "not");
        }
        b.build()
    }

    #[test]
    fn table_holds_only_what_rules_miss() {
        let lex = small();
        assert_eq!(lex.lemma("sent", Upos::Verb), "send");
        assert_eq!(lex.lemma("went", Upos::Verb), "go");
        assert_eq!(lex.lemma("news", Upos::Noun), "news");
        assert_eq!(lex.lemma("better", Upos::Adj), "good");
        assert_eq!(lex.lemma("left", Upos::Verb), "leave");
        assert_eq!(lex.lemma("left", Upos::Adj), "left");
        assert_eq!(lex.lemma("walked", Upos::Verb), "walk");
        assert_eq!(lex.lemma("Walked", Upos::Verb), "walk");
        assert_eq!(lex.lemma("me", Upos::Pron), "I");
        assert_eq!(lex.lemma("n’t", Upos::Part), "not");
        assert_eq!(lex.lemma("The", Upos::Det), "the");
        assert_eq!(lex.lemma("1,000", Upos::Num), "1,000");
        assert_eq!(lex.lemma("Americans", Upos::Propn), "American");
        assert_eq!(lex.lemma("American", Upos::Adj), "American");
        assert_eq!(lex.lemma("Italy", Upos::Propn), "Italy");
        // "sent" is regular for no rule: it must be in the table; "walked" must not
        assert!(lex.exceptions.contains_key(&(class::VERB, "sent".into())));
        assert!(!lex.exceptions.contains_key(&(class::VERB, "walked".into())));
    }

    #[test]
    fn classes_and_round_trip() {
        let lex = small();
        assert_eq!(lex.classes("sent") & class::VERB, class::VERB);
        assert_eq!(
            lex.classes("Left") & (class::VERB | class::ADJ),
            class::VERB | class::ADJ
        );
        assert_ne!(lex.classes("Americans") & class::PROPER, 0);
        assert_eq!(lex.classes("zzyzx"), 0);
        let bytes = lex.to_bytes();
        assert_eq!(Lexicon::from_bytes(&bytes).unwrap(), lex);
        let mut corrupt = bytes.clone();
        corrupt[20] ^= 1;
        assert!(matches!(
            Lexicon::from_bytes(&corrupt),
            Err(Error::Model { .. })
        ));
        assert!(Lexicon::from_bytes(&bytes[..bytes.len() - 1]).is_err());
    }
}
