//! A portfolio in the window: its members panel, the combined plan, the jump to an activity
//! in its member, a member locked by someone else, and a member changed on disk.

use std::path::{Path, PathBuf};

use egui_kittest::Harness;
use egui_kittest::kittest::{NodeT, Queryable};
use workplan::model::portfolio::{Portfolio, PortfolioMember};
use workplan::session::lock;
use workplan::ui::{Choice, WorkplanApp};

use crate::support::*;

const SEE: &str = "South Eastern Europe";

/// A folder with the sample as one member and a broken file as the other, and the portfolio
/// file naming them.
fn folder(with_broken: bool) -> (PathBuf, PathBuf) {
    let dir = tempfile::tempdir_in(env!("CARGO_TARGET_TMPDIR"))
        .unwrap()
        .keep();
    std::fs::copy(workplan::testing::sample_path(), dir.join("see.ron")).unwrap();
    let mut members = vec![PortfolioMember {
        path: "see.ron".into(),
        name: SEE.into(),
        colour: "#1f77b4".into(),
    }];
    if with_broken {
        std::fs::write(dir.join("broken.ron"), "(format_version: 3, next_id: ").unwrap();
        members.push(PortfolioMember {
            path: "broken.ron".into(),
            name: "Container Control".into(),
            colour: "#d62728".into(),
        });
    }
    let portfolio = Portfolio {
        name: "Regional office".into(),
        members,
        ..Portfolio::default()
    };
    let file = dir.join("office.wpf");
    workplan::io::portfolio::save_portfolio(&portfolio, &file).unwrap();
    (dir, file)
}

/// File > Open Portfolio…, the dialog answered with `file`, and the members read.
fn open_portfolio(h: &mut Harness<'_, WorkplanApp>, chooser: &ScriptedChooser, file: &Path) {
    chooser.answer(Choice::Chosen(file.to_path_buf()));
    menu_then_settle(h, "Open Portfolio…");
}

/// A File menu item whose work goes on on workers (the panel's spinner repaints meanwhile).
fn menu_then_settle(h: &mut Harness<'_, WorkplanApp>, item: &str) {
    h.get_by_label("File").click();
    h.run();
    h.get_by_label(item).click();
    h.step();
    settle(h);
}

/// Lets the members' workers finish and the window show what they read.
fn settle(h: &mut Harness<'_, WorkplanApp>) {
    h.state_mut().session.wait_for_portfolio();
    h.run();
    h.state_mut().session.wait_for_portfolio();
    h.run();
}

fn sample_first() -> (workplan::model::Id, String) {
    let sample = workplan::io::load(&workplan::testing::sample_path()).unwrap();
    let activity = &sample.activities[0];
    (activity.id, activity.title.clone())
}

#[test]
fn a_broken_member_is_reported_with_its_file_and_the_other_shows_in_the_combined_table() {
    let (_dir, file) = folder(true);
    let chooser = ScriptedChooser::default();
    let mut h = harness(&chooser);
    open_portfolio(&mut h, &chooser, &file);
    assert!(h.state().combined_shown());
    assert!(
        shows(&h, "Regional office"),
        "the panel names the portfolio"
    );
    let broken = h
        .query_all_by_label_contains("Unreadable:")
        .next()
        .expect("the broken member says why")
        .accesskit_node()
        .value()
        .unwrap_or_default()
        .to_string();
    assert!(broken.contains("broken.ron:1:"), "{broken:?}");
    // The readable member's activities, each with its programme.
    let (_, title) = sample_first();
    assert!(shows(&h, &title));
    assert!(
        h.query_all_by_label("Programme").next().is_some(),
        "the column"
    );
    assert!(
        h.query_all_by_label(SEE).count() > 3,
        "the Programme column names the member on its rows"
    );
    // The broken member cannot be opened for editing.
    assert!(
        h.query_all_by_label("Edit")
            .any(|b| b.accesskit_node().is_disabled()),
        "Edit is off for the unreadable member"
    );
    assert!(
        h.state().session.doc().is_none(),
        "nothing opened for editing"
    );
}

#[test]
fn double_clicking_a_combined_activity_opens_its_member_with_it_selected() {
    let (dir, file) = folder(false);
    let chooser = ScriptedChooser::default();
    let mut h = harness(&chooser);
    open_portfolio(&mut h, &chooser, &file);
    let (id, title) = sample_first();
    double_click(&mut h, &title);
    settle(&mut h);
    let app = h.state();
    assert!(!app.combined_shown(), "the member is on screen");
    let doc = app.session.doc().expect("the member opened for editing");
    assert!(doc.path.as_deref().unwrap().ends_with("see.ron"));
    assert!(doc.read_only.is_none());
    assert_eq!(
        app.workplan.selected.iter().copied().collect::<Vec<_>>(),
        [id]
    );
    assert!(
        lock::lock_path(&dir.join("see.ron")).exists(),
        "its lock taken"
    );
    assert!(shows(&h, "Open for editing"), "the panel says so");
    // Its edits are its own file's: undoable, marked in the title, saved to it.
    let mut changed = h
        .state()
        .session
        .doc()
        .unwrap()
        .project
        .activity(id)
        .unwrap()
        .clone();
    changed.title = "Edited in its own file".into();
    h.state_mut().perform(
        workplan::ui::Action::Apply(workplan::edit::history::Edit::new(
            workplan::edit::commands::Command::SetActivity(Box::new(changed)),
            "Rename",
        )),
        false,
    );
    h.run();
    assert!(
        h.state().window_title().starts_with('*'),
        "{}",
        h.state().window_title()
    );
    h.state_mut().perform(workplan::ui::Action::Save, false);
    wait_for_save(&mut h);
    let on_disk = workplan::io::load(&dir.join("see.ron")).unwrap();
    assert_eq!(
        on_disk.activity(id).unwrap().title,
        "Edited in its own file"
    );
    // Back to the combined plan, as it was left.
    h.get_by_label("Combined plan").click();
    h.run();
    assert!(h.state().combined_shown());
}

#[test]
fn a_member_locked_by_someone_else_stays_read_only_and_says_by_whom() {
    let (dir, file) = folder(false);
    let other = lock::Holder {
        user: "amira".into(),
        host: "office-pc".into(),
        ..lock::Holder::me()
    };
    let _theirs = match lock::acquire(&dir.join("see.ron"), &other).unwrap() {
        lock::Acquired::Locked(l) => l,
        lock::Acquired::HeldBy(_) => panic!("nobody had it"),
    };
    let chooser = ScriptedChooser::default();
    let mut h = harness(&chooser);
    open_portfolio(&mut h, &chooser, &file);
    assert!(shows(&h, "Locked by amira on office-pc (read-only)"));
    let (_, title) = sample_first();
    double_click(&mut h, &title);
    h.run();
    assert!(h.state().combined_shown(), "still the combined plan");
    assert!(h.state().session.doc().is_none(), "not opened for editing");
    let notice = h.state().notice.as_ref().map(|n| n.text.clone());
    assert!(
        notice.as_deref().is_some_and(|t| t.contains("amira")),
        "{notice:?}"
    );
}

#[test]
fn a_member_changed_on_disk_refreshes_in_the_combined_table() {
    let (dir, file) = folder(false);
    let chooser = ScriptedChooser::default();
    let mut h = harness(&chooser);
    open_portfolio(&mut h, &chooser, &file);
    let member = dir.join("see.ron");
    let mut changed = workplan::io::load(&member).unwrap();
    changed.activities[0].title = "Renamed by its team".into();
    std::thread::sleep(std::time::Duration::from_millis(20));
    workplan::io::save(&changed, &member).unwrap();
    assert!(!shows(&h, "Renamed by its team"));
    // The window getting the focus back compares the members with the disk.
    h.event(egui::Event::WindowFocused(true));
    h.step();
    settle(&mut h);
    assert!(shows(&h, "Renamed by its team"));
    assert!(shows(&h, "read again after a change on disk"));
}

#[test]
fn a_new_portfolio_is_empty_and_offers_to_add_members_and_editing_is_refused_gently() {
    let (dir, _) = folder(false);
    let chooser = ScriptedChooser::default();
    let mut h = harness(&chooser);
    chooser.answer(Choice::Chosen(dir.join("new-office")));
    menu_then_settle(&mut h, "New Portfolio…");
    assert!(
        dir.join("new-office.wpf").exists(),
        "written with its extension"
    );
    assert!(shows(&h, "This portfolio has no members yet"));
    chooser.answer(Choice::Chosen(dir.join("see.ron")));
    h.get_by_label("Add Member…").click();
    h.step();
    settle(&mut h);
    let saved = workplan::io::portfolio::load_portfolio(&dir.join("new-office.wpf")).unwrap();
    assert_eq!(saved.members.len(), 1);
    assert_eq!(saved.members[0].path, "see.ron");
    let (_, title) = sample_first();
    assert!(shows(&h, &title), "its activities in the combined table");
    // An edit reaching the combined plan is refused, naming the way to make it.
    h.state_mut().perform(workplan::ui::Action::Undo, false);
    let notice = h.state().notice.as_ref().map(|n| n.text.clone());
    assert!(
        notice.as_deref().is_some_and(|t| t.contains("read-only")),
        "{notice:?}"
    );
}

#[test]
fn the_filter_by_programme_leaves_a_member_out_of_the_combined_table() {
    let (dir, file) = folder(false);
    // A second readable member: a copy of the sample under another name.
    std::fs::copy(dir.join("see.ron"), dir.join("copy.ron")).unwrap();
    let chooser = ScriptedChooser::default();
    let mut h = harness(&chooser);
    open_portfolio(&mut h, &chooser, &file);
    h.state_mut().session.add_members(&[dir.join("copy.ron")]);
    settle(&mut h);
    let (_, title) = sample_first();
    assert_eq!(
        h.query_all_by_label(&title).count(),
        2,
        "one row per member"
    );
    h.get_by_label("Show copy in the combined views").click();
    h.run();
    assert_eq!(
        h.query_all_by_label(&title).count(),
        1,
        "one member left out"
    );
    assert_eq!(
        h.query_all_by_label("copy").count(),
        1,
        "only the members panel names the member left out, no row"
    );
    // A colleague reorders the members in the portfolio file: the filter stays on the copy.
    let mut reordered = workplan::io::portfolio::load_portfolio(&file).unwrap();
    reordered.members.reverse();
    assert_eq!(reordered.members[0].path, "copy.ron");
    std::thread::sleep(std::time::Duration::from_millis(20));
    workplan::io::portfolio::save_portfolio(&reordered, &file).unwrap();
    h.event(egui::Event::WindowFocused(true));
    h.step();
    settle(&mut h);
    assert_eq!(
        h.state().session.portfolio.as_ref().unwrap().members[0]
            .member
            .path,
        "copy.ron",
        "the reordered file taken in"
    );
    assert_eq!(h.query_all_by_label(&title).count(), 1);
    assert_eq!(
        h.query_all_by_label("copy").count(),
        1,
        "still the copy left out, not the member now at its place"
    );
    h.get_by_label("Show copy in the combined views").click();
    h.run();
    assert_eq!(h.query_all_by_label(&title).count(), 2);
}

#[test]
fn a_broken_portfolio_file_is_refused_with_its_line_and_column() {
    let (dir, _) = folder(false);
    let file = dir.join("broken.wpf");
    std::fs::write(&file, "(\n\tportfolio_version: 1,\n\tmembers: [(path: ,\n)").unwrap();
    let chooser = ScriptedChooser::default();
    let mut h = harness(&chooser);
    open_portfolio(&mut h, &chooser, &file);
    assert!(h.state().modal_is_open(), "the error dialog");
    assert!(shows(&h, "The portfolio could not be opened"));
    assert!(shows(&h, "broken.wpf:3:"), "where the problem is");
    assert!(h.state().session.portfolio.is_none());
}

#[test]
fn members_are_renamed_recoloured_and_removed_each_saved_at_once() {
    let (dir, file) = folder(true);
    let chooser = ScriptedChooser::default();
    let mut h = harness(&chooser);
    open_portfolio(&mut h, &chooser, &file);
    // Colour from the palette, through the swatch's menu.
    h.get_by_label(&format!("Colour of {SEE}")).click();
    h.run();
    h.get_by_label("Colour #2ca02c").click();
    h.run();
    let saved = workplan::io::portfolio::load_portfolio(&file).unwrap();
    assert_eq!(saved.members[0].colour, "#2ca02c");
    assert!(shows(&h, "saved office.wpf"));
    // Remove the broken member, after the question.
    h.query_all_by_label("More").nth(1).unwrap().click();
    h.run();
    h.get_by_label("Remove Member…").click();
    h.run();
    h.get_by_label("Remove Member").click();
    h.run();
    let saved = workplan::io::portfolio::load_portfolio(&file).unwrap();
    assert_eq!(saved.members.len(), 1);
    assert!(
        dir.join("broken.ron").exists(),
        "its file is left as it was"
    );
    // Rename the other in place.
    h.get_by_label("More").click();
    h.run();
    h.get_by_label("Rename…").click();
    h.run();
    h.get_by_label("Name").type_text("x");
    h.key_press(egui::Key::Enter);
    h.run();
    let saved = workplan::io::portfolio::load_portfolio(&file).unwrap();
    assert_eq!(saved.members[0].name, format!("{SEE}x"));
}

#[test]
fn file_export_writes_the_combined_calendar_of_every_member_read_and_names_the_one_left_out() {
    let (dir, file) = folder(true);
    // A second readable programme, with the same ids as the first.
    std::fs::copy(workplan::testing::sample_path(), dir.join("gfp.ron")).unwrap();
    let mut portfolio = workplan::io::portfolio::load_portfolio(&file).unwrap();
    portfolio.members.push(PortfolioMember {
        path: "gfp.ron".into(),
        name: "Global Firearms".into(),
        colour: "#2ca02c".into(),
    });
    workplan::io::portfolio::save_portfolio(&portfolio, &file).unwrap();
    let chooser = ScriptedChooser::default();
    let mut h = harness(&chooser);
    open_portfolio(&mut h, &chooser, &file);
    assert!(h.state().combined_shown());

    h.get_by_label("File").click();
    h.run();
    h.get_by_label("Export").click();
    h.run();
    assert!(
        h.get_by_label("Project (JSON)…")
            .accesskit_node()
            .is_disabled(),
        "a document of one programme is not offered for the combined plan"
    );
    // A name without an extension gets the format's own.
    chooser.answer(Choice::Chosen(dir.join("office")));
    h.get_by_label("Calendar (iCalendar)…").click();
    h.run();

    let ics = std::fs::read_to_string(dir.join("office.ics")).expect("the calendar was written");
    let uids: Vec<&str> = ics.lines().filter(|l| l.starts_with("UID:")).collect();
    let of = |path: &str| uids.iter().filter(|u| u.contains(path)).count();
    assert!(of(".see.ron@") > 0, "the first member's events");
    assert_eq!(
        of(".see.ron@"),
        of(".gfp.ron@"),
        "the second member, a copy, has as many"
    );
    let distinct: std::collections::BTreeSet<_> = uids.iter().collect();
    assert_eq!(
        distinct.len(),
        uids.len(),
        "the same ids give distinct UIDs"
    );
    assert!(ics.contains("CATEGORIES:Global Firearms"));
    assert!(
        shows(&h, "Exported the calendar (iCalendar) of 2 programmes to"),
        "the status bar names the file"
    );
    assert!(
        shows(&h, "Container Control (broken.ron)"),
        "and the member left out"
    );
    assert_eq!(
        std::fs::read_to_string(dir.join("broken.ron")).unwrap(),
        "(format_version: 3, next_id: ",
        "the broken member's file is left as it was"
    );

    // A programme the filter hides is left out of the export, and the status bar says so.
    h.get_by_label("Show Global Firearms in the combined views")
        .click();
    h.run();
    chooser.answer(Choice::Chosen(dir.join("filtered.ics")));
    h.get_by_label("File").click();
    h.run();
    h.get_by_label("Export").click();
    h.run();
    h.get_by_label("Calendar (iCalendar)…").click();
    h.run();
    let ics = std::fs::read_to_string(dir.join("filtered.ics")).expect("written");
    assert!(ics.contains(".see.ron@") && !ics.contains(".gfp.ron@"));
    assert!(
        shows(
            &h,
            "without Global Firearms, as the filter by programme hides it"
        ),
        "the status bar names the programme filtered out"
    );
}

#[test]
fn an_export_over_a_member_file_is_refused() {
    let (dir, file) = folder(false);
    let chooser = ScriptedChooser::default();
    let mut h = harness(&chooser);
    open_portfolio(&mut h, &chooser, &file);
    let before = std::fs::read(dir.join("see.ron")).unwrap();
    chooser.answer(Choice::Chosen(dir.join("see.ron")));
    menu(&mut h, "File", "Export");
    h.get_by_label("Workplan (XLSX)…").click();
    h.run();
    assert!(shows(&h, "is the project file of South Eastern Europe"));
    assert_eq!(std::fs::read(dir.join("see.ron")).unwrap(), before);
}

/// Runs frames until the checks across the members have run.
fn settle_checks(h: &mut Harness<'_, WorkplanApp>) {
    settle(h);
    for _ in 0..2000 {
        let busy = h
            .state()
            .session
            .portfolio
            .as_ref()
            .is_some_and(|p| p.is_busy() || p.checks_busy());
        if !busy {
            break;
        }
        std::thread::sleep(std::time::Duration::from_millis(2));
        h.step();
    }
    h.run();
}

#[test]
fn the_checks_tab_names_both_programmes_of_a_clash_and_opens_the_activity_in_its_member() {
    let dir = tempfile::tempdir_in(env!("CARGO_TARGET_TMPDIR")).unwrap();
    let file = workplan::testing::clashing_portfolio(dir.path());
    let chooser = ScriptedChooser::default();
    let mut h = harness(&chooser);
    open_portfolio(&mut h, &chooser, &file);
    settle_checks(&mut h);
    let found = h
        .state()
        .session
        .portfolio
        .as_ref()
        .unwrap()
        .findings()
        .len();
    assert!(found >= 2, "the clash and the likely duplicate: {found}");
    // The tab counts the findings and shows them in place of the combined plan's views.
    h.get_by_label(&format!("Checks across programmes ({found})"))
        .click();
    h.run();
    assert!(
        h.query_by_label("Port control visit").is_none(),
        "the combined table's rows give way to the findings"
    );
    h.get_by_label(
        "Firearms “Firearms marking and record-keeping” in Serbia with Containers “Port control visit”, 2024-03-06",
    );
    // A likely duplicate marked as none, saved in the portfolio file at once.
    h.get_by_label("Not a Duplicate").click();
    h.run();
    // It asks why first; Enter in the field marks the pair.
    h.get_by_label("Why (optional)")
        .type_text("Different ports");
    h.run();
    h.key_press(egui::Key::Enter);
    h.run();
    assert!(shows(&h, "Marked as not a duplicate; saved"));
    let saved = workplan::io::portfolio::load_portfolio(&file).unwrap();
    assert_eq!(saved.not_duplicates.len(), 1);
    assert_eq!(saved.not_duplicates[0].note, "Different ports");
    settle_checks(&mut h);
    // The clash is listed first: its "Open in Containers" opens that member, its activity
    // selected.
    let containers = workplan::io::load(&dir.path().join("containers.ron")).unwrap();
    let visit = containers
        .activities
        .iter()
        .find(|a| a.title == "Port control visit")
        .unwrap()
        .id;
    h.query_all_by_label("Open in Containers")
        .next()
        .expect("the finding opens either side")
        .click();
    h.run();
    settle(&mut h);
    let app = h.state();
    assert!(!app.combined_shown(), "the member is on screen");
    let doc = app.session.doc().expect("the member opened for editing");
    assert!(doc.path.as_deref().unwrap().ends_with("containers.ron"));
    assert!(doc.read_only.is_none());
    assert_eq!(
        app.workplan.selected.iter().copied().collect::<Vec<_>>(),
        [visit]
    );
    // Combined plan comes back to the findings as they were left; pressed again, to the
    // plan's views.
    h.get_by_label("Combined plan").click();
    h.run();
    assert!(h.state().combined_shown());
    assert!(shows(
        &h,
        "Firearms “Firearms marking and record-keeping” in Serbia with"
    ));
    assert!(h.query_by_label("Port control visit").is_none());
    h.get_by_label("Combined plan").click();
    h.run();
    assert!(
        h.query_by_label("Port control visit").is_some(),
        "the combined table"
    );
}

#[test]
fn the_combined_calendar_marks_the_clashes_the_checks_list_for_the_same_beneficiaries() {
    let dir = tempfile::tempdir_in(env!("CARGO_TARGET_TMPDIR")).unwrap();
    let file = workplan::testing::clashing_portfolio(dir.path());
    // A meeting held in Austria for Serbia's counterparts in the week the firearms programme
    // works in Serbia: the checks across files list it, so the calendar marks it too.
    let containers = dir.path().join("containers.ron");
    let mut project = workplan::io::load(&containers).unwrap();
    let meeting = project
        .activities
        .iter_mut()
        .find(|a| a.title == "Record-keeping of marked firearms")
        .unwrap();
    let day = |d| chrono::NaiveDate::from_ymd_opt(2024, 3, d).unwrap();
    meeting.sessions[0].start = day(5);
    meeting.sessions[0].end = Some(day(5));
    workplan::io::save(&project, &containers).unwrap();
    let chooser = ScriptedChooser::default();
    let mut h = harness(&chooser);
    open_portfolio(&mut h, &chooser, &file);
    settle(&mut h);
    h.get_by_label("Record-keeping of marked firearms").click();
    h.run();
    h.get_by_label("Calendar").click();
    h.run();
    h.get_by_label("Go to selection").click();
    h.run();
    assert!(shows(&h, "March 2024"));
    assert!(
        h.query_by_label("Record-keeping of marked firearms (clash)")
            .is_some(),
        "held elsewhere, for the same beneficiaries"
    );
}

#[test]
fn the_combined_calendar_marks_a_clash_between_two_programmes() {
    let dir = tempfile::tempdir_in(env!("CARGO_TARGET_TMPDIR")).unwrap();
    let file = workplan::testing::clashing_portfolio(dir.path());
    let chooser = ScriptedChooser::default();
    let mut h = harness(&chooser);
    open_portfolio(&mut h, &chooser, &file);
    settle(&mut h);
    // Selected in the combined table, then its month in the calendar.
    h.get_by_label("Port control visit").click();
    h.run();
    h.get_by_label("Calendar").click();
    h.run();
    h.get_by_label("Go to selection").click();
    h.run();
    assert!(shows(&h, "March 2024"));
    // The pairs come with the combination; each bar of the clash says so.
    for title in ["Port control visit", "Firearms marking and record-keeping"] {
        assert!(
            h.query_by_label(&format!("{title} (clash)")).is_some(),
            "{title}"
        );
    }
}
