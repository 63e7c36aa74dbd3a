//! `repdesk backup` and `repdesk check`.

use super::{Env, UsageError};
use crate::domain::message::Message;
use crate::store::maintenance;
use std::path::Path;

pub fn backup(env: &Env, dest: &Path) -> anyhow::Result<()> {
    let cat = env.cat;
    if dest.exists() {
        return Err(UsageError(Message::new("cli.exists").arg("path", dest.display())).into());
    }
    let store = env.open_existing("cli")?;
    maintenance::backup(&store, dest)?;
    println!("{}", cat.tf("cli.backed_up", &[("from", &store.path().display()), ("to", &dest.display())]));
    Ok(())
}

/// Exit 1 with the problems listed when the file is not sound.
pub fn check(env: &Env) -> anyhow::Result<()> {
    let cat = env.cat;
    let store = env.open_existing("cli")?;
    let problems = maintenance::check(&store)?;
    if problems.is_empty() {
        println!("{}", cat.tf("cli.check_ok", &[("path", &store.path().display())]));
        Ok(())
    } else {
        // The first few say what kind of damage it is; the count says how much.
        const SHOWN: usize = 10;
        for p in problems.iter().take(SHOWN) {
            println!("{}", super::one_line(p));
        }
        if problems.len() > SHOWN {
            println!("{}", cat.tf("cli.check_more", &[("count", &(problems.len() - SHOWN))]));
        }
        let message = Message::new("cli.check_failed").arg("count", problems.len()).arg("path", store.path().display());
        Err(super::Failed(message).into())
    }
}

/// A YAML string: quoted, its backslashes and quotes escaped.
fn yaml(text: &str) -> String {
    format!("\"{}\"", text.replace('\\', "\\\\").replace('"', "\\\""))
}

/// The absolute form of a path, as Litestream (run from anywhere) must be given it.
fn absolute(path: &Path) -> std::path::PathBuf {
    if path.is_absolute() {
        return path.to_path_buf();
    }
    std::env::current_dir().map(|d| d.join(path)).unwrap_or_else(|_| path.to_path_buf())
}

/// `repdesk replica config DEST`: a Litestream configuration for this database, replicating to
/// a folder or an S3-style URL, with how to run it and how to restore.
pub fn replica_config(env: &Env, dest: &str, out: Option<&Path>) -> anyhow::Result<()> {
    use std::fmt::Write as _;
    let cat = env.cat;
    let dest = dest.trim();
    if dest.is_empty() {
        return Err(UsageError(Message::new("replica.no_dest")).into());
    }
    let db = absolute(&env.db);
    let file = out.map(absolute).unwrap_or_else(|| std::path::PathBuf::from("litestream.yml"));
    let mut text = String::new();
    let args: [(&str, &dyn std::fmt::Display); 2] = [("db", &db.display()), ("config", &file.display())];
    for key in ["replica.header", "replica.run", "replica.restore", "replica.check"] {
        for line in cat.tf(key, &args).lines() {
            writeln!(text, "# {line}")?;
        }
    }
    writeln!(text, "dbs:")?;
    writeln!(text, "  - path: {}", yaml(&db.display().to_string()))?;
    writeln!(text, "    replica:")?;
    if dest.contains("://") {
        if dest.starts_with("s3://") {
            for line in cat.t("replica.s3").lines() {
                writeln!(text, "      # {line}")?;
            }
        }
        writeln!(text, "      url: {}", yaml(dest))?;
    } else {
        writeln!(text, "      type: file")?;
        writeln!(text, "      path: {}", yaml(&absolute(Path::new(dest)).display().to_string()))?;
    }
    match out {
        Some(path) => {
            use std::io::Write;
            let mut f = super::private_file(path)?;
            f.write_all(text.as_bytes()).map_err(|e| UsageError(super::cannot_write(path, &e)))?;
            println!("{}", cat.tf("replica.written", &[("path", &path.display())]));
        }
        None => print!("{text}"),
    }
    Ok(())
}
