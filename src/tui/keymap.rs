//! Keys are data: one table binds keys to actions per scope, each with a description. The
//! footer hints and the `?` help both read this table, so they never drift from the code.

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

/// Every user intent the app knows. Its name (`won`, `next_tab`) is the one a config file's
/// `[keys.<scope>]` table rebinds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, strum::IntoStaticStr)]
#[strum(serialize_all = "snake_case")]
pub enum Action {
    Quit,
    /// Acknowledge or snooze the selected risk.
    Acknowledge,
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
    /// A new line in a text of several lines.
    NewLine,
    /// A rep's onboarding checklist.
    Checklist,
    /// A training session a rep attended.
    Training,
    NextField,
    PrevField,
    Yes,
    No,
    Open,
    Log,
    SetStage,
    Assign,
    FollowUp,
    Won,
    Lost,
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
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, strum::IntoStaticStr, strum::EnumIter)]
#[strum(serialize_all = "lowercase")]
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
    /// A form whose focused field is a text of several lines.
    Writing,
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
    b(S::Leads, &["w"], A::Won, "keys.win", true),
    b(S::Leads, &["l"], A::Lost, "keys.lose", true),
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
    b(S::Goals, &["n"], A::Add, "keys.add_target", true),
    b(S::Goals, &["e", "enter"], A::Edit, "keys.edit_target", true),
    b(S::Goals, &["d"], A::Delete, "keys.remove_target", false),
    b(S::Goals, &["p"], A::PeriodKind, "keys.period_kind", true),
    b(S::Goals, &["["], A::PrevPeriod, "keys.prev_period", true),
    b(S::Goals, &["]"], A::NextPeriod, "keys.next_period", true),
    b(S::Goals, &["t"], A::ThisPeriod, "keys.this_period", false),
    shown(S::Leaderboard, &["enter"], A::Open, "keys.rep_figures", true, "Enter"),
    b(S::Leaderboard, &["m"], A::Metric, "keys.metric", true),
    b(S::Leaderboard, &["v"], A::View, "keys.board_group", true),
    b(S::Leaderboard, &["["], A::PrevPeriod, "keys.prev_period", true),
    b(S::Leaderboard, &["]"], A::NextPeriod, "keys.next_period", true),
    b(S::Leaderboard, &["p"], A::PeriodKind, "keys.period_kind", false),
    b(S::Leaderboard, &["t"], A::ThisPeriod, "keys.this_period", false),
    shown(S::Risks, &["enter"], A::Open, "keys.risk_go", true, "Enter"),
    b(S::Risks, &["x"], A::Acknowledge, "keys.risk_ack", true),
    b(S::Risks, &["v"], A::View, "keys.risks_hidden", true),
    b(S::Reviews, &["n"], A::Add, "keys.new_review", true),
    shown(S::Reviews, &["enter"], A::Open, "keys.open_review", true, "Enter"),
    b(S::Reviews, &["e"], A::Edit, "keys.edit_review", true),
    b(S::Reviews, &["o"], A::Checklist, "keys.checklist", true),
    b(S::Reviews, &["t"], A::Training, "keys.training", true),
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
    shown(S::Form, &["enter", "ctrl-s", "alt-enter"], A::Submit, "keys.save", true, "Enter"),
    shown(S::Form, &["esc"], A::Back, "keys.cancel", true, "Esc"),
    // In a text of several lines Enter starts a line; Ctrl+S (or Alt+Enter) saves.
    shown(S::Writing, &["ctrl-s", "alt-enter"], A::Submit, "keys.save", true, "C-s"),
    shown(S::Writing, &["enter"], A::NewLine, "keys.new_line", true, "Enter"),
    shown(S::Writing, &["tab"], A::NextField, "keys.next_field", true, "Tab"),
    shown(S::Writing, &["backtab"], A::PrevField, "keys.prev_field", true, "S-Tab"),
    shown(S::Writing, &["esc"], A::Back, "keys.cancel", true, "Esc"),
    shown(S::Confirm, &["y", "enter"], A::Yes, "keys.yes", true, "y"),
    shown(S::Confirm, &["n", "esc"], A::No, "keys.no", true, "n"),
    shown(S::Text, &["down", "j"], A::Down, "keys.down", true, "↓/j"),
    shown(S::Text, &["up", "k"], A::Up, "keys.up", true, "↑/k"),
    shown(S::Text, &["pagedown", "ctrl-f", " "], A::PageDown, "keys.page_down", true, "PgDn"),
    shown(S::Text, &["pageup", "ctrl-b"], A::PageUp, "keys.page_up", true, "PgUp"),
    shown(S::Text, &["home", "g"], A::Top, "keys.top", false, "Home/g"),
    shown(S::Text, &["end", "G"], A::Bottom, "keys.bottom", false, "End/G"),
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
    for alone in [Scope::Form, Scope::Writing, Scope::Confirm, Scope::Filter, Scope::Text, Scope::History] {
        chains.push(vec![alone]);
    }
    chains
}

/// A binding as the app uses it: the defaults of [`BINDINGS`] with the owner's overrides.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Bound {
    pub scope: Scope,
    pub keys: Vec<String>,
    pub action: Action,
    pub label: &'static str,
    pub hint: bool,
    pub shown: Option<String>,
}

impl Bound {
    /// How the keys are written for a person.
    pub fn key_label(&self) -> String {
        self.shown.clone().unwrap_or_else(|| match self.keys[0].as_str() {
            "enter" => "Enter".into(),
            "esc" => "Esc".into(),
            other => other.to_string(),
        })
    }
}

/// Why an override of the config cannot be taken.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum KeyError {
    UnknownScope { scope: String, known: Vec<&'static str> },
    UnknownAction { scope: String, action: String, known: Vec<&'static str> },
    BadKey { key: String },
    Clash { key: String, scope: &'static str, action: &'static str },
}

/// The keys in force: every binding of [`BINDINGS`], with the owner's overrides from the
/// config. Help, the footer and the lookup of every key read this one map.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct KeyMap {
    bound: Vec<Bound>,
}

impl Default for KeyMap {
    fn default() -> KeyMap {
        let bound = BINDINGS
            .iter()
            .map(|b| Bound {
                scope: b.scope,
                keys: b.keys.iter().map(|k| k.to_string()).collect(),
                action: b.action,
                label: b.label,
                hint: b.hint,
                shown: b.shown.map(str::to_string),
            })
            .collect();
        KeyMap { bound }
    }
}

/// Whether `key` is a name [`key_name`] can produce: one character, a named key, or either
/// after `ctrl-` or `alt-`.
fn valid_key(key: &str) -> bool {
    const NAMED: [&str; 14] = [
        "enter",
        "esc",
        "tab",
        "backtab",
        "up",
        "down",
        "left",
        "right",
        "pageup",
        "pagedown",
        "home",
        "end",
        "backspace",
        "delete",
    ];
    let base = key.strip_prefix("ctrl-").or_else(|| key.strip_prefix("alt-")).unwrap_or(key);
    base.chars().count() == 1
        || NAMED.contains(&base)
        || base.strip_prefix('f').is_some_and(|n| n.parse::<u8>().is_ok_and(|n| (1..=12).contains(&n)))
}

impl KeyMap {
    pub fn bindings(&self) -> &[Bound] {
        &self.bound
    }

    /// The keys of `action` in the scope named `scope`, as in force.
    pub fn keys_of(&self, scope: &str, action: &str) -> Option<&[String]> {
        self.bound
            .iter()
            .find(|b| <&str>::from(b.scope) == scope && <&str>::from(b.action) == action)
            .map(|b| b.keys.as_slice())
    }

    /// The action `key` means in `scope`, if any.
    pub fn lookup(&self, scope: Scope, key: &KeyEvent) -> Option<Action> {
        let name = key_name(key)?;
        self.bound.iter().find(|b| b.scope == scope && b.keys.contains(&name)).map(|b| b.action)
    }

    /// The bindings of some scopes, for help and hints, each description once.
    pub fn bindings_of(&self, scopes: &[Scope]) -> Vec<&Bound> {
        let mut seen = Vec::new();
        let mut out = Vec::new();
        for scope in scopes {
            for binding in self.bound.iter().filter(|b| b.scope == *scope) {
                if !seen.contains(&binding.label) {
                    seen.push(binding.label);
                    out.push(binding);
                }
            }
        }
        out
    }

    /// Binds `action` of `scope` to `keys` instead of its defaults (`[keys.leads] won = "W"`).
    /// Refused when the scope or action is unknown, a key cannot be typed, or a key already
    /// means something else on a chain the scope is part of.
    pub fn rebind(&mut self, scope: &str, action: &str, keys: &[String]) -> Result<(), KeyError> {
        use strum::IntoEnumIterator;
        let Some(scope_v) = Scope::iter().find(|s| <&str>::from(*s) == scope) else {
            return Err(KeyError::UnknownScope {
                scope: scope.into(),
                known: Scope::iter().map(<&str>::from).collect(),
            });
        };
        let known: Vec<&'static str> = {
            let mut names: Vec<&'static str> =
                self.bound.iter().filter(|b| b.scope == scope_v).map(|b| <&str>::from(b.action)).collect();
            names.dedup();
            names
        };
        let Some(at) = self.bound.iter().position(|b| b.scope == scope_v && <&str>::from(b.action) == action) else {
            return Err(KeyError::UnknownAction { scope: scope.into(), action: action.into(), known });
        };
        if let Some(bad) = keys.iter().find(|k| !valid_key(k)) {
            return Err(KeyError::BadKey { key: bad.clone() });
        }
        if keys.is_empty() {
            return Err(KeyError::BadKey { key: String::new() });
        }
        let mut next = self.clone();
        next.bound[at].keys = keys.to_vec();
        next.bound[at].shown = None;
        // A second binding of the same action in the scope (the keys 1–7) keeps its own keys.
        if let Some((key, other)) = next.clash(scope_v, at) {
            return Err(KeyError::Clash { key, scope: other.scope.into(), action: other.action.into() });
        }
        *self = next;
        Ok(())
    }

    /// A key of binding `at` that means another action on a chain through `scope`.
    fn clash(&self, scope: Scope, at: usize) -> Option<(String, Bound)> {
        let mine = &self.bound[at];
        for chain in every_chain().into_iter().filter(|c| c.contains(&scope)) {
            for other in self.bound.iter().filter(|b| chain.contains(&b.scope) && b.action != mine.action) {
                if let Some(k) = mine.keys.iter().find(|k| other.keys.contains(k)) {
                    return Some((k.clone(), other.clone()));
                }
            }
        }
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn key(c: char) -> KeyEvent {
        KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE)
    }

    #[test]
    fn lookup_is_per_scope() {
        let keys = KeyMap::default();
        assert_eq!(keys.lookup(Scope::Reps, &key('n')), Some(Action::Add));
        assert_eq!(keys.lookup(Scope::Global, &key('n')), None);
        assert_eq!(keys.lookup(Scope::Global, &key('3')), Some(Action::GoTab(2)));
        let ctrl_c = KeyEvent::new(KeyCode::Char('c'), KeyModifiers::CONTROL);
        assert_eq!(keys.lookup(Scope::Global, &ctrl_c), Some(Action::Quit));
    }

    #[test]
    fn an_override_rebinds_and_is_checked() {
        let mut keys = KeyMap::default();
        keys.rebind("leads", "won", &["W".into()]).unwrap();
        assert_eq!(keys.lookup(Scope::Leads, &key('W')), Some(Action::Won));
        assert_eq!(keys.lookup(Scope::Leads, &key('w')), None);
        let won = keys.bindings_of(&[Scope::Leads]).into_iter().find(|b| b.action == Action::Won).unwrap();
        assert_eq!(won.key_label(), "W");
        // `c` already logs a call on the Leads tab; `q` quits everywhere.
        assert_eq!(
            keys.rebind("leads", "won", &["c".into()]),
            Err(KeyError::Clash { key: "c".into(), scope: "leads", action: "log" })
        );
        assert!(matches!(keys.rebind("leads", "won", &["q".into()]), Err(KeyError::Clash { .. })));
        assert!(matches!(keys.rebind("leeds", "won", &["x".into()]), Err(KeyError::UnknownScope { .. })));
        let Err(KeyError::UnknownAction { known, .. }) = keys.rebind("leads", "win", &["x".into()]) else {
            panic!("win is not an action of leads")
        };
        assert!(known.contains(&"won") && known.contains(&"log"));
        assert!(matches!(keys.rebind("leads", "won", &["ctrl-".into()]), Err(KeyError::BadKey { .. })));
        // A refused override leaves the map as it was.
        assert_eq!(keys.lookup(Scope::Leads, &key('W')), Some(Action::Won));
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
        let keys = KeyMap::default();
        let global = keys.bindings_of(&[Scope::Global]);
        assert_eq!(global.iter().filter(|b| b.label == "keys.go_tab").count(), 1);
    }
}
