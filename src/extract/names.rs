//! Name comparison shared by resolution within and across documents: folding, acronyms, name parts, near spellings.

use unicode_normalization::UnicodeNormalization;

/// Words that may be left out of an acronym ("Movement for National Progress" → MNP).
const ACRONYM_SKIP: &[&str] = &[
    "of", "the", "for", "and", "on", "in", "de", "du", "des", "&",
];

/// Lower case, diacritics dropped, possessive and leading "the" dropped, every run of other
/// characters than letters and digits turned into one space: "the Côte d'Ivoire's" → "cote d ivoire".
pub fn fold(name: &str) -> String {
    let mut s = strip_possessive(name.trim()).to_string();
    if s.len() > 4 && s.get(..4).is_some_and(|p| p.eq_ignore_ascii_case("the ")) {
        s = s[4..].to_string();
    }
    let mut out = String::with_capacity(s.len());
    let mut pending_space = false;
    for c in s
        .nfkd()
        .filter(|c| !is_combining(*c))
        .flat_map(char::to_lowercase)
    {
        if c.is_alphanumeric() {
            if pending_space && !out.is_empty() {
                out.push(' ');
            }
            pending_space = false;
            out.push(c);
        } else if c != '.' {
            // "U.S." folds to "us", "al-Bashir" to "al bashir"
            pending_space = true;
        }
    }
    out
}

/// The name without a trailing possessive ("Russia's" → "Russia", "Reuters'" stays).
pub fn strip_possessive(name: &str) -> &str {
    for suffix in ["'s", "’s"] {
        if let Some(stripped) = name.strip_suffix(suffix) {
            return stripped.trim_end();
        }
    }
    name
}

fn is_combining(c: char) -> bool {
    matches!(c as u32, 0x0300..=0x036F | 0x1AB0..=0x1AFF | 0x1DC0..=0x1DFF | 0x20D0..=0x20FF | 0xFE20..=0xFE2F)
}

/// The folded words of a name.
pub fn words(name: &str) -> Vec<String> {
    fold(name)
        .split(' ')
        .filter(|w| !w.is_empty())
        .map(str::to_string)
        .collect()
}

/// Whether a word is written as an acronym: 2 to 8 letters, all capitals (digits, dots, `&`,
/// `+` and `-` allowed): "WHO", "U.N.", "P5+1", "AT&T".
pub fn is_acronym(word: &str) -> bool {
    let letters = word.chars().filter(|c| c.is_alphabetic()).count();
    let alphanumerics = word.chars().filter(|c| c.is_alphanumeric()).count();
    letters >= 1
        && (2..=8).contains(&alphanumerics)
        && word
            .chars()
            .all(|c| c.is_uppercase() || c.is_ascii_digit() || matches!(c, '.' | '&' | '-' | '+'))
}

/// The letters of an acronym, lower case ("U.N." → "un").
pub fn acronym_letters(word: &str) -> String {
    word.chars()
        .filter(|c| c.is_alphabetic())
        .flat_map(char::to_lowercase)
        .collect()
}

/// Whether `acronym` is made of the initials of `long`'s words ("WHO" / "World Health
/// Organization", "PLA" / "People's Liberation Army", "UNHCR" / "United Nations High Commissioner
/// for Refugees"). Small words may be left out or kept; hyphenated parts may give a letter each.
pub fn acronym_matches(acronym: &str, long: &str) -> bool {
    let letters: Vec<char> = acronym_letters(acronym).chars().collect();
    if letters.len() < 2 {
        return false;
    }
    let long_words: Vec<String> = long
        .split(|c: char| c.is_whitespace())
        .map(|w| strip_possessive(w).to_string())
        .filter(|w| w.chars().any(char::is_alphanumeric))
        .collect();
    if long_words.len() < 2 {
        return false;
    }
    // each word: its initial, or (for hyphenated words) the initials of its parts
    let options: Vec<(bool, Vec<Vec<char>>)> = long_words
        .iter()
        .map(|w| {
            let lower = w.to_lowercase();
            let skippable = ACRONYM_SKIP.contains(&lower.as_str());
            let parts: Vec<char> = w
                .split('-')
                .filter_map(|p| p.chars().find(|c| c.is_alphanumeric()))
                .flat_map(char::to_lowercase)
                .collect();
            let mut choices = vec![parts[..1.min(parts.len())].to_vec()];
            if parts.len() > 1 {
                choices.push(parts);
            }
            (skippable, choices)
        })
        .collect();
    fn walk(options: &[(bool, Vec<Vec<char>>)], letters: &[char]) -> bool {
        let Some(((skippable, choices), rest)) = options.split_first() else {
            return letters.is_empty();
        };
        if *skippable && walk(rest, letters) {
            return true;
        }
        choices
            .iter()
            .any(|c| letters.starts_with(c) && walk(rest, &letters[c.len()..]))
    }
    walk(&options, &letters)
}

/// Whether two words differ by at most one edit (insertion, deletion, substitution, or
/// transposition of neighbours): "Kravchenko" / "Kravtchenko", "Uinted" / "United".
pub fn within_one_edit(a: &str, b: &str) -> bool {
    let a: Vec<char> = a.chars().collect();
    let b: Vec<char> = b.chars().collect();
    if a == b {
        return true;
    }
    let (la, lb) = (a.len(), b.len());
    if la.abs_diff(lb) > 1 {
        return false;
    }
    let prefix = a.iter().zip(&b).take_while(|(x, y)| x == y).count();
    let (ra, rb) = (&a[prefix..], &b[prefix..]);
    match la.cmp(&lb) {
        std::cmp::Ordering::Equal => {
            ra[1..] == rb[1..]
                || (ra.len() >= 2 && ra[0] == rb[1] && ra[1] == rb[0] && ra[2..] == rb[2..])
        }
        std::cmp::Ordering::Less => ra == &rb[1..],
        std::cmp::Ordering::Greater => &ra[1..] == rb,
    }
}

/// Whether two folded names are the same name spelled a little differently: one edit apart
/// in one word, with at least 6 letters in that word ("Kravchenko" / "Kravtchenko", "Uinted
/// Nations" / "United Nations"), all other words equal.
pub fn near_spelling(a: &[String], b: &[String]) -> bool {
    if a.len() != b.len() || a == b {
        return false;
    }
    let differing: Vec<(&String, &String)> = a.iter().zip(b).filter(|(x, y)| x != y).collect();
    matches!(differing.as_slice(), [(x, y)] if x.chars().count() >= 6 && y.chars().count() >= 6 && within_one_edit(x, y))
}

/// Whether `short` names the same person as `full` by part of the name: the surname ("Putin"),
/// the given name ("Vladimir"), a multi-word surname ("Ould Abdallah", "Di Maio"), or the
/// full name without middle names ("Paul Ferreira" / "Paul Antonio Ferreira"). Both are
/// folded words; `full` must be longer.
pub fn person_part_of(short: &[String], full: &[String]) -> bool {
    if short.is_empty() || short.len() >= full.len() {
        return false;
    }
    // a suffix of the full name: surname, possibly of several words
    if full.ends_with(short) {
        return true;
    }
    // the given name alone
    if short.len() == 1 && short[0] == full[0] {
        return true;
    }
    // first and last name with middle names left out: an ordered subsequence keeping both ends
    if short.len() >= 2 && short[0] == full[0] && short.last() == full.last() {
        let mut it = full.iter();
        return short.iter().all(|w| it.any(|f| f == w));
    }
    false
}

/// Whether `short` names the same person as `full` within one article: [`person_part_of`],
/// or the full name with its second surname left out ("Pedro R. Pierluisi Urrutia" →
/// "Pedro Pierluisi"; after a middle initial, "Pierluisi" alone). A lone word is the
/// first surname only after a middle initial: in "Juan Carlos Quispe", "Carlos" is a
/// given name. Across articles the stricter [`person_part_of`] applies.
pub fn person_part_within_article(short: &[String], full: &[String]) -> bool {
    if person_part_of(short, full) {
        return true;
    }
    // "Richard K. Guy" is part of "Richard Kenneth Guy", not the other way round
    let letters = |w: &[String]| w.iter().map(|x| x.chars().count()).sum::<usize>();
    if same_name_written_short(short, full) && letters(short) < letters(full) {
        return true;
    }
    let n = full.len();
    if n < 3 || short.is_empty() || short.len() >= n {
        return false;
    }
    let without_second_surname = &full[..n - 1];
    let after_initial = full[n - 3].chars().count() == 1;
    if short.len() == 1 {
        return after_initial && short[0] == full[n - 2];
    }
    short[0] == full[0]
        && short.last() == without_second_surname.last()
        && (short.len() == without_second_surname.len()
            || person_part_of(short, without_second_surname))
}

/// Short forms of given names and the names they shorten ("Nick" / "Nicholas").
const NICKNAMES: &[(&str, &[&str])] = &[
    ("nick", &["nicholas", "nikolas"]),
    ("bill", &["william"]),
    ("will", &["william"]),
    ("bob", &["robert"]),
    ("rob", &["robert"]),
    ("mike", &["michael"]),
    ("jim", &["james"]),
    ("tom", &["thomas"]),
    ("joe", &["joseph"]),
    ("dave", &["david"]),
    ("dan", &["daniel"]),
    ("chris", &["christopher", "christine", "christina"]),
    ("steve", &["steven", "stephen"]),
    ("tony", &["anthony"]),
    ("alex", &["alexander", "alexandra"]),
    ("ed", &["edward"]),
    ("ben", &["benjamin"]),
    ("sam", &["samuel", "samantha"]),
    ("matt", &["matthew"]),
    ("pat", &["patrick", "patricia"]),
    ("rick", &["richard"]),
    ("dick", &["richard"]),
    ("liz", &["elizabeth"]),
    ("beth", &["elizabeth"]),
    ("kate", &["katherine", "catherine"]),
    ("andy", &["andrew"]),
    ("tim", &["timothy"]),
    ("greg", &["gregory"]),
    ("jeff", &["jeffrey"]),
    ("ron", &["ronald"]),
    ("don", &["donald"]),
    ("ken", &["kenneth"]),
    ("larry", &["lawrence"]),
    ("jerry", &["gerald"]),
    ("chuck", &["charles"]),
    ("charlie", &["charles"]),
    ("jon", &["jonathan"]),
    ("vlad", &["vladimir"]),
    ("sasha", &["alexander", "alexandra"]),
];

/// Whether two given names are one name and its short form ("Nick" / "Nicholas").
pub fn nickname_pair(a: &str, b: &str) -> bool {
    let shortens = |short: &str, long: &str| {
        NICKNAMES
            .iter()
            .any(|(s, longs)| *s == short && longs.contains(&long))
    };
    shortens(a, b) || shortens(b, a)
}

/// Whether two full names of the same length differ only in a given name written short
/// ("Nick Moreau" / "Nicholas Moreau") or a middle name written as its initial ("Richard K.
/// Guy" / "Richard Kenneth Guy"): folded words.
pub fn same_name_written_short(a: &[String], b: &[String]) -> bool {
    let n = a.len();
    if n < 2 || b.len() != n || a[n - 1] != b[n - 1] || a == b {
        return false;
    }
    let first = a[0] == b[0] || nickname_pair(&a[0], &b[0]);
    let initial_of = |x: &String, y: &String| x.chars().count() == 1 && y.starts_with(x.as_str());
    let middles = a[1..n - 1]
        .iter()
        .zip(&b[1..n - 1])
        .all(|(x, y)| x == y || initial_of(x, y) || initial_of(y, x));
    first && middles
}

/// Word forms that say the same in names of government bodies.
fn canonical_word(w: &str) -> &str {
    match w {
        "defence" => "defense",
        "programme" => "program",
        "centre" => "center",
        "organisation" => "organization",
        _ => w,
    }
}

/// Heads of names that are written both ways: "Ministry of Defense" / "Defense Ministry".
const INVERTIBLE_HEADS: &[&str] = &["ministry", "department", "office", "bureau", "agency"];

/// A key under which two spellings of one organisation name meet: folded, British spellings
/// made American, "Ministry of X" turned into "X Ministry", and "Affairs" dropped before a
/// ministry ("Ministry of Foreign Affairs", "Foreign Affairs Ministry" and "Foreign Ministry"
/// are one key).
pub fn organization_key(name: &str) -> String {
    let ws: Vec<String> = words(name)
        .into_iter()
        .map(|w| canonical_word(&w).to_string())
        .collect();
    let mut ws: Vec<&str> = ws.iter().map(String::as_str).collect();
    // "ministry of foreign affairs" -> "foreign affairs ministry"
    if ws.len() >= 3 && INVERTIBLE_HEADS.contains(&ws[0]) && ws[1] == "of" {
        let head = ws[0];
        let mut rest: Vec<&str> = ws[2..].to_vec();
        if rest.first() == Some(&"the") {
            rest.remove(0);
        }
        rest.push(head);
        ws = rest;
    }
    if ws.len() >= 2 && INVERTIBLE_HEADS.contains(ws.last().expect("two words")) {
        ws.retain(|w| *w != "affairs");
    }
    ws.join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn w(s: &str) -> Vec<String> {
        words(s)
    }

    #[test]
    fn folding() {
        assert_eq!(fold("the Côte d'Ivoire's"), "cote d ivoire");
        assert_eq!(fold("U.S."), "us");
        assert_eq!(fold("Diarré"), fold("Diarre"));
        assert_eq!(fold("al-Bashir"), "al bashir");
        assert_eq!(fold("The"), "the");
        assert_eq!(fold("Nazí Paikidze"), "nazi paikidze");
    }

    #[test]
    fn acronyms() {
        assert!(is_acronym("WHO") && is_acronym("U.N.") && is_acronym("P5+1"));
        assert!(!is_acronym("Who") && !is_acronym("A"));
        assert!(acronym_matches("WHO", "World Health Organization"));
        assert!(acronym_matches("MNP", "Movement for National Progress"));
        assert!(acronym_matches("PLA", "People's Liberation Army"));
        assert!(acronym_matches(
            "UNHCR",
            "United Nations High Commissioner for Refugees"
        ));
        assert!(acronym_matches("NDP", "New Democratic Party"));
        assert!(acronym_matches("U.N.", "United Nations"));
        assert!(!acronym_matches("WHO", "World Trade Organization"));
        assert!(!acronym_matches("UN", "United"));
    }

    #[test]
    fn edits() {
        assert!(within_one_edit("kravchenko", "kravtchenko"));
        assert!(within_one_edit("untied", "united"));
        assert!(within_one_edit("diarre", "diarra"));
        assert!(!within_one_edit("putin", "pution2"));
        assert!(near_spelling(&w("Uinted Nations"), &w("United Nations")));
        assert!(near_spelling(&w("Kravtchenkko"), &w("Kravtchenko")));
        assert!(
            !near_spelling(&w("Biden"), &w("Bidet")),
            "short words differ too easily"
        );
        assert!(!near_spelling(&w("Hunter Biden"), &w("Joe Biden")));
    }

    #[test]
    fn person_parts() {
        let full = w("Vladimir Putin");
        assert!(person_part_of(&w("Putin"), &full));
        assert!(person_part_of(&w("Vladimir"), &full));
        assert!(!person_part_of(&w("Vladimir Putin"), &full));
        assert!(person_part_of(
            &w("Ould Abdallah"),
            &w("Amadou Ould Abdallah")
        ));
        assert!(person_part_of(
            &w("Paul Ferreira"),
            &w("Paul Antonio Ferreira")
        ));
        assert!(!person_part_of(&w("Antonio"), &w("Paul Antonio Ferreira")));
        assert!(!person_part_of(
            &w("Clara Ferreira"),
            &w("Paul Antonio Ferreira")
        ));
    }

    #[test]
    fn second_surnames_and_initials_are_left_out_within_an_article() {
        let full = w("Pedro R. Pierluisi Urrutia");
        assert!(person_part_within_article(&w("Pedro Pierluisi"), &full));
        assert!(person_part_within_article(&w("Pierluisi"), &full));
        assert!(person_part_within_article(&w("Urrutia"), &full));
        assert!(person_part_within_article(
            &w("Ana Ruiz"),
            &w("Ana Ruiz Gómez")
        ));
        // a middle given name is no surname, and another given name is another person
        assert!(!person_part_within_article(
            &w("Carlos"),
            &w("Juan Carlos Quispe")
        ));
        assert!(!person_part_within_article(
            &w("Maria Ruiz"),
            &w("Ana Ruiz Gómez")
        ));
        // across articles only the strict parts count
        assert!(!person_part_of(&w("Pedro Pierluisi"), &full));
    }

    #[test]
    fn organization_keys() {
        let k = organization_key("Ministry of Foreign Affairs");
        assert_eq!(k, organization_key("Foreign Ministry"));
        assert_eq!(k, organization_key("Foreign Affairs Ministry"));
        assert_eq!(
            organization_key("Ministry of Defence"),
            organization_key("Defense Ministry")
        );
        assert_eq!(
            organization_key("Department of State"),
            organization_key("State Department")
        );
        assert_ne!(k, organization_key("Defense Ministry"));
    }

    #[test]
    fn short_given_names_and_middle_initials() {
        assert!(same_name_written_short(
            &w("Nick Moreau"),
            &w("Nicholas Moreau")
        ));
        assert!(same_name_written_short(
            &w("Nicholas Moreau"),
            &w("Nick Moreau")
        ));
        assert!(same_name_written_short(
            &w("Richard K. Guy"),
            &w("Richard Kenneth Guy")
        ));
        assert!(!same_name_written_short(
            &w("Nick Moreau"),
            &w("Nick Moreau")
        ));
        assert!(!same_name_written_short(
            &w("Nick Moreau"),
            &w("Anna Moreau")
        ));
        assert!(!same_name_written_short(
            &w("Richard K. Guy"),
            &w("Richard L. Guy")
        ));
        assert!(!same_name_written_short(
            &w("Nick Moreau"),
            &w("Nicholas Moreau-Blanc")
        ));
        // within an article the short form joins the full one, never the other way round
        assert!(person_part_within_article(
            &w("Richard K. Guy"),
            &w("Richard Kenneth Guy")
        ));
        assert!(!person_part_within_article(
            &w("Richard Kenneth Guy"),
            &w("Richard K. Guy")
        ));
    }
}
