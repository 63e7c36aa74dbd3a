//! The two kinds of failure every layer reports.

/// Whether the user can fix it by asking differently (exit 2) or something failed (exit 1).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ErrorKind {
    Usage,
    Runtime,
}
