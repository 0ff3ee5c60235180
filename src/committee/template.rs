//! The standard agenda a new meeting starts from.

use crate::model::{AgendaItem, Id, Purpose};

/// The standard agenda a new meeting starts from, which the secretary then edits. Ids come
/// from `new_id`.
pub fn template(new_id: &mut dyn FnMut() -> Id) -> Vec<AgendaItem> {
    let item = |id: Id, title: &str, purpose: Purpose, minutes: u32| AgendaItem {
        id,
        title: title.to_string(),
        purpose,
        presenter: String::new(),
        presenter_member: None,
        minutes,
        consent: false,
        papers: Vec::new(),
        activities: Vec::new(),
        objectives: Vec::new(),
        sub_items: Vec::new(),
        summary: String::new(),
        decisions: Vec::new(),
        actions: Vec::new(),
        generated: false,
    };
    vec![
        item(
            new_id(),
            "Opening and adoption of the agenda",
            Purpose::Decision,
            10,
        ),
        item(
            new_id(),
            "Approval of the minutes of the previous meeting",
            Purpose::Decision,
            10,
        ),
        item(
            new_id(),
            "Matters arising and action points",
            Purpose::Discussion,
            20,
        ),
        item(new_id(), "Progress per pillar", Purpose::Information, 45),
        item(
            new_id(),
            "Workplan for the next period",
            Purpose::Decision,
            45,
        ),
        item(new_id(), "Any other business", Purpose::Discussion, 10),
        item(new_id(), "Date of the next meeting", Purpose::Decision, 5),
    ]
}
