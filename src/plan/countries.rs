//! Countries as people write them: "UK", "U.S.", "Government of the United Kingdom",
//! "British Government", "Republic of Serbia", "FYROM", "Kosovo*" each name one country, by its
//! ISO 3166-1 alpha-2 code.
//!
//! The ISO names, codes, long names, nationalities and other names come from `keshvar`; the
//! forms it lacks (Kosovo, which has no ISO code, and abbreviations such as "U.K.") are in
//! [`COMMON`]. Every form is compared folded ([`crate::plan::names::fold`]) and without its
//! spaces, so "U.S.", "us" and "US" are one form. Only whole names count: "us" inside a longer
//! text is not a country.

use std::collections::{HashMap, HashSet};
use std::sync::OnceLock;

use crate::plan::names::fold;

/// Forms the ISO data lacks, or spells otherwise, each with the country it names. They win
/// over a clash in the ISO data (where two countries share a translation, say).
const COMMON: &[(&str, &[&str])] = &[
    (
        "GB",
        &[
            "UK",
            "U.K.",
            "Great Britain",
            "Britain",
            "United Kingdom",
            "United Kingdom of Great Britain and Northern Ireland",
        ],
    ),
    (
        "US",
        &[
            "US",
            "U.S.",
            "USA",
            "U.S.A.",
            "United States",
            "United States of America",
            "America",
        ],
    ),
    ("RS", &["Republic of Serbia"]),
    (
        "MK",
        &[
            "the former Yugoslav Republic of Macedonia",
            "former Yugoslav Republic of Macedonia",
            "FYROM",
            "FYR Macedonia",
            "FYR of Macedonia",
            "Macedonia",
            "North Macedonia",
            "Republic of North Macedonia",
            "Republic of Macedonia",
        ],
    ),
    ("BA", &["Bosnia & Herzegovina", "BiH", "Bosnia-Herzegovina"]),
    ("CZ", &["Czechia", "Czech Republic"]),
    ("TR", &["Türkiye", "Turkey", "Republic of Turkey"]),
    ("MD", &["Moldova", "Republic of Moldova"]),
    ("KR", &["Republic of Korea", "South Korea"]),
    ("NL", &["Netherlands", "Holland"]),
];

/// Kosovo: not in ISO 3166-1; XK is the code the European Union and others use.
const KOSOVO: (&str, &str, &[&str]) = (
    "XK",
    "Kosovo",
    &[
        "Kosovo",
        "XK",
        "XKX",
        "Kosovo*",
        "Kosovo under UNSCR 1244",
        "Kosovo under UNSCR 1244/99",
        "Kosovo under UNSCR 1244 (1999)",
        "Kosovo (under UNSCR 1244)",
        "Kosovo UNSCR 1244",
        "Republic of Kosovo",
    ],
);

/// Adjectives that name a country only in front of "Government" ("British Government").
/// Nationalities from the ISO data are added to these.
const ADJECTIVES: &[(&str, &[&str])] = &[
    ("GB", &["British", "UK"]),
    ("US", &["American", "US", "United States"]),
    ("NL", &["Dutch", "Netherlands"]),
    ("CH", &["Swiss"]),
    ("SE", &["Swedish"]),
    ("NO", &["Norwegian"]),
    ("DK", &["Danish"]),
    ("DE", &["German"]),
    ("FR", &["French"]),
    ("IT", &["Italian"]),
    ("AT", &["Austrian"]),
    ("FI", &["Finnish"]),
    ("JP", &["Japanese"]),
    ("CA", &["Canadian"]),
    ("KR", &["South Korean"]),
    ("AU", &["Australian"]),
    ("NZ", &["New Zealand"]),
    ("IE", &["Irish"]),
    ("LU", &["Luxembourg"]),
    ("SI", &["Slovenian", "Slovene"]),
    ("SK", &["Slovak"]),
    ("XK", &["Kosovo"]),
];

/// The names shown for a code where ISO's short name is not what documents print.
const SHOWN: &[(&str, &str)] = &[
    ("GB", "United Kingdom"),
    ("US", "United States"),
    ("MD", "Moldova"),
    ("KR", "Republic of Korea"),
    ("XK", "Kosovo"),
];

struct Table {
    /// Compacted form ([`key`]) → code; `None` where the ISO data gives two countries one form.
    names: HashMap<String, Option<&'static str>>,
    adjectives: HashMap<String, Option<&'static str>>,
    /// Compacted forms that are only ISO codes ("rs", "srb", "bd"), not names people use.
    codes: HashSet<String>,
    /// Code → the name to show.
    shown: HashMap<&'static str, &'static str>,
    /// Code → its folded forms joined by spaces, for the searches.
    search: HashMap<&'static str, String>,
}

/// A folded text without its spaces: "u s a" and "usa" are one form.
fn key(folded: &str) -> String {
    folded.chars().filter(|&c| c != ' ').collect()
}

/// Adds a form; a second country for the same form makes it ambiguous, unless `force`.
fn insert(
    map: &mut HashMap<String, Option<&'static str>>,
    form: &str,
    code: &'static str,
    force: bool,
) {
    let k = key(&fold(form));
    if k.is_empty() {
        return;
    }
    match map.get(&k) {
        Some(Some(known)) if *known == code => {}
        Some(_) if !force => {
            map.insert(k, None);
        }
        _ => {
            map.insert(k, Some(code));
        }
    }
}

/// Text in scripts `fold` spells only approximately (Japanese, Chinese) is left out: its
/// spelling would be noise in the searches and could meet another country's name.
fn usable(form: &str) -> bool {
    !form.chars().any(|c| c >= '\u{2E80}')
}

fn table() -> &'static Table {
    static TABLE: OnceLock<Table> = OnceLock::new();
    TABLE.get_or_init(|| {
        let mut names = HashMap::new();
        let mut adjectives = HashMap::new();
        let mut iso_codes = HashSet::new();
        let mut shown = HashMap::new();
        let mut forms: HashMap<&'static str, Vec<String>> = HashMap::new();
        // Codes live as long as the table; leaking 250 short strings once is the simplest way
        // to hand out `&'static str` for them.
        let mut codes: HashMap<String, &'static str> = HashMap::new();
        let mut code_of = |alpha2: String| -> &'static str {
            codes
                .entry(alpha2)
                .or_insert_with_key(|k| Box::leak(k.clone().into_boxed_str()))
        };
        for country in keshvar::CountryIterator::new() {
            let code = code_of(country.alpha2().to_string());
            let alpha3 = keshvar::Alpha3::from(country.alpha2()).to_string();
            shown.insert(code, country.iso_short_name());
            iso_codes.insert(code.to_ascii_lowercase());
            iso_codes.insert(alpha3.to_ascii_lowercase());
            let written = [
                code,
                alpha3.as_str(),
                country.iso_short_name(),
                country.iso_long_name(),
            ];
            for form in written
                .into_iter()
                .chain(country.unofficial_name_list().iter().copied())
                .filter(|f| usable(f))
            {
                insert(&mut names, form, code, false);
                if form.len() > 3 {
                    forms.entry(code).or_default().push(fold(form));
                }
            }
            for nationality in country.maybe_nationality().into_iter() {
                for adjective in nationality.split(',') {
                    insert(&mut adjectives, adjective, code, false);
                }
            }
        }
        let (xk, kosovo, kosovo_forms) = KOSOVO;
        shown.insert(xk, kosovo);
        let kosovo_entry = (xk, kosovo_forms);
        let common = COMMON.iter().chain(std::iter::once(&kosovo_entry));
        for &(code, list) in common {
            let code = code_of(code.to_string());
            for form in list.iter() {
                insert(&mut names, form, code, true);
                // "US" and "USA" are codes that people also write as names.
                iso_codes.remove(&key(&fold(form)));
                forms.entry(code).or_default().push(fold(form));
            }
        }
        // Kosovo's codes are codes, like the ISO ones.
        iso_codes.extend(["xk".to_string(), "xkx".to_string()]);
        for &(code, list) in ADJECTIVES {
            let code = code_of(code.to_string());
            for form in list.iter() {
                insert(&mut adjectives, form, code, true);
            }
        }
        for &(code, name) in SHOWN {
            shown.insert(code_of(code.to_string()), name);
        }
        let search = forms
            .into_iter()
            .map(|(code, list)| {
                // Each word once: the searches look for words, and most forms repeat the
                // country's name ("Macedonia", "North Macedonia", "Macedonia (FYROM)").
                // Single letters ("F.Y.R.O.M.") would only match every search.
                let mut words: Vec<&str> = list
                    .iter()
                    .flat_map(|f| f.split(' '))
                    .filter(|w| w.len() > 1)
                    .collect();
                words.sort_unstable();
                words.dedup();
                (code, words.join(" "))
            })
            .collect();
        Table {
            names,
            adjectives,
            codes: iso_codes,
            shown,
            search,
        }
    })
}

/// The alpha-2 code of the country `text` names, in any of its forms: an ISO short or long
/// name, a code, a common name, or one of these wrapped as "Government of (the) X",
/// "X Government", "X (Government)" (where X may also be an adjective: "British Government").
/// `None` for anything else, and for a form that two countries share.
pub fn country_code(text: &str) -> Option<&'static str> {
    code_of_folded(&fold(text))
}

/// [`country_code`] of a text already folded.
pub(crate) fn code_of_folded(folded: &str) -> Option<&'static str> {
    if folded.is_empty() {
        return None;
    }
    let table = table();
    let name = |form: &str| table.names.get(&key(form)).copied().flatten();
    if let Some(code) = name(folded) {
        return Some(code);
    }
    if let Some(rest) = folded.strip_prefix("government of ") {
        return name(rest.strip_prefix("the ").unwrap_or(rest));
    }
    let rest = folded.strip_suffix(" government")?;
    name(rest).or_else(|| table.adjectives.get(&key(rest)).copied().flatten())
}

/// [`code_of_folded`] for the name of an entity rather than a written reference to one: a bare
/// ISO code ("BD", "SRB") is not taken for a country there, since an entity's acronym or short
/// alias often spells one by chance ("BD" for Brčko District). Common abbreviations ("UK",
/// "USA", "BiH") still are.
pub(crate) fn code_of_name(folded: &str) -> Option<&'static str> {
    if table().codes.contains(&key(folded)) {
        return None;
    }
    code_of_folded(folded)
}

/// The name to show for an alpha-2 code (ISO's short name, or the shorter one documents
/// print: "United Kingdom"); the empty text for a code that names no country.
pub fn country_name(code: &str) -> &'static str {
    table()
        .shown
        .get(code.to_ascii_uppercase().as_str())
        .copied()
        .unwrap_or("")
}

/// The words of every written form of the country with this code, folded, each once and
/// joined by spaces, for searches that should find a country however it is written (every
/// word of "North Macedonia" is there); empty for an unknown code.
pub fn search_text(code: &str) -> &'static str {
    table().search.get(code).map(String::as_str).unwrap_or("")
}

/// [`search_text`] of every country.
pub fn search_texts() -> impl Iterator<Item = &'static str> {
    table().search.values().map(String::as_str)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_iso_country_reads_by_codes_and_names() {
        assert_eq!(country_code("RS"), Some("RS"));
        assert_eq!(country_code("srb"), Some("RS"));
        assert_eq!(country_code("XK"), Some("XK"));
        assert_eq!(country_code("Serbia"), Some("RS"));
        assert_eq!(country_code("Bosnia and Herzegovina"), Some("BA"));
        assert_eq!(country_code("Montenegro"), Some("ME"));
        assert_eq!(country_code("Albania"), Some("AL"));
        assert_eq!(country_code("Germany"), Some("DE"));
        assert_eq!(country_code("Federal Republic of Germany"), Some("DE"));
        assert_eq!(country_code("The Swiss Confederation"), Some("CH"));
        // 249 ISO countries and Kosovo.
        assert_eq!(table().shown.len(), 250);
    }

    #[test]
    fn common_forms_name_one_country() {
        for form in [
            "UK",
            "U.K.",
            "uk",
            "Great Britain",
            "Britain",
            "United Kingdom",
            "the United Kingdom of Great Britain and Northern Ireland",
        ] {
            assert_eq!(country_code(form), Some("GB"), "{form}");
        }
        for form in [
            "US",
            "U.S.",
            "us",
            "USA",
            "U.S.A.",
            "United States of America",
            "America",
        ] {
            assert_eq!(country_code(form), Some("US"), "{form}");
        }
        assert_eq!(country_code("Republic of Serbia"), Some("RS"));
        for form in [
            "the former Yugoslav Republic of Macedonia",
            "FYROM",
            "F.Y.R.O.M.",
            "Macedonia",
            "North Macedonia",
        ] {
            assert_eq!(country_code(form), Some("MK"), "{form}");
        }
        for form in ["Kosovo", "Kosovo*", "Kosovo under UNSCR 1244", "Kosovo†"] {
            assert_eq!(country_code(form), Some("XK"), "{form}");
        }
        assert_eq!(country_code("Bosnia & Herzegovina"), Some("BA"));
        assert_eq!(country_code("BiH"), Some("BA"));
        assert_eq!(country_code("Czechia"), Some("CZ"));
        assert_eq!(country_code("Czech Republic"), Some("CZ"));
        assert_eq!(country_code("Türkiye"), Some("TR"));
        assert_eq!(country_code("Turkiye"), Some("TR"));
        assert_eq!(country_code("Turkey"), Some("TR"));
        assert_eq!(country_code("Moldova"), Some("MD"));
        assert_eq!(country_code("Republic of Moldova"), Some("MD"));
    }

    #[test]
    fn government_wrappers_name_the_country() {
        for form in [
            "Government of the United Kingdom",
            "the Government of the United Kingdom",
            "Government of UK",
            "UK Government",
            "British Government",
            "the British Government",
            "United Kingdom (Government)",
        ] {
            assert_eq!(country_code(form), Some("GB"), "{form}");
        }
        assert_eq!(country_code("Government of Sweden"), Some("SE"));
        assert_eq!(country_code("Swedish Government"), Some("SE"));
        assert_eq!(
            country_code("Government of the Republic of Serbia"),
            Some("RS")
        );
        assert_eq!(country_code("Government of the Netherlands"), Some("NL"));
        for (adjective, code) in [
            ("Swiss", "CH"),
            ("Norwegian", "NO"),
            ("Danish", "DK"),
            ("Dutch", "NL"),
            ("German", "DE"),
            ("French", "FR"),
            ("Italian", "IT"),
            ("Austrian", "AT"),
            ("Finnish", "FI"),
            ("American", "US"),
            ("Japanese", "JP"),
            ("Canadian", "CA"),
        ] {
            assert_eq!(
                country_code(&format!("{adjective} Government")),
                Some(code),
                "{adjective}"
            );
        }
    }

    #[test]
    fn only_whole_names_are_countries() {
        // An adjective alone is no country, nor is a word inside a longer name.
        assert_eq!(country_code("British"), None);
        assert_eq!(country_code("Swiss"), None);
        assert_eq!(country_code("Tell us more"), None);
        assert_eq!(country_code("Serbia and Montenegro office"), None);
        assert_eq!(country_code("Government"), None);
        assert_eq!(country_code("Government of Atlantis"), None);
        assert_eq!(country_code(""), None);
        assert_eq!(country_code("*"), None);
        // Close names stay apart.
        assert_eq!(country_code("Niger"), Some("NE"));
        assert_eq!(country_code("Nigeria"), Some("NG"));
        // A form two countries share names neither.
        assert_eq!(country_code("Congolese Government"), None);
    }

    #[test]
    fn names_to_show_and_to_search() {
        assert_eq!(country_name("GB"), "United Kingdom");
        assert_eq!(country_name("rs"), "Serbia");
        assert_eq!(country_name("MK"), "North Macedonia");
        assert_eq!(country_name("XK"), "Kosovo");
        assert_eq!(country_name("ZZ"), "");
        let mk = search_text("MK");
        for word in ["fyrom", "north", "macedonia", "former", "yugoslav"] {
            assert!(mk.split(' ').any(|w| w == word), "{word} in {mk}");
        }
        assert!(!mk.split(' ').any(|w| w.len() < 2), "{mk}");
        assert_eq!(search_text("ZZ"), "");
    }

    #[test]
    fn an_entitys_name_is_a_country_only_when_it_is_more_than_a_code() {
        assert_eq!(code_of_name("bd"), None);
        assert_eq!(code_of_name("srb"), None);
        assert_eq!(code_of_name("rs"), None);
        assert_eq!(code_of_name("serbia"), Some("RS"));
        assert_eq!(code_of_name("uk"), Some("GB"));
        assert_eq!(code_of_name("usa"), Some("US"));
        assert_eq!(code_of_name("bih"), Some("BA"));
        assert_eq!(code_of_name("xk"), None);
        assert_eq!(code_of_name("kosovo"), Some("XK"));
    }
}
