//! The tabs. Each is one file with its state, its key handling and its drawing; adding a
//! tab adds that file, a line in [`make`], its keys in the key map and a snapshot test.

pub mod goals;
pub mod leaderboard;
pub mod leads;
pub mod reps;
pub mod reviews;
pub mod risks;
pub mod schedule;

use super::keymap::{Action, Scope};
use super::{Ctx, Outcome, Tab};
use crate::store::Store;
use anyhow::Result;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use strum::IntoEnumIterator;

pub trait TabView {
    /// The key-map scope of this tab's own keys.
    fn scope(&self) -> Scope;
    /// Loads exactly the rows the tab shows; called when it is entered or the data changed.
    fn load(&mut self, store: &Store, ctx: &Ctx) -> Result<()>;
    /// Handles one of the tab's actions (or a list movement); may read, never writes.
    fn handle(&mut self, action: Action, store: &Store, ctx: &Ctx) -> Result<Outcome>;
    fn filter(&self) -> &str;
    /// True when filtering asks the store (a search of every lead), rather than the rows held.
    fn filter_searches_store(&self) -> bool {
        false
    }
    fn set_filter(&mut self, filter: &str, store: &Store, ctx: &Ctx) -> Result<()>;
    /// Draws from the cache the last load filled.
    fn render(&self, area: Rect, buf: &mut Buffer, ctx: &Ctx);
    /// The row (and column) of the tab's list at a point of the screen, as last drawn.
    fn cell_at(&self, _x: u16, _y: u16) -> Option<(usize, Option<usize>)> {
        None
    }
    /// Stands on the row of this id, when the list shows it (a lead just added).
    fn select_id(&mut self, _id: i64, _store: &Store) {}
    /// Turns to the period holding `day` and stands on it, before the app loads the tab again
    /// (a risk's week and day in the schedule).
    fn show_day(&mut self, _day: chrono::NaiveDate) {}
    /// Stands on the row at this position of the list, for a click; false when the tab moves
    /// its cursor by steps instead (a grid), or the row cannot be stood on (a heading).
    fn select_row(&mut self, _row: usize, _store: &Store) -> bool {
        false
    }

    /// The selected row (and column) of the tab's list.
    fn cursor(&self) -> (usize, Option<usize>) {
        (0, None)
    }
}

fn make(tab: Tab) -> Box<dyn TabView> {
    match tab {
        Tab::Leads => Box::new(leads::LeadsTab::default()),
        Tab::Schedule => Box::new(schedule::ScheduleTab::default()),
        Tab::Goals => Box::new(goals::GoalsTab::default()),
        Tab::Leaderboard => Box::new(leaderboard::LeaderboardTab::default()),
        Tab::Risks => Box::new(risks::RisksTab::default()),
        Tab::Reviews => Box::new(reviews::ReviewsTab::default()),
        Tab::Reps => Box::new(reps::RepsTab::default()),
    }
}

/// Every tab, in tab-bar order.
pub fn all() -> Vec<Box<dyn TabView>> {
    Tab::iter().map(make).collect()
}

/// A list movement, handled the same way by every tab that is a list.
pub fn is_movement(action: Action) -> bool {
    matches!(action, Action::Up | Action::Down | Action::PageUp | Action::PageDown | Action::Top | Action::Bottom)
}

/// A bar of `width` cells for a share 0..=1 (beyond 1 stays full).
pub fn bar(share: f64, width: usize) -> String {
    let filled = ((share.clamp(0.0, 1.0)) * width as f64).round() as usize;
    format!("{}{}", "█".repeat(filled), "░".repeat(width - filled))
}

/// `88%`, or `—` without a figure.
pub fn percent(share: Option<f64>) -> String {
    share.map(|s| format!("{:.0}%", s * 100.0)).unwrap_or_else(|| "—".into())
}
