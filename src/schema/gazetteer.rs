//! Gazetteer and title tables: tab-separated files with a header line, `#` comments, `|`-separated lists.

use serde::Deserialize;

use super::types::{EntityType, RelationType};
use crate::error::{Error, Result};

/// One known name from a gazetteer file.
#[derive(Debug, Clone, PartialEq)]
pub struct GazetteerEntry {
    /// Canonical name ("United States").
    pub name: String,
    /// Entity type.
    pub entity_type: EntityType,
    /// Other names of the same thing ("U.S.", "USA", "America").
    pub aliases: Vec<String>,
    /// Demonyms and adjectives that stand for it ("American", "Americans").
    pub demonyms: Vec<String>,
    /// Government metonyms ("White House"); a capital city is listed as `capital`.
    pub metonyms: Vec<String>,
    /// Capital city, which stands for the country when it acts ("Moscow said").
    pub capital: Option<String>,
    /// Canonical name of the country the thing belongs to (a leader's country, a ministry's state).
    pub country: Option<String>,
    /// The file the entry comes from, relative to the schema folder.
    pub file: String,
    /// 1-based line of the entry in its file.
    pub line: usize,
}

/// A title and the relation it implies between its holder and the body it is a title of.
#[derive(Debug, Clone, PartialEq)]
pub struct Title {
    /// The title as written, possibly several words ("Prime Minister", "spokesperson").
    pub title: String,
    /// `leader-of`, `member-of` or `spokesperson-for`.
    pub relation: RelationType,
    /// Whether the title is an office of a state ("President", "Foreign Minister"), so that
    /// without a named body it is an office of the country the article is about.
    pub state_office: bool,
    /// Whether the title is that of a head of state ("President", "King"): beside one, another
    /// leader's title of the same country ("Prime Minister") makes a member, not the leader.
    pub head_of_state: bool,
    /// Whether the title is an office of a place within a country ("Governor", "Mayor"), so
    /// that without a named body it is an office of the place the article makes plain.
    pub local_office: bool,
    /// Whether only an organisation can be the title's body ("scientist", "reporter"): a
    /// country word before it tells a nationality, not a membership ("a Chilean scientist").
    pub organization_only: bool,
    /// The country whose office the title is, for titles that only one country uses
    /// ("Secretary of State" in a US context); used only when that country is in the article.
    pub country: Option<String>,
    /// For a legislator's title ("Senator", "MP"), the chambers its holder sits in, in lower
    /// case ("senate"; "parliament" or "house of commons"); empty for a legislator whose chamber
    /// the title does not tell ("lawmaker"). `None` for other titles.
    pub chamber: Option<Vec<String>>,
}

#[derive(Deserialize)]
struct EntryRow {
    name: String,
    #[serde(rename = "type")]
    entity_type: String,
    #[serde(default)]
    aliases: String,
    #[serde(default)]
    demonyms: String,
    #[serde(default)]
    metonyms: String,
    #[serde(default)]
    capital: String,
    #[serde(default)]
    country: String,
}

#[derive(Deserialize)]
struct TitleRow {
    title: String,
    relation: String,
    #[serde(default)]
    scope: String,
    #[serde(default)]
    country: String,
    #[serde(default)]
    chamber: String,
}

fn list(field: &str) -> Vec<String> {
    field
        .split('|')
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(str::to_string)
        .collect()
}

fn optional(field: &str) -> Option<String> {
    let field = field.trim();
    (!field.is_empty()).then(|| field.to_string())
}

fn reader(text: &str) -> csv::Reader<&[u8]> {
    csv::ReaderBuilder::new()
        .delimiter(b'\t')
        .comment(Some(b'#'))
        .quoting(false)
        .flexible(true)
        .trim(csv::Trim::All)
        .from_reader(text.as_bytes())
}

fn row_error(file: &str, e: &csv::Error) -> Error {
    Error::Schema {
        file: file.into(),
        line: e.position().map(|p| p.line() as usize).unwrap_or(0),
        message: e.to_string(),
    }
}

/// Deserialises every row of a table, with the 1-based line of each.
fn rows<T: serde::de::DeserializeOwned>(file: &str, text: &str) -> Result<Vec<(usize, T)>> {
    let mut rdr = reader(text);
    let headers = rdr.headers().map_err(|e| row_error(file, &e))?.clone();
    let mut out = Vec::new();
    for record in rdr.records() {
        let mut record = record.map_err(|e| row_error(file, &e))?;
        let line = record.position().map(|p| p.line() as usize).unwrap_or(0);
        // trailing empty columns may be left out
        while record.len() < headers.len() {
            record.push_field("");
        }
        let row: T = record
            .deserialize(Some(&headers))
            .map_err(|e| Error::Schema {
                file: file.into(),
                line,
                message: e.to_string(),
            })?;
        out.push((line, row));
    }
    Ok(out)
}

/// Parses a gazetteer file.
pub(super) fn parse_entries(file: &str, text: &str) -> Result<Vec<GazetteerEntry>> {
    let mut entries = Vec::new();
    for (line, row) in rows::<EntryRow>(file, text)? {
        let entity_type = EntityType::new(row.entity_type.trim()).map_err(|e| Error::Schema {
            file: file.into(),
            line,
            message: e.to_string(),
        })?;
        if row.name.trim().is_empty() {
            return Err(Error::Schema {
                file: file.into(),
                line,
                message: "empty name".into(),
            });
        }
        entries.push(GazetteerEntry {
            name: row.name.trim().to_string(),
            entity_type,
            aliases: list(&row.aliases),
            demonyms: list(&row.demonyms),
            metonyms: list(&row.metonyms),
            capital: optional(&row.capital),
            country: optional(&row.country),
            file: file.into(),
            line,
        });
    }
    Ok(entries)
}

/// Parses `titles.tsv`.
pub(super) fn parse_titles(file: &str, text: &str) -> Result<Vec<Title>> {
    let mut titles = Vec::new();
    for (line, row) in rows::<TitleRow>(file, text)? {
        let relation = RelationType::new(row.relation.trim()).map_err(|e| Error::Schema {
            file: file.into(),
            line,
            message: e.to_string(),
        })?;
        let (state_office, head_of_state) = match row.scope.trim() {
            "" | "any" | "local" | "organization" => (false, false),
            "state" => (true, false),
            "head" => (true, true),
            other => {
                return Err(Error::Schema {
                    file: file.into(),
                    line,
                    message: format!(
                        "scope {other:?} is not \"head\", \"state\", \"local\", \"organization\" or \"any\""
                    ),
                })
            }
        };
        titles.push(Title {
            title: row.title.trim().to_string(),
            relation,
            state_office,
            head_of_state,
            local_office: row.scope.trim() == "local",
            organization_only: row.scope.trim() == "organization",
            country: optional(&row.country),
            chamber: match row.chamber.trim() {
                "" => None,
                "-" => Some(Vec::new()),
                names => Some(list(names).iter().map(|n| n.to_lowercase()).collect()),
            },
        });
    }
    Ok(titles)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn entries_parse_lists_and_optional_columns() {
        let text =
            "# comment\nname\ttype\taliases\tdemonyms\nItaly\tCountry\tItalia|\tItalian|Italians\n";
        let entries = parse_entries("x.tsv", text).unwrap();
        assert_eq!(entries.len(), 1);
        assert_eq!(entries[0].aliases, vec!["Italia"]);
        assert_eq!(entries[0].demonyms, vec!["Italian", "Italians"]);
        assert_eq!(entries[0].capital, None);
    }

    #[test]
    fn titles_read_scope_and_country_columns() {
        let text = "title\trelation\tscope\tcountry\nPresident\tleader-of\tstate\nSecretary of State\tmember-of\tstate\tUnited States\nCEO\tleader-of\n";
        let titles = parse_titles("titles.tsv", text).unwrap();
        assert!(titles[0].state_office && titles[0].country.is_none());
        assert_eq!(titles[1].country.as_deref(), Some("United States"));
        assert!(!titles[2].state_office && !titles[2].local_office);
        let local = parse_titles(
            "titles.tsv",
            "title\trelation\tscope\nMayor\tleader-of\tlocal\n",
        );
        assert!(local.unwrap()[0].local_office);
        let occupation = parse_titles(
            "titles.tsv",
            "title\trelation\tscope\nscientist\tmember-of\torganization\n",
        );
        assert!(occupation.unwrap()[0].organization_only);
        let legislators = parse_titles(
            "titles.tsv",
            "title\trelation\tscope\tcountry\tchamber\nMP\tmember-of\tstate\t\tParliament|House of Commons\nlawmaker\tmember-of\tstate\t\t-\nCEO\tleader-of\n",
        )
        .unwrap();
        assert_eq!(
            legislators[0].chamber.as_deref(),
            Some(&["parliament".to_string(), "house of commons".to_string()][..])
        );
        assert_eq!(legislators[1].chamber.as_deref(), Some(&[][..]));
        assert!(legislators[2].chamber.is_none());
        let bad = parse_titles(
            "titles.tsv",
            "title\trelation\tscope\nX\tleader-of\tnation\n",
        );
        assert!(bad.unwrap_err().to_string().contains("titles.tsv:2"));
    }

    #[test]
    fn a_bad_type_names_file_and_line() {
        let text = "name\ttype\nItaly\tCountry\nRome\tcity\n";
        let err = parse_entries("places.tsv", text).unwrap_err().to_string();
        assert!(err.contains("places.tsv:3"), "{err}");
    }
}
