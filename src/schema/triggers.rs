//! Trigger lexicon of the relation types (`schema/triggers.toml`) and English verb inflection.

use serde::Deserialize;

use super::toml_line;
use super::types::RelationType;
use crate::error::{Error, Result};

/// The words that signal one relation type.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RelationTriggers {
    /// The relation type they signal.
    pub relation: RelationType,
    /// Verb lemmas ("send", "deliver"); inflected forms are matched too.
    #[serde(default)]
    pub verbs: Vec<String>,
    /// Where the source of a trigger verb is: `subj` (the default), `obj`, `iobj` or a
    /// preposition ("from" in "received aid from Germany").
    #[serde(default)]
    pub source: Vec<String>,
    /// Where the target of a trigger verb is, in order of preference: `obj`, `iobj`, `subj` or a
    /// preposition ("to", "with"). `MARKER@Type` admits only entities of that type ("in@Location").
    #[serde(default)]
    pub target: Vec<String>,
    /// When not empty, the verb's object must be one of these nouns ("aid", "supplies").
    #[serde(default)]
    pub objects: Vec<String>,
    /// Nouns that state the relation themselves ("talks", "sanctions", "aid").
    #[serde(default)]
    pub nouns: Vec<String>,
    /// Where the source of a trigger noun is (default: `poss`, the possessor, then `subj`, the
    /// subject of the verb the noun depends on); prepositions ("from", "by") are allowed.
    #[serde(default)]
    pub noun_source: Vec<String>,
    /// Words that introduce the target after a trigger noun ("with", "on", "to", "against").
    #[serde(default)]
    pub noun_target: Vec<String>,
    /// Evaluative phrases whose speaker relates to what they evaluate ("very nice" → praised).
    #[serde(default)]
    pub phrases: Vec<String>,
    /// Whether a future statement counts ("will provide aid" is pledged aid); by default "will"
    /// makes an action planned, not done.
    #[serde(default)]
    pub future: bool,
    /// Whether the verb's object may be an act rather than an actor ("condemned the attack",
    /// "welcomed the agreement"): the actors of that act, named in the sentence or just before,
    /// are then the target.
    #[serde(default)]
    pub acts: bool,
    /// Whether saying that one wishes to do it does it ("I want to thank Peru", "we would like
    /// to condemn…"): the lexicon's `performative` words before the verb then keep it a fact.
    #[serde(default)]
    pub performative: bool,
    /// How much to trust this entry, multiplied into the rule's confidence (default 1).
    #[serde(default = "one")]
    pub weight: f32,
}

fn one() -> f32 {
    1.0
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct TriggersFile {
    #[serde(default)]
    trigger: Vec<RelationTriggers>,
}

/// Parses `triggers.toml`.
pub(super) fn parse(file: &str, text: &str) -> Result<Vec<RelationTriggers>> {
    let parsed: TriggersFile = toml::from_str(text).map_err(|e| Error::Schema {
        file: file.into(),
        line: toml_line(text, e.span()),
        message: e.message().to_string(),
    })?;
    Ok(parsed.trigger)
}

/// Irregular English verbs: lemma, past, past participle.
const IRREGULAR: &[(&str, &str, &str)] = &[
    ("be", "was|were", "been"),
    ("beat", "beat", "beaten"),
    ("become", "became", "become"),
    ("begin", "began", "begun"),
    ("bid", "bid", "bid"),
    ("blow", "blew", "blown"),
    ("break", "broke", "broken"),
    ("bring", "brought", "brought"),
    ("build", "built", "built"),
    ("buy", "bought", "bought"),
    ("catch", "caught", "caught"),
    ("choose", "chose", "chosen"),
    ("come", "came", "come"),
    ("cut", "cut", "cut"),
    ("deal", "dealt", "dealt"),
    ("do", "did", "done"),
    ("draw", "drew", "drawn"),
    ("drive", "drove", "driven"),
    ("eat", "ate", "eaten"),
    ("fall", "fell", "fallen"),
    ("feel", "felt", "felt"),
    ("fight", "fought", "fought"),
    ("find", "found", "found"),
    ("flee", "fled", "fled"),
    ("fly", "flew", "flown"),
    ("forbid", "forbade", "forbidden"),
    ("forgive", "forgave", "forgiven"),
    ("freeze", "froze", "frozen"),
    ("get", "got", "gotten|got"),
    ("give", "gave", "given"),
    ("go", "went", "gone"),
    ("have", "had", "had"),
    ("hear", "heard", "heard"),
    ("hit", "hit", "hit"),
    ("hold", "held", "held"),
    ("hurt", "hurt", "hurt"),
    ("keep", "kept", "kept"),
    ("know", "knew", "known"),
    ("lay", "laid", "laid"),
    ("lead", "led", "led"),
    ("leave", "left", "left"),
    ("lend", "lent", "lent"),
    ("let", "let", "let"),
    ("lose", "lost", "lost"),
    ("make", "made", "made"),
    ("meet", "met", "met"),
    ("overtake", "overtook", "overtaken"),
    ("overthrow", "overthrew", "overthrown"),
    ("pay", "paid", "paid"),
    ("put", "put", "put"),
    ("quit", "quit", "quit"),
    ("read", "read", "read"),
    ("ride", "rode", "ridden"),
    ("rise", "rose", "risen"),
    ("run", "ran", "run"),
    ("say", "said", "said"),
    ("see", "saw", "seen"),
    ("seek", "sought", "sought"),
    ("sell", "sold", "sold"),
    ("send", "sent", "sent"),
    ("set", "set", "set"),
    ("shake", "shook", "shaken"),
    ("shoot", "shot", "shot"),
    ("shut", "shut", "shut"),
    ("sit", "sat", "sat"),
    ("speak", "spoke", "spoken"),
    ("spend", "spent", "spent"),
    ("stand", "stood", "stood"),
    ("steal", "stole", "stolen"),
    ("strike", "struck", "struck|stricken"),
    ("swear", "swore", "sworn"),
    ("take", "took", "taken"),
    ("teach", "taught", "taught"),
    ("tell", "told", "told"),
    ("think", "thought", "thought"),
    ("throw", "threw", "thrown"),
    ("undertake", "undertook", "undertaken"),
    ("understand", "understood", "understood"),
    ("uphold", "upheld", "upheld"),
    ("wage", "waged", "waged"),
    ("win", "won", "won"),
    ("withdraw", "withdrew", "withdrawn"),
    ("withhold", "withheld", "withheld"),
    ("write", "wrote", "written"),
];

fn is_vowel(c: u8) -> bool {
    matches!(c, b'a' | b'e' | b'i' | b'o' | b'u')
}

/// Whether a regular verb doubles its final consonant before -ed/-ing ("ban" → "banned").
fn doubles_final(lemma: &str) -> bool {
    let b = lemma.as_bytes();
    let n = b.len();
    // short consonant-vowel-consonant endings; the stress rule of longer verbs is not knowable
    // here, so only one-syllable verbs and a few common two-syllable ones double
    n >= 3
        && !is_vowel(b[n - 1])
        && !matches!(b[n - 1], b'w' | b'x' | b'y')
        && is_vowel(b[n - 2])
        && !is_vowel(b[n - 3])
        && (b.iter().filter(|&&c| is_vowel(c)).count() == 1
            || matches!(
                lemma,
                "admit"
                    | "commit"
                    | "compel"
                    | "control"
                    | "omit"
                    | "patrol"
                    | "permit"
                    | "propel"
                    | "refer"
                    | "regret"
                    | "submit"
                    | "transfer"
                    | "equip"
            ))
}

/// Every inflected form of a verb lemma, the lemma included: `send` → send, sends, sending, sent.
///
/// Phrasal triggers ("call on") inflect their first word. Irregular verbs come from a built-in
/// table; the rest follow the regular spelling rules.
///
/// ```
/// let forms = kgforge::schema::inflections("ban");
/// assert!(forms.contains(&"banned".to_string()) && forms.contains(&"bans".to_string()));
/// ```
pub fn inflections(lemma: &str) -> Vec<String> {
    let lemma = lemma.trim().to_lowercase();
    if let Some((head, rest)) = lemma.split_once(' ') {
        return inflections(head)
            .into_iter()
            .map(|f| format!("{f} {rest}"))
            .collect();
    }
    let mut forms = vec![lemma.clone()];
    if lemma == "be" {
        forms.extend(["is", "are", "am", "was", "were", "been", "being"].map(String::from));
        return forms;
    }
    let b = lemma.as_bytes();
    if b.is_empty() {
        return forms;
    }
    let last = b[b.len() - 1];
    // third person singular
    if lemma.ends_with('s')
        || lemma.ends_with('x')
        || lemma.ends_with('z')
        || lemma.ends_with("ch")
        || lemma.ends_with("sh")
        || (lemma.ends_with('o') && lemma.len() > 1 && !is_vowel(b[b.len() - 2]))
    {
        forms.push(format!("{lemma}es"));
    } else if last == b'y' && b.len() > 1 && !is_vowel(b[b.len() - 2]) {
        forms.push(format!("{}ies", &lemma[..lemma.len() - 1]));
    } else {
        forms.push(format!("{lemma}s"));
    }
    // present participle
    if lemma.ends_with("ie") {
        forms.push(format!("{}ying", &lemma[..lemma.len() - 2]));
    } else if last == b'e' && !lemma.ends_with("ee") && !lemma.ends_with("ye") && lemma != "be" {
        forms.push(format!("{}ing", &lemma[..lemma.len() - 1]));
    } else if doubles_final(&lemma) {
        forms.push(format!("{lemma}{}ing", last as char));
    } else {
        forms.push(format!("{lemma}ing"));
    }
    // past and past participle
    if let Some((_, past, participle)) = IRREGULAR.iter().find(|(l, _, _)| *l == lemma) {
        forms.extend(past.split('|').map(str::to_string));
        forms.extend(participle.split('|').map(str::to_string));
    } else if last == b'e' {
        forms.push(format!("{lemma}d"));
    } else if last == b'y' && b.len() > 1 && !is_vowel(b[b.len() - 2]) {
        forms.push(format!("{}ied", &lemma[..lemma.len() - 1]));
    } else if doubles_final(&lemma) {
        forms.push(format!("{lemma}{}ed", last as char));
    } else {
        forms.push(format!("{lemma}ed"));
    }
    forms.sort();
    forms.dedup();
    forms
}

#[cfg(test)]
mod tests {
    use super::*;

    fn has(lemma: &str, form: &str) -> bool {
        inflections(lemma).iter().any(|f| f == form)
    }

    #[test]
    fn regular_and_irregular_forms() {
        assert!(has("send", "sent") && has("send", "sends") && has("send", "sending"));
        assert!(has("criticize", "criticized") && has("criticize", "criticizing"));
        assert!(has("accuse", "accuses"));
        assert!(has("deny", "denied") && has("deny", "denies"));
        assert!(has("strike", "struck") && has("strike", "striking"));
        assert!(has("meet", "met"));
        assert!(has("visit", "visited") && !has("visit", "visitted"));
        assert!(has("ban", "banned") && has("ban", "banning"));
        assert!(has("call on", "called on"));
        assert!(has("reach", "reaches"));
        assert!(has("be", "is") && has("be", "were") && !has("be", "bes"));
    }
}
