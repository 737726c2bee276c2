//! Sentence splitter: ends at terminal punctuation (with closing quotes) and at blank lines, not after titles.

use super::tokenize::{RawToken, TITLE_ABBREVIATIONS};

/// Capitalised words that start sentences far more often than they continue a name; after an
/// abbreviation such as "U.S." they mean a new sentence.
const SENTENCE_STARTERS: &[&str] = &[
    "A",
    "About",
    "According",
    "After",
    "Again",
    "Also",
    "Although",
    "An",
    "And",
    "Another",
    "As",
    "At",
    "Because",
    "Before",
    "Both",
    "But",
    "By",
    "Despite",
    "During",
    "Each",
    "Earlier",
    "Even",
    "Every",
    "For",
    "From",
    "He",
    "Her",
    "Here",
    "His",
    "How",
    "However",
    "I",
    "If",
    "In",
    "Instead",
    "It",
    "Its",
    "Last",
    "Later",
    "Many",
    "Meanwhile",
    "More",
    "Most",
    "My",
    "No",
    "None",
    "Not",
    "Now",
    "Of",
    "On",
    "One",
    "Only",
    "Or",
    "Other",
    "Our",
    "Since",
    "So",
    "Some",
    "Still",
    "Such",
    "That",
    "The",
    "Their",
    "Then",
    "There",
    "These",
    "They",
    "This",
    "Those",
    "Though",
    "Thus",
    "To",
    "Today",
    "Under",
    "Until",
    "We",
    "What",
    "When",
    "Where",
    "Whether",
    "While",
    "Who",
    "Why",
    "With",
    "Yet",
    "You",
];

/// Most tokens in one sentence. Text without sentence ends (a list, a table, a 5 MB line of
/// words) is cut into pieces of at most this many tokens, after the last comma, semicolon,
/// colon or dash of the piece's second half where there is one. Every later stage works
/// sentence by sentence, so this bounds their per-sentence cost; real news sentences are far
/// shorter (a few over 100 tokens).
pub const MAX_SENTENCE_TOKENS: usize = 256;

fn is_terminal(tok: &str) -> bool {
    !tok.is_empty() && tok.chars().all(|c| matches!(c, '.' | '!' | '?' | '…'))
}

fn is_closer(tok: &str) -> bool {
    matches!(tok, "\"" | "'" | "”" | "’" | "»" | ")" | "]" | "}" | "''")
}

/// Whether the gap between two tokens holds a blank line (a paragraph break).
fn blank_line_between(gap: &str) -> bool {
    let mut newlines = 0;
    for c in gap.chars() {
        if c == '\n' {
            newlines += 1;
            if newlines >= 2 {
                return true;
            }
        } else if !c.is_whitespace() {
            newlines = 0;
        }
    }
    false
}

/// Groups tokens into sentences; returns token index ranges `(start, end)`.
pub fn split_sentences(text: &str, tokens: &[RawToken]) -> Vec<(usize, usize)> {
    let word = |i: usize| &text[tokens[i].span.range()];
    let mut sentences = Vec::new();
    let mut start = 0;
    let mut i = 0;
    while i < tokens.len() {
        let tok = word(i);
        let mut end = None; // exclusive end of the sentence when it ends here
        if is_terminal(tok) {
            // closing quotes and brackets that hug the punctuation stay in the sentence
            let mut j = i + 1;
            while j < tokens.len()
                && j < start + MAX_SENTENCE_TOKENS
                && is_closer(word(j))
                && !tokens[j - 1].space_after
            {
                j += 1;
            }
            let next = (j < tokens.len()).then(|| word(j));
            let continues = next.is_some_and(|w| {
                w.starts_with(|c: char| c.is_lowercase()) || matches!(w, "," | ";" | ":" | ")")
            });
            if !continues {
                end = Some(j);
            }
        } else if tok.ends_with('.') && tok.len() > 1 && i + 1 < tokens.len() {
            // an abbreviation: a sentence end only before a typical sentence opener
            let is_title = TITLE_ABBREVIATIONS.contains(&tok);
            let is_initial = tok.chars().count() == 2 && tok.starts_with(char::is_uppercase);
            let next = word(i + 1);
            if !is_title
                && !is_initial
                && tokens[i].space_after
                && (SENTENCE_STARTERS.contains(&next) || matches!(next, "\"" | "“"))
            {
                end = Some(i + 1);
            }
        }
        if end.is_none() && i + 1 < tokens.len() {
            let gap = &text[tokens[i].span.end..tokens[i + 1].span.start];
            if blank_line_between(gap) {
                end = Some(i + 1);
            }
        }
        if end.is_none() && i + 1 - start >= MAX_SENTENCE_TOKENS {
            let soft = (start + MAX_SENTENCE_TOKENS / 2..=i).rev().find(|&k| {
                matches!(
                    word(k),
                    "," | ";" | ":" | "-" | "--" | "\u{2013}" | "\u{2014}"
                )
            });
            end = Some(soft.map_or(i + 1, |k| k + 1));
        }
        match end {
            Some(e) => {
                sentences.push((start, e));
                start = e;
                i = e;
            }
            None => i += 1,
        }
    }
    if start < tokens.len() {
        sentences.push((start, tokens.len()));
    }
    sentences
}

#[cfg(test)]
mod tests {
    use super::super::tokenize::tokenize;
    use super::*;

    fn sentences(text: &str) -> Vec<String> {
        let toks = tokenize(text);
        split_sentences(text, &toks)
            .into_iter()
            .map(|(a, b)| text[toks[a].span.start..toks[b - 1].span.end].to_string())
            .collect()
    }

    #[test]
    fn splits_news_sentences() {
        assert_eq!(
            sentences("The plane left for the U.S. overnight. Mr. Putin spoke with Gen. Smith. It was \"very nice.\" He said so."),
            [
                "The plane left for the U.S. overnight.",
                "Mr. Putin spoke with Gen. Smith.",
                "It was \"very nice.\"",
                "He said so."
            ]
        );
    }

    #[test]
    fn abbreviation_at_sentence_end() {
        assert_eq!(
            sentences("Aid reached the U.S. The ministry said so. Talks with U.S. Secretary Kerry went on."),
            ["Aid reached the U.S.", "The ministry said so.", "Talks with U.S. Secretary Kerry went on."]
        );
    }

    #[test]
    fn blank_lines_end_headlines_but_single_newlines_do_not() {
        assert_eq!(
            sentences("Russia Sends Aid\n\nA plane left for\nthe United States on Monday.\n"),
            [
                "Russia Sends Aid",
                "A plane left for\nthe United States on Monday."
            ]
        );
    }

    #[test]
    fn endless_sentences_are_cut_into_bounded_pieces() {
        // no sentence end at all: cut at the cap, or after a comma in the second half
        let words = "word ".repeat(3 * MAX_SENTENCE_TOKENS);
        let lists = "Russia, France and Italy ".repeat(MAX_SENTENCE_TOKENS);
        for text in [words.as_str(), lists.as_str()] {
            let toks = tokenize(text);
            let ranges = split_sentences(text, &toks);
            assert!(ranges.len() > 1, "{} tokens in one sentence", toks.len());
            let mut next = 0;
            for &(a, b) in &ranges {
                assert_eq!(a, next);
                assert!(b > a && b - a <= MAX_SENTENCE_TOKENS, "{a}..{b}");
                next = b;
            }
            assert_eq!(next, toks.len());
        }
        let toks = tokenize(&lists);
        let (_, first_end) = split_sentences(&lists, &toks)[0];
        assert_eq!(&lists[toks[first_end - 1].span.range()], ",");
        // closing brackets hugging a full stop do not escape the cap
        let closers = format!("End.{}", ")".repeat(3 * MAX_SENTENCE_TOKENS));
        let toks = tokenize(&closers);
        assert!(split_sentences(&closers, &toks)
            .iter()
            .all(|&(a, b)| b - a <= MAX_SENTENCE_TOKENS));
        // ordinary sentences are untouched
        assert_eq!(sentences("A b c. D e f."), ["A b c.", "D e f."]);
    }

    #[test]
    fn lowercase_after_punctuation_continues() {
        assert_eq!(
            sentences("Yahoo! said no. Why? because."),
            ["Yahoo! said no.", "Why? because."]
        );
    }
}
