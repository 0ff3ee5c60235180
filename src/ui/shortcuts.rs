//! Every keyboard shortcut of the window, declared once with its action: the key handler,
//! the menus and the tab tooltips all read this table.

use egui::{Key, KeyboardShortcut, Modifiers};

use crate::ui::actions::{Action, View};

const fn ctrl(key: Key) -> KeyboardShortcut {
    KeyboardShortcut::new(Modifiers::COMMAND, key)
}

const fn ctrl_shift(key: Key) -> KeyboardShortcut {
    KeyboardShortcut::new(Modifiers::COMMAND.plus(Modifiers::SHIFT), key)
}

const VIEW_KEYS: [Key; 6] = [
    Key::Num1,
    Key::Num2,
    Key::Num3,
    Key::Num4,
    Key::Num5,
    Key::Num6,
];

/// The window's shortcuts. Where an action has two, the first is the one menus show.
pub fn table() -> Vec<(KeyboardShortcut, Action)> {
    let mut table = vec![
        (ctrl(Key::N), Action::New),
        (ctrl(Key::O), Action::Open),
        (ctrl(Key::S), Action::Save),
        (ctrl_shift(Key::S), Action::SaveAs),
        (ctrl(Key::P), Action::Print),
        (ctrl(Key::W), Action::Close),
        (ctrl(Key::Q), Action::Quit),
        (ctrl(Key::Z), Action::Undo),
        (ctrl(Key::Y), Action::Redo),
        (ctrl_shift(Key::Z), Action::Redo),
        (ctrl(Key::F), Action::FocusSearch),
        (ctrl(Key::G), Action::GoToSelection),
    ];
    table.extend(
        VIEW_KEYS
            .into_iter()
            .zip(View::ALL)
            .map(|(key, view)| (ctrl(key), Action::ShowView(view))),
    );
    table
}

/// Whether two actions are the same command, for finding an action's shortcut.
fn same(a: &Action, b: &Action) -> bool {
    match (a, b) {
        (Action::ShowView(x), Action::ShowView(y)) => x == y,
        _ => std::mem::discriminant(a) == std::mem::discriminant(b),
    }
}

/// The shortcut a menu shows for `action`, if it has one.
pub fn of(action: &Action) -> Option<KeyboardShortcut> {
    table()
        .into_iter()
        .find(|(_, a)| same(a, action))
        .map(|(shortcut, _)| shortcut)
}

/// The actions whose shortcuts were pressed this frame (consumed, so text fields do not see
/// them). Shortcuts with more modifiers are tried first: Ctrl+Shift+S is not also Ctrl+S.
pub fn pressed(ctx: &egui::Context, wanted: impl Fn(&Action) -> bool) -> Vec<Action> {
    let mut table = table();
    table.sort_by_key(|(shortcut, _)| std::cmp::Reverse(modifier_count(shortcut.modifiers)));
    table
        .into_iter()
        .filter(|(_, action)| wanted(action))
        .filter(|(shortcut, _)| ctx.input_mut(|i| i.consume_shortcut(shortcut)))
        .map(|(_, action)| action)
        .collect()
}

fn modifier_count(m: Modifiers) -> u8 {
    u8::from(m.alt) + u8::from(m.ctrl || m.command || m.mac_cmd) + u8::from(m.shift)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_shortcut_is_declared_once() {
        let table = table();
        for (i, (a, _)) in table.iter().enumerate() {
            for (b, _) in &table[i + 1..] {
                assert_ne!(a, b, "one key for two actions");
            }
        }
    }

    #[test]
    fn menus_show_the_first_shortcut_of_an_action() {
        assert_eq!(of(&Action::Redo), Some(ctrl(Key::Y)));
        assert_eq!(of(&Action::ShowView(View::Timeline)), Some(ctrl(Key::Num5)));
        assert_eq!(of(&Action::About), None);
    }
}
