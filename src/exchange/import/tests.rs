//! The import's checks, from CSV text to the activities and problems it gives.

use super::*;
use crate::exchange::activity_csv::{self, CsvError, ReadOptions};
use crate::exchange::text_file::{Delimiter, EncodingChoice};
use crate::model::{Funding, Id};
use crate::testing::sample;

fn read(project: &Project, bytes: &[u8], next_id: &mut u64) -> Result<Import, ImportError> {
    super::read(
        project,
        FileKind::Csv,
        bytes,
        &ImportOptions::default(),
        next_id,
    )
}

fn read_with(
    project: &Project,
    bytes: &[u8],
    text: ReadOptions,
    next_id: &mut u64,
) -> Result<Import, ImportError> {
    let options = ImportOptions {
        text,
        ..Default::default()
    };
    super::read(project, FileKind::Csv, bytes, &options, next_id)
}

fn write(project: &Project) -> Vec<u8> {
    activity_csv::write(project)
}

fn apply_command(project: &Project, import: &Import) -> crate::edit::commands::Command {
    super::apply_command(project, None, import)
}

#[test]
fn export_then_import_changes_nothing() {
    let project = sample();
    let bytes = write(&project);
    let mut next_id = project.next_id;
    let import = read(&project, &bytes, &mut next_id).unwrap();
    assert!(import.errors.is_empty(), "{:?}", import.errors);
    assert_eq!(
        (import.updated, import.unchanged),
        (0, project.activities.len())
    );
    let mut again = project.clone();
    let command = apply_command(&project, &import);
    assert_eq!(
        command,
        crate::edit::commands::Command::Batch(vec![]),
        "nothing to change"
    );
    command.apply(&mut again).unwrap();
    assert_eq!(again, project);
    assert_eq!(next_id, project.next_id, "no id was spent");
}

#[test]
fn a_file_without_a_usable_header_row_is_refused_whole() {
    let project = sample();
    let mut next_id = project.next_id;
    let error = read(&project, b"title,kind\nTraining,Training\n", &mut next_id).unwrap_err();
    assert!(
        matches!(
            error,
            ImportError::MissingColumn {
                field: "status",
                ..
            }
        ),
        "{error:?}"
    );
    assert_eq!(
        error.to_string(),
        "the header row has no “status” column, which new activities (rows without an id) need (see docs/csv.md for the columns, or map one of the file's columns onto it)"
    );
    // Bytes that are not UTF-8 are read as Windows-1252, unless UTF-8 was asked for.
    let error = read(&project, b"title,kind,st\xFFtus\n", &mut next_id).unwrap_err();
    assert!(
        matches!(
            error,
            ImportError::MissingColumn {
                field: "status",
                ..
            }
        ),
        "{error:?}"
    );
    let utf8 = ReadOptions {
        encoding: Some(EncodingChoice::Utf8),
        delimiter: None,
    };
    let error = read_with(&project, b"title,kind,st\xFFtus\n", utf8, &mut next_id).unwrap_err();
    assert!(
        matches!(error, ImportError::Csv(CsvError::Decode(_))),
        "{error:?}"
    );
    assert!(error.to_string().contains("not UTF-8"), "{error}");
    assert_eq!(next_id, project.next_id, "no id is spent");
}

#[test]
fn missing_columns_keep_their_fields_and_short_rows_are_refused() {
    let project = sample();
    let target = project
        .activities
        .iter()
        .find(|a| !a.sessions.is_empty() && !a.beneficiaries.is_empty())
        .unwrap();
    let csv = format!(
        "id,title,kind,status\r\n{},New title,{},Done\r\n{},Short,Training\r\n",
        target.id, target.kind, target.id
    );
    let mut next_id = project.next_id;
    let import = read(&project, csv.as_bytes(), &mut next_id).unwrap();
    assert_eq!(import.activities.len(), 1);
    let renamed = &import.activities[0];
    assert_eq!(renamed.title, "New title");
    assert_eq!(renamed.sessions, target.sessions, "sessions kept");
    assert_eq!(
        renamed.beneficiaries, target.beneficiaries,
        "beneficiaries kept"
    );
    assert_eq!(import.errors.len(), 1);
    assert!(
        import.errors[0]
            .message
            .contains("has 3 values but the header row has 4 columns")
    );
}

#[test]
fn bad_rows_are_reported_with_their_row_number_and_good_rows_kept() {
    let project = sample();
    let csv = "title,kind,status,sessions,beneficiaries\r\n\
               Training on electronic evidence,Training,Planned,\"2022-03-22/2022-03-24 @ Podgorica, Montenegro\",Montenegro\r\n\
               ,Training,Planned,,\r\n\
               Study visit,Excursion,Planned,,\r\n\
               Conference,Conference,Maybe,,\r\n\
               Mission,Assessment mission,Planned,2009-02-30,\r\n\
               Meeting,Working meeting,Planned,,Atlantis\r\n";
    let mut next_id = project.next_id;
    let import = read(&project, csv.as_bytes(), &mut next_id).unwrap();
    let rows: Vec<(usize, Option<&str>)> = import
        .errors
        .iter()
        .map(|e| (e.row, e.column.as_deref()))
        .collect();
    assert_eq!(
        rows,
        vec![
            (3, Some("title")),
            (4, Some("kind")),
            (5, Some("status")),
            (6, Some("sessions")),
            (7, Some("beneficiaries"))
        ],
        "{:?}",
        import.errors
    );
    assert_eq!(import.refused, 5);
    assert!(import.errors[0].message.contains("title is empty"));
    assert!(
        import.errors[1]
            .message
            .contains("“Excursion” is not one of the activity kinds")
    );
    assert!(import.errors[2].message.contains("“Maybe” is not a status"));
    assert!(
        import.errors[3]
            .message
            .contains("February 2009 has 28 days"),
        "{:?}",
        import.errors[3]
    );
    assert!(
        import.errors[4]
            .message
            .contains("“Atlantis” is not a beneficiary")
    );
    assert_eq!(import.activities.len(), 1);
    let mut p = project.clone();
    apply_command(&project, &import).apply(&mut p).unwrap();
    assert_eq!(p.activities.len(), project.activities.len() + 1);
    assert!(crate::edit::integrity::check(&p).is_empty());
}

#[test]
fn names_in_cells_resolve_as_people_write_them_and_through_aliases() {
    let mut project = sample();
    let p = &mut project.programme;
    let by_name = |list: &[crate::model::Jurisdiction], name: &str| {
        list.iter().find(|j| j.name == name).unwrap().id
    };
    let macedonia = by_name(
        &p.jurisdictions,
        "The former Yugoslav Republic of Macedonia",
    );
    let kosovo = by_name(&p.jurisdictions, "Kosovo");
    let serbia = by_name(&p.jurisdictions, "Serbia");
    p.jurisdictions
        .iter_mut()
        .find(|j| j.id == macedonia)
        .unwrap()
        .aliases = vec!["FYROM".into()];
    let rcc = p.partners.iter().find(|o| o.acronym == "RCC").unwrap().id;
    let donor = Id(900_001);
    p.donors.push(crate::model::Organisation {
        id: donor,
        name: "Example donor".into(),
        acronym: String::new(),
        notes: String::new(),
        through: vec![],
        aliases: vec!["Donor ministry".into()],
    });
    let csv = "title,kind,status,beneficiaries,partners,funding\r\n\
               Training,Training,Planned,\"Kosovo*; FYROM; SERBIA\",\
               Regional Cooperation Council (RCC),donor ministry=5000\r\n\
               Meeting,Working meeting,Planned,kosovo,rcc,Example donor=100\r\n";
    let mut next_id = project.next_id;
    let import = read(&project, csv.as_bytes(), &mut next_id).unwrap();
    assert!(import.errors.is_empty(), "{:?}", import.errors);
    let a = &import.activities[0];
    assert_eq!(a.beneficiaries, vec![kosovo, macedonia, serbia]);
    assert_eq!(a.partners, vec![rcc]);
    assert_eq!(a.funding, vec![Funding::of(donor, 5000)]);
    let b = &import.activities[1];
    assert_eq!(b.beneficiaries, vec![kosovo]);
    assert_eq!(b.partners, vec![rcc]);
    assert_eq!(b.funding, vec![Funding::of(donor, 100)]);
}

#[test]
fn an_ambiguous_name_in_a_cell_is_a_row_problem_naming_the_candidates() {
    let mut project = sample();
    let p = &mut project.programme;
    // An alias two partners share, and an alias that is another jurisdiction's name.
    for o in p
        .partners
        .iter_mut()
        .filter(|o| ["RCC", "RAI"].contains(&o.acronym.as_str()))
    {
        o.aliases = vec!["Secretariat".into()];
    }
    p.jurisdictions
        .iter_mut()
        .find(|j| j.name == "Montenegro")
        .unwrap()
        .aliases = vec!["Serbia".into()];
    let csv = "title,kind,status,beneficiaries,partners\r\n\
               Training,Training,Planned,Serbia,the secretariat\r\n\
               Meeting,Working meeting,Planned,Atlantis,\r\n";
    let mut next_id = project.next_id;
    let import = read(&project, csv.as_bytes(), &mut next_id).unwrap();
    assert_eq!(import.refused, 2);
    assert!(import.activities.is_empty());
    let problems: Vec<(usize, Option<&str>, &str)> = import
        .errors
        .iter()
        .map(|e| (e.row, e.column.as_deref(), e.message.as_str()))
        .collect();
    assert_eq!(
        problems,
        vec![
            (
                2,
                Some("beneficiaries"),
                "“Serbia” could be “Montenegro” or “Serbia”: write the name in full"
            ),
            (
                2,
                Some("partners"),
                "“the secretariat” could be “Regional Cooperation Council (RCC)” or \
                 “Regional Anti-Corruption Initiative (RAI)”: write the name in full"
            ),
            (
                3,
                Some("beneficiaries"),
                "“Atlantis” is not a beneficiary jurisdiction of the programme"
            ),
        ]
    );
}

#[test]
fn every_bad_cell_of_a_row_is_reported_with_its_column() {
    let project = sample();
    let csv = "id,title,kind,status,sessions,budget,women,funding,milestone\r\n\
               x,,Excursion,Planned,2009-02-30; next spring,lots,many,Nobody=ten,perhaps\r\n\
               ,Training on electronic evidence,Training,Planned,2022-03-22 @ online,100,,,\r\n\
               ,,,,,,,,\r\n\
               ,Study visit,Training,Maybe,,,,,\r\n";
    let mut next_id = project.next_id;
    let import = read(&project, csv.as_bytes(), &mut next_id).unwrap();
    let lines: Vec<String> = import
        .errors
        .iter()
        .map(|e| e.located("plan.csv"))
        .collect();
    let columns: Vec<(usize, &str)> = import
        .errors
        .iter()
        .map(|e| (e.row, e.column.as_deref().unwrap()))
        .collect();
    assert_eq!(
        columns,
        vec![
            (2, "id"),
            (2, "title"),
            (2, "kind"),
            (2, "sessions"),
            (2, "sessions"),
            (2, "women"),
            (2, "budget"),
            (2, "funding"),
            (2, "funding"),
            (2, "milestone"),
            (5, "status"),
        ],
        "{lines:#?}"
    );
    assert_eq!(lines[0], "plan.csv:2:id: “x” is not a number");
    assert!(
        lines[3].starts_with("plan.csv:2:sessions: “2009-02-30”"),
        "{lines:#?}"
    );
    assert_eq!(lines[10].split(": ").next(), Some("plan.csv:5:status"));
    assert_eq!(import.refused, 2, "the separator-only row 4 is skipped");
    assert_eq!(
        import.activities.len(),
        1,
        "the sound row between them is kept"
    );
    assert_eq!(import.activities[0].budget.as_ref().unwrap().amount, 100);
    // Only the kept row spent ids: one for the activity, one for its session.
    assert_eq!(next_id, project.next_id + 2);
}

#[test]
fn a_semicolon_file_in_windows_1252_reads_like_its_utf8_twin() {
    let project = sample();
    let kind = &project.settings.activity_kinds[0];
    // 0xE6 is æ and 0x9A is š in Windows-1252, as Excel saves "CSV" on Windows.
    let mut bytes = b"title;kind;status;notes\r\n".to_vec();
    bytes.extend(b"M\xE6rsk \x9Aibenik;");
    bytes.extend(kind.as_bytes());
    bytes.extend(b";Planned;\"one; two\"\r\n");
    let mut next_id = project.next_id;
    let import = read(&project, &bytes, &mut next_id).unwrap();
    assert!(import.errors.is_empty(), "{:?}", import.errors);
    assert_eq!(import.read_as, "Read as Windows-1252, separated by ;");
    assert_eq!(import.activities[0].title, "Mærsk šibenik");
    assert_eq!(import.activities[0].notes, "one; two");
    // Named, the separator wins: read with commas, the line is one column.
    let commas = ReadOptions {
        encoding: None,
        delimiter: Some(Delimiter::Comma),
    };
    let error = read_with(&project, &bytes, commas, &mut next_id).unwrap_err();
    assert!(
        matches!(error, ImportError::MissingColumn { field: "title", .. }),
        "{error:?}"
    );
}

#[test]
fn rows_are_numbered_as_the_spreadsheet_shows_them() {
    let project = sample();
    // Row 2 has a line break inside quotes; a blank line is row 3; row 5 is bad.
    let csv = "title,kind,status,notes\r\n\
               First,Training,Planned,\"two\r\nlines\"\r\n\
               \r\n\
               Second,Training,Planned,\r\n\
               Third,Training,Someday,\r\n";
    let mut next_id = project.next_id;
    let import = read(&project, csv.as_bytes(), &mut next_id).unwrap();
    let rows: Vec<usize> = import.errors.iter().map(|e| e.row).collect();
    assert_eq!(rows, vec![5], "{:?}", import.errors);
    assert_eq!(import.activities.len(), 2);
    assert_eq!(import.activities[0].notes, "two\r\nlines");
}

#[test]
fn a_donor_alone_is_funding_of_an_amount_not_known_both_ways() {
    let mut project = sample();
    let mut donor = |name: &str| {
        let id = project.allocate_id();
        project.programme.donors.push(crate::model::Organisation {
            id,
            name: name.into(),
            acronym: String::new(),
            notes: String::new(),
            through: vec![],
            aliases: Vec::new(),
        });
        id
    };
    let (first, second) = (donor("Example donor"), donor("Second fund"));
    project.activities[0].funding = vec![Funding::unknown(first), Funding::of(second, 5000)];
    let bytes = write(&project);
    let text = String::from_utf8(bytes.clone()).unwrap();
    assert!(text.contains(",Example donor; Second fund=5000,"), "{text}");
    let mut next_id = project.next_id;
    let import = read(&project, &bytes, &mut next_id).unwrap();
    assert!(import.errors.is_empty(), "{:?}", import.errors);
    assert_eq!(
        import.unchanged,
        project.activities.len(),
        "read back as written"
    );

    let csv = "title,kind,status,funding\r\n\
               Training,Training,Planned,Example donor\r\n\
               Meeting,Working meeting,Planned,Example donor=lots; Atlantis\r\n";
    let import = read(&project, csv.as_bytes(), &mut next_id).unwrap();
    assert_eq!(import.activities[0].funding, vec![Funding::unknown(first)]);
    let problems: Vec<&str> = import.errors.iter().map(|e| e.message.as_str()).collect();
    assert_eq!(
        problems,
        [
            "the amount “lots” is not a whole number",
            "“Atlantis” is not a donor of the programme"
        ]
    );
}

#[test]
fn a_place_in_a_beneficiary_is_written_as_the_programme_writes_it() {
    let project = sample();
    let csv = "title,kind,status,sessions\r\n\
               Training,Training,Planned,\"18-20 November 2009, Belgrade, Republic of Serbia; \
               2-4 December 2009, Vienna, Republic of Austria; 7 May 2010, Skopje, North Macedonia\"\r\n";
    let mut next_id = project.next_id;
    let import = read(&project, csv.as_bytes(), &mut next_id).unwrap();
    assert!(import.errors.is_empty(), "{:?}", import.errors);
    let countries: Vec<&str> = import.activities[0]
        .sessions
        .iter()
        .map(|s| s.place.country.as_str())
        .collect();
    assert_eq!(
        countries,
        [
            "Serbia",
            "Republic of Austria",
            "The former Yugoslav Republic of Macedonia"
        ]
    );
}

#[test]
fn a_country_written_in_its_common_forms_finds_its_jurisdiction_and_donor() {
    let mut project = sample();
    let id = project.allocate_id();
    project.programme.donors.push(crate::model::Organisation {
        id,
        name: "United Kingdom".into(),
        acronym: String::new(),
        notes: String::new(),
        through: vec![],
        aliases: Vec::new(),
    });
    let csv = "title,kind,status,beneficiaries,funding\r\n\
               Training,Training,Planned,Republic of Serbia,Government of the United Kingdom\r\n\
               Meeting,Working meeting,Planned,FYROM,UK=500; British Government=20\r\n";
    let mut next_id = project.next_id;
    let import = read(&project, csv.as_bytes(), &mut next_id).unwrap();
    assert!(import.errors.is_empty(), "{:?}", import.errors);
    assert_eq!(import.activities[0].funding, vec![Funding::unknown(id)]);
    assert_eq!(
        import.activities[1].funding,
        vec![Funding::of(id, 500), Funding::of(id, 20)]
    );
    assert!(import.unknown.is_empty());
}

#[test]
fn a_file_of_ids_and_titles_renames_and_changes_nothing_else() {
    let project = sample();
    let target = &project.activities[3];
    let csv = format!("id,title\r\n{},Renamed activity\r\n", target.id);
    let mut next_id = project.next_id;
    let import = read(&project, csv.as_bytes(), &mut next_id).unwrap();
    assert!(import.errors.is_empty(), "{:?}", import.errors);
    assert_eq!(import.updated, 1);
    let renamed = &import.activities[0];
    assert_eq!(renamed.title, "Renamed activity");
    assert_eq!(
        crate::model::Activity {
            title: target.title.clone(),
            ..renamed.clone()
        },
        *target,
        "every other field kept"
    );
    // Without ids the same file would add activities, which need a kind and a status.
    let error = read(&project, b"title\r\nNew one\r\n", &mut next_id).unwrap_err();
    assert!(
        matches!(error, ImportError::MissingColumn { field: "kind", .. }),
        "{error}"
    );
}

#[test]
fn cells_a_spreadsheet_would_run_are_exported_as_text_and_import_as_they_were() {
    let mut project = sample();
    let quoted = workplan_staff(&mut project, "'quoted'");
    let a = &mut project.activities[0];
    a.title = "=HYPERLINK(\"http://example.com\",\"click\")".into();
    a.notes = "@SUM(A1)".into();
    a.description = "-1 and +1".into();
    a.officers = vec![quoted];
    let bytes = write(&project);
    let text = String::from_utf8(bytes.clone()).unwrap();
    assert!(
        text.contains("\"'=HYPERLINK(\"\"http://example.com\"\",\"\"click\"\")\""),
        "{text}"
    );
    assert!(text.contains(",'@SUM(A1),"), "{text}");
    assert!(text.contains(",'-1 and +1"), "{text}");
    let mut next_id = project.next_id;
    let import = read(&project, &bytes, &mut next_id).unwrap();
    assert!(import.errors.is_empty(), "{:?}", import.errors);
    assert_eq!(
        import.unchanged,
        project.activities.len(),
        "read back as they were"
    );

    // In a workbook the same texts are text cells, never formulas.
    let xlsx = crate::exchange::export::render(
        &project,
        crate::exchange::export::Format::Xlsx,
        Default::default(),
    )
    .unwrap()
    .remove(0);
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(xlsx)).unwrap();
    let mut xml = String::new();
    for i in 0..zip.len() {
        let mut file = zip.by_index(i).unwrap();
        let name = file.name().unwrap().into_owned();
        if name.starts_with("xl/worksheets/") || name == "xl/sharedStrings.xml" {
            std::io::Read::read_to_string(&mut file, &mut xml).unwrap();
        }
    }
    assert!(!xml.contains("<f>"), "no formula in any sheet");
    assert!(
        xml.contains(">=HYPERLINK("),
        "the text as it is, without the CSV's guard"
    );
}

fn workplan_staff(project: &mut crate::model::Project, name: &str) -> crate::model::Id {
    crate::testing::add_staff(project, name)
}

#[test]
fn officers_resolve_to_staff_and_unknown_ones_become_new_members() {
    let mut project = sample();
    project.staff.clear();
    project
        .activities
        .iter_mut()
        .for_each(|a| a.officers.clear());
    let ana = crate::testing::add_staff(&mut project, "Ana Babić");
    project.activities[0].officers = vec![ana];
    let bytes = write(&project);
    let text = String::from_utf8(bytes).unwrap();
    // The sheet spells Ana another way and names someone the staff list does not have.
    let text = text.replacen(",Ana Babić,", ",\"ANA BABIC; Marko Petrović\",", 1);
    assert_ne!(
        text,
        String::from_utf8(write(&project)).unwrap(),
        "the cell was found"
    );
    let mut next_id = project.next_id;
    let import = read(&project, text.as_bytes(), &mut next_id).unwrap();
    assert!(import.errors.is_empty(), "{:?}", import.errors);
    let staff = import.staff.clone().expect("the staff list changed");
    assert_eq!(staff.len(), project.staff.len() + 1);
    let marko = staff.last().unwrap();
    assert_eq!(marko.name, "Marko Petrović");
    assert_eq!(
        staff.iter().find(|m| m.id == ana).unwrap().aliases,
        ["ANA BABIC"]
    );
    let first = import
        .activities
        .iter()
        .find(|a| a.id == project.activities[0].id)
        .unwrap();
    assert_eq!(first.officers, [ana, marko.id]);
    // Applied, it is one step that adds the member and names them.
    let mut applied = project.clone();
    let inverse = super::apply_command(&project, None, &import)
        .apply(&mut applied)
        .unwrap();
    assert_eq!(applied.staff, staff);
    assert_eq!(crate::edit::integrity::check(&applied), vec![]);
    inverse.apply(&mut applied).unwrap();
    assert_eq!(applied, project);
}
