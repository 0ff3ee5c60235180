//! Bringing files written by older versions of Workplan up to the current format.
//!
//! A past format is read with a frozen copy of its types in a module of its own (`v2`, ...)
//! and a function that turns a project of that version into one of the next; or, when every
//! file of it is also a file of the next format with the same meaning, with today's types held
//! to its rules (format 1, below). Loading a file of version N runs the steps from N up to
//! [`FORMAT_VERSION`]. Files of the current version are parsed directly.
//!
//! To change the format: copy today's model types into `vN.rs`, bump `FORMAT_VERSION`, add the
//! `N =>` arm below that parses with `vN` types and converts, and keep a fixture of every older
//! format (`tests/fixtures/format-v1.ron`, ...) loading.
//!
//! ## Format 1 to 2
//!
//! Format 2 lets a funding line leave out its `amount` (the donor or fund supports the
//! activity, by an amount not known). That is the only difference: a known amount is written
//! as in format 1 (`amount: 5000`), so every format-1 file is also well-formed format-2 text
//! with the same meaning. No frozen `v1` copy of the model is kept, as it would duplicate
//! every type for one field; instead a format-1 file is parsed with today's types and then
//! held to format 1's rule that every funding line has an amount. A format-1 file that breaks
//! it (only a hand edit can) is refused as it always was, so no file is read differently than
//! format 1 read it; it then goes on from format 2 to 3 as a format-2 file does.
//!
//! ## Format 2 to 3
//!
//! Format 3 keeps the programme's staff (`Project::staff`) and names an activity's responsible
//! officers by their ids (`Activity::officers`) instead of as free text (`officer`). Format 2
//! is read with its frozen types ([`v2`]) and converted: the officer texts become staff
//! members, one per person however spelled (see [`v2::to_current`]). Format 3 also writes an
//! indicator's values as numbers where they are numbers (`value: 12.0`, text stays a string):
//! format 2's text values that are numbers ("12", "1,200", "35 %") become numbers, a percent sign
//! moving into an empty unit, and any other text stays as it was
//! (`plan::results::numbers_from_text`); indicators' `periods` and `settings.results` are new in
//! format 3. Baselines and
//! `settings.checks_off` came in during format 2 without a version step, as additions older
//! builds refuse; format 3 is the first version that names them.

pub mod v2;

use crate::model::{FORMAT_VERSION, Project};

/// The oldest format version this build still opens.
pub const OLDEST_SUPPORTED: u32 = 1;

/// How a file's format version relates to this build.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum VersionCheck {
    Current,
    /// Older and migratable: parse with [`parse_older`].
    Older,
    Newer,
    TooOld,
}

pub fn check_version(version: u32) -> VersionCheck {
    if version == FORMAT_VERSION {
        VersionCheck::Current
    } else if version > FORMAT_VERSION {
        VersionCheck::Newer
    } else if version >= OLDEST_SUPPORTED {
        VersionCheck::Older
    } else {
        VersionCheck::TooOld
    }
}

/// Parses `text`, written in the older format `version`, and migrates it to the current one.
pub fn parse_older(version: u32, text: &str) -> Result<Project, ron::error::SpannedError> {
    // Every version from OLDEST_SUPPORTED to FORMAT_VERSION - 1 gets an arm here.
    match version {
        1 => from_v1(text),
        2 => from_v2(text),
        _ => Err(spanned(
            text,
            0,
            format!("format version {version} cannot be converted by this version of Workplan"),
        )),
    }
}

/// Format 2, parsed with its frozen types and converted.
fn from_v2(text: &str) -> Result<Project, ron::error::SpannedError> {
    Ok(to_format_3(parse_v2(text)?))
}

/// The format-2 project converted: its officers become staff, and its indicators' values
/// that are numbers become numbers (see the module's notes).
fn to_format_3(old: v2::Project) -> Project {
    let mut project = v2::to_current(old);
    crate::plan::results::numbers_from_text(&mut project);
    project
}

fn parse_v2(text: &str) -> Result<v2::Project, ron::error::SpannedError> {
    super::fast_read::from_str::<v2::Project>(text)
        .or_else(|_| ron::Options::default().from_str::<v2::Project>(text))
}

/// Format 1 is format 2 in which every funding line has its amount (see the module's notes).
fn from_v1(text: &str) -> Result<Project, ron::error::SpannedError> {
    let project = parse_v2(text)?;
    let without_amount = project
        .activities
        .iter()
        .find(|a| a.funding.iter().any(|f| f.amount.is_none()));
    if let Some(activity) = without_amount {
        return Err(spanned(
            text,
            offset_of_line_without_amount(text).unwrap_or(0),
            format!(
                "a funding line of activity {} has no `amount`, which format 1 requires \
                 (missing field `amount`)",
                activity.id
            ),
        ));
    }
    Ok(to_format_3(project))
}

/// Where the first funding record without `amount:` starts, to point the refusal at it.
fn offset_of_line_without_amount(text: &str) -> Option<usize> {
    text.match_indices("funding:").find_map(|(at, _)| {
        let open = at + text[at..].find('[')?;
        let close = open + text[open..].find(']')?;
        let mut from = open;
        for record in text[open..close].split_inclusive(')') {
            if record.contains("source") && !record.contains("amount") {
                return Some(from + record.find('(').unwrap_or(0));
            }
            from += record.len();
        }
        None
    })
}

/// An error at byte `offset` of `text`, with ron's 1-based line and column.
fn spanned(text: &str, offset: usize, message: String) -> ron::error::SpannedError {
    let before = &text[..offset.min(text.len())];
    let line = before.matches('\n').count() + 1;
    let col = before[before.rfind('\n').map_or(0, |i| i + 1)..]
        .chars()
        .count()
        + 1;
    let position = ron::error::Position { line, col };
    ron::error::SpannedError {
        code: ron::Error::Message(message),
        span: ron::error::Span {
            start: position,
            end: position,
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Funding;
    use std::path::Path;

    /// A generated project (some amounts not known) with the canonical text of it.
    fn funded() -> (Project, String) {
        let project = crate::plan::generate::project(200, 40, 2, 3);
        let text = crate::io::to_ron(&project);
        (project, text)
    }

    fn lines(project: &Project) -> Vec<&Funding> {
        project.activities.iter().flat_map(|a| &a.funding).collect()
    }

    /// `text` as format 1 wrote it: every amount known, no staff (format 1 had none), version 1.
    fn as_format_1(project: &Project) -> (Project, String) {
        let mut project = project.clone();
        project.staff.clear();
        for a in &mut project.activities {
            a.officers.clear();
        }
        for line in project.activities.iter_mut().flat_map(|a| &mut a.funding) {
            line.amount = line.amount.or(Some(1_250));
        }
        let text = crate::io::to_ron(&project).replacen(
            &format!("format_version: {FORMAT_VERSION},"),
            "format_version: 1,",
            1,
        );
        assert!(text.contains("format_version: 1,"));
        (project, text)
    }

    #[test]
    fn a_format_1_file_migrates_with_every_amount_kept() {
        let (project, _) = funded();
        let (expected, v1) = as_format_1(&project);
        assert!(lines(&expected).len() > 20);
        let loaded = crate::io::load_str(Path::new("v1.ron"), &v1).unwrap();
        assert_eq!(loaded.format_version, FORMAT_VERSION);
        assert_eq!(loaded, expected, "every amount, and everything else, kept");
        assert!(lines(&loaded).iter().all(|f| f.amount.is_some()));
        // Saved again, only the version differs from the format-1 text.
        assert_eq!(
            crate::io::to_ron(&loaded),
            v1.replacen(
                "format_version: 1,",
                &format!("format_version: {FORMAT_VERSION},"),
                1
            )
        );
    }

    #[test]
    fn a_format_1_line_without_its_amount_is_refused_as_format_1_refused_it() {
        let (project, _) = funded();
        let (_, v1) = as_format_1(&project);
        // Cut the amount off the first funding line, as a hand edit could.
        let source = v1.find("funding: [(").unwrap();
        let at = source + v1[source..].find("amount: ").unwrap();
        let end = at + v1[at..].find('\n').unwrap() + 1;
        let cut = format!("{}{}", &v1[..at], &v1[end..]);
        let error = crate::io::load_str(Path::new("v1.ron"), &cut).unwrap_err();
        let problem = &error.problems[0];
        assert!(
            problem.message.contains("format 1 requires"),
            "{}",
            problem.message
        );
        let line = cut[..source].matches('\n').count() + 1;
        assert_eq!(problem.line, Some(line), "at the line without its amount");
        // The same text as format 2 is a line whose amount is not known.
        let v2 = cut.replacen(
            "format_version: 1,",
            &format!("format_version: {FORMAT_VERSION},"),
            1,
        );
        let loaded = crate::io::load_str(Path::new("v2.ron"), &v2).unwrap();
        assert_eq!(
            lines(&loaded).iter().filter(|f| f.amount.is_none()).count(),
            1
        );
    }

    #[test]
    fn unknown_amounts_round_trip_byte_for_byte_and_both_paths_agree() {
        let (project, text) = funded();
        let unknown = lines(&project)
            .iter()
            .filter(|f| f.amount.is_none())
            .count();
        assert!(unknown > 0, "the generator leaves some amounts not known");
        // Left out of the file, and known ones written as plain numbers.
        let records = text
            .split("funding: [")
            .skip(1)
            .flat_map(|list| list[..list.find(")],").unwrap()].split("), ("));
        let without: Vec<&str> = records.filter(|r| !r.contains("amount:")).collect();
        assert_eq!(without.len(), unknown, "{without:?}");
        assert!(!text.contains("amount: Some"));
        let ron_text = ron::ser::to_string_pretty(&project, super::super::save::canonical_config())
            .unwrap()
            + "\n";
        assert_eq!(text, ron_text, "the fast writer writes what ron writes");
        let fast = super::super::fast_read::from_str::<Project>(&text).unwrap();
        let by_ron = ron::Options::default().from_str::<Project>(&text).unwrap();
        assert_eq!(fast, by_ron, "the fast reader reads what ron reads");
        assert_eq!(fast, project);
        let loaded = crate::io::load_str(Path::new("v2.ron"), &text).unwrap();
        assert_eq!(loaded, project);
        assert_eq!(
            crate::io::to_ron(&loaded),
            text,
            "saved again, byte for byte"
        );
    }

    #[test]
    fn a_hand_written_some_or_none_is_not_taken_for_an_amount() {
        let (project, text) = funded();
        let known = lines(&project).iter().find_map(|f| f.amount).unwrap();
        for written in [format!("amount: Some({known})"), "amount: None".to_string()] {
            let edited = text.replacen(&format!("amount: {known}"), &written, 1);
            assert_ne!(edited, text);
            assert!(crate::io::load_str(Path::new("x.ron"), &edited).is_err());
        }
    }

    #[test]
    fn versions_are_classified() {
        assert_eq!(check_version(FORMAT_VERSION), VersionCheck::Current);
        assert_eq!(check_version(FORMAT_VERSION + 1), VersionCheck::Newer);
        assert_eq!(check_version(0), VersionCheck::TooOld);
    }

    #[test]
    fn a_format_2_file_turns_its_officer_texts_into_staff() {
        let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/format-v2.ron");
        let text = std::fs::read_to_string(&path).unwrap();
        let old = parse_v2(&text).unwrap();
        let p = crate::io::load(&path).expect("a format-2 file opens");
        assert_eq!(p.format_version, FORMAT_VERSION);
        let names: Vec<&str> = p.staff.iter().map(|m| m.name.as_str()).collect();
        assert_eq!(names, ["Ana Babić", "Marko Petrović", "A. Hoxha"]);
        assert_eq!(p.staff[0].aliases, ["ana babic"]);
        assert_eq!(p.staff[1].aliases, ["Marko Petrovic"]);
        let (ana, marko, hoxha) = (p.staff[0].id, p.staff[1].id, p.staff[2].id);
        assert_eq!(p.next_id, old.next_id + 3, "ids from the project's counter");
        assert!(p.staff.iter().all(|m| m.id.0 >= old.next_id));
        assert_eq!(p.activities[0].officers, [ana]);
        assert_eq!(p.activities[1].officers, [ana, marko]);
        assert_eq!(p.activities[2].officers, [hoxha, marko]);
        assert!(
            p.activities[3].officers.is_empty(),
            "empty text names no one"
        );
        // Everything else as format 2 read it.
        for (new, old) in p.activities.iter().zip(&old.activities) {
            assert_eq!((&new.title, &new.sessions), (&old.title, &old.sessions));
        }
        assert_eq!(p.programme, old.programme);
        assert_eq!(p.baselines, old.baselines);
        // Indicator values that are numbers become numbers; other text stays text.
        let values: Vec<crate::model::Value> = p
            .objectives
            .iter()
            .flat_map(|o| &o.indicators)
            .flat_map(|i| [&i.baseline, &i.target])
            .flatten()
            .map(|m| m.value.clone())
            .collect();
        assert!(
            values.contains(&crate::model::Value::Number(6.0)),
            "{values:?}"
        );
        assert!(values.contains(&crate::model::Value::Text("to be established".into())));
        assert!(!values.contains(&crate::model::Value::Text("6".into())));
        // Saved, it is format 3 and reads back the same.
        let saved = crate::io::to_ron(&p);
        assert!(saved.contains("format_version: 3,") && saved.contains("officers: ["));
        assert_eq!(crate::io::load_str(&path, &saved).unwrap(), p);
    }
}
