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
            while j < tokens.len() && is_closer(word(j)) && !tokens[j - 1].space_after {
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
    fn lowercase_after_punctuation_continues() {
        assert_eq!(
            sentences("Yahoo! said no. Why? because."),
            ["Yahoo! said no.", "Why? because."]
        );
    }
}
