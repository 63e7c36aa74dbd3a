//! How far long work has got, told to whoever listens: the command line's progress bar, or
//! nobody (the app, scripts, tests). The work says what it is and how much there is; the
//! listener decides whether anything is shown.

/// A listener to long work.
pub trait Progress {
    /// Work of kind `what` (`import`, `demo`, `undo`, `export`) begins, `total` steps long
    /// (0 when not known).
    fn begin(&self, what: &'static str, total: u64);
    /// `n` more steps are done.
    fn add(&self, n: u64);
    /// The work is over, done or not.
    fn end(&self);
}

/// Nobody listens.
pub struct Silent;

impl Progress for Silent {
    fn begin(&self, _: &'static str, _: u64) {}
    fn add(&self, _: u64) {}
    fn end(&self) {}
}
