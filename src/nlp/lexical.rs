//! Word-level views shared by the models' features: normalised form, shape, affixes.
//!
//! The tagger, the parser and the named-entity recogniser describe words the same way,
//! so a change here changes every model: retrain after editing (`kgforge nlp train`).

/// The form the models look words up by: lowercase, typographic quotes and dashes folded
/// to ASCII, numbers collapsed to a class (`!YEAR`, `!NUM`) so that "1,000" and "2.4"
/// share their statistics.
///
/// ```
/// use kgforge::nlp::lexical::norm;
/// assert_eq!(norm("Russia’s"), "russia's");
/// assert_eq!(norm("1,000"), "!NUM");
/// assert_eq!(norm("1999"), "!YEAR");
/// assert_eq!(norm("—"), "--");
/// ```
pub fn norm(word: &str) -> String {
    if is_number(word) {
        let digits = word.bytes().filter(u8::is_ascii_digit).count();
        if digits == 4 && word.len() == 4 && (word.starts_with("1") || word.starts_with("2")) {
            return "!YEAR".into();
        }
        return "!NUM".into();
    }
    let mut out = String::with_capacity(word.len());
    for c in word.chars() {
        match c {
            '\u{2018}' | '\u{2019}' | '\u{201B}' | '`' | '\u{2032}' => out.push('\''),
            '\u{201C}' | '\u{201D}' | '\u{201E}' | '\u{201F}' | '\u{00AB}' | '\u{00BB}' => {
                out.push('"')
            }
            '\u{2013}' | '\u{2014}' | '\u{2015}' | '\u{2212}' => out.push_str("--"),
            '\u{2010}' | '\u{2011}' => out.push('-'),
            c => out.extend(c.to_lowercase()),
        }
    }
    match out.as_str() {
        "''" | "``" => "\"".into(),
        "----" | "---" => "--".into(),
        _ => out,
    }
}

/// Folds typographic apostrophes and quotes to ASCII (`’s` → `'s`), nothing else.
pub fn norm_quotes(word: &str) -> String {
    word.chars()
        .map(|c| match c {
            '\u{2018}' | '\u{2019}' | '\u{201B}' | '\u{2032}' => '\'',
            '\u{201C}' | '\u{201D}' | '\u{201E}' | '\u{201F}' => '"',
            c => c,
        })
        .collect()
}

/// Whether a word is a number written in digits: "12", "1,000", "2.4", "3/4", "-5".
pub fn is_number(word: &str) -> bool {
    let body = word.strip_prefix(['-', '+', '.']).unwrap_or(word);
    body.bytes().next().is_some_and(|b| b.is_ascii_digit())
        && body
            .bytes()
            .all(|b| b.is_ascii_digit() || matches!(b, b',' | b'.' | b'/' | b':'))
}

/// The word's shape: uppercase letters become `X`, lowercase `x`, digits `d`, anything else
/// stays; runs of the same class longer than four are cut to four ("Antonov-124" →
/// "Xxxxx-ddd", "coronavirus" → "xxxx").
pub fn shape(word: &str) -> String {
    let mut out = String::with_capacity(word.len().min(16));
    let mut last = '\0';
    let mut run = 0;
    for c in word.chars() {
        let class = if c.is_uppercase() {
            'X'
        } else if c.is_lowercase() {
            'x'
        } else if c.is_ascii_digit() {
            'd'
        } else if c.is_alphabetic() {
            'x'
        } else {
            c
        };
        if class == last {
            run += 1;
        } else {
            last = class;
            run = 1;
        }
        if run <= 4 {
            out.push(class);
        }
    }
    out
}

/// The last `n` characters of `word` (all of it when shorter).
pub fn suffix(word: &str, n: usize) -> &str {
    match word.char_indices().rev().nth(n.saturating_sub(1)) {
        Some((i, _)) if n > 0 => &word[i..],
        _ if n == 0 => "",
        _ => word,
    }
}

/// The first `n` characters of `word` (all of it when shorter).
pub fn prefix(word: &str, n: usize) -> &str {
    match word.char_indices().nth(n) {
        Some((i, _)) => &word[..i],
        None => word,
    }
}

/// For a hyphenated word, the part after the last hyphen ("coronavirus-hit" → "hit"),
/// which usually decides its part of speech; `None` for other words.
pub fn hyphen_tail(word: &str) -> Option<&str> {
    let i = word.rfind(['-', '\u{2010}', '\u{2011}'])?;
    let tail = &word[i + word[i..].chars().next()?.len_utf8()..];
    (i > 0 && !tail.is_empty()).then_some(tail)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn norms() {
        assert_eq!(norm("The"), "the");
        assert_eq!(norm("“"), "\"");
        assert_eq!(norm("``"), "\"");
        assert_eq!(norm("’s"), "'s");
        assert_eq!(norm("2.4"), "!NUM");
        assert_eq!(norm("3/4"), "!NUM");
        assert_eq!(norm("2020"), "!YEAR");
        assert_eq!(norm("9999"), "!NUM");
        assert_eq!(norm("1st"), "1st");
        assert_eq!(norm("Antonov-124"), "antonov-124");
        assert_eq!(norm("ÉCOLE"), "école");
    }

    #[test]
    fn shapes_and_affixes() {
        assert_eq!(shape("Antonov-124"), "Xxxxx-ddd");
        assert_eq!(shape("U.S."), "X.X.");
        assert_eq!(shape("COVID-19"), "XXXX-dd");
        assert_eq!(suffix("running", 3), "ing");
        assert_eq!(suffix("ab", 3), "ab");
        assert_eq!(suffix("naïve", 3), "ïve");
        assert_eq!(suffix("x", 0), "");
        assert_eq!(prefix("naïve", 3), "naï");
        assert_eq!(prefix("ab", 3), "ab");
        assert_eq!(hyphen_tail("coronavirus-hit"), Some("hit"));
        assert_eq!(hyphen_tail("Antonov-124"), Some("124"));
        assert_eq!(hyphen_tail("-5"), None);
        assert_eq!(hyphen_tail("well"), None);
        assert_eq!(hyphen_tail("end-"), None);
    }
}
