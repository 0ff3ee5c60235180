//! An indicator's periods in the objective editor, and the status dots of the tree.

use egui::{Key, Modifiers};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use workplan::model::{Measurement, Period, Value};
use workplan::ui::WorkplanApp;

use crate::support::*;

const PILLAR: &str = "Drug prevention and treatment, HIV treatment and care";

/// The sample with the editor of the pillar whose one indicator has no periods yet.
fn pillar_editor() -> Harness<'static, WorkplanApp> {
    let chooser = ScriptedChooser::default();
    let mut h = harness_sized(&chooser, egui::vec2(1400.0, 1400.0));
    open_sample(&mut h);
    {
        // The sample's pillar also has a qualitative indicator tracked per year; leave the one
        // without periods, so the editor shows one table.
        let p = &mut h.state_mut().session.doc_mut().unwrap().project;
        let node = p.objectives.iter_mut().find(|o| o.title == PILLAR).unwrap();
        node.indicators.retain(|i| i.periods.is_empty());
        assert_eq!(node.indicators.len(), 1);
    }
    h.get_by_label("Objectives").click();
    h.run();
    h.get_by_label(&format!("6 {PILLAR}")).click();
    h.run();
    h
}

fn periods(h: &Harness<'_, WorkplanApp>) -> Vec<(Period, Option<Value>, Option<Value>)> {
    let p = &h.state().session.doc().unwrap().project;
    let node = p.objectives.iter().find(|o| o.title == PILLAR).unwrap();
    node.indicators[0]
        .periods
        .iter()
        .map(|p| {
            let actual = p.actual.as_ref().map(|a| a.value.clone());
            (p.period, p.target.clone(), actual)
        })
        .collect()
}

fn undo(h: &mut Harness<'_, WorkplanApp>) {
    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    h.run();
}

#[test]
fn add_a_year_type_its_target_and_actual_see_the_status_and_undo() {
    let mut h = pillar_editor();
    assert!(shows(&h, "No periods yet — add a year"));
    h.get_by_label("Add year…").click();
    h.run();
    // The programme starts in 2009, the first year free.
    h.get_by_label("Add 2009").click();
    h.run();
    assert_eq!(periods(&h), [(Period::Year(2009), None, None)]);
    assert!(!shows(&h, "No periods yet"));
    assert!(shows(&h, "Status 2009: no data"));

    type_into(&mut h, "Target 2009", "4");
    type_into(&mut h, "Actual 2009", "3");
    h.key_press(Key::Tab);
    h.run();
    assert_eq!(
        periods(&h),
        [(
            Period::Year(2009),
            Some(Value::Number(4.0)),
            Some(Value::Number(3.0))
        )]
    );
    assert!(shows(&h, "Percent 2009: 75 %"));
    assert!(shows(&h, "Status 2009: at risk"), "75 % is under 90 %");

    // The actual, the target and the year are three steps.
    undo(&mut h);
    assert_eq!(
        periods(&h),
        [(Period::Year(2009), Some(Value::Number(4.0)), None)]
    );
    assert!(shows(&h, "Percent 2009: —"));
    undo(&mut h);
    assert_eq!(periods(&h), [(Period::Year(2009), None, None)]);
    undo(&mut h);
    assert!(periods(&h).is_empty(), "the period is gone");
    assert!(shows(&h, "No periods yet"));
}

#[test]
fn the_next_year_is_offered_and_a_period_is_removed_from_its_menu() {
    let mut h = pillar_editor();
    for year in ["Add 2009", "Add 2010"] {
        h.get_by_label("Add year…").click();
        h.run();
        h.get_by_label(year).click();
        h.run();
    }
    assert_eq!(periods(&h).len(), 2);
    h.get_by_label("Period 2009").click_secondary();
    h.run();
    h.get_by_label("Remove 2009").click();
    h.run();
    assert_eq!(periods(&h), [(Period::Year(2010), None, None)]);
}

#[test]
fn the_tree_and_the_matrix_show_each_objective_s_results() {
    let chooser = ScriptedChooser::default();
    let mut h = harness_sized(&chooser, egui::vec2(1400.0, 1000.0));
    open_sample(&mut h);
    {
        let p = &mut h.state_mut().session.doc_mut().unwrap().project;
        // Only the indicator set here has data: the sample's own periods and values are
        // cleared, so the one dot at risk is this one.
        for i in p.objectives.iter_mut().flat_map(|o| &mut o.indicators) {
            i.periods.clear();
            i.latest = None;
            i.computed = None;
        }
        let node = p
            .objectives
            .iter_mut()
            .find(|o| o.title == "Organised crime and illicit trafficking")
            .unwrap();
        let indicator = &mut node.indicators[0];
        indicator.computed = None;
        indicator.target = Some(Measurement {
            value: Value::Number(6.0),
            date: None,
        });
        indicator.latest = Some(Measurement {
            value: Value::Number(4.0),
            date: None,
        });
    }
    h.get_by_label("Objectives").click();
    h.run();
    // 4 of 6 is 67 %: at risk by the default thresholds; the others' values are text.
    assert_eq!(h.query_all_by_label("Results: at risk").count(), 1);
    assert!(h.query_all_by_label("Results: no data").count() >= 2);
    h.get_by_label("Results: at risk").hover();
    h.run();
    assert!(shows(
        &h,
        "Regional expert meetings held under the pillar: 67 % — at risk"
    ));
    h.get_by_label("Logframe matrix").click();
    h.run();
    assert_eq!(h.query_all_by_label("Results: at risk").count(), 1);
    assert!(
        shows(&h, "Progress: 67 % — at risk (1)"),
        "the indicator's own line"
    );
}

#[test]
fn breakdowns_fold_out_under_their_period_and_warn_until_they_add_up() {
    let mut h = pillar_editor();
    h.get_by_label("Add year…").click();
    h.run();
    h.get_by_label("Add 2009").click();
    h.run();
    type_into(&mut h, "Actual 2009", "10");
    h.key_press(Key::Tab);
    h.run();
    assert!(!shows(&h, "No breakdowns"), "folded at first");
    h.get_by_label("Period 2009").click();
    h.run();
    assert!(shows(&h, "No breakdowns"));
    h.get_by_label("Add breakdown row").click();
    h.run();
    type_into(&mut h, "Breakdown actual 2009 row 1", "4");
    h.key_press(Key::Tab);
    h.run();
    assert!(shows(
        &h,
        "The sex categories add up to 4, not to the actual 10"
    ));
    h.get_by_label("Add breakdown row").click();
    h.run();
    type_into(&mut h, "Breakdown actual 2009 row 2", "6");
    h.key_press(Key::Tab);
    h.run();
    assert!(!shows(&h, "categories add up"), "4 women and 6 men make 10");
    let p = &h.state().session.doc().unwrap().project;
    let node = p.objectives.iter().find(|o| o.title == PILLAR).unwrap();
    let rows: Vec<(&str, &str)> = node.indicators[0].periods[0]
        .breakdowns
        .iter()
        .map(|b| (b.dimension.as_str(), b.category.as_str()))
        .collect();
    assert_eq!(rows, [("sex", "female"), ("sex", "male")]);
    undo(&mut h);
    assert!(
        shows(&h, "The sex categories add up to 4"),
        "the 6 is undone"
    );

    // Words in a numeric table: kept as typed, with no percent.
    type_into(&mut h, "Target 2009", "about 12");
    h.key_press(Key::Tab);
    h.run();
    assert!(shows(&h, "Percent 2009: —"));
    assert_eq!(periods(&h)[0].1, Some(Value::Text("about 12".into())));
}

#[test]
fn the_thresholds_are_set_in_the_programme_view_and_undone_in_one_step() {
    let chooser = ScriptedChooser::default();
    let mut h = harness(&chooser);
    open_sample(&mut h);
    let thresholds = |h: &Harness<'_, WorkplanApp>| {
        let t = h.state().session.doc().unwrap().project.settings.results;
        (t.on_track, t.at_risk)
    };
    assert_eq!(thresholds(&h), (90.0, 60.0));
    h.get_by_label("at risk from").scroll_to_me();
    h.run();
    h.get_by_label("at risk from").focus();
    h.run();
    h.key_press_modifiers(Modifiers::COMMAND, Key::A);
    h.get_by_label("at risk from").type_text("50");
    h.run();
    h.key_press(Key::Enter);
    h.run();
    assert_eq!(thresholds(&h), (90.0, 50.0));
    undo(&mut h);
    assert_eq!(thresholds(&h), (90.0, 60.0), "one step");
}

/// The sample on `today`, with the editor of the pillar titled `title` open.
fn editor_on(today: chrono::NaiveDate, title: &str) -> Harness<'static, WorkplanApp> {
    let chooser = ScriptedChooser::default();
    let app = WorkplanApp::new(Box::new(chooser.clone()), today);
    let mut h = Harness::builder()
        .with_size(egui::vec2(1400.0, 1400.0))
        .with_max_steps(16)
        .build_ui_state(|ui, app: &mut WorkplanApp| app.show(ui), app);
    open_sample(&mut h);
    let label = {
        let p = &h.state().session.doc().unwrap().project;
        let node = p.objectives.iter().find(|o| o.title == title).unwrap();
        let codes = workplan::plan::tree::outline_codes(&p.objectives);
        format!("{} {title}", codes[&node.id])
    };
    h.get_by_label("Objectives").click();
    h.run();
    h.get_by_label(&label).click();
    h.run();
    h
}

#[test]
fn a_computed_indicator_s_periods_show_what_was_counted_from_the_activities() {
    // Mid-2010: the sample's two regional expert meetings of the pillar were done in
    // November and December 2009; none is done yet in 2010.
    let today = chrono::NaiveDate::from_ymd_opt(2010, 6, 1).unwrap();
    let h = editor_on(today, "Organised crime and illicit trafficking");
    assert!(shows(&h, "Actuals counted from the activities"));
    assert!(shows(&h, "Actual 2009: 2, counted from the activities"));
    assert!(
        shows(&h, "Percent 2009: 100 %"),
        "2 of the 2 meetings planned"
    );
    assert!(shows(&h, "Status 2009: on track"));
    // A year still running with nothing done in it has no actual yet, rather than 0.
    assert!(shows(&h, "Actual 2010: —, counted from the activities"));
    assert!(shows(&h, "Status 2010: no data"));
    // Counted values are not typed: of the pillar's two indicators tracked in 2009, only the
    // one measured by hand has an actual to edit; both have a target.
    assert_eq!(h.query_all_by_label("Actual 2009").count(), 1);
    assert_eq!(h.query_all_by_label("Target 2009").count(), 2);
}

#[test]
fn an_actual_s_source_folds_out_under_its_period_and_is_undone_in_one_step() {
    let mut h = pillar_editor();
    h.get_by_label("Add year…").click();
    h.run();
    h.get_by_label("Add 2009").click();
    h.run();
    // Five columns fit the editor; the date, source and comment wait under the period.
    assert!(h.query_by_label("Source 2009").is_none(), "folded at first");
    h.get_by_label("Period 2009").click();
    h.run();
    type_into(&mut h, "Source 2009", "Survey of the ministries");
    h.key_press(Key::Tab);
    h.run();
    let source = |h: &Harness<'_, WorkplanApp>| {
        let p = &h.state().session.doc().unwrap().project;
        let node = p.objectives.iter().find(|o| o.title == PILLAR).unwrap();
        node.indicators[0].periods[0]
            .actual
            .as_ref()
            .map(|a| a.source.clone())
    };
    assert_eq!(source(&h).as_deref(), Some("Survey of the ministries"));
    undo(&mut h);
    assert_eq!(
        source(&h),
        None,
        "an actual with nothing left in it is gone"
    );
}
