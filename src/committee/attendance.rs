//! Who counts towards the quorum, and the action points that carry over until closed.

use crate::model::{ActionPoint, ActionStatus, Committee, Id, Meeting, Presence, Role};

/// Whether the voting members (chair, co-chair, members) present or represented reach the
/// committee's quorum; with the count. No rule (quorum 0) is always met.
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

/// Action points still open (open or in progress) from meetings held before `meeting`, with
/// the number of the meeting that set each: they come up under "matters arising".
pub fn carried_over<'c>(
    committee: &'c Committee,
    meeting: &Meeting,
) -> Vec<(u32, &'c ActionPoint)> {
    let mut open = Vec::new();
    for earlier in committee
        .meetings
        .iter()
        .filter(|m| (m.date, m.number) < (meeting.date, meeting.number))
    {
        earlier.for_each_item(&mut |item| {
            for action in &item.actions {
                if matches!(action.status, ActionStatus::Open | ActionStatus::InProgress) {
                    open.push((earlier.number, action));
                }
            }
        });
    }
    open
}
