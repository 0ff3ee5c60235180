//! The steering committee as a secretary works with it: the standard agenda, item times,
//! decision numbers, the quorum, action points carried over, the draft from the workplan, and
//! the working day a new meeting falls on.

mod attendance;
mod draft;
mod scheduling;
mod template;
mod timing;

pub use attendance::{carried_over, quorum};
pub use draft::draft_from_workplan;
pub use scheduling::working_day_from;
pub use template::template;
pub use timing::{ItemTime, Timing, decision_numbers, duration, timing};

#[cfg(test)]
mod tests;
