//! `repdesk render`: one frame of a tab as plain text, drawn by the app's own code.

use super::Env;
use crate::cli::RenderArgs;
use crate::tui::{Tab, app::App, headless};
use std::str::FromStr;

pub fn run(env: &Env, args: &RenderArgs) -> anyhow::Result<()> {
    let tab = Tab::from_str(&args.tab).map_err(|_| {
        super::UsageError(
            crate::domain::message::Message::new("cli.no_tab")
                .arg("tab", &args.tab)
                .arg("tabs", Tab::names().join(", ")),
        )
    })?;
    let store = env.open_existing("owner")?;
    let ctx = env.app_ctx(&store);
    let app = App::on_tab(store, ctx, tab)?;
    let (width, height) = args.size;
    print!("{}", headless::render(&app, width, height)?);
    Ok(())
}
