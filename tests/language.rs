//! Both languages side by side: every tab and every popup in English and in Chinese at 100x30
//! and 80x24 (Goals and the Leaderboard at 160x45 too), and no word of the English catalogue in any Chinese screen but the data's own.

mod common;

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use repdesk::text::{self, Lang};
use repdesk::tui::app::App;
use repdesk::tui::{Ctx, Tab, headless};
use std::collections::HashSet;
use strum::IntoEnumIterator;

const SIZES: [(u16, u16); 2] = [(100, 30), (80, 24)];

/// Tabs drawn large too: a wide, tall terminal shows more of them (gauges, trends, a chart).
const LARGE: [Tab; 2] = [Tab::Goals, Tab::Leaderboard];

fn open(ctx: Ctx) -> App {
    App::new(common::demo_store(), ctx).unwrap()
}

fn ctx(lang: Lang) -> Ctx {
    common::ctx().in_lang(lang)
}

fn press(app: &mut App, code: KeyCode) {
    app.on_key(KeyEvent::new(code, KeyModifiers::NONE));
}

/// Each popup the app has: the tab it opens on and the keys that open it.
const POPUPS: &[(&str, Tab, &[KeyCode])] = &[
    ("help", Tab::Leads, &[KeyCode::Char('?')]),
    ("history", Tab::Leads, &[KeyCode::Char('H')]),
    ("lead_detail", Tab::Leads, &[KeyCode::Enter]),
    ("lead_log", Tab::Leads, &[KeyCode::Char('c')]),
    ("lead_stage", Tab::Leads, &[KeyCode::Char('s')]),
    ("lead_follow_up", Tab::Leads, &[KeyCode::Char('f')]),
    ("lead_assign", Tab::Leads, &[KeyCode::Char('a')]),
    ("lead_won", Tab::Leads, &[KeyCode::Char('w')]),
    ("lead_lost", Tab::Leads, &[KeyCode::Char('l')]),
    ("lead_new", Tab::Leads, &[KeyCode::Char('n')]),
    ("lead_edit", Tab::Leads, &[KeyCode::Char('e')]),
    ("lead_merge", Tab::Leads, &[KeyCode::Char('m')]),
    ("lead_release", Tab::Leads, &[KeyCode::Char('p')]),
    ("shift_edit", Tab::Schedule, &[KeyCode::Down, KeyCode::Down, KeyCode::Enter]),
    ("shift_new", Tab::Schedule, &[KeyCode::Char('n')]),
    ("shift_delete", Tab::Schedule, &[KeyCode::Down, KeyCode::Down, KeyCode::Char('d')]),
    ("conflicts", Tab::Schedule, &[KeyCode::Char('c')]),
    ("copy_week", Tab::Schedule, &[KeyCode::Char(']'), KeyCode::Char('y')]),
    ("auto_fill", Tab::Schedule, &[KeyCode::Char('a')]),
    ("availability", Tab::Schedule, &[KeyCode::Char('v')]),
    ("time_off", Tab::Schedule, &[KeyCode::Char('o')]),
    ("rep_new", Tab::Reps, &[KeyCode::Char('n')]),
    ("rep_edit", Tab::Reps, &[KeyCode::Char('e')]),
    ("rep_deactivate", Tab::Reps, &[KeyCode::Char('x')]),
    ("goals_help", Tab::Goals, &[KeyCode::Char('?')]),
    ("target_new", Tab::Goals, &[KeyCode::Char('n')]),
    ("target_edit", Tab::Goals, &[KeyCode::Char('e')]),
    ("target_remove", Tab::Goals, &[KeyCode::Char('d')]),
    ("board_figures", Tab::Leaderboard, &[KeyCode::Enter]),
    ("risk_ack", Tab::Risks, &[KeyCode::Char('x')]),
    ("review_new", Tab::Reviews, &[KeyCode::Char('n')]),
    ("review_open", Tab::Reviews, &[KeyCode::Enter]),
    ("review_edit", Tab::Reviews, &[KeyCode::Char('e'), KeyCode::Tab, KeyCode::Tab, KeyCode::Tab, KeyCode::Tab]),
    ("checklist", Tab::Reviews, &[KeyCode::Char('o')]),
    ("training", Tab::Reviews, &[KeyCode::Char('t')]),
];

fn lang_name(lang: Lang) -> &'static str {
    lang.code()
}

#[test]
fn every_tab_in_both_languages() {
    for lang in Lang::iter() {
        let mut app = open(ctx(lang));
        for tab in Tab::iter() {
            app.select(tab);
            let large = LARGE.contains(&tab).then_some((160, 45));
            for (w, h) in SIZES.into_iter().chain(large) {
                let name = format!("{}_{}_{w}x{h}", lang_name(lang), <&str>::from(tab));
                insta::assert_snapshot!(name, headless::render(&app, w, h).unwrap());
            }
        }
    }
}

#[test]
fn every_popup_in_both_languages() {
    // The history shows the time of day a change was made, which the fixed day does not fix.
    let mut settings = insta::Settings::clone_current();
    settings.add_filter(r"\b\d{4}-\d\d-\d\d \d\d:\d\d\b", "[at]");
    let _bound = settings.bind_to_scope();
    for lang in Lang::iter() {
        for (name, tab, keys) in POPUPS {
            let mut app = open(ctx(lang));
            app.select(*tab);
            for key in *keys {
                press(&mut app, *key);
            }
            assert!(app.popup_open(), "{name} opened no popup: {:?}", app.message());
            for (w, h) in SIZES {
                let shot = format!("{}_popup_{name}_{w}x{h}", lang_name(lang));
                insta::assert_snapshot!(shot, headless::render(&app, w, h).unwrap());
            }
        }
    }
}

/// Words of three letters or more, lowercased.
fn words(text: &str) -> impl Iterator<Item = String> + '_ {
    text.split(|c: char| !c.is_ascii_alphabetic()).filter(|w| w.len() >= 3).map(|w| w.to_ascii_lowercase())
}

/// Every word the English catalogue uses.
fn english() -> HashSet<String> {
    let source = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/assets/i18n/en.toml")).unwrap();
    text::parse(&source).unwrap().values().flat_map(|v| words(v).collect::<Vec<_>>()).collect()
}

/// Columns that hold stored words (shown by their labels) or bookkeeping, not data a person typed.
const NOT_DATA: &[&str] = &[
    "stage",
    "claimed_stage",
    "category",
    "channel",
    "kind",
    "location",
    "status",
    "employment",
    "metric",
    "period_kind",
    "period",
    "action",
    "entity",
    "rule",
    "subject",
    "key",
    "value",
    "actor",
    "args",
    "before",
    "after",
];

/// Every word the demo's data holds (names, companies, notes, sources): those may show.
fn data_words() -> HashSet<String> {
    let store = common::demo_store();
    let conn = store.conn();
    let tables: Vec<String> = conn
        .prepare("SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%'")
        .unwrap()
        .query_map([], |r| r.get(0))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap();
    let mut out = HashSet::new();
    for table in tables {
        let mut stmt = conn.prepare(&format!("SELECT * FROM \"{table}\"")).unwrap();
        let n = stmt.column_count();
        let keep: Vec<bool> = (0..n).map(|i| !NOT_DATA.contains(&stmt.column_name(i).unwrap_or_default())).collect();
        let mut rows = stmt.query([]).unwrap();
        while let Some(row) = rows.next().unwrap() {
            for i in (0..n).filter(|i| keep[*i]) {
                if let Ok(Some(text)) = row.get::<_, Option<String>>(i) {
                    out.extend(words(&text));
                }
            }
        }
    }
    out
}

/// The names of keys and of the app itself, and the date format's letters, which are the same in
/// every language.
const ALWAYS: &[&str] = &["enter", "esc", "tab", "pgup", "pgdn", "home", "end", "ctrl", "repdesk", "vip", "yyyy"];

fn english_in(screen: &str, english: &HashSet<String>, data: &HashSet<String>) -> Vec<String> {
    let mut found: Vec<String> =
        words(screen).filter(|w| english.contains(w) && !data.contains(w) && !ALWAYS.contains(&w.as_str())).collect();
    found.sort();
    found.dedup();
    found
}

#[test]
fn no_english_word_in_a_chinese_screen() {
    let (english, data) = (english(), data_words());
    let mut screens = Vec::new();
    let mut app = open(ctx(Lang::Zh));
    for tab in Tab::iter() {
        app.select(tab);
        for (w, h) in SIZES {
            screens.push((format!("{tab:?} {w}x{h}"), headless::render(&app, w, h).unwrap()));
        }
    }
    for (name, tab, keys) in POPUPS {
        let mut app = open(ctx(Lang::Zh));
        app.select(*tab);
        for key in *keys {
            press(&mut app, *key);
        }
        screens.push((name.to_string(), headless::render(&app, 100, 30).unwrap()));
    }
    let welcome = App::new(repdesk::store::Store::open_in_memory(common::clock()).unwrap(), ctx(Lang::Zh)).unwrap();
    screens.push(("welcome".into(), headless::render(&welcome, 80, 24).unwrap()));
    let mut bad = Vec::new();
    for (name, screen) in &screens {
        let found = english_in(screen, &english, &data);
        if !found.is_empty() {
            bad.push(format!("{name}: {found:?}"));
        }
    }
    assert!(bad.is_empty(), "English in Chinese screens:\n{}", bad.join("\n"));
    // The scan itself finds English: the English screens are full of it.
    let en = open(ctx(Lang::En));
    assert!(english_in(&headless::render(&en, 100, 30).unwrap(), &english, &data).len() > 10);
}

/// What the app says back in Chinese (a write's message, an undo, a refused form) has no word
/// of the English catalogue either.
#[test]
fn messages_and_refusals_in_chinese() {
    let (english, data) = (english(), data_words());
    let mut app = open(ctx(Lang::Zh));
    let mut said = Vec::new();
    press(&mut app, KeyCode::Char('f'));
    press(&mut app, KeyCode::Enter);
    said.push(app.message().unwrap_or_default().to_string());
    press(&mut app, KeyCode::Char('u'));
    said.push(app.message().unwrap_or_default().to_string());
    // A new lead without a name, and a follow-up on a day that is no date: refused, said.
    press(&mut app, KeyCode::Char('n'));
    press(&mut app, KeyCode::Enter);
    said.push(headless::render(&app, 100, 30).unwrap());
    press(&mut app, KeyCode::Esc);
    press(&mut app, KeyCode::Char('f'));
    press(&mut app, KeyCode::Tab);
    for c in "31/11".chars() {
        press(&mut app, KeyCode::Char(c));
    }
    press(&mut app, KeyCode::Enter);
    said.push(headless::render(&app, 100, 30).unwrap());
    press(&mut app, KeyCode::Esc);
    // Won without an amount.
    press(&mut app, KeyCode::Char('w'));
    for _ in 0..10 {
        press(&mut app, KeyCode::Backspace);
    }
    press(&mut app, KeyCode::Enter);
    said.push(headless::render(&app, 100, 30).unwrap());
    for text in &said {
        assert!(!text.trim().is_empty());
        let found = english_in(text, &english, &data);
        assert!(found.is_empty(), "{found:?} in\n{text}");
    }
    assert!(said[2].contains("线索需要客户姓名"), "{}", said[2]);
    assert!(said[4].contains("赢单需要填写大于 0 的成交金额"), "{}", said[4]);
}

/// Every tab and every popup drawn at a sliver, a small, a usual and a very large terminal
/// without a panic, and a popup that stays open while the terminal is resized under it.
#[test]
fn every_screen_at_every_size() {
    const EXTREMES: [(u16, u16); 5] = [(1, 1), (20, 5), (80, 24), (300, 100), (2, 40)];
    for lang in Lang::iter() {
        let mut app = open(ctx(lang));
        for tab in Tab::iter() {
            app.select(tab);
            for (w, h) in EXTREMES {
                let shot = headless::render(&app, w, h).unwrap();
                assert_eq!(shot.lines().count(), h as usize, "{tab:?} at {w}x{h}");
            }
        }
        for (name, tab, keys) in POPUPS {
            let mut app = open(ctx(lang));
            app.select(*tab);
            for key in *keys {
                press(&mut app, *key);
            }
            assert!(app.popup_open(), "{name}");
            // Resized while it is open, down to a sliver and back: it stays open and drawable,
            // and it still takes keys.
            for (w, h) in EXTREMES.into_iter().chain(EXTREMES.into_iter().rev()) {
                headless::render(&app, w, h).unwrap();
            }
            assert!(app.popup_open(), "{name} closed on a resize");
            press(&mut app, KeyCode::Down);
            headless::render(&app, 20, 5).unwrap();
        }
    }
}

/// Names with wide (Chinese) characters and emoji, long ones too, never push a border out of
/// place: every line of every tab is exactly the terminal's width, and each box's right edge
/// stays in its column.
#[test]
fn wide_and_emoji_names_keep_every_border_in_place() {
    use repdesk::domain::rep::RepFields;
    let mut store = common::demo_store();
    let names = ["🌸王芳👍", "欧阳娜娜娜娜娜娜娜娜娜娜娜娜娜娜娜娜娜", "👨‍👩‍👧 Family Shop ✨", "Zoë Ångström-Łukasz"];
    for name in names {
        let fields = RepFields { name: name.into(), team: "🚀 火箭队".into(), ..Default::default() };
        let rep = repdesk::service::add_rep(&mut store, &fields.validate().unwrap()).unwrap().value;
        let lead = repdesk::domain::lead_form::LeadFields {
            name: format!("{name} 客户"),
            company: "☕ 咖啡馆 Coffee & Co.".into(),
            ..Default::default()
        };
        let lead = lead.apply(repdesk::domain::lead_form::fresh(common::today())).unwrap();
        repdesk::service::leads::add(&mut store, lead, Some(rep.id), true).unwrap();
    }
    let mut app = App::new(store, common::ctx()).unwrap();
    for tab in Tab::iter() {
        app.select(tab);
        for (w, h) in [(80, 24), (120, 40), (47, 15)] {
            let shot = headless::render(&app, w, h).unwrap();
            for (i, line) in shot.lines().enumerate() {
                assert_eq!(unicode_width::UnicodeWidthStr::width(line), w as usize, "{tab:?} {w}x{h} line {i}: {line}");
            }
        }
    }
}
