//! Very long articles through the pipeline in bounded parts, so that no step costs more than linear time in the article's length.
//!
//! Some steps of extraction compare a mention with the document's other mentions or entities
//! (entity resolution looks for the full name of a surname, a nominal for the organisation it
//! refers to). That is cheap for an article, but grows with the square of the text: a 50 MB
//! "article" would take hours. [`run_in_parts`] cuts a text longer than [`MAX_PART_BYTES`] at
//! paragraph breaks (else sentence ends, else spaces) into parts of at most that size, runs the
//! pipeline on each part and joins the results into one [`Document`] over the whole text, with
//! every offset and index pointing into it, as if it had been extracted at once. The cost is then
//! linear: parts × (part size)². What is lost is resolution across parts (a surname a quarter of a
//! megabyte after the full name); no real news article comes near the size where that happens
//! (a long feature is 50 KB). Measured per part on news text: 64 KiB in 0.25 s, 256 KiB in
//! 1.6 s, 1 MiB in 10 s — so parts are kept at 256 KiB.

use std::collections::HashMap;

use crate::doc::{Document, Entity, Mention, Relation, Sentence, Span, Token};
use crate::error::Result;
use crate::pipeline::Pipeline;

/// Texts longer than this many bytes are extracted in parts of at most this size.
pub const MAX_PART_BYTES: usize = 256 * 1024;

/// Runs `pipeline` over `text`, in parts of at most `max_part_bytes` when it is longer (see
/// the module documentation).
pub fn run_in_parts(
    pipeline: &Pipeline,
    name: &str,
    text: &str,
    max_part_bytes: usize,
) -> Result<Document> {
    if text.len() <= max_part_bytes {
        return pipeline.run(name, text);
    }
    let mut whole = Document::new(name, text);
    let mut ids: HashMap<String, usize> = HashMap::new();
    for range in part_ranges(text, max_part_bytes) {
        let part = pipeline.run(name, &text[range.clone()])?;
        append(&mut whole, part, range.start, &mut ids);
    }
    Ok(whole)
}

/// Byte ranges that cover `text`, each at most `max` bytes long (at least one character),
/// cut after the last blank line, else sentence end, else whitespace, else character boundary.
pub fn part_ranges(text: &str, max: usize) -> Vec<std::ops::Range<usize>> {
    let max = max.max(4);
    let mut ranges = Vec::new();
    let mut start = 0;
    while text.len() - start > max {
        let mut limit = start + max;
        while !text.is_char_boundary(limit) {
            limit -= 1;
        }
        let window = &text[start..limit];
        // cut in the second half of the window, so that parts stay large
        let floor = window.len() / 2;
        let cut = [
            window.rfind("\n\n").map(|i| i + 2),
            window.rfind(". ").map(|i| i + 2),
            window
                .rfind(char::is_whitespace)
                .map(|i| i + window[i..].chars().next().map_or(1, char::len_utf8)),
        ]
        .into_iter()
        .flatten()
        .find(|&c| c > floor)
        .unwrap_or(window.len());
        let cut = if cut == 0 {
            // a single character longer than max cannot happen (max >= 4), but stay safe
            text[start..].chars().next().map_or(1, char::len_utf8)
        } else {
            cut
        };
        ranges.push(start..start + cut);
        start += cut;
    }
    if start < text.len() || ranges.is_empty() {
        ranges.push(start..text.len());
    }
    ranges
}

fn shift(span: Span, by: usize) -> Span {
    Span::new(span.start + by, span.end + by)
}

/// Appends the layers of `part` (extracted from the text at byte `offset` of `whole`) to
/// `whole`, shifting every offset and index; entities with the same id become one.
fn append(whole: &mut Document, part: Document, offset: usize, ids: &mut HashMap<String, usize>) {
    // every field named, so that a new layer on Document is not silently dropped here
    let Document {
        name: _,
        text: _,
        tokens,
        sentences,
        mentions,
        entities,
        relations,
    } = part;
    let (tokens_before, sentences_before, mentions_before) = (
        whole.tokens.len(),
        whole.sentences.len(),
        whole.mentions.len(),
    );
    whole.tokens.extend(tokens.into_iter().map(|t| Token {
        span: shift(t.span, offset),
        sentence: t.sentence + sentences_before,
        head: t.head.map(|h| h + tokens_before),
        ..t
    }));
    whole
        .sentences
        .extend(sentences.into_iter().map(|s| Sentence {
            tokens: (s.tokens.0 + tokens_before, s.tokens.1 + tokens_before),
            span: shift(s.span, offset),
        }));
    // the index in `whole.entities` of each entity of the part
    let mut entity_index = Vec::with_capacity(entities.len());
    for e in entities {
        let mention_indices = e.mentions.iter().map(|m| m + mentions_before);
        match ids.get(&e.id) {
            Some(&i) => {
                let existing = &mut whole.entities[i];
                existing.aliases.extend(e.aliases);
                existing.mentions.extend(mention_indices);
                existing.merges.extend(e.merges);
                entity_index.push(i);
            }
            None => {
                let i = whole.entities.len();
                ids.insert(e.id.clone(), i);
                whole.entities.push(Entity {
                    mentions: mention_indices.collect(),
                    ..e
                });
                entity_index.push(i);
            }
        }
    }
    whole.mentions.extend(mentions.into_iter().map(|m| Mention {
        tokens: (m.tokens.0 + tokens_before, m.tokens.1 + tokens_before),
        span: shift(m.span, offset),
        entity: m.entity.map(|e| entity_index[e]),
        ..m
    }));
    whole
        .relations
        .extend(relations.into_iter().map(|r| Relation {
            source: entity_index[r.source],
            target: entity_index[r.target],
            evidence: crate::doc::Evidence {
                sentence: r.evidence.sentence + sentences_before,
                start: r.evidence.start + offset,
                end: r.evidence.end + offset,
                trigger_start: r.evidence.trigger_start + offset,
                trigger_end: r.evidence.trigger_end + offset,
                ..r.evidence
            },
            ..r
        }));
}

#[cfg(test)]
mod tests {
    use std::sync::Arc;

    use super::*;
    use crate::schema::Schema;

    #[test]
    fn parts_cover_the_text_and_stay_under_the_limit() {
        let text = "Russia sent aid to Italy. ".repeat(100)
            + "\n\n"
            + &"é".repeat(300)
            + "Putin spoke.\n\nConte thanked Russia.";
        for max in [10, 64, 100, 1000] {
            let ranges = part_ranges(&text, max);
            let mut next = 0;
            for r in &ranges {
                assert_eq!(r.start, next);
                assert!(r.end > r.start && r.end - r.start <= max, "{r:?} max {max}");
                assert!(text.is_char_boundary(r.start) && text.is_char_boundary(r.end));
                next = r.end;
            }
            assert_eq!(next, text.len());
        }
        // cuts prefer sentence ends and blank lines
        let ranges = part_ranges(&text, 100);
        assert!(text[ranges[0].clone()].ends_with(". "));
        assert_eq!(part_ranges("short", 100), vec![0..5]);
    }

    #[test]
    fn a_text_in_parts_gives_the_document_of_its_parts_with_offsets_into_the_whole() {
        let schema = Arc::new(Schema::embedded().unwrap());
        let pipeline = Pipeline::standard(schema).unwrap();
        let paragraph = "Russian President Vladimir Putin spoke with Italian Prime Minister \
                         Giuseppe Conte. Russia sent medical supplies to Italy.\n\n";
        let text = paragraph.repeat(6);
        let whole = pipeline.run("a", &text).unwrap();
        let parts = run_in_parts(&pipeline, "a", &text, paragraph.len() * 2 + 10).unwrap();
        assert_eq!(parts.tokens.len(), whole.tokens.len());
        assert_eq!(parts.sentences, whole.sentences);
        let spans = |d: &Document| d.tokens.iter().map(|t| t.span).collect::<Vec<_>>();
        assert_eq!(spans(&parts), spans(&whole));
        // one entity per actor over all the parts, with all its mentions
        let ids = |d: &Document| {
            let mut v: Vec<(String, usize)> = d
                .entities
                .iter()
                .map(|e| (e.id.clone(), e.mentions.len()))
                .collect();
            v.sort();
            v
        };
        assert_eq!(ids(&parts), ids(&whole));
        for m in &parts.mentions {
            assert_eq!(&parts.text[m.span.range()], m.text);
            let e = &parts.entities[m.entity.unwrap()];
            assert!(e.aliases.contains(&m.text) || e.name == m.text, "{m:?}");
        }
        assert_eq!(parts.relations.len(), whole.relations.len());
        for r in &parts.relations {
            assert_eq!(
                &parts.text[r.evidence.start..r.evidence.end],
                r.evidence.text
            );
            assert_eq!(
                &parts.text[r.evidence.trigger_start..r.evidence.trigger_end],
                r.evidence.trigger
            );
            assert_eq!(
                parts.sentence_text(r.evidence.sentence),
                r.evidence.text,
                "evidence sentence index"
            );
        }
        // the graphs are the same
        let graph = |d: &Document| {
            let mut g = crate::graph::KnowledgeGraph::new(Schema::embedded().unwrap());
            g.add_document(d);
            crate::export::json::to_json(&g)
        };
        assert_eq!(graph(&parts), graph(&whole));
    }
}
