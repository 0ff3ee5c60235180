//! Who counts towards the quorum, and the action points that carry over until closed.

use crate::model::{ActionPoint, ActionStatus, Committee, Id, Meeting, Presence, Role};

/// Whether the voting members (chair, co-chair, members) present or represented reach the
/// committee's quorum; with the count. No rule (quorum 0) is always met. Observers and guests
/// are not members, so they never count.
pub fn quorum(committee: &Committee, meeting: &Meeting) -> (bool, u32) {
    let voting = |id: Id| {
        committee
            .members
            .iter()
            .find(|m| m.id == id)
            .is_some_and(|m| matches!(m.role, Role::Chair | Role::CoChair | Role::Member))
    };
    let count = meeting
        .attendance
        .iter()
        .filter(|a| {
            matches!(a.presence, Presence::Present | Presence::Represented) && voting(a.member)
        })
        .count() as u32;
    (count >= committee.quorum, count)
}

/// An open action point of an earlier meeting, with where it sits (to close it) and its label.
#[derive(Clone, Debug)]
pub struct Carried<'c> {
    pub meeting: Id,
    /// The number of the meeting that set it.
    pub number: u32,
    pub item: Id,
    pub action: &'c ActionPoint,
    /// "SC2/A1".
    pub label: String,
}

/// Action points still open (open or in progress) from meetings held before `meeting`: they
/// come up under "matters arising".
pub fn carried_over<'c>(committee: &'c Committee, meeting: &Meeting) -> Vec<Carried<'c>> {
    let mut open = Vec::new();
    for earlier in committee
        .meetings
        .iter()
        .filter(|m| (m.date, m.number) < (meeting.date, meeting.number))
    {
        let numbers = super::action_numbers(earlier);
        earlier.for_each_item(&mut |item| {
            for action in &item.actions {
                if matches!(action.status, ActionStatus::Open | ActionStatus::InProgress) {
                    let n = numbers
                        .iter()
                        .find(|(id, _)| *id == action.id)
                        .map_or(0, |(_, n)| *n);
                    open.push(Carried {
                        meeting: earlier.id,
                        number: earlier.number,
                        item: item.id,
                        action,
                        label: super::action_label(earlier.number, n),
                    });
                }
            }
        });
    }
    open
}

/// Who a presenter or owner is: the member's name when one is linked, else the text typed.
pub fn person_name<'c>(committee: &'c Committee, member: Option<Id>, text: &'c str) -> &'c str {
    member
        .and_then(|id| committee.members.iter().find(|m| m.id == id))
        .map_or(text, |m| m.name.as_str())
}
