//! The open portfolio in the window: the members panel on the left (each member's colour,
//! name, file and state, with Edit, Rename, Colour and Remove; Add Member…; which programmes
//! the combined views show), and the combined plan those views are handed, read-only, with
//! each programme's name and colour.

use std::collections::BTreeSet;
use std::path::PathBuf;
use std::sync::Arc;

use crate::model::portfolio::MEMBER_COLOURS;
use crate::model::{Id, Project};
use crate::plan::portfolio::Combined;
use crate::session::portfolio::{MemberStatus, OpenPortfolio};
use crate::session::{Revision, Session, file_name};
use crate::ui::actions::Action;
use crate::ui::context::Programmes;
use crate::ui::theme;

#[derive(Default)]
pub struct PortfolioState {
    /// The combined plan is on screen (else the current document, if any).
    pub combined_shown: bool,
    /// Members the filter leaves out of the combined views, by their path in the portfolio
    /// file: when a colleague reorders or removes members there, the filter stays on the same
    /// programmes.
    pub hidden: BTreeSet<String>,
    shown: Option<Shown>,
    /// The member being renamed and the name typed so far.
    renaming: Option<(usize, String)>,
    /// An activity to select once its member's file is the current document: (file, id).
    pub jump: Option<(PathBuf, Id)>,
    /// The findings across programmes are shown in place of the combined plan's views.
    pub checks_shown: bool,
    /// Their panel's filter and open headers.
    pub checks: crate::ui::views::portfolio_checks::ChecksPanelState,
    /// Each member row's height in the last frame, so rows scrolled out of view take their
    /// room without being drawn (fifty rows of widgets cost more than the combined table).
    row_heights: Vec<f32>,
}

/// The combined plan as the views get it, rebuilt when the portfolio's combination, its
/// names and colours or the filter change.
pub struct Shown {
    generation: u64,
    hidden: BTreeSet<usize>,
    path: PathBuf,
    /// The plan without the programmes filtered out; `None` while none is.
    filtered: Option<Project>,
    pub revision: Revision,
    pub programmes: Programmes,
}

impl Shown {
    pub fn project(&self) -> &Project {
        self.filtered
            .as_ref()
            .unwrap_or(&self.programmes.combined.project)
    }
}

impl PortfolioState {
    /// The members the filter leaves out, by their index in `open` now.
    pub fn hidden_members(&self, open: &OpenPortfolio) -> BTreeSet<usize> {
        open.members
            .iter()
            .enumerate()
            .filter(|(_, m)| self.hidden.contains(&m.member.path))
            .map(|(i, _)| i)
            .collect()
    }

    /// The combined plan to show, if the portfolio is open and combined.
    pub fn shown(&self) -> Option<&Shown> {
        self.shown.as_ref()
    }

    /// Brings the combined plan up to date with the session's portfolio.
    pub fn refresh(&mut self, session: &Session) {
        let Some(open) = session.portfolio.as_ref() else {
            self.shown = None;
            self.hidden.clear();
            return;
        };
        let Some(combined) = open.combined.clone() else {
            return;
        };
        let hidden = self.hidden_members(open);
        let same_clashes = |s: &Shown| match (&s.programmes.clashes, &open.clashes) {
            (Some(a), Some(b)) => Arc::ptr_eq(a, b),
            (None, None) => true,
            _ => false,
        };
        if let Some(s) = self.shown.as_mut()
            && s.generation == open.generation
            && s.hidden == hidden
            && s.path == open.path
        {
            // The clashes come after the plan: the views derive their marks again.
            if !same_clashes(s) {
                s.programmes.clashes = open.clashes.clone();
                s.revision = Revision::fresh();
            }
            return;
        }
        let names = open.members.iter().map(|m| m.member.name.clone()).collect();
        let colours = open
            .members
            .iter()
            .map(|m| theme::member_colour(&m.member.colour))
            .collect();
        let filtered = (!hidden.is_empty()).then(|| filtered(&combined, &hidden));
        self.shown = Some(Shown {
            generation: open.generation,
            hidden: hidden.clone(),
            path: open.path.clone(),
            filtered,
            revision: Revision::fresh(),
            programmes: Programmes {
                names,
                colours,
                hidden,
                combined,
                clashes: open.clashes.clone(),
            },
        });
    }
}

/// The combined plan without the activities of the `hidden` programmes. Links between
/// activities stay within one programme, so none is left pointing at a removed activity.
fn filtered(combined: &Arc<Combined>, hidden: &BTreeSet<usize>) -> Project {
    let mut project = combined.project.clone();
    project.activities.retain(|a| {
        combined
            .programme_of(a.id)
            .is_none_or(|m| !hidden.contains(&m))
    });
    project
}

/// The members panel, on the left while a portfolio is open.
pub fn members_panel(
    ui: &mut egui::Ui,
    session: &Session,
    state: &mut PortfolioState,
    actions: &mut Vec<Action>,
) {
    let Some(open) = session.portfolio.as_ref() else {
        return;
    };
    egui::Panel::left("portfolio_members")
        .resizable(true)
        .default_size(220.0)
        .size_range(180.0..=420.0)
        .show(ui, |ui| {
            let title = if open.portfolio.name.is_empty() {
                file_name(&open.path)
            } else {
                open.portfolio.name.clone()
            };
            ui.add_space(4.0);
            ui.heading(title)
                .on_hover_text(format!("Portfolio file: {}", open.path.display()));
            if ui
                .selectable_label(state.combined_shown && !state.checks_shown, "Combined plan")
                .on_hover_text(
                    "Every member's activities in one workplan, calendar and timeline, read-only",
                )
                .clicked()
            {
                actions.push(Action::ShowCombined(true));
            }
            if open.is_busy() {
                ui.horizontal(|ui| {
                    ui.spinner();
                    ui.weak("Reading the members…");
                });
            }
            ui.separator();
            egui::ScrollArea::vertical()
                .auto_shrink([false, true])
                .show(ui, |ui| {
                    if open.members.is_empty() {
                        ui.add_space(12.0);
                        ui.vertical_centered(|ui| {
                            ui.label("This portfolio has no members yet");
                            ui.add_space(6.0);
                            if ui
                                .button("Add Member…")
                                .on_hover_text("Add programmes' project files to the portfolio")
                                .clicked()
                            {
                                actions.push(Action::AddMembers);
                            }
                        });
                        return;
                    }
                    state.row_heights.resize(open.members.len(), 0.0);
                    for index in 0..open.members.len() {
                        let height = state.row_heights[index];
                        let room = egui::Rect::from_min_size(
                            ui.cursor().min,
                            egui::vec2(ui.available_width(), height),
                        );
                        let renaming = state.renaming.as_ref().is_some_and(|(at, _)| *at == index);
                        if height > 0.0 && !renaming && !ui.is_rect_visible(room) {
                            ui.allocate_space(room.size());
                        } else {
                            let drawn =
                                ui.scope(|ui| member_row(ui, session, state, index, actions));
                            state.row_heights[index] = drawn.response.rect.height();
                        }
                        ui.separator();
                    }
                    if ui
                        .button("Add Member…")
                        .on_hover_text("Add programmes' project files to the portfolio")
                        .clicked()
                    {
                        actions.push(Action::AddMembers);
                    }
                    // The findings across members are the combined plan's fourth tab
                    // (`panels::view_tabs`), wider than this panel.
                });
        });
}

pub const CHECKS_TOOLTIP: &str = "The checks across the programmes: two programmes in one \
    jurisdiction on the same days, one person or partner in two places at once, and activities \
    that look like one piece of work planned twice";

/// The findings' tab and link: their count once the checks have run.
pub fn checks_title(open: &crate::session::portfolio::OpenPortfolio) -> String {
    match open.cross_checks() {
        Some(checks) => format!("Checks across programmes ({})", checks.findings.len()),
        None => "Checks across programmes (checking…)".into(),
    }
}

/// What a member's state line says, and whether it is a problem.
fn status_text(status: &MemberStatus) -> (String, bool) {
    match status {
        MemberStatus::Reading => ("Reading…".into(), false),
        MemberStatus::ReadOnly => ("Read-only".into(), false),
        MemberStatus::Editing => ("Open for editing".into(), false),
        MemberStatus::LockedBy(who) => (format!("Locked by {who} (read-only)"), true),
        MemberStatus::Unreadable(why) => (format!("Unreadable: {why}"), true),
    }
}

fn member_row(
    ui: &mut egui::Ui,
    session: &Session,
    state: &mut PortfolioState,
    index: usize,
    actions: &mut Vec<Action>,
) {
    let Some(open) = session.portfolio.as_ref() else {
        return;
    };
    let member = &open.members[index];
    let name = member.member.name.clone();
    let status = session
        .member_status(index)
        .unwrap_or(MemberStatus::Reading);
    ui.horizontal(|ui| {
        let path = &member.member.path;
        let mut shown = !state.hidden.contains(path);
        let checkbox = ui.add(egui::Checkbox::without_text(&mut shown));
        let label = format!("Show {name} in the combined views");
        checkbox
            .widget_info(|| egui::WidgetInfo::selected(egui::Role::CheckBox, true, shown, &label));
        if checkbox.on_hover_text(&label).changed() {
            if shown {
                state.hidden.remove(path);
            } else {
                state.hidden.insert(path.clone());
            }
        }
        let colour = theme::member_colour(&member.member.colour);
        let swatch = theme::colour_swatch(
            ui,
            colour,
            egui::Sense::click(),
            &format!("Colour of {name}"),
        )
        .on_hover_text(format!("{name}'s colour; click to change it"));
        egui::Popup::menu(&swatch)
            .show(|ui| colour_menu(ui, index, &name, &member.member.colour, actions));
        match &mut state.renaming {
            Some((at, text)) if *at == index => {
                let label = ui.weak("Name");
                let field = ui
                    .add(
                        egui::TextEdit::singleline(text)
                            .desired_width(ui.available_width() - 8.0)
                            .hint_text("What the combined views call it"),
                    )
                    .labelled_by(label.id)
                    .on_hover_text("Enter to keep the new name, Escape to leave it as it was");
                if !field.has_focus() && !field.lost_focus() {
                    field.request_focus();
                }
                let cancel = ui.input(|i| i.key_pressed(egui::Key::Escape));
                if field.lost_focus() {
                    if !cancel && text.trim() != name {
                        actions.push(Action::RestyleMember {
                            index,
                            name: text.trim().to_string(),
                            colour: member.member.colour.clone(),
                        });
                    }
                    state.renaming = None;
                }
            }
            _ => {
                ui.add(egui::Label::new(egui::RichText::new(&name).strong()).truncate())
                    .on_hover_text(member.file.display().to_string());
            }
        }
    });
    let (text, problem) = status_text(&status);
    let text = if member.refreshed.is_some() && !problem {
        format!("{text} · read again after a change on disk")
    } else {
        text
    };
    let colour = if problem {
        ui.visuals().warn_fg_color
    } else {
        ui.visuals().weak_text_color()
    };
    ui.add(
        egui::Label::new(egui::RichText::new(text).small().color(colour))
            .wrap_mode(egui::TextWrapMode::Wrap),
    );
    ui.horizontal(|ui| {
        let (can_edit, why) = match &status {
            MemberStatus::Editing => (true, "Show it; it is open for editing".to_string()),
            MemberStatus::ReadOnly => (
                true,
                format!("Open {name} for editing; its changes are saved to its own file"),
            ),
            MemberStatus::Reading => (false, "Still being read".to_string()),
            MemberStatus::LockedBy(who) => (
                false,
                format!("{who} has it open for editing; it stays read-only"),
            ),
            MemberStatus::Unreadable(_) => (false, "Its file cannot be read".to_string()),
        };
        let edit = ui
            .add_enabled(can_edit, egui::Button::new("Edit").small())
            .on_hover_text(why.clone())
            .on_disabled_hover_text(why);
        if edit.clicked() {
            actions.push(Action::EditMember(index));
        }
        ui.menu_button("More", |ui| {
            if ui
                .button("Rename…")
                .on_hover_text("The name the combined views call it by")
                .clicked()
            {
                state.renaming = Some((index, name.clone()));
                ui.close();
            }
            ui.menu_button("Colour", |ui| {
                colour_menu(ui, index, &name, &member.member.colour, actions)
            });
            ui.separator();
            if ui
                .button("Remove Member…")
                .on_hover_text("Take it out of the portfolio; its file is left as it is")
                .clicked()
            {
                actions.push(Action::Confirm {
                    title: "Remove member?".into(),
                    message: format!(
                        "Take {name} ({}) out of the portfolio? Its file is left as it is.",
                        file_name(&member.file)
                    ),
                    confirm: "Remove Member".into(),
                    then: Box::new(Action::RemoveMember(index)),
                });
                ui.close();
            }
        })
        .response
        .on_hover_text(format!("Rename {name}, change its colour or remove it"));
    });
}

/// The palette of member colours; a click gives the member that colour (saved at once).
fn colour_menu(
    ui: &mut egui::Ui,
    index: usize,
    name: &str,
    current: &str,
    actions: &mut Vec<Action>,
) {
    ui.horizontal_wrapped(|ui| {
        ui.set_max_width(180.0);
        for hex in MEMBER_COLOURS {
            let swatch = theme::colour_swatch(
                ui,
                theme::member_colour(hex),
                egui::Sense::click(),
                &format!("Colour {hex}"),
            );
            let swatch = if hex.eq_ignore_ascii_case(current) {
                swatch.highlight()
            } else {
                swatch
            };
            if swatch.on_hover_text(hex).clicked() {
                if !hex.eq_ignore_ascii_case(current) {
                    actions.push(Action::RestyleMember {
                        index,
                        name: name.to_string(),
                        colour: hex.to_string(),
                    });
                }
                ui.close();
            }
        }
    });
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::plan::portfolio::combine;

    fn two() -> (Arc<Combined>, usize) {
        let sample = crate::testing::sample();
        let mut other = sample.clone();
        other.activities.truncate(3);
        let combined = Arc::new(combine("Office", &[Some(&sample), Some(&other)]));
        (combined, sample.activities.len())
    }

    #[test]
    fn the_filter_leaves_out_every_activity_of_a_hidden_programme_and_only_those() {
        let (combined, first) = two();
        let project = filtered(&combined, &BTreeSet::from([0]));
        assert_eq!(project.activities.len(), 3);
        assert!(
            project
                .activities
                .iter()
                .all(|a| combined.programme_of(a.id) == Some(1))
        );
        let project = filtered(&combined, &BTreeSet::from([1]));
        assert_eq!(project.activities.len(), first);
        // The rest of the plan stays, for the filters' lists and the links.
        assert_eq!(project.objectives.len(), combined.project.objectives.len());
    }

    #[test]
    fn the_legend_names_the_programmes_shown_in_their_colours() {
        let (combined, _) = two();
        let programmes = Programmes {
            names: vec!["Regional".into(), "Containers".into()],
            colours: vec![egui::Color32::RED, egui::Color32::BLUE],
            hidden: BTreeSet::from([0]),
            combined: combined.clone(),
            clashes: None,
        };
        assert_eq!(
            programmes.legend(),
            vec![(egui::Color32::BLUE, "Containers".to_string())]
        );
        let last = combined.project.activities.last().unwrap().id;
        assert_eq!(programmes.name(last), "Containers");
        assert_eq!(programmes.colour(last), Some(egui::Color32::BLUE));
    }
}
