//! CoNLL-U reading and writing (words, multiword tokens, empty nodes, comments), the format of Universal Dependencies.
//!
//! The reader keeps every column as written, so that reading and writing a file gives the
//! same bytes back (for files in the canonical order: comments, then each multiword-token
//! line before its first word and empty nodes after the word they follow). Malformed
//! input gives [`Error::Conllu`] with the file and line.
//!
//! ```
//! use kgforge::nlp::conllu;
//!
//! let text = "# text = Hi there.\n\
//!             1\tHi\thi\tINTJ\tUH\t_\t0\troot\t_\t_\n\
//!             2\tthere\tthere\tADV\tRB\t_\t1\tadvmod\t_\tSpaceAfter=No\n\
//!             3\t.\t.\tPUNCT\t.\t_\t1\tpunct\t_\t_\n\n";
//! let sentences = conllu::parse_str("example.conllu", text)?;
//! assert_eq!(sentences[0].text(), Some("Hi there."));
//! assert_eq!(sentences[0].words[1].head, Some(1));
//! assert_eq!(conllu::to_string(&sentences), text);
//! # Ok::<(), kgforge::Error>(())
//! ```

use std::fmt::Write as _;
use std::path::Path;

use crate::doc::Upos;
use crate::error::{Error, Result};

/// One syntactic word (a line whose id is an integer).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Word {
    /// 1-based position in the sentence.
    pub id: usize,
    /// Word form.
    pub form: String,
    /// Lemma (`_` when unknown).
    pub lemma: String,
    /// Universal part-of-speech tag as written (`PROPN`).
    pub upos: String,
    /// Language-specific tag (Penn Treebank for English; `_` when absent).
    pub xpos: String,
    /// Morphological features (`_` when absent).
    pub feats: String,
    /// Head word id, 0 for the root; `None` when the column is `_`.
    pub head: Option<usize>,
    /// Dependency relation to the head (`nsubj`, `obl:tmod`; `_` when absent).
    pub deprel: String,
    /// Enhanced dependencies (`_` when absent).
    pub deps: String,
    /// Anything else (`SpaceAfter=No`…; `_` when empty).
    pub misc: String,
}

impl Word {
    /// A word with a form and every other column `_`.
    pub fn new(id: usize, form: impl Into<String>) -> Self {
        Word {
            id,
            form: form.into(),
            lemma: "_".into(),
            upos: "_".into(),
            xpos: "_".into(),
            feats: "_".into(),
            head: None,
            deprel: "_".into(),
            deps: "_".into(),
            misc: "_".into(),
        }
    }

    /// The UPOS column as a tag; `None` when it is `_` or not a UD tag.
    pub fn upos(&self) -> Option<Upos> {
        Upos::parse(&self.upos)
    }

    /// Whether the MISC column says `SpaceAfter=No`.
    pub fn no_space_after(&self) -> bool {
        self.misc.split('|').any(|m| m == "SpaceAfter=No")
    }
}

/// A multiword token: a surface token made of several words ("don't" = "do" + "n't").
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct MultiwordToken {
    /// Id of the first word.
    pub first: usize,
    /// Id of the last word.
    pub last: usize,
    /// The surface form.
    pub form: String,
    /// The MISC column (`SpaceAfter=No`…).
    pub misc: String,
}

/// An empty node of the enhanced graph (id `8.1`): kept for round trips, ignored by the models.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct EmptyNode {
    /// The word it follows (0 = before the first word).
    pub after: usize,
    /// Its index among the empty nodes after that word (1-based).
    pub index: usize,
    /// Columns 2–10 as written (form … misc).
    pub columns: Vec<String>,
}

/// One sentence: comments, words, multiword tokens and empty nodes.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Sentence {
    /// Comment lines, whole (`# text = …`).
    pub comments: Vec<String>,
    /// Words in order; `words[i].id == i + 1`.
    pub words: Vec<Word>,
    /// Multiword tokens in order.
    pub multiword_tokens: Vec<MultiwordToken>,
    /// Empty nodes in order.
    pub empty_nodes: Vec<EmptyNode>,
}

impl Sentence {
    /// The value of a `# key = value` comment.
    pub fn comment(&self, key: &str) -> Option<&str> {
        self.comments.iter().find_map(|c| {
            let rest = c.strip_prefix('#')?.trim_start();
            let rest = rest.strip_prefix(key)?.trim_start();
            Some(rest.strip_prefix('=')?.trim())
        })
    }

    /// The sentence text from its `# text = …` comment.
    pub fn text(&self) -> Option<&str> {
        self.comment("text")
    }

    /// The sentence id from its `# sent_id = …` comment.
    pub fn sent_id(&self) -> Option<&str> {
        self.comment("sent_id")
    }

    /// The word forms.
    pub fn forms(&self) -> Vec<&str> {
        self.words.iter().map(|w| w.form.as_str()).collect()
    }

    /// The sentence's surface text rebuilt from its tokens and `SpaceAfter=No` marks
    /// (multiword tokens count as one token).
    pub fn surface_text(&self) -> String {
        let mut out = String::new();
        let mut i = 0;
        while i < self.words.len() {
            let id = i + 1;
            let (form, no_space, next) = match self.multiword_tokens.iter().find(|m| m.first == id)
            {
                Some(m) => (
                    m.form.as_str(),
                    m.misc.split('|').any(|x| x == "SpaceAfter=No"),
                    m.last,
                ),
                None => (
                    self.words[i].form.as_str(),
                    self.words[i].no_space_after(),
                    id,
                ),
            };
            out.push_str(form);
            if !no_space && next < self.words.len() {
                out.push(' ');
            }
            i = next;
        }
        out
    }
}

/// Reads a CoNLL-U file.
pub fn read_file(path: impl AsRef<Path>) -> Result<Vec<Sentence>> {
    let path = path.as_ref();
    let text = std::fs::read(path).map_err(|e| Error::io(path, e))?;
    let text = String::from_utf8(text).map_err(|e| Error::Conllu {
        path: path.to_path_buf(),
        line: 1 + e.as_bytes()[..e.utf8_error().valid_up_to()]
            .iter()
            .filter(|&&b| b == b'\n')
            .count(),
        message: "not UTF-8 text".into(),
    })?;
    parse_str(path, &text)
}

/// Parses CoNLL-U text; `path` names the source in errors.
pub fn parse_str(path: impl AsRef<Path>, text: &str) -> Result<Vec<Sentence>> {
    let path = path.as_ref();
    let mut sentences = Vec::new();
    let mut current = Sentence::default();
    let mut start_line = 1;
    for (n, line) in text.lines().enumerate() {
        let line_no = n + 1;
        let err = |message: String| Error::Conllu {
            path: path.to_path_buf(),
            line: line_no,
            message,
        };
        if line.trim().is_empty() {
            if !current.words.is_empty() || !current.comments.is_empty() {
                finish(path, start_line, &mut current)?;
                sentences.push(std::mem::take(&mut current));
            }
            start_line = line_no + 1;
            continue;
        }
        if line.starts_with('#') {
            if !current.words.is_empty() {
                return Err(err("comment line inside a sentence".into()));
            }
            current.comments.push(line.to_string());
            continue;
        }
        let cols: Vec<&str> = line.split('\t').collect();
        if cols.len() != 10 {
            return Err(err(format!(
                "expected 10 tab-separated columns, found {}",
                cols.len()
            )));
        }
        let id = cols[0];
        if let Some((a, b)) = id.split_once('-') {
            let first = parse_id(a).ok_or_else(|| err(format!("bad multiword id {id:?}")))?;
            let last = parse_id(b).ok_or_else(|| err(format!("bad multiword id {id:?}")))?;
            if first == 0 || last <= first || first != current.words.len() + 1 {
                return Err(err(format!(
                    "multiword token {id} does not start at the next word ({})",
                    current.words.len() + 1
                )));
            }
            current.multiword_tokens.push(MultiwordToken {
                first,
                last,
                form: cols[1].to_string(),
                misc: cols[9].to_string(),
            });
        } else if let Some((a, b)) = id.split_once('.') {
            let after = parse_id(a).ok_or_else(|| err(format!("bad empty node id {id:?}")))?;
            let index = parse_id(b).ok_or_else(|| err(format!("bad empty node id {id:?}")))?;
            if after != current.words.len() || index == 0 {
                return Err(err(format!(
                    "empty node {id} is not after word {}",
                    current.words.len()
                )));
            }
            current.empty_nodes.push(EmptyNode {
                after,
                index,
                columns: cols[1..].iter().map(|c| c.to_string()).collect(),
            });
        } else {
            let word_id = parse_id(id).ok_or_else(|| err(format!("bad word id {id:?}")))?;
            if word_id != current.words.len() + 1 {
                return Err(err(format!(
                    "word id {word_id} out of sequence (expected {})",
                    current.words.len() + 1
                )));
            }
            for (c, name) in [(1, "FORM"), (3, "UPOS"), (7, "DEPREL")] {
                if cols[c].is_empty() {
                    return Err(err(format!("empty {name} column")));
                }
            }
            let head = match cols[6] {
                "_" => None,
                h => Some(parse_id(h).ok_or_else(|| err(format!("bad head {h:?}")))?),
            };
            current.words.push(Word {
                id: word_id,
                form: cols[1].to_string(),
                lemma: cols[2].to_string(),
                upos: cols[3].to_string(),
                xpos: cols[4].to_string(),
                feats: cols[5].to_string(),
                head,
                deprel: cols[7].to_string(),
                deps: cols[8].to_string(),
                misc: cols[9].to_string(),
            });
        }
    }
    if !current.words.is_empty() || !current.comments.is_empty() {
        finish(path, start_line, &mut current)?;
        sentences.push(current);
    }
    Ok(sentences)
}

fn parse_id(s: &str) -> Option<usize> {
    if s.is_empty() || !s.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    s.parse().ok()
}

/// Checks what can only be checked once the whole sentence is read.
fn finish(path: &Path, line: usize, s: &mut Sentence) -> Result<()> {
    let err = |message: String| Error::Conllu {
        path: path.to_path_buf(),
        line,
        message,
    };
    if s.words.is_empty() {
        return Err(err("sentence without words".into()));
    }
    let n = s.words.len();
    for w in &s.words {
        if let Some(h) = w.head {
            if h > n {
                return Err(err(format!(
                    "word {} has head {h}, but the sentence has {n} words",
                    w.id
                )));
            }
        }
    }
    for m in &s.multiword_tokens {
        if m.last > n {
            return Err(err(format!(
                "multiword token {}-{} ends after the last word {n}",
                m.first, m.last
            )));
        }
    }
    Ok(())
}

/// Writes sentences as CoNLL-U (each followed by a blank line).
pub fn to_string(sentences: &[Sentence]) -> String {
    let mut out = String::new();
    for s in sentences {
        write_sentence(&mut out, s);
    }
    out
}

/// Appends one sentence in CoNLL-U, followed by a blank line.
pub fn write_sentence(out: &mut String, s: &Sentence) {
    for c in &s.comments {
        out.push_str(c);
        out.push('\n');
    }
    let empty_after = |out: &mut String, after: usize| {
        for e in s.empty_nodes.iter().filter(|e| e.after == after) {
            let _ = write!(out, "{}.{}", e.after, e.index);
            for c in &e.columns {
                out.push('\t');
                out.push_str(c);
            }
            out.push('\n');
        }
    };
    empty_after(out, 0);
    for w in &s.words {
        for m in s.multiword_tokens.iter().filter(|m| m.first == w.id) {
            let _ = writeln!(
                out,
                "{}-{}\t{}\t_\t_\t_\t_\t_\t_\t_\t{}",
                m.first, m.last, m.form, m.misc
            );
        }
        let head = w.head.map_or("_".to_string(), |h| h.to_string());
        let _ = writeln!(
            out,
            "{}\t{}\t{}\t{}\t{}\t{}\t{}\t{}\t{}\t{}",
            w.id, w.form, w.lemma, w.upos, w.xpos, w.feats, head, w.deprel, w.deps, w.misc
        );
        empty_after(out, w.id);
    }
    out.push('\n');
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::PathBuf;

    const SAMPLE: &str = "# newdoc id = d1
# sent_id = s1
# text = They didn't go.
1\tThey\tthey\tPRON\tPRP\tCase=Nom\t3\tnsubj\t3:nsubj\t_
2-3\tdidn't\t_\t_\t_\t_\t_\t_\t_\t_
2\tdid\tdo\tAUX\tVBD\t_\t4\taux\t4:aux\t_
3\tn't\tnot\tPART\tRB\t_\t4\tadvmod\t4:advmod\t_
3.1\tgo\tgo\tVERB\tVB\t_\t_\t_\t0:root\tCopyOf=4
4\tgo\tgo\tVERB\tVB\t_\t0\troot\t0:root\tSpaceAfter=No
5\t.\t.\tPUNCT\t.\t_\t4\tpunct\t4:punct\t_

# sent_id = s2
1\tHi\thi\tINTJ\tUH\t_\t0\troot\t_\t_

";

    #[test]
    fn reads_every_kind_of_line_and_writes_the_same_bytes() {
        let s = parse_str("sample", SAMPLE).unwrap();
        assert_eq!(s.len(), 2);
        assert_eq!(s[0].words.len(), 5);
        assert_eq!(s[0].multiword_tokens[0].form, "didn't");
        assert_eq!(s[0].empty_nodes[0].after, 3);
        assert_eq!(s[0].text(), Some("They didn't go."));
        assert_eq!(s[0].sent_id(), Some("s1"));
        assert_eq!(s[0].words[0].head, Some(3));
        assert_eq!(s[0].words[3].upos(), Some(Upos::Verb));
        assert!(s[0].words[3].no_space_after());
        assert_eq!(s[0].surface_text(), "They didn't go.");
        assert_eq!(to_string(&s), SAMPLE);
    }

    #[test]
    fn errors_name_the_line() {
        let check = |text: &str, line: usize, needle: &str| match parse_str("f.conllu", text) {
            Err(Error::Conllu {
                path,
                line: l,
                message,
            }) => {
                assert_eq!(path, PathBuf::from("f.conllu"));
                assert_eq!(l, line, "{message}");
                assert!(message.contains(needle), "{message}");
            }
            other => panic!("expected an error, got {other:?}"),
        };
        check("1\ta\n", 1, "10 tab-separated");
        check(
            "1\ta\ta\tX\t_\t_\t0\troot\t_\t_\n3\tb\tb\tX\t_\t_\t1\tdep\t_\t_\n",
            2,
            "out of sequence",
        );
        check("# c\n1\ta\ta\tX\t_\t_\tz\troot\t_\t_\n", 2, "bad head");
        check("\n\n1\ta\ta\tX\t_\t_\t5\troot\t_\t_\n", 3, "has head 5");
        check(
            "1\ta\ta\tX\t_\t_\t0\troot\t_\t_\n# late\n",
            2,
            "comment line inside",
        );
        check(
            "1-2\tab\t_\t_\t_\t_\t_\t_\t_\t_\n1\ta\ta\tX\t_\t_\t0\troot\t_\t_\n",
            1,
            "ends after",
        );
    }

    #[test]
    fn ewt_dev_round_trips_when_available() {
        let path = Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("../shared/data/ud_english_ewt/en_ewt-ud-dev.conllu");
        if !path.exists() {
            eprintln!(
                "SKIPPED ewt_dev_round_trips_when_available: {} not found",
                path.display()
            );
            return;
        }
        let original = std::fs::read_to_string(&path).unwrap();
        let sentences = read_file(&path).unwrap();
        assert_eq!(sentences.len(), 2001);
        assert_eq!(to_string(&sentences), original);
        for s in &sentences {
            assert_eq!(Some(s.surface_text().as_str()), s.text());
        }
    }
}
