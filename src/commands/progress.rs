//! The progress bar of long work on the command line: on stderr, only when stderr is a
//! terminal (a script or a pipe sees nothing), and only for work of a few thousand steps.

use crate::store::progress::Progress;
use crate::text::Catalogue;
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use std::cell::RefCell;
use std::io::IsTerminal;

/// Work shorter than this many steps is over before a bar would say anything.
const FEW: u64 = 2_000;

pub struct Bar {
    cat: &'static Catalogue,
    shown: bool,
    bar: RefCell<Option<ProgressBar>>,
}

impl Bar {
    /// A bar that draws when stderr is a terminal.
    pub fn new(cat: &'static Catalogue) -> Bar {
        Bar::on(cat, std::io::stderr().is_terminal())
    }

    /// A bar that draws when `shown`.
    pub fn on(cat: &'static Catalogue, shown: bool) -> Bar {
        Bar { cat, shown, bar: RefCell::new(None) }
    }

    /// Whether a bar is up now.
    pub fn is_up(&self) -> bool {
        self.bar.borrow().is_some()
    }
}

impl Progress for Bar {
    fn begin(&self, what: &'static str, total: u64) {
        if !self.shown || (total > 0 && total < FEW) {
            return;
        }
        let label = self.cat.label_of("progress", what).to_string();
        let bar = if total == 0 {
            let bar = ProgressBar::with_draw_target(None, ProgressDrawTarget::stderr());
            bar.set_style(
                ProgressStyle::with_template("{spinner} {msg} {elapsed}")
                    .unwrap_or_else(|_| ProgressStyle::default_spinner()),
            );
            bar.enable_steady_tick(std::time::Duration::from_millis(120));
            bar
        } else {
            let bar = ProgressBar::with_draw_target(Some(total), ProgressDrawTarget::stderr());
            let style = ProgressStyle::with_template("{msg} [{bar:30}] {pos}/{len} {eta}")
                .map(|s| s.progress_chars("=> "))
                .unwrap_or_else(|_| ProgressStyle::default_bar());
            bar.set_style(style);
            bar
        };
        bar.set_message(label);
        *self.bar.borrow_mut() = Some(bar);
    }

    fn add(&self, n: u64) {
        if let Some(bar) = self.bar.borrow().as_ref() {
            bar.inc(n);
        }
    }

    fn end(&self) {
        if let Some(bar) = self.bar.borrow_mut().take() {
            bar.finish_and_clear();
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn no_bar_when_not_shown_or_for_short_work() {
        let cat = Catalogue::en();
        let hidden = Bar::on(cat, false);
        hidden.begin("import", 100_000);
        assert!(!hidden.is_up());
        let shown = Bar::on(cat, true);
        shown.begin("import", 10);
        assert!(!shown.is_up(), "ten rows need no bar");
        shown.begin("import", 100_000);
        assert!(shown.is_up());
        shown.add(5);
        shown.end();
        assert!(!shown.is_up());
    }
}
