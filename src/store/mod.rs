//! The only code that speaks SQL. One door opens the file; every write is one
//! `BEGIN IMMEDIATE` transaction that also writes its audit row.

pub mod audit;
pub mod bulk;
pub mod changes;
pub mod deals;
pub mod demo;
pub mod honours;
pub mod lead_writes;
pub mod leads;
pub mod maintenance;
pub mod metrics;
pub mod progress;
pub mod queue_counts;
pub mod reps;
pub mod reviews;
pub mod risks;
pub mod sales;
pub mod schedule;
pub mod settings;
pub mod targets;
pub mod training;

use crate::domain::clock::{Clock, SharedClock};
use crate::domain::message::Message;
use crate::domain::rep::ValidationError;
use chrono::{NaiveDate, NaiveDateTime};
mod lock;
mod migrate;
pub use lock::notice_waits;
use lock::set_wal;
pub(crate) use lock::wait_for_lock;
use migrate::migrate;
pub use migrate::schema_version;
#[cfg(test)]
use migrate::{MIGRATION_SQL, migration, spell_out_in_lists};
use rusqlite::{Connection, OpenFlags, Transaction, TransactionBehavior, params};
use std::path::{Path, PathBuf};

/// What the store could not do. Each says it as a [`Message`] that front ends word in the
/// owner's language (its `Display` is the English one).
#[derive(Debug)]
pub enum StoreError {
    TooNew {
        path: String,
        found: i64,
        known: i64,
    },
    Create {
        path: String,
        source: std::io::Error,
    },
    NotADatabase {
        path: String,
        source: rusqlite::Error,
    },
    Busy,
    /// The file may only be read (its permissions, or the disk): nothing can be changed.
    ReadOnly,
    /// A read-only file of an older schema: it cannot be brought up to date.
    ReadOnlyOld {
        path: String,
    },
    NotFound {
        entity: &'static str,
        key: String,
    },
    Conflict(Message),
    Invalid(ValidationError),
    Migration(rusqlite_migration::Error),
    Sqlite(rusqlite::Error),
    UndoBlocked {
        id: i64,
        blocked: Box<changes::Blocked>,
    },
    Write(std::io::Error),
}

impl std::error::Error for StoreError {}

impl From<ValidationError> for StoreError {
    fn from(e: ValidationError) -> Self {
        StoreError::Invalid(e)
    }
}

impl From<rusqlite_migration::Error> for StoreError {
    fn from(e: rusqlite_migration::Error) -> Self {
        StoreError::Migration(e)
    }
}

impl StoreError {
    /// The failure as a sentence of the catalogue.
    pub fn message(&self) -> Message {
        match self {
            StoreError::TooNew { path, found, known } => {
                Message::new("store.too_new").arg("path", path).arg("found", found).arg("known", known)
            }
            StoreError::Create { path, source } => Message::new("store.create").arg("path", path).arg("error", source),
            StoreError::NotADatabase { path, source } => {
                Message::new("store.not_a_database").arg("path", path).arg("error", source)
            }
            StoreError::Busy => Message::new("store.busy"),
            StoreError::ReadOnly => Message::new("store.read_only"),
            StoreError::ReadOnlyOld { path } => Message::new("store.read_only_old").arg("path", path),
            StoreError::NotFound { entity, key } => not_found(entity, key),
            StoreError::Conflict(message) => message.clone(),
            StoreError::Invalid(v) => v.message.clone(),
            StoreError::Migration(e) => Message::new("store.migration").arg("error", migration_text(e)),
            StoreError::Sqlite(e) => Message::new("store.sqlite").arg("error", sqlite_text(e)),
            StoreError::UndoBlocked { id, .. } => Message::new("store.undo_blocked").arg("id", id),
            StoreError::Write(e) => Message::new("store.write").arg("error", e),
        }
    }

    /// Bad usage or input the user can fix (a name that is not there, a value that does not
    /// hold, an undo a later change stands in the way of), or a failure of the file or disk.
    pub fn kind(&self) -> crate::domain::error::ErrorKind {
        use crate::domain::error::ErrorKind;
        match self {
            StoreError::NotFound { .. }
            | StoreError::Conflict(_)
            | StoreError::Invalid(_)
            | StoreError::UndoBlocked { .. }
            | StoreError::ReadOnly => ErrorKind::Usage,
            _ => ErrorKind::Runtime,
        }
    }
}

impl From<rusqlite::Error> for StoreError {
    fn from(e: rusqlite::Error) -> Self {
        match e.sqlite_error_code() {
            Some(rusqlite::ErrorCode::DatabaseBusy | rusqlite::ErrorCode::DatabaseLocked) => StoreError::Busy,
            Some(rusqlite::ErrorCode::ReadOnly) => StoreError::ReadOnly,
            _ => StoreError::Sqlite(e),
        }
    }
}

pub type Result<T, E = StoreError> = std::result::Result<T, E>;

/// What SQLite said, without the statement it said it of (a schema's SQL is thousands of
/// characters): one short line.
fn sqlite_text(e: &rusqlite::Error) -> String {
    let text = match e {
        rusqlite::Error::SqlInputError { msg, .. } => msg.clone(),
        rusqlite::Error::SqliteFailure(f, Some(msg)) => format!("{msg} ({})", f.code as i32),
        other => other.to_string(),
    };
    short(&text)
}

/// The first line of `text`, at most 200 characters.
fn short(text: &str) -> String {
    let line = text.lines().next().unwrap_or_default();
    match line.char_indices().nth(200) {
        Some((cut, _)) => format!("{}…", &line[..cut]),
        None => line.to_string(),
    }
}

fn migration_text(e: &rusqlite_migration::Error) -> String {
    match e {
        rusqlite_migration::Error::RusqliteError { err, .. } => sqlite_text(err),
        other => short(&other.to_string()),
    }
}

/// "No lead '42'": the kind of thing (a command's name, and a label) and the key looked for.
pub fn not_found(entity: &'static str, key: &str) -> Message {
    Message::new("store.not_found").arg("entity", entity).word("what", "entity", entity).arg("key", key)
}

/// An open repdesk database with the clock its writes are stamped with.
pub struct Store {
    conn: Connection,
    path: PathBuf,
    clock: SharedClock,
    actor: String,
    /// Whether this connection has its capture triggers (made before its first recorded change).
    capturing: bool,
    /// The queue's counts, followed across this connection's own changes.
    counts: std::cell::RefCell<Option<queue_counts::Memo>>,
    /// How many times the queue was counted in full.
    recounts: std::cell::Cell<u64>,
    /// Who hears how far long work has got (nobody, unless a front end says).
    progress: std::rc::Rc<dyn progress::Progress>,
    /// Opened for reading only (the file's permissions or its disk allow no more).
    read_only: bool,
}

impl Store {
    /// Opens or creates the database at `path` (mode 0600), sets the pragmas and migrates it.
    /// A file from a newer repdesk is refused and left untouched.
    pub fn open(path: &Path, clock: Clock) -> Result<Store> {
        let display = path.display().to_string();
        if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
            std::fs::create_dir_all(dir).map_err(|source| StoreError::Create { path: display.clone(), source })?;
        }
        // A file its owner made read-only (no write permission for anyone) is opened so, even
        // by a user the system would let write it.
        let protected = std::fs::metadata(path).is_ok_and(|m| m.permissions().readonly());
        if !protected {
            create_private(path).map_err(|source| StoreError::Create { path: display.clone(), source })?;
        }
        let flags = OpenFlags::SQLITE_OPEN_NO_MUTEX | OpenFlags::SQLITE_OPEN_URI;
        let write = flags | OpenFlags::SQLITE_OPEN_READ_WRITE;
        let read = flags | OpenFlags::SQLITE_OPEN_READ_ONLY;
        let conn = if protected {
            Connection::open_with_flags(path, read)?
        } else {
            Connection::open_with_flags(path, write)?
        };
        let read_only = protected || conn.is_readonly(rusqlite::MAIN_DB).unwrap_or(false);
        Self::prepare(conn, path.to_path_buf(), clock, read_only)
    }

    /// A private in-memory database for tests and benches.
    pub fn open_in_memory(clock: Clock) -> Result<Store> {
        Self::prepare(Connection::open_in_memory()?, PathBuf::from(":memory:"), clock, false)
    }

    fn prepare(mut conn: Connection, path: PathBuf, clock: Clock, read_only: bool) -> Result<Store> {
        let display = path.display().to_string();
        conn.busy_handler(Some(wait_for_lock))?;
        let found: i64 = conn
            .pragma_query_value(None, "user_version", |r| r.get(0))
            .map_err(|source| StoreError::NotADatabase { path: display.clone(), source })?;
        if found > schema_version() {
            // Closing would fold a newer repdesk's write-ahead log into the file: it is left
            // as it was found, byte for byte.
            let _ = conn.set_db_config(rusqlite::config::DbConfig::SQLITE_DBCONFIG_NO_CKPT_ON_CLOSE, true);
            return Err(StoreError::TooNew { path: display, found, known: schema_version() });
        }
        if read_only {
            // Read as it is: an older schema cannot be brought up to date in a file that may
            // not be written.
            if found < schema_version() {
                return Err(StoreError::ReadOnlyOld { path: display });
            }
        } else {
            set_wal(&conn)?;
            conn.pragma_update(None, "synchronous", "NORMAL")?;
        }
        conn.pragma_update(None, "foreign_keys", "ON")?;
        if !read_only {
            migrate(&mut conn, &path)?;
        }
        Ok(Store {
            conn,
            path,
            clock: SharedClock::new(clock),
            actor: "owner".to_string(),
            capturing: false,
            counts: Default::default(),
            recounts: Default::default(),
            progress: std::rc::Rc::new(progress::Silent),
            read_only,
        })
    }

    /// Whether the file was opened for reading only: every change is refused.
    pub fn read_only(&self) -> bool {
        self.read_only
    }

    /// Tells `progress` how far long work (an import, a demo, a large undo) has got.
    pub fn set_progress(&mut self, progress: std::rc::Rc<dyn progress::Progress>) {
        self.progress = progress;
    }

    /// Who hears how far long work has got.
    pub fn progress(&self) -> &dyn progress::Progress {
        &*self.progress
    }

    /// Who writes: `owner` in the app, `cli`, `import`, `demo`; kept in every audit row.
    pub fn set_actor(&mut self, actor: &str) {
        self.actor = actor.to_string();
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    pub fn today(&self) -> NaiveDate {
        self.clock.today()
    }

    pub fn clock(&self) -> Clock {
        self.clock.get()
    }

    /// The store's clock itself, for the screens that show its day: one clock, never two kept
    /// in step by hand.
    pub fn shared_clock(&self) -> SharedClock {
        self.clock.clone()
    }

    /// Moves a real clock to the new day after midnight; true when the day changed.
    pub fn advance_clock(&mut self, system_today: NaiveDate) -> bool {
        self.clock.advance(system_today)
    }

    pub fn conn(&self) -> &Connection {
        &self.conn
    }

    /// Today, with the minute of the day when today is the real date: what decides whether
    /// a shift has begun.
    pub fn moment(&self) -> crate::domain::schedule::Now {
        let today = self.today();
        crate::domain::schedule::Now { today, minute: minute_now(today) }
    }

    /// The moment a write is stamped with.
    pub fn now(&self) -> NaiveDateTime {
        self.clock.get().now(chrono::Local::now().naive_local())
    }

    /// Runs `work` as one change: one `BEGIN IMMEDIATE` transaction, all of it lands or none,
    /// with a row in `changes` whose id the capture triggers put on every audit row. `work`
    /// returns its value and the summary the history shows.
    pub fn change<T, E: From<StoreError>>(
        &mut self,
        work: impl FnOnce(&Writer<'_>) -> Result<(T, changes::Summary), E>,
    ) -> Result<changes::Done<T>, E> {
        self.run_change(true, true, work)
    }

    /// A change whose rows are not recorded one by one (a demo load of a million rows): it
    /// lands in the history, and neither it nor anything before it can be undone.
    pub fn change_unrecorded<T, E: From<StoreError>>(
        &mut self,
        work: impl FnOnce(&Writer<'_>) -> Result<(T, changes::Summary), E>,
    ) -> Result<changes::Done<T>, E> {
        self.run_change(false, true, work)
    }

    /// Runs `work` like [`Store::change`] but rolls it back: what a dry run reports.
    pub fn trial<T, E: From<StoreError>>(&mut self, work: impl FnOnce(&Writer<'_>) -> Result<T, E>) -> Result<T, E> {
        let done = self.run_change(true, false, |w| -> Result<(T, changes::Summary), E> {
            Ok((work(w)?, changes::Summary::default()))
        })?;
        Ok(done.value)
    }

    fn run_change<T, E: From<StoreError>>(
        &mut self,
        captured: bool,
        commit: bool,
        work: impl FnOnce(&Writer<'_>) -> Result<(T, changes::Summary), E>,
    ) -> Result<changes::Done<T>, E> {
        if self.read_only {
            return Err(StoreError::ReadOnly.into());
        }
        // Made or dropped outside the write, so a write that rolls back leaves them as they are.
        if captured != self.capturing {
            if captured {
                changes::install_capture(&self.conn)?;
            } else {
                changes::remove_capture(&self.conn)?;
            }
            self.capturing = captured;
        }
        let at = self.now();
        let at_text = fmt_datetime(at);
        let written_before = self.conn.total_changes();
        let (change, value, summary) = {
            let tx = self.conn.transaction_with_behavior(TransactionBehavior::Immediate).map_err(StoreError::from)?;
            let (change, first_audit) = changes::open(&tx, &at_text, &self.actor, captured)?;
            let progress = &*self.progress;
            let writer = Writer { tx, at, at_text, actor: &self.actor, change, first_audit, progress };
            let (value, summary) = work(&writer)?;
            changes::close(&writer.tx, change, first_audit, &summary)?;
            if commit {
                writer.tx.commit().map_err(StoreError::from)?;
            } else {
                writer.tx.rollback().map_err(StoreError::from)?;
            }
            (change, value, summary)
        };
        if commit && captured {
            self.follow_counts(change, written_before);
        }
        Ok(changes::Done { change, summary, value })
    }

    /// Moves the queue's counts by a change of this connection that just landed; when they
    /// cannot be moved they are dropped, and the next read counts in full.
    fn follow_counts(&self, change: i64, written_before: u64) {
        let mut memo = self.counts.borrow_mut();
        if let Some(m) = memo.as_mut() {
            let followed = m.follow(&self.conn, change, written_before, self.conn.total_changes());
            if !matches!(followed, Ok(true)) {
                *memo = None;
            }
        }
    }

    /// How many leads each part of today's queue holds, in the queue's order: counted once,
    /// then followed across this connection's changes (see [`queue_counts`]).
    pub fn queue_counts(
        &self,
        day: &crate::domain::queue::QueueDay,
    ) -> Result<Vec<(crate::domain::queue::QueueReason, i64)>> {
        self.queue_counts_of(day, &queue_counts::REASONS)
    }

    /// The counts of some of the queue's reasons only (the risk count needs two): a reason no
    /// read asked for yet is counted then, and followed from there.
    pub fn queue_counts_of(
        &self,
        day: &crate::domain::queue::QueueDay,
        reasons: &[crate::domain::queue::QueueReason],
    ) -> Result<Vec<(crate::domain::queue::QueueReason, i64)>> {
        let (data_version, written) = (self.data_version()?, self.conn.total_changes());
        let mut memo = self.counts.borrow_mut();
        if !memo.as_ref().is_some_and(|m| m.holds(day, data_version, written)) {
            *memo = Some(queue_counts::Memo::new(*day, data_version, written));
        }
        let Some(m) = memo.as_mut() else { return Ok(Vec::new()) };
        let missing: Vec<_> = reasons.iter().copied().filter(|r| m.get(*r).is_none()).collect();
        if !missing.is_empty() {
            for (reason, n) in leads::counts_of(&self.conn, &missing, day)? {
                m.set(reason, n);
            }
            self.recounts.set(self.recounts.get() + 1);
        }
        Ok(reasons.iter().map(|r| (*r, m.get(*r).unwrap_or_default())).collect())
    }

    /// How many times [`Store::queue_counts`] counted in full rather than followed the changes.
    pub fn queue_recounts(&self) -> u64 {
        self.recounts.get()
    }

    /// Undoes change `id` as a change of its own (so undoing that is a redo). Refused, with
    /// nothing written, when a later change touched the same rows.
    pub fn undo(&mut self, id: i64) -> Result<changes::Done<changes::Change>> {
        if self.read_only {
            return Err(StoreError::ReadOnly);
        }
        let target = changes::get(&self.conn, id)?;
        // Undoing a large change (an import) checks the foreign keys once, at the end, for the
        // tables it wrote and those that refer to them, instead of row by row: enforcing them
        // on every deleted lead was a third of undoing a 100k-row import. (The pragma is only
        // heard outside a transaction.)
        let large = target.rows >= changes::BULK_ROWS;
        match self.undo_checked(id, &target, !large) {
            // A row written since still refers to one this undo removes (a shift of a rep the
            // change added): done again with the check at the end, which names that change.
            Err(StoreError::Sqlite(e)) if !large && is_foreign_key_failure(&e) => self.undo_checked(id, &target, false),
            other => other,
        }
    }

    /// Undoes with the foreign keys enforced row by row, or checked once at the end.
    fn undo_checked(
        &mut self,
        id: i64,
        target: &changes::Change,
        enforced: bool,
    ) -> Result<changes::Done<changes::Change>> {
        if !enforced {
            self.conn.pragma_update(None, "foreign_keys", false)?;
        }
        let done = self.undo_change(id, target);
        if !enforced {
            self.conn.pragma_update(None, "foreign_keys", true)?;
        }
        done
    }

    fn undo_change(&mut self, id: i64, target: &changes::Change) -> Result<changes::Done<changes::Change>> {
        self.change(|w| {
            // A large change (an import) touches every index page; keep them in memory meanwhile.
            let large = target.rows >= changes::BULK_ROWS;
            let _cache = large.then(|| bulk::BulkCache::new(&w.tx)).transpose()?;
            if large {
                w.progress.begin("undo", 0);
            }
            let reversed = changes::reverse(&w.tx, id, w.change, w.first_audit);
            if large {
                w.progress.end();
            }
            if let Err(blocked) = reversed? {
                return Err(StoreError::UndoBlocked { id, blocked: Box::new(blocked) });
            }
            w.tx.execute("UPDATE changes SET undoes = ?1 WHERE id = ?2", params![id, w.change])?;
            let summary = changes::Summary::new("change.undo").arg("id", id);
            Ok((target.clone(), summary))
        })
    }

    /// For an interactive session: the write-ahead log is copied back into the database when
    /// the session is idle ([`Store::checkpoint`]) rather than by the commit that fills it, so a
    /// key press never waits on it. SQLite still checkpoints on its own past 10,000 pages.
    pub fn defer_checkpoints(&self) -> Result<()> {
        self.conn.pragma_update(None, "wal_autocheckpoint", 10_000)?;
        Ok(())
    }

    /// Copies what the write-ahead log holds back into the database, as far as no reader
    /// needs it still (a passive checkpoint: it never waits and never blocks anyone).
    pub fn checkpoint(&self) -> Result<()> {
        self.conn.query_row("PRAGMA wal_checkpoint(PASSIVE)", [], |_| Ok(()))?;
        Ok(())
    }

    /// Changes whenever another connection commits: the app's cue to reload.
    pub fn data_version(&self) -> Result<i64> {
        Ok(self.conn.pragma_query_value(None, "data_version", |r| r.get(0))?)
    }

    /// True when the database holds nothing of a business yet (no reps, leads, shifts, sales
    /// or targets): the app offers its welcome screen, and the demo may fill it.
    pub fn is_empty(&self) -> Result<bool> {
        Ok(!holds_data(&self.conn)?)
    }
}

/// Whether any of a business's own data is there: a rep, a lead, a shift, a sale or a target.
pub fn holds_data(conn: &Connection) -> Result<bool> {
    Ok(conn.query_row(
        "SELECT EXISTS (SELECT 1 FROM reps) OR EXISTS (SELECT 1 FROM leads) OR EXISTS (SELECT 1 FROM shifts)
             OR EXISTS (SELECT 1 FROM sales) OR EXISTS (SELECT 1 FROM targets)
             OR EXISTS (SELECT 1 FROM staffing_needs)",
        [],
        |r| r.get(0),
    )?)
}

fn is_foreign_key_failure(e: &rusqlite::Error) -> bool {
    matches!(e, rusqlite::Error::SqliteFailure(f, _) if f.extended_code == rusqlite::ffi::SQLITE_CONSTRAINT_FOREIGNKEY)
}

/// A write transaction with the stamp (time, actor) its audit rows carry.
pub struct Writer<'a> {
    pub tx: Transaction<'a>,
    pub at: NaiveDateTime,
    /// `at` as stored, written once for every audit row of the write.
    pub at_text: String,
    pub actor: &'a str,
    /// The change this write is: its id is on every audit row it leaves.
    pub change: i64,
    /// The id of the first audit row of this change.
    pub first_audit: i64,
    /// Who hears how far the write has got.
    pub progress: &'a dyn progress::Progress,
}

#[cfg(unix)]
pub(crate) fn create_private(path: &Path) -> std::io::Result<()> {
    use std::os::unix::fs::OpenOptionsExt;
    match std::fs::OpenOptions::new().write(true).create_new(true).mode(0o600).open(path) {
        Ok(_) => Ok(()),
        Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => Ok(()),
        Err(e) => Err(e),
    }
}

#[cfg(not(unix))]
pub(crate) fn create_private(path: &Path) -> std::io::Result<()> {
    match std::fs::OpenOptions::new().write(true).create_new(true).open(path) {
        Ok(_) => Ok(()),
        Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => Ok(()),
        Err(e) => Err(e),
    }
}

/// Reads an ISO date column.
/// The minute of the day by the machine's clock when `today` is the real date; `None` on any
/// other day (a `--today` elsewhere knows no time of day).
pub(crate) fn minute_now(today: NaiveDate) -> Option<u32> {
    let wall = chrono::Local::now().naive_local();
    (wall.date() == today).then(|| chrono::Timelike::num_seconds_from_midnight(&wall.time()) / 60)
}

pub(crate) fn date(text: Option<String>) -> Option<NaiveDate> {
    text.and_then(|t| NaiveDate::parse_from_str(&t, "%Y-%m-%d").ok())
}

pub(crate) fn datetime(text: Option<String>) -> Option<NaiveDateTime> {
    text.and_then(|t| NaiveDateTime::parse_from_str(&t, DATETIME).ok())
}

pub(crate) const DATETIME: &str = "%Y-%m-%d %H:%M:%S";

pub(crate) fn fmt_datetime(at: NaiveDateTime) -> String {
    at.format(DATETIME).to_string()
}

/// Reads a word column into its enum; a word this build does not know reads as `fallback`.
pub(crate) fn word<T: std::str::FromStr>(text: &str, fallback: T) -> T {
    text.parse().unwrap_or(fallback)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The migrations as rusqlite_migration sees them, for its checks of their definitions.
    static MIGRATIONS: std::sync::LazyLock<rusqlite_migration::Migrations<'static>> = std::sync::LazyLock::new(|| {
        rusqlite_migration::Migrations::from_iter((1..=MIGRATION_SQL.len()).map(|version| match migration(version) {
            (sql, Some(hook)) => rusqlite_migration::M::up_with_hook(sql, hook),
            (sql, None) => rusqlite_migration::M::up(sql),
        }))
    });

    #[test]
    fn migrations_are_valid() {
        assert!(MIGRATIONS.validate().is_ok());
    }

    /// An error says what SQLite said in one short line, never the statement (a schema's SQL
    /// is thousands of characters).
    #[test]
    fn errors_never_carry_their_sql() {
        let conn = Connection::open_in_memory().unwrap();
        let long = format!("CREATE TABLE t (a); SELEC {}", "x, ".repeat(2000));
        let e = conn.execute_batch(&long).unwrap_err();
        let text = StoreError::from(e).message().text(crate::text::Catalogue::en());
        assert!(!text.contains("x, x") && !text.contains("CREATE TABLE"), "{text}");
        assert!(text.len() < 300 && !text.contains('\n'), "{text}");
        let migration = rusqlite_migration::Error::RusqliteError {
            query: long.clone(),
            err: rusqlite::Error::SqlInputError {
                error: rusqlite::ffi::Error::new(1),
                msg: "table reps already exists".into(),
                sql: long,
                offset: 0,
            },
        };
        let text = StoreError::from(migration).message().text(crate::text::Catalogue::en());
        assert_eq!(text, "could not update the schema: table reps already exists");
    }

    #[test]
    fn check_lists_are_spelled_out_and_nothing_else_changes() {
        let sql = "CREATE TABLE t (\n    stage TEXT CHECK (stage IN ('new', 'won', 'no-show')),\n    \
                   kind TEXT CHECK (kind IN ('a', 'b')),\n    n INTEGER CHECK (n IN (1, 2, 3)),\n    \
                   m TEXT CHECK (m IN ('x',\n                 'y', 'z')),\n    \
                   f TEXT CHECK (f IN (lower('A'), 'b', 'c')),\n    CHECK (n <> 3 OR stage IS NOT NULL)\n)";
        let spelled = spell_out_in_lists(sql);
        assert!(spelled.contains("CHECK (stage = 'new' OR stage = 'won' OR stage = 'no-show')"), "{spelled}");
        assert!(spelled.contains("CHECK (kind IN ('a', 'b'))"), "{spelled}");
        assert!(spelled.contains("CHECK (n = 1 OR n = 2 OR n = 3)"), "{spelled}");
        assert!(spelled.contains("CHECK (m = 'x' OR m = 'y' OR m = 'z')"), "{spelled}");
        assert!(spelled.contains("CHECK (f IN (lower('A'), 'b', 'c'))"), "{spelled}");
        assert!(spelled.ends_with("CHECK (n <> 3 OR stage IS NOT NULL)\n)"), "{spelled}");
        assert_eq!(spell_out_in_lists(&spelled), spelled);
    }

    #[test]
    fn no_table_builds_a_list_on_insert_and_the_checks_still_refuse() {
        let store = Store::open_in_memory(Clock::fixed(NaiveDate::from_ymd_opt(2026, 11, 23).unwrap())).unwrap();
        let conn = store.conn();
        let left: i64 = conn
            .query_row(
                "SELECT count(*) FROM sqlite_schema WHERE type = 'table' AND sql LIKE '%IN (''%'', ''%'', ''%'')%'",
                [],
                |r| r.get(0),
            )
            .unwrap();
        assert_eq!(left, 0);
        let plan: Vec<String> = conn
            .prepare("EXPLAIN INSERT INTO leads (name, stage, category, channel, created_on, stage_changed_on) VALUES ('a', 'new', 'vip', 'store', '2026-11-23', '2026-11-23')")
            .unwrap()
            .query_map([], |r| r.get::<_, String>(1))
            .unwrap()
            .collect::<Result<_, _>>()
            .unwrap();
        assert!(!plan.iter().any(|op| op == "OpenEphemeral"), "{plan:?}");
        let insert = |stage: &str| {
            conn.execute(
                "INSERT INTO leads (name, stage, lost_reason, created_on, stage_changed_on) VALUES ('a', ?1, 'x', '2026-11-23', '2026-11-23')",
                [stage],
            )
        };
        assert!(insert("won").is_ok());
        assert!(insert("maybe").is_err());
        let ok: String = conn.query_row("PRAGMA integrity_check", [], |r| r.get(0)).unwrap();
        assert_eq!(ok, "ok");
    }
}
