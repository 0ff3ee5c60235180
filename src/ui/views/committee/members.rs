//! The committee's members, each with their role, jurisdiction, organisation and e-mail.

use super::{ROLES, choice, emit, text};
use crate::edit::commands::{Command, delete_member};
use crate::model::{Committee, Id, Member, Role};
use crate::ui::context::ViewContext;

pub(super) fn members(ui: &mut egui::Ui, cx: &mut ViewContext<'_>, committee: &Committee) {
    egui::CollapsingHeader::new(format!("Members ({})", committee.members.len()))
        .default_open(false)
        .show(ui, |ui| {
            for member in &committee.members {
                ui.group(|ui| member_fields(ui, cx, member));
            }
            if ui
                .button("Add member")
                .on_hover_text("Add a member to the committee")
                .clicked()
            {
                let member = Member {
                    id: cx.new_id(),
                    name: "New member".into(),
                    role: Role::Member,
                    organisation: String::new(),
                    jurisdiction: None,
                    email: String::new(),
                };
                let command = Command::InsertMember {
                    index: committee.members.len(),
                    member: Box::new(member),
                };
                emit(cx, command, "Add member", None);
            }
        });
}

/// The member with `edit` made, as a command.
fn changed(member: &Member, edit: impl FnOnce(&mut Member)) -> Command {
    let mut member = member.clone();
    edit(&mut member);
    Command::SetMember(Box::new(member))
}

fn member_fields(ui: &mut egui::Ui, cx: &mut ViewContext<'_>, member: &Member) {
    text(
        ui,
        cx,
        ("member_name", member.id),
        &member.name,
        240.0,
        "Name",
        "Rename member",
        format!("member_name_{}", member.id),
        |name| changed(member, |m| m.name = name),
    );
    ui.horizontal(|ui| {
        let mut role = member.role;
        choice(ui, ("member_role", member.id), &mut role, &ROLES, "Role");
        if role != member.role {
            emit(cx, changed(member, |m| m.role = role), "Change role", None);
        }
        if ui
            .small_button("✖")
            .on_hover_text(format!("Remove {} from the committee", member.name))
            .clicked()
        {
            let command = delete_member(cx.project, member.id);
            emit(cx, command, "Remove member", None);
        }
    });
    let mut jurisdiction = member.jurisdiction;
    let project = cx.project;
    let name = |id: Option<Id>| {
        id.and_then(|id| project.jurisdiction(id))
            .map_or("no jurisdiction".to_string(), |j| j.name.clone())
    };
    egui::ComboBox::from_id_salt(("member_jurisdiction", member.id))
        .selected_text(name(jurisdiction))
        .show_ui(ui, |ui| {
            ui.selectable_value(&mut jurisdiction, None, "no jurisdiction");
            for j in &project.programme.jurisdictions {
                ui.selectable_value(&mut jurisdiction, Some(j.id), &j.name);
            }
        })
        .response
        .on_hover_text("The beneficiary jurisdiction this member represents");
    if jurisdiction != member.jurisdiction {
        let command = changed(member, |m| m.jurisdiction = jurisdiction);
        emit(cx, command, "Change jurisdiction", None);
    }
    text(
        ui,
        cx,
        ("member_org", member.id),
        &member.organisation,
        240.0,
        "Organisation",
        "Edit organisation",
        format!("member_org_{}", member.id),
        |org| changed(member, |m| m.organisation = org),
    );
    text(
        ui,
        cx,
        ("member_email", member.id),
        &member.email,
        240.0,
        "E-mail",
        "Edit e-mail",
        format!("member_email_{}", member.id),
        |email| changed(member, |m| m.email = email),
    );
}
