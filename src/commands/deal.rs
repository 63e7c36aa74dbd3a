//! `repdesk deal`: a customer's deals, open, won and lost.

use super::Env;
use super::output;
use crate::cli::DealCmd;
use crate::interchange::leads::{DEAL_EXPORT, deal_row};
use crate::store;

pub fn run(env: &Env, cmd: &DealCmd) -> anyhow::Result<()> {
    let store = env.open_existing("cli")?;
    let rows = match cmd {
        DealCmd::List { all, limit, .. } => store::deals::list(store.conn(), *all, *limit)?,
        DealCmd::Show { id, .. } => vec![store::deals::row(store.conn(), *id)?],
    };
    let (DealCmd::List { format, .. } | DealCmd::Show { format, .. }) = cmd;
    let mut header = vec!["id"];
    header.extend(DEAL_EXPORT);
    output::print(*format, &header, &rows, |d| {
        let mut cells = vec![d.deal.id.to_string()];
        cells.extend(deal_row(d));
        cells
    })
}
