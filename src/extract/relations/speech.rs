//! Evaluative statements in reported speech: whoever says "…which was very nice" about an
//! actor praises it (the phrases are data: `phrases` in `schema/triggers.toml`).

use super::surface::OrderFinder;
use super::{Candidate, Context, RelationExtractor, Rule};

/// Reads evaluative phrases: the speaker (subject of the first verb of saying) relates to the
/// first other actor named between that verb and the phrase.
pub(super) fn read(x: &RelationExtractor, cx: &Context<'_>, out: &mut Vec<Candidate>) {
    let doc = cx.doc;
    for sa in &cx.sentences {
        if sa.args.len() < 2 {
            continue;
        }
        let words: Vec<String> = (sa.start..sa.end)
            .map(|i| doc.token_text(i).to_lowercase())
            .collect();
        for (phrase, ti) in &x.lexicon.phrases {
            let Some(at) = words
                .windows(phrase.len())
                .position(|w| w == phrase.as_slice())
            else {
                continue;
            };
            let phrase_at = sa.start + at;
            // a negated evaluation is none: "was not very nice"
            if (phrase_at.saturating_sub(2).max(sa.start)..phrase_at).any(|k| {
                x.lexicon
                    .not_factual
                    .contains(&doc.token_text(k).to_lowercase())
            }) {
                continue;
            }
            let Some(say) = (sa.start..sa.end).find(|&k| x.lexicon.is_speech(doc, k)) else {
                continue;
            };
            let finder = OrderFinder::new(x, cx, sa);
            let mut speakers = finder.subjects(say);
            if speakers.is_empty() {
                // "…, said Traore": the speaker after the verb
                speakers = sa
                    .args
                    .iter()
                    .filter(|a| a.start == say + 1 && !a.modifier)
                    .copied()
                    .collect();
            }
            let Some(speaker) = speakers.first().copied() else {
                continue;
            };
            let about = sa.args.iter().find(|a| {
                a.start > say && a.end <= phrase_at && !a.modifier && a.entity != speaker.entity
            });
            if let Some(about) = about {
                out.push(Candidate {
                    relation: x.lexicon.triggers[*ti].def.relation.clone(),
                    source: speaker.entity,
                    target: about.entity,
                    sentence: sa.sentence,
                    trigger: (phrase_at, phrase_at + phrase.len()),
                    rule: Rule::Evaluative,
                    trust: speaker.trust.min(about.trust),
                });
            }
        }
    }
}
