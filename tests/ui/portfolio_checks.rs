//! The findings panel of the checks across a portfolio's programmes, hosted on its own over a
//! session with a portfolio of two programmes that meet in Serbia on the same days.

use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use workplan::plan::portfolio_checks::CrossKind;
use workplan::session::Session;
use workplan::ui::views::portfolio_checks::{self, ChecksPanelState, FindingAction};

struct Host {
    session: Session,
    panel: ChecksPanelState,
    /// The actions the panel returned that are the window's to carry out (opening).
    asked: Vec<FindingAction>,
    /// The fallback font is in: until then the panel is not drawn (the harness's first
    /// frame, run as it is built, may already have findings with their ● to draw).
    fonts_ready: bool,
}

fn host(session: Session) -> Harness<'static, Host> {
    let host = Host {
        session,
        panel: ChecksPanelState::default(),
        asked: Vec::new(),
        fonts_ready: false,
    };
    let h = Harness::builder()
        .with_size(egui::vec2(1400.0, 500.0))
        .build_ui_state(
            |ui, host: &mut Host| {
                if !host.fonts_ready {
                    return;
                }
                host.session.poll(false, false);
                let Some(portfolio) = host.session.portfolio.as_ref() else {
                    return;
                };
                if let Some(action) = portfolio_checks::show(ui, portfolio, &mut host.panel)
                    && !portfolio_checks::apply(&mut host.session, &action)
                {
                    host.asked.push(action);
                }
            },
            host,
        );
    // The window's fallback font, for the symbols egui's own fonts lack (●, ■).
    h.ctx.add_font(egui::epaint::text::FontInsert::new(
        "DejaVuSans",
        egui::FontData::from_static(include_bytes!("../../assets/fonts/DejaVuSans.ttf")),
        vec![egui::epaint::text::InsertFontFamily {
            family: egui::FontFamily::Proportional,
            priority: egui::epaint::text::FontPriority::Lowest,
        }],
    ));
    let mut h = h;
    h.state_mut().fonts_ready = true;
    h
}

/// Runs frames until the session's checks have run again.
fn settle(h: &mut Harness<'_, Host>) {
    for _ in 0..1000 {
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
fn a_clash_names_both_programmes_a_duplicate_is_marked_and_a_finding_opens_in_its_member() {
    let dir = tempfile::tempdir().unwrap();
    let file = workplan::testing::clashing_portfolio(dir.path());
    let mut session = Session::default();
    session.open_portfolio(&file);
    let mut h = host(session);
    // The checks run on a worker: the panel says so until they are done (its spinner keeps
    // the frames coming, so steps rather than runs).
    h.step();
    settle(&mut h);

    // The clash in Serbia names both programmes and both activities.
    h.get_by_label_contains(
        "Firearms and ■ Containers · Serbia · same jurisdiction, same days (1)",
    );
    h.get_by_label(
        "Firearms “Firearms marking and record-keeping” in Serbia with Containers “Port control visit”, 2024-03-06",
    );
    let duplicate = "Firearms “Firearms marking and record-keeping” may duplicate Containers “Record-keeping of marked firearms”";
    h.get_by_label_contains(duplicate);

    // The committee says the pair is not the same work: a dialog asks why, naming both;
    // Cancel (or Escape) keeps the pair listed.
    h.get_by_label("Not a Duplicate").click();
    h.run();
    h.get_by_label_contains(
        "Firearms “Firearms marking and record-keeping” and Containers “Record-keeping of marked firearms” will no longer be listed",
    );
    h.get_by_label("Cancel").click();
    h.run();
    assert!(h.query_by_label("Why (optional)").is_none());
    h.get_by_label_contains(duplicate);
    h.get_by_label("Not a Duplicate").click();
    h.run();
    h.key_press(egui::Key::Escape);
    h.run();
    assert!(h.query_by_label("Why (optional)").is_none());
    assert!(
        workplan::io::portfolio::load_portfolio(&file)
            .unwrap()
            .not_duplicates
            .is_empty()
    );
    // Marked with why: it goes at once, and the mark and its note are in the portfolio file.
    h.get_by_label("Not a Duplicate").click();
    h.run();
    h.get_by_label("Why (optional)")
        .type_text("One follows up the other");
    h.get_by_label("Mark as Not a Duplicate").click();
    h.run_steps(2);
    assert!(h.query_by_label_contains(duplicate).is_none());
    assert!(h.query_by_label("Not a Duplicate").is_none());
    let saved = workplan::io::portfolio::load_portfolio(&file).unwrap();
    assert_eq!(saved.not_duplicates.len(), 1);
    assert_eq!(saved.not_duplicates[0].first.member, "firearms.ron");
    assert_eq!(saved.not_duplicates[0].second.member, "containers.ron");
    assert_eq!(saved.not_duplicates[0].note, "One follows up the other");
    // After the re-run it stays quiet, and the marked pair is listed to take back.
    settle(&mut h);
    assert!(h.query_by_label_contains(duplicate).is_none());
    h.get_by_label("Marked not duplicates (1)");
    assert!(
        h.state()
            .session
            .portfolio
            .as_ref()
            .unwrap()
            .findings()
            .iter()
            .all(|f| f.kind != CrossKind::Duplicate)
    );

    // Opening the clash's second side names the member and the activity in its file.
    h.get_by_label("Open in Containers").click();
    h.run();
    let containers = workplan::io::load(&dir.path().join("containers.ron")).unwrap();
    assert_eq!(
        h.state().asked,
        [FindingAction::Open {
            member: 1,
            activity: containers.activities[0].id,
        }]
    );

    // A group's header closes it, and the filter by programme narrows the list.
    h.get_by_label_contains("Containers · Serbia").click();
    h.run();
    assert!(h.query_by_label("Open in Containers").is_none());
    h.get_by_label_contains("Containers · Serbia").click();
    h.run();
    h.get_by_label("Open in Containers");
    h.get_by_label("Collapse All").click();
    h.run();
    assert!(h.query_by_label("Open in Containers").is_none());
    h.get_by_label("Expand All").click();
    h.run();
    h.get_by_label("Open in Containers");
    h.get_by_label("Search").click();
    h.run();
    h.get_by_label("Search").type_text("nothing like this");
    h.run();
    h.get_by_label("No finding matches the filter.");
    h.get_by_label("Show All").click();
    h.run();
    h.get_by_label("Open in Containers");
}

#[test]
fn no_clashes_between_programmes_is_said_plainly() {
    let dir = tempfile::tempdir().unwrap();
    let file = workplan::testing::clashing_portfolio(dir.path());
    // The containers team drops both its activities.
    let path = dir.path().join("containers.ron");
    let mut containers = workplan::io::load(&path).unwrap();
    containers.activities.clear();
    workplan::io::save(&containers, &path).unwrap();
    let mut session = Session::default();
    session.open_portfolio(&file);
    let mut h = host(session);
    h.step();
    settle(&mut h);
    h.get_by_label_contains("No clashes between programmes");
    h.get_by_label_contains("2 programmes checked");
}
