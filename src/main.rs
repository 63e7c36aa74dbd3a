//! Parse the command line, open the store, dispatch; map errors to exit codes.

use anyhow::Context;
use clap::CommandFactory;

use repdesk::cli::{Cli, Cmd, ConfigCmd};
use repdesk::commands::{self, Env, UsageError};
use repdesk::domain::clock::Clock;
use repdesk::domain::error::ErrorKind;
use repdesk::domain::money::MoneyParseError;
use repdesk::domain::period::{DateError, PeriodError};
use repdesk::domain::rep::ValidationError;
use repdesk::interchange::csv_in::ReadError;
use repdesk::store::StoreError;
use repdesk::{config, service, text, tui};
use std::process::ExitCode;

fn main() -> ExitCode {
    // Every command's output, `--help`, `completions` and `man` too, may go into a pipe closed
    // early; the app draws on a terminal, never a pipe.
    quiet_on_closed_pipe();
    // The language is known before the arguments are read, so `--help`, `man` and the errors
    // of the command line itself speak it too.
    let args: Vec<std::ffi::OsString> = std::env::args_os().collect();
    // The config is read once, here: its language is needed before the arguments are parsed.
    let config_path = config_path_of(&args);
    let loaded = config::load(&config_path);
    let lang = config::language(flag_value(&args, "--lang").as_deref(), loaded.0.language.as_deref(), &locale).0;
    let mut cat = text::Catalogue::of(lang);
    let matches = match repdesk::cli::localized(Cli::command(), cat).try_get_matches_from(&args) {
        Ok(m) => m,
        Err(e) => return usage(e, cat),
    };
    let cli = match <Cli as clap::FromArgMatches>::from_arg_matches(&matches) {
        Ok(cli) => cli,
        Err(e) => return usage(e, cat),
    };
    match run(cli, &mut cat, config_path, loaded) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!(
                "repdesk: {}",
                service::error::sentence(&e, cat, &|cause| {
                    cause
                        .downcast_ref::<UsageError>()
                        .map(|u| u.0.clone())
                        .or_else(|| cause.downcast_ref::<commands::Failed>().map(|f| f.0.clone()))
                })
            );
            ExitCode::from(exit_code(&e))
        }
    }
}

/// Help and version print as clap writes them; a usage error becomes one line and exit 2.
fn usage(e: clap::Error, cat: &text::Catalogue) -> ExitCode {
    use clap::error::{ContextKind, ContextValue, ErrorKind};
    if matches!(e.kind(), ErrorKind::DisplayHelp | ErrorKind::DisplayVersion) {
        let _ = e.print();
        return ExitCode::SUCCESS;
    }
    if e.kind() == ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand {
        // `repdesk rep` alone: show what it takes, but it was not a complete command.
        let _ = e.print();
        return ExitCode::from(2);
    }
    // A number that is not one (`lead show abc`): one plain sentence, in any language.
    if e.kind() == ErrorKind::ValueValidation
        && std::error::Error::source(&e).is_some_and(|s| s.is::<std::num::ParseIntError>())
    {
        let value = match e.get(ContextKind::InvalidValue) {
            Some(ContextValue::String(s)) => s.clone(),
            _ => String::new(),
        };
        let arg = match e.get(ContextKind::InvalidArg) {
            Some(ContextValue::String(s)) => s.clone(),
            _ => String::new(),
        };
        eprintln!("repdesk: {}", cat.tf("usage.not_a_number", &[("value", &value), ("arg", &arg)]));
        return ExitCode::from(2);
    }
    // In Chinese, the mistakes people make most, in words of the catalogue.
    if cat.lang != text::Lang::En {
        let context = |kind: ContextKind| match e.get(kind) {
            Some(ContextValue::String(s)) => Some(s.clone()),
            Some(ContextValue::Strings(list)) => Some(list.join(", ")),
            Some(other) => Some(other.to_string()),
            None => None,
        };
        let arg = context(ContextKind::InvalidArg).unwrap_or_default();
        let said = match e.kind() {
            ErrorKind::UnknownArgument => Some(cat.tf("usage.unknown_argument", &[("arg", &arg)])),
            ErrorKind::InvalidValue => Some(cat.tf(
                "usage.invalid_value",
                &[
                    ("arg", &arg),
                    ("value", &context(ContextKind::InvalidValue).unwrap_or_default()),
                    ("valid", &context(ContextKind::ValidValue).unwrap_or_default()),
                ],
            )),
            ErrorKind::MissingRequiredArgument => Some(cat.tf("usage.missing", &[("arg", &arg)])),
            ErrorKind::InvalidSubcommand => Some(cat.tf(
                "usage.unknown_command",
                &[("command", &context(ContextKind::InvalidSubcommand).unwrap_or_default())],
            )),
            _ => None,
        };
        if let Some(said) = said {
            eprintln!("repdesk: {said}");
            return ExitCode::from(2);
        }
    }
    let rendered = e.render().to_string();
    let parts: Vec<&str> = rendered
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with("For more information") && !l.starts_with("Usage:"))
        .map(|l| l.trim_start_matches("error: "))
        .collect();
    eprintln!("repdesk: {}; see `repdesk --help`", parts.join(" "));
    ExitCode::from(2)
}

/// The value of `--flag VALUE` or `--flag=VALUE` among the raw arguments.
fn flag_value(args: &[std::ffi::OsString], flag: &str) -> Option<String> {
    let args: Vec<String> = args.iter().map(|a| a.to_string_lossy().into_owned()).collect();
    let prefix = format!("{flag}=");
    args.iter().enumerate().find_map(|(i, a)| {
        a.strip_prefix(&prefix).map(str::to_string).or_else(|| (a == flag).then(|| args.get(i + 1).cloned()).flatten())
    })
}

/// The config file the raw arguments name (`--config`, then `REPDESK_CONFIG`, then the
/// default), as clap reads it once they are parsed.
fn config_path_of(args: &[std::ffi::OsString]) -> std::path::PathBuf {
    flag_value(args, "--config")
        .map(std::path::PathBuf::from)
        .or_else(|| std::env::var_os("REPDESK_CONFIG").map(std::path::PathBuf::from))
        .unwrap_or_else(config::default_path)
}

/// The locale variables in the order that decides the language.
fn locale(name: &str) -> Option<String> {
    std::env::var(name).ok()
}

/// 2 for bad usage or bad input (the user can fix the call), 1 for anything else.
fn exit_code(e: &anyhow::Error) -> u8 {
    // A typed error of the service or the store says its own kind; the command line's own
    // errors (its arguments and the files it reads) are usage.
    let usage = e.chain().any(|cause| {
        cause
            .downcast_ref::<service::error::Error>()
            .map(|e| e.kind() == ErrorKind::Usage)
            .or_else(|| cause.downcast_ref::<StoreError>().map(|e| e.kind() == ErrorKind::Usage))
            .unwrap_or_else(|| {
                cause.is::<UsageError>()
                    || cause.is::<ValidationError>()
                    || cause.is::<DateError>()
                    || cause.is::<PeriodError>()
                    || cause.is::<ReadError>()
                    || cause.is::<MoneyParseError>()
            })
    });
    if usage { 2 } else { 1 }
}

/// A command whose output goes into a pipe closed early (`repdesk shift fill | head -1`) ends
/// there, quietly, as `cat` and `grep` do: Rust ignores SIGPIPE, and printing into the closed
/// pipe would panic. What a command stores it has stored before it prints.
fn quiet_on_closed_pipe() {
    #[cfg(unix)]
    // SAFETY: setting a signal's disposition to its default, before any thread is started.
    unsafe {
        libc::signal(libc::SIGPIPE, libc::SIG_DFL);
    }
}

fn init_logging() {
    let dir = config::log_dir();
    if std::fs::create_dir_all(&dir).is_err() {
        return;
    }
    let mut options = std::fs::OpenOptions::new();
    options.create(true).append(true);
    // The log can name customers: only its owner reads it.
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
    let Ok(file) = options.open(dir.join("repdesk.log")) else { return };
    #[cfg(unix)]
    let _ = file.set_permissions(std::os::unix::fs::PermissionsExt::from_mode(0o600));
    let filter = tracing_subscriber::EnvFilter::try_from_default_env()
        .unwrap_or_else(|_| tracing_subscriber::EnvFilter::new("warn"));
    let _ = tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_ansi(false)
        .with_writer(std::sync::Mutex::new(file))
        .try_init();
}

fn run(
    cli: Cli,
    cat: &mut &'static text::Catalogue,
    config_path: std::path::PathBuf,
    (config, mut warnings): (config::Config, Vec<config::Warning>),
) -> anyhow::Result<()> {
    let env_today = std::env::var("REPDESK_TODAY").ok();
    let source = if cli.today.is_some() { "--today" } else { "REPDESK_TODAY" };
    let clock = Clock::resolve(cli.today.as_deref(), env_today.as_deref(), chrono::Local::now().date_naive())
        .map_err(|e| UsageError::flag(source, e.message()))?;
    // These need neither the config nor the database, so a broken config never blocks them.
    match &cli.command {
        Some(Cmd::Config(ConfigCmd::Path)) => {
            println!("{}", config_path.display());
            return Ok(());
        }
        Some(Cmd::Completions { shell }) => {
            let mut cmd = repdesk::cli::localized(Cli::command(), cat);
            clap_complete::generate(*shell, &mut cmd, "repdesk", &mut std::io::stdout());
            return Ok(());
        }
        Some(Cmd::Man) => {
            clap_mangen::Man::new(repdesk::cli::localized(Cli::command(), cat)).render(&mut std::io::stdout())?;
            return Ok(());
        }
        _ => {}
    }
    // A config file never stops repdesk: what does not read is said, and left out.
    let lang = config::language(cli.lang.as_deref(), config.language.as_deref(), &locale);
    *cat = text::Catalogue::of(lang.0);
    let (keys, refused) = config::key_map(&config);
    warnings.extend(refused);
    let warned: Vec<String> = warnings.iter().map(|w| config::warning_text(&config_path, w, cat)).collect();
    let look = tui::theme::Look::new(config.theme(), config.markers(), config::colour(&locale));
    let env = Env { db: cli.db.clone().unwrap_or_else(config::default_db_path), clock, config, cat, keys, look };
    if cli.command.is_some() {
        for line in &warned {
            eprintln!("repdesk: {line}");
        }
        // A command that waits a second for another repdesk's write says so on stderr.
        repdesk::store::notice_waits(cat.t("store.waiting").to_string());
    }

    match &cli.command {
        None => {
            // The app draws on a terminal: from cron, a pipe or `</dev/null` it says so.
            use std::io::IsTerminal;
            if !std::io::stdin().is_terminal() || !std::io::stdout().is_terminal() {
                return Err(UsageError(repdesk::domain::message::Message::new("cli.needs_terminal")).into());
            }
            init_logging();
            tracing::info!(db = %env.db.display(), "opening the app");
            let mut store = env.open("owner")?;
            // The screen is the app's: no progress bar may draw over it.
            store.set_progress(std::rc::Rc::new(repdesk::store::progress::Silent));
            // The day's sweep: lapsed protection ends before the morning queue is drawn, and
            // the honours of periods now over are recorded.
            if let Err(e) = repdesk::service::honours::daily(&mut store) {
                tracing::warn!(error = %e, "the daily sweep did not run");
            }
            let ctx = env.app_ctx(&store);
            for line in &warned {
                tracing::warn!("{line}");
            }
            tui::run(store, ctx, warned.first().cloned()).context("the app stopped")
        }
        Some(Cmd::Demo(args)) => commands::demo::run(&env, args),
        Some(Cmd::Render(args)) => commands::render::run(&env, args),
        Some(Cmd::Import(args)) => commands::import::run(&env, args),
        Some(Cmd::Export(args)) => commands::export::run(&env, args),
        Some(Cmd::Rep(cmd)) => commands::rep::run(&env, cmd),
        Some(Cmd::Lead(cmd)) => commands::lead::run(&env, cmd),
        Some(Cmd::Deal(cmd)) => commands::deal::run(&env, cmd),
        Some(Cmd::Sale(cmd)) => commands::lead::sale(&env, cmd),
        Some(Cmd::Shift(cmd)) => commands::schedule::shift(&env, cmd),
        Some(Cmd::Availability(cmd)) => commands::schedule::availability(&env, cmd),
        Some(Cmd::Timeoff(cmd)) => commands::schedule::timeoff(&env, cmd),
        Some(Cmd::Need(cmd)) => commands::schedule::need(&env, cmd),
        Some(Cmd::Target(cmd)) => commands::goals::target(&env, cmd),
        Some(Cmd::Schedule(cmd)) => commands::schedule::schedule(&env, cmd),
        Some(Cmd::Report(cmd)) => commands::schedule::report(&env, cmd),
        Some(Cmd::Risk(cmd)) => commands::risks::run(&env, cmd),
        Some(Cmd::Review(cmd)) => commands::reviews::review(&env, cmd),
        Some(Cmd::Training(cmd)) => commands::reviews::training(&env, cmd),
        Some(Cmd::Settings { action }) => commands::settings::settings(&env, action.as_ref()),
        Some(Cmd::Config(_)) => {
            // A path from a flag or its variable: which one, by whether the variable says the same.
            let source = |given: &Option<std::path::PathBuf>, var: &str| match (given, std::env::var_os(var)) {
                (None, _) => config::Source::Default,
                (Some(p), Some(v)) if p.as_os_str() == v => config::Source::Environment,
                (Some(_), _) => config::Source::Flag,
            };
            let files = vec![
                ("config".to_string(), config_path.display().to_string(), source(&cli.config, "REPDESK_CONFIG")),
                ("db".to_string(), env.db.display().to_string(), source(&cli.db, "REPDESK_DB")),
            ];
            commands::settings::config_show(&env, lang, files)
        }
        Some(Cmd::Completions { .. } | Cmd::Man) => Ok(()),
        Some(Cmd::History { limit, format }) => commands::history::list(&env, *limit, *format),
        Some(Cmd::Undo { change }) => commands::history::undo(&env, *change),
        Some(Cmd::Backup { file }) => commands::backup::backup(&env, file),
        Some(Cmd::Check) => commands::backup::check(&env),
        Some(Cmd::Replica(repdesk::cli::ReplicaCmd::Config { dest, out })) => {
            commands::backup::replica_config(&env, dest, out.as_deref())
        }
    }
}
