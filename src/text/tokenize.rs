//! Tokenizer for news English: abbreviations, initialisms, hyphenated names, numbers, clitics, quotes, dashes.

use crate::doc::Span;

/// Abbreviations that keep their final period (case-sensitive, period excluded).
const ABBREVIATIONS: &[&str] = &[
    "Mr", "Mrs", "Ms", "Dr", "Prof", "Gen", "Lt", "Col", "Maj", "Capt", "Cmdr", "Sgt", "Cpl",
    "Pvt", "Adm", "Gov", "Sen", "Rep", "Rev", "Fr", "St", "Sr", "Jr", "Hon", "Pres", "Amb", "Supt",
    "Insp", "Gens", "Sens", "Reps", "Messrs", "Mmes", "Inc", "Corp", "Co", "Ltd", "Bros", "Assn",
    "Dept", "Univ", "Ave", "Blvd", "Rd", "Mt", "Ft", "No", "Nos", "Vol", "vs", "etc", "approx",
    "est", "Jan", "Feb", "Mar", "Apr", "Aug", "Sept", "Sep", "Oct", "Nov", "Dec", "Mon", "Tue",
    "Tues", "Wed", "Thu", "Thurs", "Fri", "Sat", "Sun", "Ala", "Ariz", "Ark", "Calif", "Colo",
    "Conn", "Del", "Fla", "Ga", "Ill", "Ind", "Kan", "Ky", "La", "Md", "Mass", "Mich", "Minn",
    "Miss", "Mo", "Mont", "Neb", "Nev", "Okla", "Ore", "Pa", "Tenn", "Tex", "Va", "Vt", "Wash",
    "Wis", "Wyo", "e.g", "i.e", "a.m", "p.m", "cf", "al", "ca",
];

/// Abbreviations that come before a name and so never end a sentence.
pub(crate) const TITLE_ABBREVIATIONS: &[&str] = &[
    "Mr.", "Mrs.", "Ms.", "Dr.", "Prof.", "Gen.", "Lt.", "Col.", "Maj.", "Capt.", "Cmdr.", "Sgt.",
    "Cpl.", "Pvt.", "Adm.", "Gov.", "Sen.", "Rep.", "Rev.", "Fr.", "St.", "Hon.", "Pres.", "Amb.",
    "Supt.", "Insp.", "Gens.", "Sens.", "Reps.", "Messrs.", "No.", "Nos.", "Vol.", "vs.", "Mt.",
    "Ft.", "e.g.", "i.e.", "cf.", "ca.", "approx.",
];

/// Clitics split from the word before them, PTB style ("Russia's" → "Russia" + "'s").
const CLITICS: &[&str] = &["s", "re", "ve", "ll", "d", "m"];

fn is_apostrophe(c: char) -> bool {
    c == '\'' || c == '\u{2019}'
}

fn is_word_char(c: char) -> bool {
    c.is_alphanumeric() || c == '_' || is_combining(c)
}

fn is_combining(c: char) -> bool {
    matches!(c as u32, 0x0300..=0x036F | 0x1AB0..=0x1AFF | 0x1DC0..=0x1DFF | 0x20D0..=0x20FF | 0xFE20..=0xFE2F)
}

fn is_space(c: char) -> bool {
    c.is_whitespace() || c == '\u{FEFF}' || c == '\u{200B}'
}

/// A token produced by the tokenizer, before the pipeline wraps it in a [`crate::doc::Token`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RawToken {
    /// Byte span in the text.
    pub span: Span,
    /// Whether whitespace follows.
    pub space_after: bool,
}

/// Longest whitespace-free stretch tokenized at once, in bytes. A longer one (a 5 MB line
/// without spaces) is cut into pieces of at most this size at character boundaries, which
/// bounds the tokenizer's working memory and the length of any token; no real word comes near.
pub const MAX_PIECE_BYTES: usize = 64 * 1024;

/// Longest URL or e-mail address recognised, in characters; the scan for one stops there, so
/// that a long run of punctuation is not rescanned from every character (which was quadratic).
const MAX_URL_CHARS: usize = 2048;

/// Splits `text` into tokens with byte offsets.
///
/// ```
/// let text = "The U.S. sent 1,000 kits to Mr. Smith's Antonov-124.";
/// let words: Vec<&str> = kgforge::text::tokenize(text).iter().map(|t| &text[t.span.range()]).collect();
/// assert_eq!(words, ["The", "U.S.", "sent", "1,000", "kits", "to", "Mr.", "Smith", "'s", "Antonov-124", "."]);
/// ```
pub fn tokenize(text: &str) -> Vec<RawToken> {
    let mut tokens = Vec::with_capacity(text.len() / 5 + 1);
    // tokens never span whitespace, so each whitespace-free piece is tokenized on its own;
    // this keeps the per-character buffer small however long the text is
    let mut piece_start = None;
    for (pos, c) in text
        .char_indices()
        .chain(std::iter::once((text.len(), ' ')))
    {
        match (is_space(c), piece_start) {
            (false, None) => piece_start = Some(pos),
            (true, Some(mut start)) => {
                while pos - start > MAX_PIECE_BYTES {
                    let mut cut = start + MAX_PIECE_BYTES;
                    while !text.is_char_boundary(cut) {
                        cut -= 1;
                    }
                    tokenize_piece(&text[start..cut], start, &mut tokens);
                    start = cut;
                }
                tokenize_piece(&text[start..pos], start, &mut tokens);
                if let Some(last) = tokens.last_mut() {
                    last.space_after = pos < text.len();
                }
                piece_start = None;
            }
            _ => {}
        }
    }
    tokens
}

/// Tokenizes a whitespace-free `piece` that starts at byte `offset` of the text.
fn tokenize_piece(piece: &str, offset: usize, tokens: &mut Vec<RawToken>) {
    let chars: Vec<(usize, char)> = piece.char_indices().collect();
    let scan = UrlScan::new(&chars);
    let n = chars.len();
    let byte_at = |i: usize| offset + if i < n { chars[i].0 } else { piece.len() };
    let mut i = 0;
    while i < n {
        let start = i;
        let end = if let Some(end) = url_end(&chars, &scan, i) {
            end
        } else if is_word_char(chars[i].1) {
            word_end(&chars, i)
        } else {
            punct_end(&chars, i)
        };
        for (a, b) in split_clitic(&chars, start, end) {
            tokens.push(RawToken {
                span: Span::new(byte_at(a), byte_at(b)),
                space_after: false,
            });
        }
        i = end;
    }
}

/// For every character of a piece, where the next URL-ending character, `@` and `.` are: the
/// URL and e-mail checks then take constant time per position instead of rescanning the rest
/// of the piece from every character (quadratic on a long run of punctuation).
struct UrlScan {
    /// Index of the first space or bracket at or after each position (or the piece's length).
    stop: Vec<usize>,
    /// Index of the first `@` at or after each position.
    at_sign: Vec<usize>,
    /// Index of the first `.` at or after each position.
    dot: Vec<usize>,
}

impl UrlScan {
    fn new(chars: &[(usize, char)]) -> Self {
        let n = chars.len();
        let (mut stop, mut at_sign, mut dot) = (vec![n; n + 1], vec![n; n + 1], vec![n; n + 1]);
        for k in (0..n).rev() {
            let c = chars[k].1;
            stop[k] = if is_space(c) || "\"<>()[]{}".contains(c) {
                k
            } else {
                stop[k + 1]
            };
            at_sign[k] = if c == '@' { k } else { at_sign[k + 1] };
            dot[k] = if c == '.' { k } else { dot[k + 1] };
        }
        UrlScan { stop, at_sign, dot }
    }
}

/// End (char index) of a URL or e-mail address starting at `i`, if there is one.
fn url_end(chars: &[(usize, char)], scan: &UrlScan, i: usize) -> Option<usize> {
    let starts_with = |s: &str| {
        s.chars().enumerate().all(|(k, sc)| {
            chars
                .get(i + k)
                .is_some_and(|&(_, c)| c.eq_ignore_ascii_case(&sc))
        })
    };
    let is_url = starts_with("http://") || starts_with("https://") || starts_with("www.");
    let mut end = scan.stop[i].min(i + MAX_URL_CHARS);
    let is_email = {
        // an '@' after the first character, a '.' after the '@', a letter or digit first
        let at = scan.at_sign[i];
        at > i
            && at < end
            && scan.dot[at] < end
            && chars.get(i).is_some_and(|&(_, c)| c.is_alphanumeric())
    };
    if !(is_url || is_email) {
        return None;
    }
    // trailing punctuation belongs to the sentence
    while end > i + 1 && ".,;:!?'\u{2019}".contains(chars[end - 1].1) {
        end -= 1;
    }
    Some(end)
}

/// End of a word starting at `i`: letters and digits, joined by inner periods, hyphens,
/// commas between digits, slashes, ampersands and apostrophes.
fn word_end(chars: &[(usize, char)], i: usize) -> usize {
    let n = chars.len();
    let at = |k: usize| chars.get(k).map(|&(_, c)| c);
    let mut j = i;
    loop {
        while j < n && is_word_char(chars[j].1) {
            j += 1;
        }
        let Some(sep) = at(j) else { break };
        let next = at(j + 1);
        let prev = at(j.wrapping_sub(1));
        let joins = match sep {
            // U.S, 3.5, a.m — a period with a word character on both sides
            '.' => next.is_some_and(is_word_char) && prev.is_some_and(is_word_char),
            // 1,000 — a comma between digits followed by three digits
            ',' => {
                prev.is_some_and(|c| c.is_ascii_digit())
                    && (1..=3).all(|k| at(j + k).is_some_and(|c| c.is_ascii_digit()))
                    && !at(j + 4).is_some_and(|c| c.is_ascii_digit())
            }
            // Antonov-124, ex-Soviet; not "--"
            '-' | '\u{2010}' | '\u{2011}' => next.is_some_and(is_word_char),
            // 24/7, 9/11 — but "and/or" is three tokens, as in UD English
            '/' => {
                next.is_some_and(|c| c.is_ascii_digit()) && prev.is_some_and(|c| c.is_ascii_digit())
            }
            // AT&T, R&D
            '&' => {
                next.is_some_and(is_word_char)
                    && prev.is_some_and(is_word_char)
                    && !next.is_some_and(char::is_lowercase)
            }
            // O'Brien, Qur'an, and clitics (split later)
            c if is_apostrophe(c) => next.is_some_and(|c| c.is_alphabetic()),
            _ => false,
        };
        if !joins {
            break;
        }
        j += 1;
    }
    // a final period that belongs to the word: initialisms (U.S.), initials (F.), abbreviations
    if at(j) == Some('.') {
        let word: String = chars[i..j].iter().map(|&(_, c)| c).collect();
        let initialism = word.contains('.')
            && word
                .split('.')
                .all(|p| p.chars().count() <= 2 && p.chars().all(char::is_alphabetic));
        let initial = word.chars().count() == 1 && word.chars().all(char::is_uppercase);
        if initialism || initial || ABBREVIATIONS.contains(&word.as_str()) {
            j += 1;
        }
    }
    j
}

/// End of a punctuation token starting at `i`.
fn punct_end(chars: &[(usize, char)], i: usize) -> usize {
    let n = chars.len();
    let c = chars[i].1;
    let mut j = i + 1;
    match c {
        // ellipsis, double dash, doubled quotes: one token each
        '.' | '-' | '`' | '\'' | '!' | '?' => {
            while j < n && chars[j].1 == c && c != '\'' {
                j += 1;
            }
            if c == '\'' && j < n && chars[j].1 == '\'' {
                j += 1;
            }
        }
        _ => {}
    }
    j
}

/// Words UD English writes as two ("cannot" = "can" + "not", "gonna" = "gon" + "na"), with
/// the length of their first part.
const CONTRACTIONS: &[(&str, usize)] = &[("cannot", 3), ("gonna", 3), ("wanna", 3), ("gotta", 3)];

/// Splits a trailing clitic ('s, 're, n't…) or a bare possessive apostrophe from a word.
fn split_clitic(chars: &[(usize, char)], start: usize, end: usize) -> Vec<(usize, usize)> {
    let len = end - start;
    let lower = |k: usize| chars[k].1.to_ascii_lowercase();
    for &(word, first) in CONTRACTIONS {
        if len == word.len() && (start..end).map(lower).eq(word.chars()) {
            return vec![(start, start + first), (start + first, end)];
        }
    }
    if len >= 2 && is_word_char(chars[start].1) {
        // n't
        if len >= 4
            && lower(end - 3) == 'n'
            && is_apostrophe(chars[end - 2].1)
            && lower(end - 1) == 't'
        {
            return vec![(start, end - 3), (end - 3, end)];
        }
        // 's 're 've 'll 'd 'm
        for clitic in CLITICS {
            let k = clitic.len();
            if len > k + 1 && is_apostrophe(chars[end - k - 1].1) {
                let tail: String = chars[end - k..end]
                    .iter()
                    .map(|&(_, c)| c.to_ascii_lowercase())
                    .collect();
                if tail == *clitic {
                    return vec![(start, end - k - 1), (end - k - 1, end)];
                }
            }
        }
    }
    vec![(start, end)]
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(text: &str) -> Vec<&str> {
        tokenize(text)
            .iter()
            .map(|t| &text[t.span.range()])
            .collect()
    }

    #[test]
    fn news_english() {
        assert_eq!(
            words("Gen. Mark Milley met U.N. envoys in Washington, D.C. on Monday."),
            [
                "Gen.",
                "Mark",
                "Milley",
                "met",
                "U.N.",
                "envoys",
                "in",
                "Washington",
                ",",
                "D.C.",
                "on",
                "Monday",
                "."
            ]
        );
        assert_eq!(
            words("\"It's over,\" he said -- and left—quickly..."),
            [
                "\"", "It", "'s", "over", ",", "\"", "he", "said", "--", "and", "left", "—",
                "quickly", "..."
            ]
        );
        assert_eq!(
            words("Russia’s coronavirus-hit ex-Soviet"),
            ["Russia", "’s", "coronavirus-hit", "ex-Soviet"]
        );
        assert_eq!(
            words("don't can't O'Brien"),
            ["do", "n't", "ca", "n't", "O'Brien"]
        );
        assert_eq!(
            words("188,663 cases, 2.4% and $5"),
            ["188,663", "cases", ",", "2.4", "%", "and", "$", "5"]
        );
        assert_eq!(
            words("1,2 and 3,4567"),
            ["1", ",", "2", "and", "3", ",", "4567"]
        );
        assert_eq!(words("countries' aid"), ["countries", "'", "aid"]);
        assert_eq!(words("John F. Kennedy"), ["John", "F.", "Kennedy"]);
        assert_eq!(
            words("See https://example.org/a?b=c."),
            ["See", "https://example.org/a?b=c", "."]
        );
        assert_eq!(words("AT&T and R&D"), ["AT&T", "and", "R&D"]);
        // UD English conventions the models are trained on
        assert_eq!(
            words("They cannot and/or gonna, 24/7"),
            ["They", "can", "not", "and", "/", "or", "gon", "na", ",", "24/7"]
        );
    }

    #[test]
    fn offsets_point_into_the_text() {
        let text = "  Ünïcödé\u{FEFF} naïve — ok ";
        for t in tokenize(text) {
            assert!(text.is_char_boundary(t.span.start) && text.is_char_boundary(t.span.end));
            assert!(!text[t.span.range()].trim().is_empty());
        }
        assert_eq!(words(text), ["Ünïcödé", "naïve", "—", "ok"]);
    }

    #[test]
    fn urls_and_e_mail_addresses() {
        assert_eq!(
            words("Write to press@example.org, or (www.kremlin.ru)."),
            [
                "Write",
                "to",
                "press@example.org",
                ",",
                "or",
                "(",
                "www.kremlin.ru",
                ")",
                "."
            ]
        );
        assert_eq!(
            words("a@b no@dot @x.y"),
            ["a", "@", "b", "no", "@", "dot", "@", "x.y"]
        );
    }

    #[test]
    fn a_line_without_spaces_is_cut_into_bounded_tokens() {
        // two-byte characters so that a cut at MAX_PIECE_BYTES can fall inside one
        for unit in ["a", "é", ".,;!?", "a,"] {
            let text = format!("x {} y", unit.repeat(3 * MAX_PIECE_BYTES / unit.len() + 7));
            let toks = tokenize(&text);
            let mut covered = 0;
            for t in &toks {
                assert!(t.span.len() <= MAX_PIECE_BYTES);
                assert!(text.is_char_boundary(t.span.start) && text.is_char_boundary(t.span.end));
                covered += t.span.len();
            }
            assert_eq!(
                covered,
                text.len() - 2,
                "{unit}: every non-space byte is in a token"
            );
            assert_eq!(&text[toks.last().unwrap().span.range()], "y");
        }
    }

    #[test]
    fn space_after_is_recorded() {
        let toks = tokenize("Hi, you.");
        assert_eq!(
            toks.iter().map(|t| t.space_after).collect::<Vec<_>>(),
            [false, true, false, false]
        );
    }
}
