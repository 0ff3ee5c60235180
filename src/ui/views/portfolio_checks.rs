//! The findings of the checks across a portfolio's programmes: grouped by kind, pair of
//! programmes and jurisdiction (person, partner) under headers with their counts, narrowed
//! by kind, programme and words, each finding a line naming both programmes with a button to
//! open either activity in its member, and on a likely duplicate a button to mark the pair as
//! none. The rows are virtualised, so a portfolio with 100,000 findings stays usable.
//!
//! The panel reads the session's `OpenPortfolio` (the findings a worker found) and returns
//! what the user asked for as a [`FindingAction`]; [`apply`] carries out the marks.

use std::collections::HashMap;

use egui::{Color32, RichText};

use crate::model::Id;
use crate::model::portfolio::{MemberActivity, parse_colour};
use crate::plan::checks::Certainty;
use crate::plan::dates::format_date;
use crate::plan::portfolio_checks::{self as cross, CrossFinding, CrossKind, Filter, Group, Kept};
use crate::session::Session;
use crate::session::portfolio::{CrossChecks, OpenPortfolio};
use crate::ui::theme;

/// What the user asked of a finding.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum FindingAction {
    /// Open this activity of the member at this index of the portfolio (in its file).
    Open { member: usize, activity: Id },
    /// Mark this pair as not a duplicate, with why (saved in the portfolio file).
    NotDuplicate {
        first: MemberActivity,
        second: MemberActivity,
        note: String,
    },
    /// Take back a "not a duplicate" mark: the pair is listed again.
    Unmark {
        first: MemberActivity,
        second: MemberActivity,
    },
}

/// Carries out the marks on the session; `Open` is the window's to do (it returns false).
pub fn apply(session: &mut Session, action: &FindingAction) -> bool {
    match action {
        FindingAction::Open { .. } => false,
        FindingAction::NotDuplicate {
            first,
            second,
            note,
        } => session.mark_not_duplicate(first.clone(), second.clone(), note),
        FindingAction::Unmark { first, second } => session.unmark_not_duplicate(first, second),
    }
}

/// A group's identity across runs, for its open or closed header.
type GroupKey = (CrossKind, String, String, String);

/// One line of the list: a group's header or one of its findings.
#[derive(Clone, Copy, Debug)]
enum Row {
    Header(usize),
    Finding(usize, usize),
}

/// The filtered groups for one run and filter, and the rows they make with the headers open
/// (kept apart: opening a header must not run the filter over every finding again).
struct Shown {
    key: (u64, Filter, [bool; 4]),
    /// The groups shown, as indices into the run's, with the findings the filter keeps.
    groups: Vec<Kept>,
    findings: usize,
    /// The `toggles` the rows were made for.
    rows_for: u64,
    rows: Vec<Row>,
}

/// A pair the user is about to mark as not a duplicate, while they say why.
struct PendingMark {
    first: MemberActivity,
    second: MemberActivity,
    /// Both activities, as the finding's line names them.
    pair: String,
    note: String,
    /// The note's field has been given the focus once, as the dialog opened.
    focused: bool,
}

/// What the panel keeps between frames: the filter and which headers are open.
pub struct ChecksPanelState {
    /// Which kinds are shown, in `CrossKind::ALL`'s order.
    pub kinds: [bool; 4],
    /// Only findings with this member (by its path) on either side.
    pub member: Option<String>,
    /// Words every finding shown contains (titles, subject, programmes).
    pub text: String,
    /// Headers opened or closed by the user; the others follow `all_open`.
    open: HashMap<GroupKey, bool>,
    /// Expand All or Collapse All, once asked; until then headers start open while the list
    /// is short ([`OPEN_UP_TO`]).
    all_open: Option<bool>,
    /// Counts the changes to `open`, so the rows are rebuilt only then.
    toggles: u64,
    shown: Option<Shown>,
    /// "Not a Duplicate" clicked: the dialog asking why is open.
    marking: Option<PendingMark>,
}

impl Default for ChecksPanelState {
    fn default() -> Self {
        ChecksPanelState {
            kinds: [true; 4],
            member: None,
            text: String::new(),
            open: HashMap::new(),
            all_open: None,
            toggles: 0,
            shown: None,
            marking: None,
        }
    }
}

/// Headers start open while the list shows at most this many findings; beyond, closed, so a
/// large portfolio opens on its groups and their counts.
const OPEN_UP_TO: usize = 200;

fn group_key(checks: &CrossChecks, g: &Group) -> GroupKey {
    let path = |i: usize| checks.members.get(i).map_or("", |m| m.path.as_str());
    (
        g.kind,
        path(g.first_member).to_string(),
        path(g.second_member).to_string(),
        g.subject.clone(),
    )
}

impl ChecksPanelState {
    /// Every kind, every programme, no words.
    pub fn clear_filter(&mut self) {
        self.kinds = [true; 4];
        self.member = None;
        self.text.clear();
    }

    /// Opens (or closes) every group's header, as Expand All and Collapse All do.
    pub fn set_all_open(&mut self, open: bool) {
        self.open.clear();
        self.all_open = Some(open);
        self.toggles += 1;
    }

    /// Whether a group's header is open: as the user left it, else as Expand All or Collapse
    /// All left them, else open while the list is short.
    fn is_open(&self, checks: &CrossChecks, g: &Group, findings: usize) -> bool {
        self.open
            .get(&group_key(checks, g))
            .copied()
            .or(self.all_open)
            .unwrap_or(findings <= OPEN_UP_TO)
    }

    /// The filter as `portfolio_checks::filter` takes it, for this run's members.
    fn filter(&self, checks: &CrossChecks) -> Filter {
        Filter {
            kind: None,
            member: self
                .member
                .as_deref()
                .map(|path| checks.members.iter().position(|m| m.path == path))
                // A programme no longer in the run leaves nothing to show.
                .map(|at| at.unwrap_or(usize::MAX)),
            subject: String::new(),
            text: self.text.clone(),
        }
    }

    fn is_filtered(&self) -> bool {
        self.kinds.iter().any(|k| !k) || self.member.is_some() || !self.text.trim().is_empty()
    }

    /// The groups and rows for this run, filter and open headers, computed once for each.
    fn refresh(&mut self, portfolio: &OpenPortfolio, checks: &CrossChecks) {
        let filter = self.filter(checks);
        let key = (portfolio.checks_generation, filter.clone(), self.kinds);
        if self.shown.as_ref().is_none_or(|s| s.key != key) {
            let members = checks.members();
            let kinds = self.kinds;
            let groups: Vec<Kept> = cross::filter(&members, &checks.findings, &filter)
                .into_iter()
                .filter(|k| {
                    let kind = checks.findings.groups[k.group].kind;
                    let at = CrossKind::ALL.iter().position(|&k| k == kind);
                    at.is_some_and(|i| kinds[i])
                })
                .collect();
            let findings = groups.iter().map(|k| k.len(&checks.findings)).sum();
            self.shown = Some(Shown {
                key,
                groups,
                findings,
                // Made below.
                rows_for: self.toggles.wrapping_sub(1),
                rows: Vec::new(),
            });
        }
        let Some(mut shown) = self.shown.take() else {
            return;
        };
        if shown.rows_for != self.toggles {
            shown.rows.clear();
            for (n, kept) in shown.groups.iter().enumerate() {
                shown.rows.push(Row::Header(n));
                let g = &checks.findings.groups[kept.group];
                if self.is_open(checks, g, shown.findings) {
                    shown
                        .rows
                        .extend((0..kept.len(&checks.findings)).map(|i| Row::Finding(n, i)));
                }
            }
            shown.rows_for = self.toggles;
        }
        self.shown = Some(shown);
    }
}

fn member_colour(portfolio: &OpenPortfolio, path: &str) -> Color32 {
    portfolio
        .portfolio
        .member(path)
        .and_then(|m| parse_colour(&m.colour))
        .map_or(theme::NO_GROUP, |[r, g, b]| Color32::from_rgb(r, g, b))
}

/// The findings panel. Returns what the user asked for this frame.
pub fn show(
    ui: &mut egui::Ui,
    portfolio: &OpenPortfolio,
    state: &mut ChecksPanelState,
) -> Option<FindingAction> {
    let mut action = None;
    let Some(checks) = portfolio.cross_checks() else {
        ui.horizontal(|ui| {
            ui.spinner();
            ui.label("Checking…");
        });
        return None;
    };
    if let Some(mark) = ask_why(ui, state) {
        action = Some(mark);
    }
    summary(ui, portfolio, checks, state);
    if checks.findings.is_empty() {
        ui.label(if checks.members.len() < 2 {
            "No clashes between programmes: there is nothing to check across until two programmes can be read."
        } else {
            "No clashes between programmes: no jurisdiction, person or partner is in two programmes' activities on the same days, and no two activities look alike."
        });
        marks(ui, portfolio, checks, &mut action);
        return action;
    }
    filter_row(ui, checks, state);
    marks(ui, portfolio, checks, &mut action);
    ui.separator();
    state.refresh(portfolio, checks);
    if state.shown.as_ref().is_none_or(|s| s.rows.is_empty()) {
        ui.horizontal(|ui| {
            ui.label("No finding matches the filter.");
            if ui
                .button("Show All")
                .on_hover_text("Clear the filter: every kind, every programme, no words")
                .clicked()
            {
                state.clear_filter();
            }
        });
        return action;
    }
    let row_height = ui
        .spacing()
        .interact_size
        .y
        .max(ui.text_style_height(&egui::TextStyle::Body))
        + 2.0;
    let members = checks.members();
    let mut toggle = None;
    let mut marking = None;
    let shown = state.shown.as_ref().expect("refreshed above");
    egui::ScrollArea::vertical()
        .id_salt("portfolio_checks_rows")
        .auto_shrink(false)
        .show_rows(ui, row_height, shown.rows.len(), |ui, range| {
            for row in &shown.rows[range] {
                ui.horizontal(|ui| {
                    ui.set_height(row_height);
                    match *row {
                        Row::Header(n) => {
                            let kept = &shown.groups[n];
                            let g = &checks.findings.groups[kept.group];
                            let open = state.is_open(checks, g, shown.findings);
                            let count = kept.len(&checks.findings);
                            if header(ui, portfolio, checks, g, count, open).clicked() {
                                toggle = Some(n);
                            }
                        }
                        Row::Finding(n, i) => {
                            let kept = &shown.groups[n];
                            let g = &checks.findings.groups[kept.group];
                            let f = g.finding(&members, kept.index(i));
                            match finding_row(ui, portfolio, &members, &f) {
                                Some(Clicked::Do(a)) => action = Some(a),
                                Some(Clicked::NotDuplicate(pair)) => {
                                    marking = Some(PendingMark {
                                        first: f.first.clone(),
                                        second: f.second.clone(),
                                        pair,
                                        note: String::new(),
                                        focused: false,
                                    })
                                }
                                None => {}
                            }
                        }
                    }
                });
            }
        });
    if marking.is_some() {
        state.marking = marking;
    }
    if let Some(n) = toggle {
        let g = &checks.findings.groups[shown.groups[n].group];
        let key = group_key(checks, g);
        let now = state.is_open(checks, g, shown.findings);
        state.open.insert(key, !now);
        state.toggles += 1;
    }
    action
}

/// The counts per kind, the programmes left out and whether a run is under way.
fn summary(
    ui: &mut egui::Ui,
    portfolio: &OpenPortfolio,
    checks: &CrossChecks,
    state: &mut ChecksPanelState,
) {
    ui.horizontal_wrapped(|ui| {
        ui.strong(format!(
            "Across programmes: {} finding{}",
            checks.findings.len(),
            if checks.findings.len() == 1 { "" } else { "s" }
        ));
        for (kind, &n) in CrossKind::ALL.iter().zip(&checks.findings.by_kind) {
            if n > 0 {
                ui.label(
                    RichText::new(format!("● {n} {}", kind.label().to_lowercase()))
                        .color(theme::severity_color(ui.visuals(), kind.severity())),
                );
            }
        }
        ui.label(RichText::new(format!("· {} programmes checked", checks.members.len())).weak());
        if !checks.findings.is_empty() {
            if ui
                .small_button("Expand All")
                .on_hover_text("Show the findings of every group")
                .clicked()
            {
                state.set_all_open(true);
            }
            if ui
                .small_button("Collapse All")
                .on_hover_text("Show only the groups and their counts")
                .clicked()
            {
                state.set_all_open(false);
            }
        }
        if portfolio.checks_busy() {
            ui.spinner();
            ui.label(RichText::new("Checking…").weak());
        }
    });
    let left_out: Vec<&str> = portfolio
        .members
        .iter()
        .filter(|m| !checks.members.iter().any(|c| c.path == m.member.path))
        .map(|m| m.member.name.as_str())
        .collect();
    if !left_out.is_empty() && !portfolio.checks_busy() {
        ui.label(
            RichText::new(format!(
                "Not checked, as they cannot be read: {}",
                left_out.join(", ")
            ))
            .color(ui.visuals().warn_fg_color),
        );
    }
}

fn filter_row(ui: &mut egui::Ui, checks: &CrossChecks, state: &mut ChecksPanelState) {
    ui.horizontal_wrapped(|ui| {
        for (i, kind) in CrossKind::ALL.into_iter().enumerate() {
            let n = checks.findings.by_kind[i];
            ui.checkbox(&mut state.kinds[i], format!("{} ({n})", kind.label()))
                .on_hover_text(kind_hover(kind));
        }
        // Labels whole: a narrow window moves one to the next line rather than breaking it.
        let whole = |text: &str| egui::Label::new(text).wrap_mode(egui::TextWrapMode::Extend);
        let label = ui.add(whole("Programme"));
        // A programme chosen before it left the run is still named (by its path), so an
        // empty list does not look unfiltered.
        let current = match state.member.as_deref() {
            None => "All programmes",
            Some(path) => checks
                .members
                .iter()
                .find(|m| m.path == path)
                .map_or(path, |m| m.name.as_str()),
        };
        egui::ComboBox::from_id_salt("portfolio_checks_member")
            .selected_text(current)
            .show_ui(ui, |ui| {
                ui.selectable_value(&mut state.member, None, "All programmes");
                for m in &checks.members {
                    ui.selectable_value(&mut state.member, Some(m.path.clone()), m.name.as_str());
                }
            })
            .response
            .labelled_by(label.id)
            .on_hover_text("Only the findings with this programme on either side");
        let label = ui.add(whole("Search"));
        ui.add(
            egui::TextEdit::singleline(&mut state.text)
                .id_salt("portfolio_checks_text")
                .hint_text("titles, places, people, programmes")
                .desired_width(180.0),
        )
        .labelled_by(label.id)
        .on_hover_text(SEARCH_HOVER);
        if state.is_filtered()
            && ui
                .small_button("Clear")
                .on_hover_text("Show every finding again")
                .clicked()
        {
            state.clear_filter();
        }
    });
}

const SEARCH_HOVER: &str = "Only the findings whose titles, jurisdiction, person, partner or \
    programmes contain all these words";

fn kind_hover(kind: CrossKind) -> &'static str {
    match kind {
        CrossKind::Clash => {
            "Error: activities of two programmes in one jurisdiction on overlapping days (its beneficiaries or where a session is held)"
        }
        CrossKind::Officer => "Warning: one person in two programmes' sessions at once",
        CrossKind::Partner => {
            "Warning: one partner organisation in two programmes' sessions at once"
        }
        CrossKind::Duplicate => {
            "Note: activities of two programmes with similar aims for the same beneficiaries within about three months"
        }
    }
}

/// The header of a group: open or closed, its kind, both programmes, its subject and count.
fn header(
    ui: &mut egui::Ui,
    portfolio: &OpenPortfolio,
    checks: &CrossChecks,
    g: &Group,
    count: usize,
    open: bool,
) -> egui::Response {
    let name = |i: usize| checks.members.get(i).map_or("?", |m| m.name.as_str());
    let path = |i: usize| checks.members.get(i).map_or("", |m| m.path.as_str());
    let severity = g.kind.severity();
    ui.label(RichText::new("●").color(theme::severity_color(ui.visuals(), severity)))
        .on_hover_text(severity.label());
    let mut text = egui::text::LayoutJob::default();
    let body = egui::TextStyle::Body.resolve(ui.style());
    let plain = ui.visuals().text_color();
    let add = |job: &mut egui::text::LayoutJob, s: &str, color: Color32| {
        job.append(
            s,
            0.0,
            egui::TextFormat {
                font_id: body.clone(),
                color,
                ..Default::default()
            },
        )
    };
    add(&mut text, if open { "⏷ " } else { "⏵ " }, plain);
    add(
        &mut text,
        "■ ",
        member_colour(portfolio, path(g.first_member)),
    );
    add(&mut text, name(g.first_member), plain);
    add(&mut text, " and ", plain);
    add(
        &mut text,
        "■ ",
        member_colour(portfolio, path(g.second_member)),
    );
    add(&mut text, name(g.second_member), plain);
    let strong = ui.visuals().strong_text_color();
    add(&mut text, " · ", plain);
    add(&mut text, &g.subject, strong);
    add(
        &mut text,
        &format!(" · {}", g.kind.label().to_lowercase()),
        plain,
    );
    add(&mut text, &format!(" ({count})"), strong);
    ui.add(egui::Button::new(text).frame(false).truncate())
        .on_hover_text(if open {
            "Hide this group's findings"
        } else {
            "Show this group's findings"
        })
}

/// One finding: its severity, both programmes' activities and what they share, a button to
/// open each side in its member and, on a likely duplicate, one to mark it as none.
fn finding_row(
    ui: &mut egui::Ui,
    portfolio: &OpenPortfolio,
    members: &[cross::Member<'_>],
    f: &CrossFinding,
) -> Option<Clicked> {
    let mut action = None;
    ui.add_space(ui.spacing().indent);
    let severity = f.kind.severity();
    ui.label(RichText::new("●").color(theme::severity_color(ui.visuals(), severity)))
        .on_hover_text(severity.label());
    // The first day both meet, in a column of its own: the line may be cut at its end.
    let day = f
        .days
        .map_or_else(String::new, |(from, _)| format_date(from));
    ui.add_sized(
        [72.0, ui.spacing().interact_size.y],
        egui::Label::new(day).selectable(false),
    );
    for (index, at) in [(f.first_member, &f.first), (f.second_member, &f.second)] {
        let name = members.get(index).map_or("?", |m| m.name);
        // Found by path now: the member may have moved in the list since the run.
        let member = portfolio.member_index(&at.member);
        let exists = cross::activity(members, index, at).is_some();
        let response = ui
            .add_enabled(
                member.is_some() && exists,
                egui::Button::new(format!("Open in {name}")).small(),
            )
            .on_hover_text(format!(
                "Open this activity in {name} ({}), where its team plans it",
                at.member
            ))
            .on_disabled_hover_text(format!("{name} no longer has this activity"));
        if response.clicked()
            && let Some(member) = member
        {
            action = Some(Clicked::Do(FindingAction::Open {
                member,
                activity: at.activity,
            }));
        }
    }
    let first_name = members.get(f.first_member).map_or("?", |m| m.name);
    let title = |index: usize, at: &MemberActivity| {
        cross::activity(members, index, at)
            .map_or_else(|| format!("id {}", at.activity.0), |a| a.title.clone())
    };
    let first_title = title(f.first_member, &f.first);
    if f.kind == CrossKind::Duplicate
        && ui
            .add(egui::Button::new("Not a Duplicate").small())
            .on_hover_text(
                "The committee has looked at this pair and it is not the same work twice: say why, and the pair stays quiet from now on; the choice is saved in the portfolio file",
            )
            .clicked()
    {
        let second_name = members.get(f.second_member).map_or("?", |m| m.name);
        action = Some(Clicked::NotDuplicate(format!(
            "{first_name} “{first_title}” and {second_name} “{}”",
            title(f.second_member, &f.second)
        )));
    }
    let mut line = format!(
        "{first_name} “{first_title}” {}",
        cross::describe(members, f)
    );
    if f.certainty == Certainty::Possible && f.kind != CrossKind::Duplicate {
        line.push_str(" · possible");
    }
    ui.add(egui::Label::new(line.as_str()).truncate())
        .on_hover_text(line);
    action
}

/// What a finding's row was asked: an action, or the dialog asking why a pair is no
/// duplicate (naming both activities).
enum Clicked {
    Do(FindingAction),
    NotDuplicate(String),
}

/// The dialog asking why a pair is not a duplicate, while one is pending: the note goes into
/// the portfolio file with the mark, for the committee's record. Escape cancels.
fn ask_why(ui: &mut egui::Ui, state: &mut ChecksPanelState) -> Option<FindingAction> {
    let mark = state.marking.as_mut()?;
    let mut done = None;
    let text = format!(
        "{} will no longer be listed as a likely duplicate. The mark and why are saved in the \
         portfolio file, for the steering committee's record.",
        mark.pair
    );
    let id = egui::Id::unique("portfolio_not_duplicate");
    let response = egui::Modal::new(id).show(ui.ctx(), |ui| {
        ui.set_max_width(480.0);
        ui.heading("Not the Same Work Twice");
        ui.add(egui::Label::new(text).wrap());
        let label = ui.label("Why (optional)");
        let field = ui
            .add(
                egui::TextEdit::singleline(&mut mark.note)
                    .id_salt("portfolio_not_duplicate_note")
                    .hint_text("e.g. different ports; one follows up the other")
                    .desired_width(f32::INFINITY),
            )
            .labelled_by(label.id);
        if !mark.focused {
            field.request_focus();
            mark.focused = true;
        }
        let entered = field.lost_focus() && ui.input(|i| i.key_pressed(egui::Key::Enter));
        ui.horizontal(|ui| {
            if ui
                .button("Mark as Not a Duplicate")
                .on_hover_text("Save the mark (Enter)")
                .clicked()
                || entered
            {
                done = Some(true);
            }
            if ui
                .button("Cancel")
                .on_hover_text("Keep the pair listed (Escape)")
                .clicked()
            {
                done = Some(false);
            }
        });
    });
    if response.should_close() && done.is_none() {
        done = Some(false);
    }
    let mark = match done? {
        true => state.marking.take()?,
        false => {
            state.marking = None;
            return None;
        }
    };
    Some(FindingAction::NotDuplicate {
        first: mark.first,
        second: mark.second,
        note: mark.note,
    })
}

/// The pairs marked "not a duplicate", each with a button to take the mark back.
fn marks(
    ui: &mut egui::Ui,
    portfolio: &OpenPortfolio,
    checks: &CrossChecks,
    action: &mut Option<FindingAction>,
) {
    let list = &portfolio.portfolio.not_duplicates;
    if list.is_empty() {
        return;
    }
    let title = |at: &MemberActivity| {
        let member = checks.members.iter().find(|m| m.path == at.member);
        let name = member.map_or(at.member.as_str(), |m| m.name.as_str());
        let title = member
            .and_then(|m| m.project.activity(at.activity))
            .map_or_else(|| format!("id {}", at.activity.0), |a| a.title.clone());
        format!("{name} “{title}”")
    };
    egui::CollapsingHeader::new(format!("Marked not duplicates ({})", list.len()))
        .id_salt("portfolio_checks_marks")
        .show(ui, |ui| {
            egui::ScrollArea::vertical()
                .id_salt("portfolio_checks_marks_list")
                .max_height(120.0)
                .show(ui, |ui| {
                    for mark in list {
                        ui.horizontal(|ui| {
                            if ui
                                .small_button("List Again")
                                .on_hover_text(
                                    "Take back the mark: the pair is listed as a likely duplicate again (saved in the portfolio file)",
                                )
                                .clicked()
                            {
                                *action = Some(FindingAction::Unmark {
                                    first: mark.first.clone(),
                                    second: mark.second.clone(),
                                });
                            }
                            let mut line = format!("{} and {}", title(&mark.first), title(&mark.second));
                            if !mark.note.is_empty() {
                                line.push_str(&format!(": {}", mark.note));
                            }
                            ui.add(egui::Label::new(line).truncate());
                        });
                    }
                });
        });
}
