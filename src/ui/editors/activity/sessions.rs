//! An activity's sessions: their dates (or only their months) and where they take place.

use chrono::{Datelike, Days, NaiveDate};

use super::{apply, edit};
use crate::model::{Activity, Place, PlaceMode, Precision, Session};
use crate::plan::calendar::{self, DateShown};
use crate::ui::context::ViewContext;
use crate::ui::widgets::bound_text::BoundText;
use crate::ui::widgets::date_field::{date_field, optional_date};

fn last_of_month(date: NaiveDate) -> NaiveDate {
    let first = date.with_day(1).expect("day 1 exists");
    first
        .checked_add_months(chrono::Months::new(1))
        .expect("in range")
        - Days::new(1)
}

/// A change to the activity made in the editor: the changed activity, the undo step's name
/// and the key under which typing merges.
type Change = (Activity, String, Option<String>);

pub(super) fn sessions(ui: &mut egui::Ui, cx: &mut ViewContext<'_>, activity: &Activity) {
    ui.strong("Sessions");
    if activity.sessions.is_empty() {
        ui.label("No date yet: add a session with its dates and place.");
    }
    let mut changed: Option<Change> = None;
    for (index, session) in activity.sessions.iter().enumerate() {
        egui::Frame::group(ui.style()).show(ui, |ui| {
            egui::Grid::new(("session", session.id))
                .num_columns(2)
                .spacing([8.0, 4.0])
                .show(ui, |ui| {
                    if let Some(change) = session_dates(ui, activity, index, session) {
                        changed = Some(change);
                    }
                    if let Some(change) = session_place(ui, cx, activity, index, session) {
                        changed = Some(change);
                    }
                });
            if ui
                .button("Remove session")
                .on_hover_text("Remove this session")
                .clicked()
            {
                let mut a = activity.clone();
                a.sessions.remove(index);
                changed = Some((a, "Remove session".into(), None));
            }
        });
    }
    if ui
        .button("Add session")
        .on_hover_text("Add a date and place for this activity")
        .clicked()
    {
        let mut a = activity.clone();
        let p = &cx.project.programme;
        let shown = cx.date_shown.get();
        let start = calendar::new_session_start(
            shown,
            a.sessions.last().map(Session::last_day),
            cx.today,
            (p.start, p.end),
        );
        // A clicked day serves one new session; the next one falls back to its month.
        if let Some(DateShown::Day(day)) = shown {
            cx.date_shown
                .set(Some(DateShown::Month(calendar::month_of(day))));
        }
        a.sessions.push(Session {
            id: cx.new_id(),
            start,
            end: None,
            precision: Precision::Day,
            place: Place::default(),
        });
        changed = Some((a, "Add session".into(), None));
    }
    if let Some((a, label, key)) = changed {
        apply(cx, a, &label, key);
    }
}

/// A session's first and last day, and whether only the months are known.
fn session_dates(
    ui: &mut egui::Ui,
    activity: &Activity,
    index: usize,
    session: &Session,
) -> Option<Change> {
    let mut changed = None;
    let start_label = ui.label("First day");
    let edit = date_field(
        ui,
        &format!("session_start_{}", session.id),
        start_label.id,
        session.start,
    );
    if let Some(start) = edit.new_value {
        let mut a = activity.clone();
        let s = &mut a.sessions[index];
        s.start = if s.precision == Precision::Month {
            start.with_day(1).expect("day 1")
        } else {
            start
        };
        if s.end.is_some_and(|end| end < s.start) {
            s.end = None;
        }
        changed = Some((
            a,
            "Change session dates".into(),
            Some(format!("session:{}:start", session.id)),
        ));
    }
    ui.end_row();
    let end_label = ui.label("Last day");
    ui.horizontal(|ui| {
        if let Some(end) = optional_date(ui, ("session_end", session.id), session.end, end_label.id)
        {
            let mut a = activity.clone();
            let s = &mut a.sessions[index];
            s.end = match (end, s.precision) {
                (Some(end), Precision::Month) => Some(last_of_month(end)),
                (end, _) => end,
            };
            changed = Some((
                a,
                "Change session dates".into(),
                Some(format!("session:{}:end", session.id)),
            ));
        }
        ui.label(egui::RichText::new("empty for one day").weak());
    });
    ui.end_row();
    ui.label("");
    let mut month_only = session.precision == Precision::Month;
    if ui
        .checkbox(&mut month_only, "Only the months are known")
        .on_hover_text(
            "For plans such as “February–March 2022”: the dates are kept as whole months",
        )
        .changed()
    {
        let mut a = activity.clone();
        let s = &mut a.sessions[index];
        if month_only {
            s.precision = Precision::Month;
            s.start = s.start.with_day(1).expect("day 1");
            s.end = Some(last_of_month(s.end.unwrap_or(s.start)));
        } else {
            s.precision = Precision::Day;
        }
        changed = Some((a, "Change date precision".into(), None));
    }
    ui.end_row();
    changed
}

/// Where a session takes place: in person, online or both, and the city and country. The
/// city and country are typed; a change of mode is returned.
fn session_place(
    ui: &mut egui::Ui,
    cx: &mut ViewContext<'_>,
    activity: &Activity,
    index: usize,
    session: &Session,
) -> Option<Change> {
    let mut changed = None;
    let mode_label = ui.label("Where");
    let mut mode = session.place.mode;
    ui.horizontal(|ui| {
        egui::ComboBox::from_id_salt(("session_mode", session.id))
            .selected_text(mode_name(mode))
            .show_ui(ui, |ui| {
                for m in [PlaceMode::InPerson, PlaceMode::Online, PlaceMode::Hybrid] {
                    ui.selectable_value(&mut mode, m, mode_name(m));
                }
            })
            .response
            .labelled_by(mode_label.id);
        if mode != session.place.mode {
            let mut a = activity.clone();
            a.sessions[index].place.mode = mode;
            changed = Some((a, "Change session place".into(), None));
        }
        for (hint, value, is_city) in [
            ("City", &session.place.city, true),
            ("Country", &session.place.country, false),
        ] {
            BoundText::new(value)
                .id_salt((hint, session.id))
                .desired_width(110.0)
                .hint(hint)
                .hover(hint)
                .show(ui, cx, format!("session:{}:{hint}", session.id), |text| {
                    let mut a = activity.clone();
                    let place = &mut a.sessions[index].place;
                    if is_city {
                        place.city = text;
                    } else {
                        place.country = text;
                    }
                    edit(a, "Change session place")
                });
        }
    });
    ui.end_row();
    changed
}

fn mode_name(mode: PlaceMode) -> &'static str {
    match mode {
        PlaceMode::InPerson => "In person",
        PlaceMode::Online => "Online",
        PlaceMode::Hybrid => "Hybrid",
    }
}
