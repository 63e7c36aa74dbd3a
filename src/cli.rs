//! The whole command-line surface (clap derive). Names here are a contract: scripts use them.

use clap::{Args, Parser, Subcommand, ValueEnum};
use std::path::PathBuf;

#[derive(Debug, Parser)]
#[command(
    name = "repdesk",
    version,
    about = "Run a part-time sales team from the terminal: shifts, leads, targets, reviews.",
    long_about = "repdesk keeps a small business's sales team in one local SQLite file: weekly \
                  shifts, leads and their owners, sales, targets, reviews, leaderboards and risk \
                  flags. Without a command it opens the app."
)]
pub struct Cli {
    /// The database file (default: repdesk.db in your data folder).
    #[arg(long, global = true, env = "REPDESK_DB", value_name = "PATH")]
    pub db: Option<PathBuf>,
    /// Take this date as today (YYYY-MM-DD), to reproduce a screen or report; also REPDESK_TODAY.
    #[arg(long, global = true, value_name = "DATE")]
    pub today: Option<String>,
    /// The config file (default: config.toml in your config folder).
    #[arg(long, global = true, env = "REPDESK_CONFIG", value_name = "PATH")]
    pub config: Option<PathBuf>,
    /// The language of the screens and messages: en or zh (default: the config, then LANG).
    #[arg(long, global = true, value_name = "LANG", value_parser = ["en", "zh"])]
    pub lang: Option<String>,
    #[command(subcommand)]
    pub command: Option<Cmd>,
}

#[derive(Debug, Subcommand)]
pub enum Cmd {
    /// Fill the database with a generated demo team.
    Demo(DemoArgs),
    /// Print one frame of a tab as plain text.
    Render(RenderArgs),
    /// Import a CRM export or a spreadsheet: CSV (any separator, UTF-8 or GBK), .xlsx, .xls, .ods.
    Import(ImportArgs),
    /// Export to CSV or JSON.
    Export(ExportArgs),
    /// Add, list, show, edit, deactivate or reactivate reps.
    #[command(subcommand)]
    Rep(Box<RepCmd>),
    /// Add, list, show, find, assign, move and log leads.
    #[command(subcommand)]
    Lead(Box<LeadCmd>),
    /// List and show deals: a customer's opportunities and orders, open, won and lost.
    #[command(subcommand)]
    Deal(DealCmd),
    /// Record sales.
    #[command(subcommand)]
    Sale(SaleCmd),
    /// Add, list, change, mark or remove shifts.
    #[command(subcommand)]
    Shift(ShiftCmd),
    /// Set or list the weekly windows in which reps can work.
    #[command(subcommand)]
    Availability(AvailabilityCmd),
    /// Add, list or remove reps' days off.
    #[command(subcommand)]
    Timeoff(TimeoffCmd),
    /// Add, list or remove staffing needs: how many reps a weekday slot needs, and where.
    #[command(subcommand)]
    Need(NeedCmd),
    /// Set, list or remove targets: a rep's, a team's or the whole business's, per week,
    /// month, quarter or year.
    #[command(subcommand)]
    Target(TargetCmd),
    /// The week's shifts as a calendar file (iCalendar) for the team's phones.
    #[command(subcommand)]
    Schedule(ScheduleCmd),
    /// Reports ready to send: the week's schedule, hours, coverage, conflicts and sales.
    #[command(subcommand)]
    Report(ReportCmd),
    /// Acknowledge, snooze or take back a risk flag (see `report risks` for their keys).
    #[command(subcommand)]
    Risk(RiskCmd),
    /// Write, list, show or edit performance reviews, prefilled with the period's measured KPIs.
    #[command(subcommand)]
    Review(ReviewCmd),
    /// Each rep's onboarding checklist and the training sessions they attended.
    #[command(subcommand)]
    Training(TrainingCmd),
    /// List the business settings (protection, warnings, risk thresholds), or set one.
    Settings {
        #[command(subcommand)]
        action: Option<SettingsCmd>,
    },
    /// Show where the config file is, or what it says.
    #[command(subcommand)]
    Config(ConfigCmd),
    /// Print shell completions.
    Completions {
        #[arg(value_enum)]
        shell: clap_complete::Shell,
    },
    /// Print the manual page (roff).
    Man,
    /// Every change to the database, newest first: who, when, what.
    History {
        /// How many changes to list.
        #[arg(long, default_value_t = 20)]
        limit: usize,
        #[arg(long, value_enum, default_value = "table")]
        format: ListFormat,
    },
    /// Undo a change (the newest when none is named); undoing an undo is a redo.
    Undo {
        /// The change's id, as `repdesk history` lists it.
        change: Option<i64>,
    },
    /// Copy the database to FILE while it is in use.
    Backup { file: PathBuf },
    /// Check the database's integrity and foreign keys; exit 1 on a problem.
    Check,
    /// A continuous copy of the database off this machine, through Litestream.
    #[command(subcommand)]
    Replica(ReplicaCmd),
}

#[derive(Debug, Subcommand)]
pub enum ReplicaCmd {
    /// Print a Litestream configuration that copies this database to DEST, continuously: a
    /// folder (another disk, a NAS) or an S3-style URL (s3://bucket/path).
    Config {
        dest: String,
        /// Write it to FILE instead of printing it.
        #[arg(long, value_name = "FILE")]
        out: Option<PathBuf>,
    },
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum DemoSizeArg {
    Small,
    Large,
}

#[derive(Debug, Args)]
pub struct DemoArgs {
    #[arg(long, value_enum, default_value = "small")]
    pub size: DemoSizeArg,
    /// The same seed (and --today) gives the same team.
    #[arg(long, default_value_t = 1)]
    pub seed: u64,
    /// Replace the team in a database that already has one.
    #[arg(long)]
    pub force: bool,
}

#[derive(Debug, Args)]
pub struct RenderArgs {
    /// leads, schedule, goals, leaderboard, risks, reviews or reps.
    #[arg(long, default_value = "leads", value_parser = clap::builder::PossibleValuesParser::new(crate::tui::Tab::names()))]
    pub tab: String,
    /// Screen size as WIDTHxHEIGHT.
    #[arg(long, default_value = "100x30", value_parser = parse_size)]
    pub size: (u16, u16),
}

fn parse_size(text: &str) -> Result<(u16, u16), String> {
    let bad = || format!("'{text}' is not a size; write it as WIDTHxHEIGHT, for example 100x30");
    let (w, h) = text.split_once(['x', 'X']).ok_or_else(bad)?;
    let (w, h): (u16, u16) = (w.trim().parse().map_err(|_| bad())?, h.trim().parse().map_err(|_| bad())?);
    if !(20..=1000).contains(&w) || !(5..=500).contains(&h) {
        return Err(format!("'{text}' is out of range; width 20–1000, height 5–500"));
    }
    Ok((w, h))
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ImportKind {
    Reps,
    Leads,
    Deals,
    Shifts,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum EncodingArg {
    Auto,
    #[value(name = "utf-8")]
    Utf8,
    Gbk,
    /// The Western "ANSI" of Windows (also Latin-1).
    #[value(name = "windows-1252", alias = "latin1")]
    Windows1252,
}

#[derive(Debug, Args)]
pub struct ImportArgs {
    #[arg(value_enum)]
    pub kind: ImportKind,
    /// The file: CSV or other delimited text, or a workbook (.xlsx, .xls, .xlsb, .ods).
    pub file: PathBuf,
    /// Which column holds a field, as FIELD=COLUMN (repeat or separate with commas).
    #[arg(long, value_delimiter = ',', value_name = "FIELD=COLUMN")]
    pub map: Vec<String>,
    /// Read a value as one of repdesk's words, as FIELD:VALUE=WORD (FIELD: stage, category,
    /// channel), e.g. --values stage:"Waiting for Budget"=qualified; repeat for more.
    #[arg(long, value_name = "FIELD:VALUE=WORD")]
    pub values: Vec<String>,
    /// Read dates written like 05/11/2026 day first or month first, when the file's values
    /// do not tell.
    #[arg(long, value_enum)]
    pub dates: Option<DatesArg>,
    /// The sheet of a workbook to read (the first one otherwise).
    #[arg(long)]
    pub sheet: Option<String>,
    #[arg(long, value_enum, default_value = "auto")]
    pub encoding: EncodingArg,
    /// Report what would happen and write nothing.
    #[arg(long)]
    pub dry_run: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum DatesArg {
    DayFirst,
    MonthFirst,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ExportKind {
    Reps,
    Leads,
    Deals,
    Shifts,
    Activities,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum FileFormat {
    Csv,
    Json,
}

#[derive(Debug, Args)]
pub struct ExportArgs {
    #[arg(value_enum)]
    pub kind: ExportKind,
    #[arg(long, value_enum, default_value = "csv")]
    pub format: FileFormat,
    /// Write to FILE instead of standard output.
    #[arg(long, value_name = "FILE")]
    pub out: Option<PathBuf>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ListFormat {
    Table,
    Json,
    Csv,
}

#[derive(Debug, Subcommand)]
pub enum RepCmd {
    /// Add a rep.
    Add(RepFieldArgs),
    /// List reps (active ones unless --all).
    List {
        #[arg(long)]
        all: bool,
        #[arg(long, value_enum, default_value = "table")]
        format: ListFormat,
    },
    /// Show one rep.
    Show {
        name: String,
        #[arg(long, value_enum, default_value = "table")]
        format: ListFormat,
    },
    /// Change a rep's fields; fields not given stay as they are.
    Edit {
        /// The rep to change.
        rep: String,
        #[command(flatten)]
        fields: RepFieldArgs,
    },
    /// Deactivate a rep: they leave the roster; their history stays.
    Deactivate { name: String },
    /// Bring a deactivated rep back.
    Reactivate { name: String },
}

#[derive(Debug, Args, Default)]
pub struct RepFieldArgs {
    /// The rep's name (for add: required).
    #[arg(long)]
    pub name: Option<String>,
    #[arg(long)]
    pub phone: Option<String>,
    #[arg(long)]
    pub email: Option<String>,
    /// field, phone, online or store.
    #[arg(long)]
    pub channel: Option<String>,
    /// part-time or full-time.
    #[arg(long)]
    pub employment: Option<String>,
    #[arg(long)]
    pub team: Option<String>,
    /// Per hour, like 18.50.
    #[arg(long, allow_hyphen_values = true)]
    pub hourly_rate: Option<String>,
    /// Like 5%.
    #[arg(long, allow_hyphen_values = true)]
    pub commission_rate: Option<String>,
    #[arg(long, allow_hyphen_values = true)]
    pub max_weekly_hours: Option<String>,
    /// YYYY-MM-DD.
    #[arg(long)]
    pub hired_on: Option<String>,
}

#[derive(Debug, Subcommand)]
pub enum LeadCmd {
    /// Add a lead; one that looks like a lead already there is refused unless --allow-duplicate.
    Add {
        #[command(flatten)]
        fields: LeadFieldArgs,
        /// The rep who owns it from today (protected); without it the lead goes to the pool.
        #[arg(long)]
        owner: Option<String>,
        #[arg(long)]
        allow_duplicate: bool,
    },
    /// List leads: open ones, or today's review queue, or all.
    List {
        /// Today's review queue, in its order.
        #[arg(long, conflicts_with_all = ["all", "owner", "stage"])]
        queue: bool,
        /// Include won and lost leads.
        #[arg(long)]
        all: bool,
        #[arg(long)]
        owner: Option<String>,
        #[arg(long)]
        stage: Option<String>,
        /// At most this many rows (more are said on stderr); 0 for all.
        #[arg(long, default_value_t = 200)]
        limit: usize,
        #[arg(long, value_enum, default_value = "table")]
        format: ListFormat,
    },
    /// Show one lead with its activities and history.
    Show {
        id: i64,
        #[arg(long, value_enum, default_value = "table")]
        format: ListFormat,
    },
    /// Who has this customer (phone, e-mail or name), and protected until when.
    Find {
        text: String,
        #[arg(long, value_enum, default_value = "table")]
        format: ListFormat,
    },
    /// Give a lead to a rep, with a fresh protection window.
    Assign {
        id: i64,
        rep: String,
        /// The rep claims it: refused (and recorded) while another rep protects it.
        #[arg(long)]
        claim: bool,
    },
    /// Put a lead back in the pool.
    Release { id: i64 },
    /// Move a lead to a stage: new, contacted, qualified, proposal, won (needs --amount), lost (needs --reason).
    Stage {
        id: i64,
        stage: String,
        #[arg(long)]
        reason: Option<String>,
        #[arg(long, allow_hyphen_values = true)]
        amount: Option<String>,
        #[arg(long)]
        product: Option<String>,
    },
    /// Log a call, visit, message, email, meeting or note.
    Log {
        id: i64,
        kind: String,
        /// Who did it (default: the owner).
        #[arg(long)]
        rep: Option<String>,
        #[arg(long)]
        outcome: Option<String>,
        #[arg(long)]
        note: Option<String>,
        /// When, as YYYY-MM-DD HH:MM (default: now).
        #[arg(long)]
        at: Option<String>,
    },
    /// Set (YYYY-MM-DD) or clear (none) the next follow-up.
    FollowUp { id: i64, date: String },
    /// Fold the second lead into the first, keeping all activities and the earlier owner.
    Merge { keep: i64, gone: i64 },
}

#[derive(Debug, Args, Default)]
pub struct LeadFieldArgs {
    #[arg(long)]
    pub name: Option<String>,
    #[arg(long)]
    pub company: Option<String>,
    #[arg(long)]
    pub phone: Option<String>,
    #[arg(long)]
    pub email: Option<String>,
    #[arg(long)]
    pub source: Option<String>,
    /// field, phone, online or store.
    #[arg(long)]
    pub channel: Option<String>,
    /// prospect, new, loyal, dormant or vip.
    #[arg(long)]
    pub category: Option<String>,
    /// Estimated value, like 5000.
    #[arg(long, allow_hyphen_values = true)]
    pub value: Option<String>,
    /// The next follow-up, YYYY-MM-DD.
    #[arg(long)]
    pub follow_up: Option<String>,
    #[arg(long)]
    pub note: Option<String>,
}

#[derive(Debug, Subcommand)]
pub enum DealCmd {
    /// List deals, newest first: the open ones, or every one with --all.
    List {
        /// Won and lost deals too.
        #[arg(long)]
        all: bool,
        /// At most this many; 0 for no limit.
        #[arg(long, default_value_t = 200)]
        limit: usize,
        #[arg(long, value_enum, default_value = "table")]
        format: ListFormat,
    },
    /// Show one deal with its customer.
    Show {
        id: i64,
        #[arg(long, value_enum, default_value = "table")]
        format: ListFormat,
    },
}

#[derive(Debug, Subcommand)]
pub enum SaleCmd {
    /// Record a sale (a repeat order, a walk-in) for a rep.
    Add {
        #[arg(long)]
        rep: String,
        /// Like 1234.50.
        #[arg(long, allow_hyphen_values = true)]
        amount: String,
        /// The lead it was sold to, if any.
        #[arg(long)]
        lead: Option<i64>,
        /// The day (default: today).
        #[arg(long)]
        on: Option<String>,
        #[arg(long)]
        product: Option<String>,
    },
}

#[derive(Debug, Args)]
pub struct ShiftArgs {
    /// The rep who works it.
    #[arg(long)]
    pub rep: Option<String>,
    /// The day, YYYY-MM-DD.
    #[arg(long)]
    pub date: Option<String>,
    /// Like 09:00.
    #[arg(long)]
    pub start: Option<String>,
    /// Like 13:00, later the same day.
    #[arg(long)]
    pub end: Option<String>,
    /// store, phone, field or online (default: store).
    #[arg(long)]
    pub location: Option<String>,
}

#[derive(Debug, Subcommand)]
pub enum ShiftCmd {
    /// Add a shift; what it conflicts with is printed as a warning.
    Add(ShiftArgs),
    /// The shifts of a week (default: this week).
    List {
        /// A week such as 2026-W48.
        #[arg(long)]
        week: Option<String>,
        #[arg(long)]
        rep: Option<String>,
        #[arg(long, value_enum, default_value = "table")]
        format: ListFormat,
    },
    /// Change a shift's rep, day, times or location.
    Edit {
        id: i64,
        #[command(flatten)]
        fields: ShiftArgs,
    },
    /// Mark a shift that has begun as worked or a no-show.
    Mark {
        id: i64,
        /// worked or no-show.
        status: String,
    },
    /// Remove a shift.
    Rm { id: i64 },
    /// Copy last week's shifts into a week (default: next week), skipping and listing those that would conflict.
    Copy {
        #[arg(long)]
        week: Option<String>,
    },
    /// Fill a week's short slots (default: next week) with the best plan; --dry-run lists the proposal (csv: the shifts only).
    Fill {
        #[arg(long)]
        week: Option<String>,
        #[arg(long)]
        dry_run: bool,
        #[arg(long, value_enum, default_value = "table")]
        format: ListFormat,
    },
}

#[derive(Debug, Subcommand)]
pub enum AvailabilityCmd {
    /// Set a rep's windows on one weekday, like `09:00-13:00,17:00-21:00`; an empty list clears the day.
    Set {
        #[arg(long)]
        rep: String,
        /// mon, tue, wed, thu, fri, sat or sun.
        #[arg(long)]
        day: String,
        /// Windows, like 09:00-13:00,17:00-21:00 (\"\" clears the day).
        windows: String,
    },
    /// Every rep's windows (or one rep's).
    List {
        #[arg(long)]
        rep: Option<String>,
        #[arg(long, value_enum, default_value = "table")]
        format: ListFormat,
    },
}

#[derive(Debug, Subcommand)]
pub enum TimeoffCmd {
    /// Add days off, first and last day included.
    Add {
        #[arg(long)]
        rep: String,
        #[arg(long)]
        from: String,
        /// The last day off (default: the first).
        #[arg(long)]
        to: Option<String>,
        #[arg(long)]
        reason: Option<String>,
    },
    /// Every rep's days off (or one rep's).
    List {
        #[arg(long)]
        rep: Option<String>,
        #[arg(long, value_enum, default_value = "table")]
        format: ListFormat,
    },
    /// Remove days off by their id (see `timeoff list`).
    Rm { id: i64 },
}

#[derive(Debug, Subcommand)]
pub enum NeedCmd {
    /// Add a weekly slot: `--day sat --start 09:00 --end 13:00 --reps 2 --location store`.
    Add {
        #[arg(long)]
        day: String,
        #[arg(long)]
        start: String,
        #[arg(long)]
        end: String,
        /// How many reps the slot needs.
        #[arg(long, default_value_t = 1)]
        reps: u32,
        #[arg(long, default_value = "store")]
        location: String,
    },
    /// Every slot, Monday first.
    List {
        #[arg(long, value_enum, default_value = "table")]
        format: ListFormat,
    },
    /// Remove a slot by its id (see `need list`).
    Rm { id: i64 },
}

#[derive(Debug, Subcommand)]
pub enum TargetCmd {
    /// Set a goal: `--rep 李娜 --metric revenue --goal 50000 --period 2026-12` (money in whole
    /// units, conversion in percent); setting it again changes it.
    Set {
        /// The rep the target is for.
        #[arg(long, group = "who")]
        rep: Option<String>,
        /// A team (as the reps' records name it): its reps together.
        #[arg(long, group = "who")]
        team: Option<String>,
        /// The whole business.
        #[arg(long, group = "who")]
        all: bool,
        /// revenue, deals, new-customers, visits, calls, conversion or revenue-per-hour.
        #[arg(long)]
        metric: String,
        /// Money in whole units (50000, 5万), conversion in percent (35), a count otherwise.
        // A negative number reaches the check that says why, not the flag parser.
        #[arg(long, allow_hyphen_values = true)]
        goal: String,
        /// A week (2026-W49), month (2026-12), quarter (2026-Q4) or year (2026); default this month.
        #[arg(long)]
        period: Option<String>,
        /// Also spread the goal: into the period's weeks, or among the team's reps by their hours.
        #[arg(long, value_enum)]
        split: Option<SplitArg>,
    },
    /// The targets of a period (default: this month).
    List {
        #[arg(long)]
        period: Option<String>,
        #[arg(long, value_enum, default_value = "table")]
        format: ListFormat,
    },
    /// Remove a target by its id (see `target list`).
    Rm { id: i64 },
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum GroupArg {
    Team,
    Channel,
    /// Where the work was done: each rep's day at the place of that day's shift.
    Location,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum SplitArg {
    Weeks,
    Reps,
}

#[derive(Debug, Subcommand)]
pub enum ScheduleCmd {
    /// Write the shifts as an iCalendar file: one event per shift, a stable UID each, times in UTC.
    Ics {
        /// Only this rep's shifts.
        #[arg(long)]
        rep: Option<String>,
        /// A week such as 2026-W48 (default: this week).
        #[arg(long)]
        week: Option<String>,
        /// Write here instead of standard output.
        #[arg(long)]
        out: Option<PathBuf>,
    },
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ReportFormat {
    Markdown,
    Json,
}

#[derive(Debug, Subcommand)]
pub enum ReportCmd {
    /// The ranking of a period by a metric, with each rep's movement on the period before.
    Leaderboard {
        /// A week, month, quarter or year (default: this month).
        #[arg(long, conflicts_with_all = ["from", "to"])]
        period: Option<String>,
        /// The first day of a range (with --to).
        #[arg(long, requires = "to")]
        from: Option<String>,
        /// The last day of a range (with --from).
        #[arg(long, requires = "from")]
        to: Option<String>,
        /// revenue, deals, new-customers, visits, calls, conversion or revenue-per-hour.
        #[arg(long, default_value = "revenue")]
        by: String,
        /// Rank teams, channels or locations (each rep's day at the place of that day's shift), their reps' figures added up.
        #[arg(long, value_enum)]
        group: Option<GroupArg>,
        #[arg(long, value_enum, default_value = "table")]
        format: ListFormat,
    },
    /// Every target of a period with its progress, pace and forecast.
    Goals {
        /// A week, month, quarter or year (default: this month).
        #[arg(long)]
        period: Option<String>,
        #[arg(long, value_enum, default_value = "table")]
        format: ListFormat,
    },
    /// The week's schedule, hours, coverage, conflicts and sales.
    Week {
        /// A week such as 2026-W48 (default: this week).
        #[arg(long)]
        week: Option<String>,
        #[arg(long, value_enum, default_value = "markdown")]
        format: ReportFormat,
    },
    /// A one-page review to hand to the rep: KPIs with their change, ratings, texts, onboarding
    /// and training, the next date, in the chosen language.
    Review {
        #[arg(long)]
        rep: String,
        /// The review's month or quarter (default the rep's latest review).
        #[arg(long)]
        period: Option<String>,
        #[arg(long, value_enum, default_value = "markdown")]
        format: ReportFormat,
    },
    /// The open risks, most severe first: rule, severity, subject and its key, the numbers
    /// behind it, since when. Exits 0 whatever it finds.
    Risks {
        /// Only this rule: overdue, stale, lapsing, dormant, rotting, poaching, repeated-poaching,
        /// shared-customer, behind-pace, falling-trend, no-shows, review-overdue, inactive-owner,
        /// onboarding-unfinished, understaffed, over-hours or outside-availability.
        #[arg(long)]
        rule: Option<String>,
        /// The acknowledged and snoozed flags too.
        #[arg(long)]
        all: bool,
        #[arg(long, value_enum, default_value = "table")]
        format: ListFormat,
    },
}

#[derive(Debug, Subcommand)]
pub enum RiskCmd {
    /// Acknowledge a flag: hidden until it gets worse.
    Ack {
        /// The flag's rule, as `report risks` names it.
        rule: String,
        /// The flag's subject key, as `report risks` gives it (lead:42, rep:3, slot:…).
        subject_key: String,
        /// Why, for the history.
        #[arg(long)]
        note: Option<String>,
    },
    /// Snooze a flag: hidden through a day, or until it gets worse.
    Snooze {
        rule: String,
        subject_key: String,
        /// The last day it stays hidden (YYYY-MM-DD).
        #[arg(long)]
        until: String,
        #[arg(long)]
        note: Option<String>,
    },
    /// Take an acknowledgement or a snooze back.
    Unack { rule: String, subject_key: String },
}

/// What the owner gives a review: four ratings 1–5, three texts, the next date.
#[derive(Debug, clap::Args)]
pub struct AssessmentArgs {
    /// Results, 1–5.
    #[arg(long, allow_negative_numbers = true)]
    pub results: Option<String>,
    /// Customer development, 1–5.
    #[arg(long, allow_negative_numbers = true)]
    pub customer: Option<String>,
    /// Attitude, 1–5.
    #[arg(long, allow_negative_numbers = true)]
    pub attitude: Option<String>,
    /// Teamwork, 1–5.
    #[arg(long, allow_negative_numbers = true)]
    pub teamwork: Option<String>,
    /// What went well (a line break as \n, or several lines in quotes).
    #[arg(long)]
    pub strengths: Option<String>,
    /// What to improve.
    #[arg(long)]
    pub improvements: Option<String>,
    /// The action plan for the next period.
    #[arg(long)]
    pub plan: Option<String>,
    /// The next review's date (YYYY-MM-DD; `review add` proposes two weeks after the next period).
    #[arg(long)]
    pub next: Option<String>,
}

#[derive(Debug, Subcommand)]
pub enum ReviewCmd {
    /// Write a rep's review of a month or quarter: its KPIs are measured now and kept with it.
    Add {
        #[arg(long)]
        rep: String,
        /// A month (2026-11) or quarter (2026-Q4); default the one after the rep's last review.
        #[arg(long)]
        period: Option<String>,
        #[command(flatten)]
        assessment: AssessmentArgs,
    },
    /// Every review, newest first (or one rep's).
    List {
        #[arg(long)]
        rep: Option<String>,
        #[arg(long, value_enum, default_value = "table")]
        format: ListFormat,
    },
    /// One review: its KPIs with their change on the review before, ratings and texts.
    Show { id: i64 },
    /// Change what a review says (only the flags given); the history keeps what it said.
    Edit {
        id: i64,
        #[command(flatten)]
        assessment: AssessmentArgs,
    },
}

#[derive(Debug, Subcommand)]
pub enum TrainingCmd {
    /// A rep's onboarding checklist and training sessions (every active rep's without --rep).
    List {
        #[arg(long)]
        rep: Option<String>,
    },
    /// Tick an item of a rep's checklist (company, products, skills, tools, or the owner's own).
    Done {
        #[arg(long)]
        rep: String,
        item: String,
        /// The day it was done (default today).
        #[arg(long, conflicts_with = "not")]
        on: Option<String>,
        /// Untick it instead.
        #[arg(long)]
        not: bool,
    },
    /// Record a training session a rep attended, or (with --item) add an item to their checklist.
    Add {
        #[arg(long)]
        rep: String,
        #[arg(long, required_unless_present = "item", conflicts_with = "item")]
        topic: Option<String>,
        /// How long, in hours (1.5).
        #[arg(long, required_unless_present = "item", conflicts_with = "item", allow_negative_numbers = true)]
        hours: Option<String>,
        /// The day (default today).
        #[arg(long, conflicts_with = "item")]
        on: Option<String>,
        /// An item of the owner's own for the rep's checklist.
        #[arg(long)]
        item: Option<String>,
    },
}

#[derive(Debug, Subcommand)]
pub enum SettingsCmd {
    /// Set KEY to a whole number (0 turns the per-rep cap off), or stages.lost_reasons to the
    /// reasons the Lost form offers, separated by ";".
    Set {
        key: String,
        #[arg(allow_hyphen_values = true)]
        value: String,
    },
}

#[derive(Debug, Subcommand)]
pub enum ConfigCmd {
    /// Print the config file's path.
    Path,
    /// Print the config in force (the file over the defaults).
    Show,
}

/// The command line's descriptions in `cat`'s language, where the catalogue has them: the
/// about of each command at `clap.<path>.about` (`clap.repdesk.about`, `clap.rep.add.about`)
/// and the help of each argument at `clap.<path>.arg.<id>`. English needs none: it is the doc comments here.
pub fn localized(cmd: clap::Command, cat: &crate::text::Catalogue) -> clap::Command {
    fn walk(mut cmd: clap::Command, path: &str, cat: &crate::text::Catalogue) -> clap::Command {
        let key = format!("clap.{path}");
        if let Some(about) = cat.get(&format!("{key}.about")) {
            cmd = cmd.about(about.to_string()).long_about(None);
        }
        let ids: Vec<String> = cmd.get_arguments().map(|a| a.get_id().to_string()).collect();
        for id in ids {
            if let Some(help) = cat.get(&format!("{key}.arg.{id}")) {
                let help = help.to_string();
                cmd = cmd.mut_arg(id, |a| a.help(help).long_help(None));
            }
        }
        let subs: Vec<String> = cmd.get_subcommands().map(|s| s.get_name().to_string()).collect();
        for name in subs {
            let sub_path = if path == "repdesk" { name.clone() } else { format!("{path}.{name}") };
            cmd = cmd.mut_subcommand(&name, |s| walk(s, &sub_path, cat));
        }
        cmd
    }
    if cat.lang == crate::text::Lang::En { cmd } else { walk(cmd, "repdesk", cat) }
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::CommandFactory;

    #[test]
    fn the_cli_is_well_formed() {
        Cli::command().debug_assert();
    }

    #[test]
    fn sizes() {
        assert_eq!(parse_size("80x24"), Ok((80, 24)));
        assert!(parse_size("80").is_err());
        assert!(parse_size("5x5").is_err());
    }
}
