//! Waiting for another process's write: SQLite's busy handler, the line that says a command
//! is waiting, and the one answer of "busy" SQLite gives without the handler.

use super::{Result, StoreError};
use rusqlite::Connection;
use std::time::Duration;

/// How long a write waits for another process's to finish (an import of a large file takes
/// seconds): past this, it gives up and says the file is busy.
pub(crate) const BUSY_TIMEOUT: Duration = Duration::from_secs(60);

/// After this long waiting, the command line says it is waiting.
const WAIT_NOTICE_AFTER: Duration = Duration::from_secs(1);

/// The line a command prints on stderr once it has waited a second for another repdesk's write
/// ("waiting for another repdesk to finish writing…"), in the reader's language; none in the
/// app, whose screen stderr would spoil.
static WAIT_NOTICE: std::sync::OnceLock<String> = std::sync::OnceLock::new();

/// Says `line` on stderr when a write of this process has to wait a second for another's.
pub fn notice_waits(line: String) {
    let _ = WAIT_NOTICE.set(line);
}

thread_local! {
    /// When the current wait began, and whether it was said.
    static WAITING: std::cell::Cell<(Option<std::time::Instant>, bool)> = const { std::cell::Cell::new((None, false)) };
}

/// SQLite's busy handler: called while another connection holds the lock, `n` times so far.
/// Waits a little longer each time (up to 50 ms), says so once after a second, and gives up
/// after [`BUSY_TIMEOUT`].
pub(crate) fn wait_for_lock(n: i32) -> bool {
    let now = std::time::Instant::now();
    let (start, said) = WAITING.with(|w| {
        let (start, said) = w.get();
        let start = if n == 0 { now } else { start.unwrap_or(now) };
        let said = n != 0 && said;
        w.set((Some(start), said));
        (start, said)
    });
    let waited = now.duration_since(start);
    if waited >= BUSY_TIMEOUT {
        return false;
    }
    if !said && waited >= WAIT_NOTICE_AFTER {
        if let Some(line) = WAIT_NOTICE.get() {
            eprintln!("repdesk: {line}");
        }
        WAITING.with(|w| w.set((Some(start), true)));
    }
    std::thread::sleep(Duration::from_millis((1u64 << n.clamp(0, 6) as u32).min(50)));
    true
}

/// Puts the file in write-ahead-log mode. Two processes that both found a new file in the old
/// mode and both ask for the change hold a read lock each and want the other's gone: SQLite
/// then says "busy" to one at once, without its busy handler, so that one waits here as the
/// handler would and asks again.
pub(super) fn set_wal(conn: &Connection) -> Result<()> {
    let mut tries = 0;
    loop {
        match conn.pragma_update_and_check(None, "journal_mode", "WAL", |_| Ok(())) {
            Err(e)
                if matches!(
                    e.sqlite_error_code(),
                    Some(rusqlite::ErrorCode::DatabaseBusy | rusqlite::ErrorCode::DatabaseLocked)
                ) && wait_for_lock(tries) =>
            {
                tries += 1
            }
            other => return other.map_err(StoreError::from),
        }
    }
}
