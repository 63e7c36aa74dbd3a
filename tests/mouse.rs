//! The mouse, driven through the app's event handling: tabs, rows, grid cells, form choices
//! and the wheel.

mod common;

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers, MouseButton, MouseEvent, MouseEventKind};
use repdesk::tui::app::App;
use repdesk::tui::{Tab, headless};

fn app() -> App {
    App::new(common::demo_store(), common::ctx()).unwrap()
}

fn screen(app: &App) -> String {
    headless::render(app, 100, 30).unwrap()
}

fn mouse(app: &mut App, kind: MouseEventKind, x: u16, y: u16) {
    app.on_mouse(MouseEvent { kind, column: x, row: y, modifiers: KeyModifiers::NONE });
}

fn click(app: &mut App, x: u16, y: u16) {
    mouse(app, MouseEventKind::Down(MouseButton::Left), x, y);
}

/// Where `text` is on the screen: its column (in display cells) and line.
fn find(screen: &str, text: &str) -> (u16, u16) {
    for (y, line) in screen.lines().enumerate() {
        if let Some(at) = line.find(text) {
            return (unicode_width::UnicodeWidthStr::width(&line[..at]) as u16, y as u16);
        }
    }
    panic!("no '{text}' on\n{screen}")
}

/// The line of the list's selected row (it starts with the highlight symbol).
fn selected_line(screen: &str) -> String {
    screen.lines().find(|l| l.contains('▶')).unwrap_or_default().to_string()
}

#[test]
fn a_click_on_a_tab_goes_there() {
    let mut app = app();
    let s = screen(&app);
    let (x, y) = find(&s, "Goals");
    click(&mut app, x + 1, y);
    assert_eq!(app.active_tab(), Tab::Goals);
    let s = screen(&app);
    let (x, y) = find(&s, "Reps");
    click(&mut app, x, y);
    assert_eq!(app.active_tab(), Tab::Reps);
}

#[test]
fn a_click_selects_a_row_and_a_second_opens_it() {
    let mut app = app();
    let s = screen(&app);
    let rows: Vec<&str> = s.lines().skip(3).take(5).collect();
    let name = rows[3].split_whitespace().nth(3).unwrap().to_string();
    let (x, y) = find(&s, &name);
    click(&mut app, x, y);
    let after = screen(&app);
    assert!(selected_line(&after).contains(&name), "{after}");
    assert!(!app.popup_open());
    click(&mut app, x, y);
    assert!(app.popup_open(), "the second click opens the lead");
    assert!(screen(&app).contains(&name));
}

#[test]
fn the_wheel_moves_through_the_list_and_scrolls_the_detail() {
    let mut app = app();
    let before = selected_line(&screen(&app));
    mouse(&mut app, MouseEventKind::ScrollDown, 10, 10);
    let s = screen(&app);
    let after = selected_line(&s);
    assert_ne!(before, after);
    let line_of = |s: &str, l: &str| s.lines().position(|x| x == l).unwrap();
    assert_eq!(line_of(&s, &after), 3 + 3, "three rows down:\n{s}");
    mouse(&mut app, MouseEventKind::ScrollUp, 10, 10);
    assert_eq!(selected_line(&screen(&app)), before);
    // In the lead's detail the wheel scrolls the popup, and leaves the list where it was.
    app.on_key(KeyEvent::new(KeyCode::Enter, KeyModifiers::NONE));
    let top = screen(&app);
    mouse(&mut app, MouseEventKind::ScrollDown, 50, 15);
    assert!(app.popup_open());
    assert_ne!(screen(&app), top, "the detail scrolled");
}

#[test]
fn a_click_on_a_grid_cell_moves_there_and_a_second_opens_the_shift() {
    let mut app = app();
    app.select(Tab::Schedule);
    let s = screen(&app);
    // Wednesday's column on the third rep's row.
    let (wed_x, _) = find(&s, "Wed");
    let third = s.lines().nth(5).unwrap();
    let (_, y) = find(&s, third);
    click(&mut app, wed_x, y);
    let after = screen(&app);
    assert!(after.lines().nth(y as usize).unwrap().contains('▶'), "{after}");
    assert!(!app.popup_open());
    click(&mut app, wed_x, y);
    assert!(app.popup_open(), "{}", screen(&app));
    assert!(screen(&app).contains("Wed 25 Nov"), "{}", screen(&app));
}

#[test]
fn a_click_on_a_choice_focuses_it_and_a_second_takes_the_next() {
    let mut app = app();
    app.on_key(KeyEvent::new(KeyCode::Char('n'), KeyModifiers::NONE));
    let s = screen(&app);
    let (x, y) = find(&s, "‹ prospect ›");
    click(&mut app, x, y);
    let s = screen(&app);
    let line = s.lines().find(|l| l.contains("‹ prospect ›")).unwrap_or_default();
    assert!(line.contains('›') && line.contains("› "), "the first click focuses the field: {s}");
    let focused = line.split("‹").next().unwrap_or_default();
    assert!(focused.contains('›'), "the focus marker is on the clicked field: {line}");
    click(&mut app, x, y);
    assert!(screen(&app).contains("‹ new ›"), "{}", screen(&app));
}

/// Chinese typed into a form: each character lands whole, Backspace takes one character (not a
/// byte, not half a wide one), and text an input method commits at once arrives as it was.
#[test]
fn chinese_input_in_a_form() {
    let mut app = app();
    let press = |app: &mut App, code: KeyCode| app.on_key(KeyEvent::new(code, KeyModifiers::NONE));
    press(&mut app, KeyCode::Char('n'));
    for c in "王小明".chars() {
        press(&mut app, KeyCode::Char(c));
    }
    press(&mut app, KeyCode::Backspace);
    app.on_paste("明明");
    press(&mut app, KeyCode::Left);
    press(&mut app, KeyCode::Backspace);
    let s = screen(&app);
    assert!(s.contains("王小明"), "{s}");
    // The company field: pasted text with a line break stays one line.
    press(&mut app, KeyCode::Tab);
    app.on_paste("明记\n茶行");
    let s = screen(&app);
    assert!(s.contains("明记 茶行"), "{s}");
    // The frame's lines keep their width around wide characters.
    assert!(s.lines().all(|l| unicode_width::UnicodeWidthStr::width(l) == 100), "{s}");
}

/// A click on a confirmation's answer answers it; on the history, a click selects a change and
/// a second asks to undo it.
#[test]
fn a_click_answers_a_question_and_picks_a_change_in_the_history() {
    let mut app = app();
    let press = |app: &mut App, code: KeyCode| app.on_key(KeyEvent::new(code, KeyModifiers::NONE));
    // Put the first lead back in the pool: it asks first; "n No" keeps it.
    press(&mut app, KeyCode::Char('p'));
    assert!(app.popup_open());
    let s = screen(&app);
    let (x, y) = find(&s, "n no");
    click(&mut app, x + 1, y);
    assert!(!app.popup_open(), "no closes the question");
    press(&mut app, KeyCode::Char('p'));
    let s = screen(&app);
    let (x, y) = find(&s, "y yes");
    click(&mut app, x, y);
    assert!(!app.popup_open());
    assert!(app.message().is_some_and(|m| m.contains("pool")), "{:?}", app.message());
    // The history: the release is the newest change, the demo's load below it.
    press(&mut app, KeyCode::Char('H'));
    let s = screen(&app);
    let (x, y) = find(&s, "loaded a demo team");
    click(&mut app, x, y);
    let s = screen(&app);
    assert!(app.popup_open());
    click(&mut app, x, y);
    let asked = screen(&app);
    assert_ne!(s, asked, "the second click asks to undo the selected change");
    assert!(asked.contains("Undo #1"), "{asked}");
}
