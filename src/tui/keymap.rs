//! Keys are data: one table binds keys to actions per scope, each with a description. The
//! footer hints and the `?` help both read this table, so they never drift from the code.

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

/// Every user intent the app knows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Action {
    Quit,
    Help,
    Undo,
    History,
    UndoSelected,
    Release,
    OlderPage,
    NextTab,
    PrevTab,
    GoTab(usize),
    Filter,
    Back,
    Up,
    Down,
    PageUp,
    PageDown,
    Top,
    Bottom,
    Add,
    Edit,
    ToggleActive,
    ShowInactive,
    LoadDemo,
    PrevPeriod,
    NextPeriod,
    ThisPeriod,
    PeriodKind,
    Metric,
    Submit,
    NextField,
    PrevField,
    Yes,
    No,
    Open,
    Log,
    SetStage,
    Assign,
    FollowUp,
    Win,
    Lose,
    Merge,
    View,
    Left,
    Right,
    Delete,
    CopyWeek,
    AutoFill,
    Mark,
    Availability,
    TimeOff,
    Conflicts,
    NextInCell,
    RemoveTimeOff,
}

/// Where a binding applies. Events route from the top popup to the active tab to global.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Scope {
    Global,
    List,
    Leads,
    Schedule,
    Goals,
    Leaderboard,
    Risks,
    Reviews,
    Reps,
    Welcome,
    Form,
    Confirm,
    Filter,
    Text,
    History,
}

pub struct Binding {
    pub scope: Scope,
    /// Key names as [`key_name`] writes them; the first is the one shown.
    pub keys: &'static [&'static str],
    pub action: Action,
    /// Catalogue key of the description.
    pub label: &'static str,
    /// Shown in the one-line footer, not only in help.
    pub hint: bool,
    /// How the keys are written in help and hints, when not simply the first key.
    pub shown: Option<&'static str>,
}

const fn b(scope: Scope, keys: &'static [&'static str], action: Action, label: &'static str, hint: bool) -> Binding {
    Binding { scope, keys, action, label, hint, shown: None }
}

const fn shown(
    scope: Scope,
    keys: &'static [&'static str],
    action: Action,
    label: &'static str,
    hint: bool,
    text: &'static str,
) -> Binding {
    Binding { scope, keys, action, label, hint, shown: Some(text) }
}

use Action as A;
use Scope as S;

pub static BINDINGS: &[Binding] = &[
    // The morning review: one key per common step.
    shown(S::Leads, &["enter"], A::Open, "keys.open_lead", false, "Enter"),
    b(S::Leads, &["c"], A::Log, "keys.log", true),
    b(S::Leads, &["s"], A::SetStage, "keys.stage", true),
    b(S::Leads, &["f"], A::FollowUp, "keys.follow_up", true),
    b(S::Leads, &["a"], A::Assign, "keys.assign", true),
    b(S::Leads, &["w"], A::Win, "keys.win", true),
    b(S::Leads, &["l"], A::Lose, "keys.lose", true),
    b(S::Leads, &["n"], A::Add, "keys.new_lead", true),
    b(S::Leads, &["e"], A::Edit, "keys.edit_lead", false),
    b(S::Leads, &["m"], A::Merge, "keys.merge", false),
    b(S::Leads, &["p"], A::Release, "keys.release", false),
    b(S::Leads, &["v"], A::View, "keys.view", false),
    // Each tab's own keys come first so its hints lead the footer.
    b(S::Reps, &["n"], A::Add, "keys.add_rep", true),
    b(S::Reps, &["e", "enter"], A::Edit, "keys.edit_rep", true),
    b(S::Reps, &["x"], A::ToggleActive, "keys.toggle_active", true),
    b(S::Reps, &["i"], A::ShowInactive, "keys.show_inactive", true),
    b(S::Reps, &["v"], A::Availability, "keys.availability", false),
    b(S::Reps, &["o"], A::TimeOff, "keys.time_off", false),
    b(S::Reps, &["O"], A::RemoveTimeOff, "keys.remove_time_off", false),
    shown(S::Schedule, &["enter"], A::Edit, "keys.shift", true, "Enter"),
    b(S::Schedule, &["n"], A::Add, "keys.add_shift", false),
    b(S::Schedule, &["s"], A::NextInCell, "keys.next_in_cell", false),
    b(S::Schedule, &["d"], A::Delete, "keys.delete_shift", true),
    b(S::Schedule, &["["], A::PrevPeriod, "keys.prev_week", true),
    b(S::Schedule, &["]"], A::NextPeriod, "keys.next_week", true),
    b(S::Schedule, &["t"], A::ThisPeriod, "keys.this_week", false),
    b(S::Schedule, &["y"], A::CopyWeek, "keys.copy_week", true),
    b(S::Schedule, &["a"], A::AutoFill, "keys.auto_fill", true),
    b(S::Schedule, &["x"], A::Mark, "keys.mark_shift", false),
    b(S::Schedule, &["v"], A::Availability, "keys.availability", false),
    b(S::Schedule, &["o"], A::TimeOff, "keys.time_off", false),
    b(S::Schedule, &["c"], A::Conflicts, "keys.conflicts", false),
    shown(S::Schedule, &["left", "h"], A::Left, "keys.left", false, "←/h"),
    shown(S::Schedule, &["right", "l"], A::Right, "keys.right", false, "→/l"),
    b(S::Goals, &["p"], A::PeriodKind, "keys.period_kind", true),
    b(S::Goals, &["["], A::PrevPeriod, "keys.prev_period", true),
    b(S::Goals, &["]"], A::NextPeriod, "keys.next_period", true),
    b(S::Goals, &["t"], A::ThisPeriod, "keys.this_period", false),
    b(S::Leaderboard, &["m"], A::Metric, "keys.metric", true),
    b(S::Leaderboard, &["["], A::PrevPeriod, "keys.prev_period", true),
    b(S::Leaderboard, &["]"], A::NextPeriod, "keys.next_period", true),
    b(S::Leaderboard, &["t"], A::ThisPeriod, "keys.this_period", false),
    b(S::Welcome, &["d"], A::LoadDemo, "keys.load_demo", true),
    b(S::Welcome, &["n"], A::Add, "keys.add_first_rep", true),
    // Moving in any list.
    shown(S::List, &["up", "k"], A::Up, "keys.up", false, "↑/k"),
    shown(S::List, &["down", "j"], A::Down, "keys.down", false, "↓/j"),
    shown(S::List, &["pageup", "ctrl-b"], A::PageUp, "keys.page_up", false, "PgUp"),
    shown(S::List, &["pagedown", "ctrl-f"], A::PageDown, "keys.page_down", false, "PgDn"),
    shown(S::List, &["home", "g"], A::Top, "keys.top", false, "Home/g"),
    shown(S::List, &["end", "G"], A::Bottom, "keys.bottom", false, "End/G"),
    b(S::List, &["/"], A::Filter, "keys.filter", true),
    // Everywhere.
    shown(S::Global, &["tab"], A::NextTab, "keys.next_tab", false, "Tab"),
    shown(S::Global, &["backtab"], A::PrevTab, "keys.prev_tab", false, "S-Tab"),
    shown(S::Global, &["1"], A::GoTab(0), "keys.go_tab", false, "1–7"),
    b(S::Global, &["2"], A::GoTab(1), "keys.go_tab", false),
    b(S::Global, &["3"], A::GoTab(2), "keys.go_tab", false),
    b(S::Global, &["4"], A::GoTab(3), "keys.go_tab", false),
    b(S::Global, &["5"], A::GoTab(4), "keys.go_tab", false),
    b(S::Global, &["6"], A::GoTab(5), "keys.go_tab", false),
    b(S::Global, &["7"], A::GoTab(6), "keys.go_tab", false),
    shown(S::Global, &["esc"], A::Back, "keys.back", false, "Esc"),
    b(S::Global, &["?"], A::Help, "keys.help", true),
    b(S::Global, &["u"], A::Undo, "keys.undo", false),
    b(S::Global, &["H"], A::History, "keys.history", false),
    shown(S::Global, &["q", "ctrl-c"], A::Quit, "keys.quit", true, "q"),
    // Forms and prompts.
    shown(S::Form, &["tab", "down"], A::NextField, "keys.next_field", true, "Tab"),
    shown(S::Form, &["backtab", "up"], A::PrevField, "keys.prev_field", true, "S-Tab"),
    shown(S::Form, &["enter"], A::Submit, "keys.save", true, "Enter"),
    shown(S::Form, &["esc"], A::Back, "keys.cancel", true, "Esc"),
    shown(S::Confirm, &["y", "enter"], A::Yes, "keys.yes", true, "y"),
    shown(S::Confirm, &["n", "esc"], A::No, "keys.no", true, "n"),
    shown(S::Text, &["down", "j"], A::Down, "keys.down", false, "↓/j"),
    shown(S::Text, &["up", "k"], A::Up, "keys.up", false, "↑/k"),
    shown(S::Text, &["pagedown"], A::PageDown, "keys.page_down", false, "PgDn"),
    shown(S::Text, &["pageup"], A::PageUp, "keys.page_up", false, "PgUp"),
    shown(S::Text, &["esc", "enter", "q"], A::Back, "keys.close", true, "Esc"),
    shown(S::History, &["down", "j"], A::Down, "keys.down", false, "↓/j"),
    shown(S::History, &["up", "k"], A::Up, "keys.up", false, "↑/k"),
    shown(S::History, &["enter"], A::UndoSelected, "keys.undo_selected", true, "Enter"),
    shown(S::History, &["n", "pagedown"], A::OlderPage, "keys.older", true, "n"),
    shown(S::History, &["esc", "q"], A::Back, "keys.close", true, "Esc"),
    shown(S::Filter, &["enter"], A::Submit, "keys.keep_filter", true, "Enter"),
    shown(S::Filter, &["esc"], A::Back, "keys.clear_filter", true, "Esc"),
];

/// A key event written the way the table writes keys: `q`, `G`, `ctrl-c`, `enter`, `backtab`.
pub fn key_name(key: &KeyEvent) -> Option<String> {
    let base = match key.code {
        KeyCode::Char(c) => c.to_string(),
        KeyCode::Enter => "enter".into(),
        KeyCode::Esc => "esc".into(),
        KeyCode::Tab => "tab".into(),
        KeyCode::BackTab => "backtab".into(),
        KeyCode::Up => "up".into(),
        KeyCode::Down => "down".into(),
        KeyCode::Left => "left".into(),
        KeyCode::Right => "right".into(),
        KeyCode::PageUp => "pageup".into(),
        KeyCode::PageDown => "pagedown".into(),
        KeyCode::Home => "home".into(),
        KeyCode::End => "end".into(),
        KeyCode::Backspace => "backspace".into(),
        KeyCode::Delete => "delete".into(),
        KeyCode::F(n) => format!("f{n}"),
        _ => return None,
    };
    if key.modifiers.contains(KeyModifiers::CONTROL) {
        Some(format!("ctrl-{base}"))
    } else if key.modifiers.contains(KeyModifiers::ALT) {
        Some(format!("alt-{base}"))
    } else {
        Some(base)
    }
}

/// The action `key` means in `scope`, if any.
pub fn lookup(scope: Scope, key: &KeyEvent) -> Option<Action> {
    let name = key_name(key)?;
    BINDINGS.iter().find(|b| b.scope == scope && b.keys.contains(&name.as_str())).map(|b| b.action)
}

/// The bindings of some scopes, for help and hints, each description once.
/// The scopes whose keys apply on a tab, most specific first: the tab's own, the list's, the
/// app's. A key found in an earlier scope hides the same key in a later one.
pub fn tab_chain(tab: Scope) -> Vec<Scope> {
    vec![tab, Scope::List, Scope::Global]
}

/// The scopes of the welcome screen.
pub fn welcome_chain() -> Vec<Scope> {
    vec![Scope::Welcome, Scope::Global]
}

/// Every chain of scopes the app looks keys up in: each tab's, the welcome screen's, and each
/// popup or prompt on its own.
pub fn every_chain() -> Vec<Vec<Scope>> {
    let mut chains: Vec<Vec<Scope>> =
        [Scope::Leads, Scope::Schedule, Scope::Goals, Scope::Leaderboard, Scope::Risks, Scope::Reviews, Scope::Reps]
            .into_iter()
            .map(tab_chain)
            .collect();
    chains.push(welcome_chain());
    for alone in [Scope::Form, Scope::Confirm, Scope::Filter, Scope::Text, Scope::History] {
        chains.push(vec![alone]);
    }
    chains
}

pub fn bindings_of(scopes: &[Scope]) -> Vec<&'static Binding> {
    let mut seen = Vec::new();
    let mut out = Vec::new();
    for scope in scopes {
        for binding in BINDINGS.iter().filter(|b| b.scope == *scope) {
            if !seen.contains(&binding.label) {
                seen.push(binding.label);
                out.push(binding);
            }
        }
    }
    out
}

/// How a binding's keys are written for a person.
pub fn key_label(binding: &Binding) -> String {
    binding.shown.map(str::to_string).unwrap_or_else(|| match binding.keys[0] {
        "enter" => "Enter".into(),
        "esc" => "Esc".into(),
        other => other.to_string(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn key(c: char) -> KeyEvent {
        KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE)
    }

    #[test]
    fn lookup_is_per_scope() {
        assert_eq!(lookup(Scope::Reps, &key('n')), Some(Action::Add));
        assert_eq!(lookup(Scope::Global, &key('n')), None);
        assert_eq!(lookup(Scope::Global, &key('3')), Some(Action::GoTab(2)));
        let ctrl_c = KeyEvent::new(KeyCode::Char('c'), KeyModifiers::CONTROL);
        assert_eq!(lookup(Scope::Global, &ctrl_c), Some(Action::Quit));
    }

    #[test]
    fn no_key_is_bound_twice_in_one_scope() {
        for a in BINDINGS {
            for b in BINDINGS {
                if std::ptr::eq(a, b) || a.scope != b.scope {
                    continue;
                }
                for k in a.keys {
                    assert!(!b.keys.contains(k), "{k} twice in {:?}", a.scope);
                }
            }
        }
    }

    #[test]
    fn tab_keys_never_shadow_global_ones_they_should_not() {
        for scope in [
            Scope::Leads,
            Scope::Schedule,
            Scope::Goals,
            Scope::Leaderboard,
            Scope::Risks,
            Scope::Reviews,
            Scope::Reps,
            Scope::List,
        ] {
            for b in BINDINGS.iter().filter(|b| b.scope == scope) {
                for k in b.keys {
                    assert!(
                        !["q", "?", "tab", "backtab", "1", "2", "3", "4", "5", "6", "7"].contains(k),
                        "{k} in {scope:?}"
                    );
                }
            }
        }
    }

    /// No key means two things along one chain: a binding of an earlier scope must not hide
    /// another action's binding of a later one (the Schedule's `g` once hid the list's top).
    #[test]
    fn no_binding_shadows_another_along_any_chain() {
        for chain in every_chain() {
            let mut seen: Vec<(&str, Scope, Action)> = Vec::new();
            for scope in &chain {
                for b in BINDINGS.iter().filter(|b| b.scope == *scope) {
                    for k in b.keys {
                        if let Some((_, earlier, action)) = seen.iter().find(|(key, _, _)| key == k) {
                            assert!(
                                *action == b.action,
                                "`{k}` of {earlier:?} ({action:?}) hides `{k}` of {scope:?} ({:?})",
                                b.action
                            );
                        } else {
                            seen.push((k, *scope, b.action));
                        }
                    }
                }
            }
        }
    }

    #[test]
    fn help_lists_go_tab_once() {
        let global = bindings_of(&[Scope::Global]);
        assert_eq!(global.iter().filter(|b| b.label == "keys.go_tab").count(), 1);
    }
}
