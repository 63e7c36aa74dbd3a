//! The config file and the choice of language, through the binary as a person runs it.

mod common;

use common::repdesk;
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use repdesk::tui::app::App;
use repdesk::tui::headless;

fn demo(dir: &std::path::Path) -> std::path::PathBuf {
    let db = dir.join("a.db");
    repdesk(&db).arg("demo").assert().success();
    db
}

fn stdout_and_stderr(cmd: &mut assert_cmd::Command) -> (String, String) {
    let out = cmd.output().unwrap();
    (String::from_utf8_lossy(&out.stdout).into_owned(), String::from_utf8_lossy(&out.stderr).into_owned())
}

#[test]
fn the_locale_chooses_chinese_and_the_flag_and_the_file_win_over_it() {
    let dir = tempfile::tempdir().unwrap();
    let db = demo(dir.path());
    let (out, _) = stdout_and_stderr(repdesk(&db).env("LANG", "zh_CN.UTF-8").args(["render", "--size", "80x24"]));
    assert!(out.contains("今日待办"), "{out}");
    let (out, _) = stdout_and_stderr(repdesk(&db).env("LANG", "en_US.UTF-8").args(["render", "--size", "80x24"]));
    assert!(out.contains("Today's review"), "{out}");
    let (out, _) =
        stdout_and_stderr(repdesk(&db).env("LANG", "zh_CN.UTF-8").args(["--lang", "en", "render", "--size", "80x24"]));
    assert!(out.contains("Today's review"), "the flag wins: {out}");
    // The file over the locale, the flag over the file.
    std::fs::write(db.with_extension("toml"), "language = \"en\"\n").unwrap();
    let (out, _) = stdout_and_stderr(repdesk(&db).env("LANG", "zh_CN.UTF-8").args(["render", "--size", "80x24"]));
    assert!(out.contains("Today's review"), "{out}");
    let (out, _) = stdout_and_stderr(repdesk(&db).args(["--lang", "zh", "render", "--size", "80x24"]));
    assert!(out.contains("今日待办"), "{out}");
    // LC_ALL over LANG.
    std::fs::remove_file(db.with_extension("toml")).unwrap();
    let (out, _) = stdout_and_stderr(
        repdesk(&db).env("LANG", "en_US.UTF-8").env("LC_ALL", "zh_CN.UTF-8").args(["render", "--size", "80x24"]),
    );
    assert!(out.contains("今日待办"), "{out}");
}

#[test]
fn a_bad_config_is_reported_by_line_and_the_rest_applies() {
    let dir = tempfile::tempdir().unwrap();
    let db = demo(dir.path());
    std::fs::write(
        db.with_extension("toml"),
        "currency_symbol = \"$\"\ntheme = pink\nshade = \"dark\"\n\n[keys.leads]\nwon = \"W\"\nlost = \"c\"\n",
    )
    .unwrap();
    let mut cmd = repdesk(&db);
    let (out, err) = stdout_and_stderr(cmd.args(["render", "--size", "100x30"]));
    assert!(cmd.assert().get_output().status.success(), "a bad config never stops repdesk: {err}");
    assert!(err.contains("line 2:"), "{err}");
    assert!(err.contains("line 3:") && err.contains("'shade'") && err.contains("language, theme, markers"), "{err}");
    assert!(err.contains("line 7:") && err.contains("already means log"), "{err}");
    assert!(out.contains('$') && !out.contains('¥'), "the currency still applies: {out}");
    assert!(out.contains("W won"), "the override reaches the footer: {out}");
    let (shown, _) = stdout_and_stderr(repdesk(&db).args(["config", "show"]));
    let line = |key: &str| shown.lines().find(|l| l.starts_with(key)).unwrap_or_default().to_string();
    assert!(line("currency_symbol").contains("config file"), "{shown}");
    assert!(line("theme").contains("default"), "{shown}");
    assert!(line("keys.leads.won").contains('W'), "{shown}");
    assert!(line("keys.leads.lost").is_empty(), "a refused override is not in force: {shown}");
    assert!(line("risk.stale_days").contains("default"), "{shown}");
    assert!(line("language").contains("environment"), "{shown}");
    // A setting of the database says so.
    repdesk(&db).args(["settings", "set", "risk.stale_days", "9"]).assert().success();
    let (shown, _) = stdout_and_stderr(repdesk(&db).args(["config", "show"]));
    assert!(shown.lines().any(|l| l.starts_with("risk.stale_days") && l.contains('9') && l.contains("database")));
}

#[test]
fn key_overrides_reach_help_and_no_color_and_ascii_apply() {
    let (config, warnings) = repdesk::config::parse("markers = \"ascii\"\n[keys.leads]\nwon = [\"W\", \"ctrl-w\"]\n");
    assert!(warnings.is_empty());
    let (keys, refused) = repdesk::config::key_map(&config);
    assert!(refused.is_empty());
    let look = repdesk::tui::theme::Look::new(config.theme(), config.markers(), false);
    let ctx = common::ctx().with_keys(keys).with_look(look);
    let mut app = App::new(common::demo_store(), ctx).unwrap();
    app.on_key(KeyEvent::new(KeyCode::Char('?'), KeyModifiers::NONE));
    let help = headless::render(&app, 100, 30).unwrap();
    assert!(help.lines().any(|l| l.contains("W  won")), "{help}");
    // Markers in ASCII: no symbol a CJK terminal draws two columns wide.
    for symbol in ["‼", "●", "⚠", "★", "│", "─", "╭", "→", "·"] {
        assert!(!help.contains(symbol), "{symbol} in {help}");
    }
    // The override works, and the old key no longer does.
    app.on_key(KeyEvent::new(KeyCode::Esc, KeyModifiers::NONE));
    app.on_key(KeyEvent::new(KeyCode::Char('w'), KeyModifiers::NONE));
    assert!(!app.popup_open());
    app.on_key(KeyEvent::new(KeyCode::Char('W'), KeyModifiers::NONE));
    assert!(app.popup_open());
}

#[test]
fn no_color_draws_without_colour() {
    use ratatui::style::Color;
    let look = repdesk::tui::theme::Look::new(Default::default(), Default::default(), false);
    let app = App::new(common::demo_store(), common::ctx().with_look(look)).unwrap();
    let buf = headless::buffer(&app, 100, 30).unwrap();
    assert!(buf.content.iter().all(|c| c.fg == Color::Reset && c.bg == Color::Reset));
    let coloured = App::new(common::demo_store(), common::ctx()).unwrap();
    let buf = headless::buffer(&coloured, 100, 30).unwrap();
    assert!(buf.content.iter().any(|c| c.fg != Color::Reset));
    let light = repdesk::tui::theme::Look::new(repdesk::config::Theme::Light, Default::default(), true);
    let app = App::new(common::demo_store(), common::ctx().with_look(light)).unwrap();
    let buf = headless::buffer(&app, 100, 30).unwrap();
    assert!(buf.content.iter().all(|c| c.fg != Color::Cyan && c.fg != Color::Yellow));
    assert!(buf.content.iter().any(|c| c.fg == Color::Blue));
}

/// In Chinese the command line's help, its manual page and its own errors are Chinese too.
#[test]
fn help_man_and_usage_errors_speak_the_language() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("h.db");
    let (out, _) = stdout_and_stderr(repdesk(&db).args(["--lang", "zh", "--help"]));
    assert!(out.contains("导入") && out.contains("线索"), "{out}");
    let (out, _) = stdout_and_stderr(repdesk(&db).env("LANG", "zh_CN.UTF-8").args(["import", "--help"]));
    assert!(out.contains("只报告将会发生什么"), "{out}");
    let (man, _) = stdout_and_stderr(repdesk(&db).args(["--lang", "zh", "man"]));
    assert!(man.contains("在终端里管理兼职销售团队"), "{man}");
    let out = repdesk(&db).args(["--lang", "zh", "render", "--tab", "nope"]).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("“nope”不是 --tab"), "{err}");
    // English stays as it was.
    let (out, _) = stdout_and_stderr(repdesk(&db).args(["--help"]));
    assert!(out.contains("Import a CRM export"), "{out}");
}
