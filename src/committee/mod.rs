//! The steering committee as a secretary works with it: the standard agenda, item times,
//! decision numbers, the quorum, action points carried over, the draft from the workplan, and
//! the working day a new meeting falls on.

mod attendance;
mod draft;
mod scheduling;
mod template;
mod timing;

pub use attendance::{Carried, carried_over, person_name, quorum};
pub use draft::{Draft, DraftSummary, draft_from_workplan};
pub use scheduling::{day_off, working_day_from};
pub use template::template;
pub use timing::{
    ItemTime, Timing, action_label, action_label_of, action_numbers, decision_numbers, duration,
    next_action_number, timing,
};

#[cfg(test)]
mod tests;
