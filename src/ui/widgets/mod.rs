//! Small widgets shared by the views and editors.

pub mod bound_text;
pub mod date_field;
pub mod one_line;
pub mod pick;
pub mod results_dot;
pub mod sdg_field;
pub mod sheet_view;
