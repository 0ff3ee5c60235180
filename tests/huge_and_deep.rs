//! Input built to exhaust the loader: deep nesting, millions of problems, long chains, files
//! too large to read. Each is refused with a message at a place (or opens), fast, on a test
//! thread's small stack. Inputs are built in memory; peak-memory figures for 100 MB files
//! are measured with `/usr/bin/time -v workplan validate FILE` (see the fuzz README).

use std::path::Path;
use std::time::{Duration, Instant};

use workplan::io::save::SaveStep;
use workplan::io::{self, LoadError};
use workplan::model::{Id, Objective, Project};

const SAMPLE: &str = include_str!("../sample-data/see-regional-programme-2009-2011.ron");

fn load(text: &str) -> Result<Project, LoadError> {
    io::load_str(Path::new("big.ron"), text)
}

/// Refused with a first problem at a place, containing `words`, within `limit`.
fn refused_fast(text: &str, words: &str, limit: Duration) -> LoadError {
    let started = Instant::now();
    let error = load(text).expect_err("must be refused");
    let took = started.elapsed();
    assert!(took < limit, "took {took:?}");
    let first = &error.problems[0];
    assert!(first.line.is_some() && first.column.is_some(), "{first:?}");
    assert!(first.message.contains(words), "{}", first.message);
    error
}

fn small_project() -> String {
    "(\n    format_version: 1,\n    next_id: 10,\n    programme: (\n        title: \"x\",\n        \
     start: \"2009-01-01\",\n        end: \"2011-12-31\",\n    ),\n)\n"
        .to_string()
}

#[test]
fn a_hundred_thousand_brackets_are_refused_not_a_stack_overflow() {
    let n = 100_000;
    let cases = [
        SAMPLE.replacen("title: \"", &format!("title: {}\"", "[".repeat(n)), 1),
        SAMPLE.replacen("title: \"", &format!("title: {}\"", "(".repeat(n)), 1),
        SAMPLE.replacen("title: \"", &format!("title: {}\"", "Some(".repeat(n)), 1),
        SAMPLE.replacen("title: \"", &format!("title: {}\"", "([{".repeat(n / 3)), 1),
        // In a field the loader does not know, and where it first looks for the version.
        SAMPLE.replacen(
            "format_version: 3,",
            &format!("format_version: 3, extra: {}", "(".repeat(n)),
            1,
        ),
        SAMPLE.replacen("next_id:", &format!("next_id: {}", "[".repeat(n)), 1),
    ];
    for text in cases {
        let error = refused_fast(&text, "nested too deeply", Duration::from_secs(5));
        assert_eq!(error.problems.len(), 1);
    }
    // A file of nothing but brackets is not a project at all.
    for bracket in ["[", "(", "{"] {
        refused_fast(&bracket.repeat(n), "", Duration::from_secs(5));
    }
}

/// A meeting whose agenda is one chain of sub-items `depth` levels deep.
fn nested_agenda(depth: usize) -> Project {
    let mut p = workplan::plan::generate::project(2, 3, 1, 1);
    let template = p.committee.meetings[0].agenda[0].clone();
    let mut item = template.clone();
    for level in 1..depth {
        let mut parent = template.clone();
        parent.id = Id(1000 + level as u64);
        parent.sub_items = vec![item];
        item = parent;
    }
    p.committee.meetings[0].agenda = vec![item];
    p.next_id = 1000 + depth as u64;
    p
}

#[test]
fn what_saves_opens_and_what_would_not_open_is_not_saved() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("plan.ron");

    let deepest = nested_agenda(io::MAX_AGENDA_DEPTH);
    io::save(&deepest, &path).unwrap();
    assert_eq!(io::load(&path).unwrap(), deepest);

    let too_deep = nested_agenda(io::MAX_AGENDA_DEPTH + 1);
    let error = io::save(&too_deep, &path).unwrap_err();
    assert_eq!(error.step, SaveStep::Check);
    assert!(error.to_string().contains("nested at most"), "{error}");
    assert!(error.to_string().contains("was not changed"), "{error}");
    assert_eq!(
        io::load(&path).unwrap(),
        deepest,
        "the file on disk is untouched"
    );

    // A hand-made file that deep is refused at the item; deeper still, at the item or by
    // the parser's own limit (whichever reader meets it first).
    refused_fast(
        &io::to_ron(&too_deep),
        "nested at most",
        Duration::from_secs(2),
    );
    let text = io::to_ron(&nested_agenda(40));
    refused_fast(&text, "nested", Duration::from_secs(2));
    let text = io::to_ron(&nested_agenda(200));
    refused_fast(&text, "nested too deeply", Duration::from_secs(2));
}

#[test]
fn three_hundred_thousand_broken_links_give_a_short_answer_fast() {
    let links = "77777,".repeat(300_000);
    let text = small_project().replacen(
        "\n)\n",
        &format!(
            "\n    activities: [(id: 1, title: \"a\", kind: \"Training\", status: Planned, \
             beneficiaries: [{links}])],\n)\n"
        ),
        1,
    );
    assert!(text.len() > 1_800_000, "the links went in");
    let error = refused_fast(&text, "does not exist", Duration::from_secs(5));
    assert_eq!(error.problems.len(), 101, "{}", error.problems.len());
    let last = error.problems.last().unwrap();
    assert!(
        last.message.contains("and 299900 more problems"),
        "{}",
        last.message
    );
    assert!(error.problems.iter().all(|p| p.line.is_some()));
}

#[test]
fn fifty_thousand_duplicate_ids_give_a_short_answer_fast() {
    // Each duplicate is pointed at where it appears again: one pass over the text, not one
    // per problem.
    let entries = "(id: 1, name: \"\"),\n".repeat(50_000);
    let text = small_project().replacen(
        "        start:",
        &format!("        jurisdictions: [\n{entries}],\n        start:"),
        1,
    );
    let error = refused_fast(&text, "used twice", Duration::from_secs(5));
    assert_eq!(error.problems.len(), 101);
    // The first duplicate is the second entry, on the line after `jurisdictions: [`.
    assert_eq!(error.problems[0].line, Some(8));
    assert_eq!(error.problems[99].line, Some(107));
}

#[test]
fn a_chain_of_twenty_thousand_objectives_opens_in_linear_time() {
    let mut p = Project::new(chrono::NaiveDate::from_ymd_opt(2009, 1, 1).unwrap());
    let mut parent = None;
    for i in 0..20_000 {
        let id = p.allocate_id();
        p.objectives
            .push(Objective::new(id, parent, 0, format!("Node {i}")));
        parent = Some(id);
    }
    let text = io::to_ron(&p);
    let started = Instant::now();
    assert_eq!(load(&text).unwrap().objectives.len(), 20_000);
    assert!(
        started.elapsed() < Duration::from_secs(5),
        "{:?}",
        started.elapsed()
    );

    // The same chain closed into a loop is refused at the first node, also fast.
    let looped = text.replacen("id: 1,\n", "id: 1,\n            parent: Some(20000),\n", 1);
    let error = refused_fast(&looped, "its own ancestor", Duration::from_secs(5));
    assert_eq!(error.problems.len(), 101);
}

#[test]
fn fifty_thousand_ids_too_large_give_a_short_answer() {
    let entries = (0..50_000u64)
        .map(|i| format!("(id: {}, name: \"\"),", io::MAX_ID + 1 + i))
        .collect::<String>();
    let text = small_project().replacen(
        "        start:",
        &format!("        jurisdictions: [{entries}],\n        start:"),
        1,
    );
    let error = refused_fast(&text, "too large", Duration::from_secs(5));
    assert!(error.problems.len() <= 102, "{}", error.problems.len());
}

#[test]
fn a_file_above_the_size_limit_is_refused_before_reading() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("huge.ron");
    // Sparse: no disk space and no time to write, yet its size is over the limit.
    let file = std::fs::File::create(&path).unwrap();
    file.set_len(io::MAX_FILE_BYTES + 1).unwrap();
    let started = Instant::now();
    let error = io::load(&path).expect_err("refused");
    assert!(
        started.elapsed() < Duration::from_millis(500),
        "it was read"
    );
    assert!(error.problems[0].message.contains("larger than"), "{error}");

    // A file under the limit is read, and refused for what it holds (NUL bytes).
    file.set_len(1024 * 1024).unwrap();
    let error = io::load(&path).expect_err("refused");
    assert!(
        !error.problems[0].message.contains("larger than"),
        "{error}"
    );
    assert!(error.problems[0].line.is_some(), "{error}");
}

#[test]
fn one_enormous_string_opens() {
    let title = "é\\\"".repeat(2_000_000);
    let text = small_project().replacen("title: \"x\"", &format!("title: \"{title}\""), 1);
    let p = load(&text).unwrap();
    assert_eq!(p.programme.title.chars().count(), 4_000_000);
}
