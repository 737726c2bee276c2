//! A reversible `\u{HEX}` escape for the few characters a text format cannot hold.
//!
//! XML 1.0 (GraphML, and the SVG that Graphviz writes) has no way at all to hold most C0
//! control characters, not even as `&#1;`; Graphviz copies control characters raw into its SVG
//! and JSON output, which makes those files unreadable. Rather than drop or replace such
//! characters, the exporters write each one as `\u{HEX}` (`\u{7}` for BEL), which any reader
//! can turn back with [`unescape`] (or the five-line Python function in the README).
//!
//! So that the escape is exactly reversible, a run of backslashes is doubled when it stands
//! right before `u{` or before an escaped character; every other backslash is written as it
//! is. Text without such characters and without the sequence `\u{` is therefore written
//! unchanged, which is nearly all text.

use std::borrow::Cow;

/// Whether XML 1.0 cannot hold `c` in any form: C0 controls other than tab, line feed and
/// carriage return, and the noncharacters U+FFFE and U+FFFF.
pub fn xml_cannot_hold(c: char) -> bool {
    matches!(c, '\u{0}'..='\u{8}' | '\u{B}' | '\u{C}' | '\u{E}'..='\u{1F}' | '\u{FFFE}' | '\u{FFFF}')
}

/// Whether a DOT label cannot hold `c` so that Graphviz shows and passes it on intact: every C0
/// control other than line feed (which becomes a DOT line break), and U+FFFE and U+FFFF.
pub fn dot_cannot_hold(c: char) -> bool {
    (c.is_ascii_control() && c != '\n' && c != '\u{7F}') || matches!(c, '\u{FFFE}' | '\u{FFFF}')
}

/// Writes every character for which `cannot_hold` is true as `\u{HEX}` (upper-case hex),
/// doubling the backslash runs that would otherwise be ambiguous. Borrows when nothing changes.
pub fn escape(text: &str, cannot_hold: impl Fn(char) -> bool) -> Cow<'_, str> {
    if !text.chars().any(&cannot_hold) && !text.contains("\\u{") {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 8);
    let mut rest = text;
    while let Some(c) = rest.chars().next() {
        if c == '\\' {
            let run = rest.len() - rest.trim_start_matches('\\').len();
            let after = &rest[run..];
            let ambiguous =
                after.starts_with("u{") || after.chars().next().is_some_and(&cannot_hold);
            out.push_str(&rest[..run]);
            if ambiguous {
                out.push_str(&rest[..run]);
            }
            rest = after;
        } else {
            if cannot_hold(c) {
                out.push_str(&format!("\\u{{{:X}}}", c as u32));
            } else {
                out.push(c);
            }
            rest = &rest[c.len_utf8()..];
        }
    }
    Cow::Owned(out)
}

/// The inverse of [`escape`], whatever predicate was used: an odd run of backslashes before
/// `u{HEX}` is half its backslashes and the character; an even run before `u{` is half its
/// backslashes and a literal `u{`. Anything malformed is kept as it is.
pub fn unescape(text: &str) -> Cow<'_, str> {
    if !text.contains("\\u{") {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(pos) = rest.find('\\') {
        out.push_str(&rest[..pos]);
        rest = &rest[pos..];
        let run = rest.len() - rest.trim_start_matches('\\').len();
        let after = &rest[run..];
        let Some(body) = after.strip_prefix("u{") else {
            out.push_str(&rest[..run]);
            rest = after;
            continue;
        };
        if run % 2 == 0 {
            out.push_str(&rest[..run / 2]);
            out.push_str("u{");
            rest = body;
            continue;
        }
        let decoded = body.find('}').and_then(|end| {
            let hex = &body[..end];
            let valid =
                !hex.is_empty() && hex.len() <= 6 && hex.bytes().all(|b| b.is_ascii_hexdigit());
            valid
                .then(|| u32::from_str_radix(hex, 16).ok().and_then(char::from_u32))
                .flatten()
                .map(|c| (c, &body[end + 1..]))
        });
        match decoded {
            Some((c, tail)) => {
                out.push_str(&rest[..run / 2]);
                out.push(c);
                rest = tail;
            }
            None => {
                out.push_str(&rest[..run]);
                out.push_str("u{");
                rest = body;
            }
        }
    }
    out.push_str(rest);
    Cow::Owned(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn ordinary_text_is_untouched() {
        for text in [
            "Russia",
            "C:\\path\\to",
            "a\\nb",
            "tab\there",
            "\u{202E}emoji 😀",
            "",
        ] {
            assert!(
                matches!(escape(text, xml_cannot_hold), Cow::Borrowed(_)),
                "{text:?}"
            );
            assert_eq!(unescape(text), text);
        }
    }

    #[test]
    fn controls_and_ambiguous_runs_are_escaped() {
        assert_eq!(escape("bell\u{7}", xml_cannot_hold), "bell\\u{7}");
        assert_eq!(escape("\u{FFFF}", xml_cannot_hold), "\\u{FFFF}");
        assert_eq!(escape("\\u{41}", xml_cannot_hold), "\\\\u{41}");
        assert_eq!(escape("\\\u{1}", xml_cannot_hold), "\\\\\\u{1}");
        assert_eq!(escape("a\tb", xml_cannot_hold), "a\tb");
        assert_eq!(escape("a\tb\r", dot_cannot_hold), "a\\u{9}b\\u{D}");
        assert_eq!(unescape("\\\\\\u{1}x"), "\\\u{1}x");
        assert_eq!(unescape("\\u{zz}"), "\\u{zz}");
        assert_eq!(unescape("\\u{D800}"), "\\u{D800}");
    }

    proptest! {
        #[test]
        fn unescape_inverts_escape(text in "(\\\\|u|\\{|\\}|[0-9A-F]|\u{1}|\u{FFFF}|\t|\n|\r|.){0,24}") {
            for cannot_hold in [xml_cannot_hold as fn(char) -> bool, dot_cannot_hold] {
                let escaped = escape(&text, cannot_hold);
                prop_assert!(!escaped.chars().any(cannot_hold));
                prop_assert_eq!(unescape(&escaped), text.as_str());
            }
        }
    }
}
