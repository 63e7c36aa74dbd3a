//! Honours, recorded by the daily sweep: the top rep of each metric of every month, quarter and
//! year that is over by the real date (a `--today` ahead of it earns nothing early), as one
//! change, so the history lists them.

use super::error::Result;
use crate::domain::honours;
use crate::store::changes::{Done, Summary};
use crate::store::{self, Store};

/// Records the honours of each period over and not yet honoured; `None` when there were none
/// to record. Reads one cheap row per period that has them already.
pub fn record_due(store: &mut Store) -> Result<Option<Done<usize>>> {
    let real = chrono::Local::now().date_naive();
    let today = store.today().min(real);
    let conn = store.conn();
    let mut due = Vec::new();
    for period in honours::due(today) {
        if store::honours::recorded(conn, &period)? || !store::honours::has_figures(conn, &period)? {
            continue;
        }
        let figures = store::metrics::rep_metrics(conn, &period, today)?;
        let winners = honours::winners(&figures);
        if !winners.is_empty() {
            due.push((period, winners));
        }
    }
    if due.is_empty() {
        return Ok(None);
    }
    // Checked again inside the write: another repdesk opening the file at the same moment may
    // have recorded them first, and then this records nothing (and no change).
    let done = store.change(|w| -> std::result::Result<_, Recording> {
        let mut left = Vec::new();
        for entry in &due {
            if !store::honours::recorded(&w.tx, &entry.0)? {
                left.push(entry);
            }
        }
        let due = left;
        if due.is_empty() {
            return Err(Recording::Taken);
        }
        for (period, winners) in &due {
            for honour in winners {
                store::honours::insert(w, period, honour)?;
            }
        }
        let periods: Vec<String> = due.iter().map(|(p, _)| p.to_string()).collect();
        let count: usize = due.iter().map(|(_, w)| w.len()).sum();
        let summary = Summary::new("change.honours").arg("periods", periods.join(", ")).arg("count", count);
        Ok((count, summary))
    });
    match done {
        Ok(done) => Ok(Some(done)),
        Err(Recording::Taken) => Ok(None),
        Err(Recording::Failed(e)) => Err(e),
    }
}

/// Why recording stopped: it failed, or someone else recorded the honours first.
enum Recording {
    Failed(super::error::Error),
    Taken,
}

impl From<store::StoreError> for Recording {
    fn from(e: store::StoreError) -> Self {
        Recording::Failed(e.into())
    }
}

/// The day's sweep, before the app or a lead command reads anything: lapsed protection ends,
/// then the honours now due are recorded; each is a change of its own.
pub fn daily(store: &mut Store) -> Result<()> {
    super::leads::sweep(store)?;
    record_due(store)?;
    Ok(())
}
