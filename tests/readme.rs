//! The tour in each README shows real screens: each `<!-- screen: … -->` is followed by the
//! frame the app draws for it, and this test fails when a frame no longer matches.
//! `UPDATE_README=1 cargo test --test readme` draws them again.

mod common;

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use repdesk::text::Lang;
use repdesk::tui::app::App;
use repdesk::tui::{Tab, headless};

const READMES: [&str; 2] = ["README.md", "README.zh-CN.md"];

struct Screen {
    tab: Tab,
    width: u16,
    height: u16,
    lang: Lang,
    keys: Vec<KeyCode>,
}

fn parse(marker: &str) -> Screen {
    let mut screen = Screen { tab: Tab::Leads, width: 80, height: 24, lang: Lang::En, keys: Vec::new() };
    for part in marker.split_whitespace() {
        let Some((k, v)) = part.split_once('=') else { continue };
        match k {
            "tab" => screen.tab = v.parse().unwrap_or_else(|_| panic!("no tab {v}")),
            "size" => {
                let (w, h) = v.split_once('x').unwrap();
                (screen.width, screen.height) = (w.parse().unwrap(), h.parse().unwrap());
            }
            "lang" => screen.lang = Lang::from_tag(v).unwrap(),
            "keys" => {
                screen.keys = v
                    .split(',')
                    .filter(|k| !k.is_empty())
                    .map(|k| match k {
                        "Enter" => KeyCode::Enter,
                        "Esc" => KeyCode::Esc,
                        "Down" => KeyCode::Down,
                        other => KeyCode::Char(other.chars().next().unwrap()),
                    })
                    .collect()
            }
            _ => panic!("unknown {k} in {marker}"),
        }
    }
    screen
}

fn draw(screen: &Screen) -> String {
    let mut app = App::new(common::demo_store(), common::ctx().in_lang(screen.lang)).unwrap();
    app.select(screen.tab);
    for key in &screen.keys {
        app.on_key(KeyEvent::new(*key, KeyModifiers::NONE));
    }
    let frame = headless::render(&app, screen.width, screen.height).unwrap();
    frame.lines().map(str::trim_end).collect::<Vec<_>>().join("\n") + "\n"
}

/// Each screen of a README: the marker's text, and where its block's body starts and ends.
fn screens(text: &str) -> Vec<(String, usize, usize)> {
    let mut out = Vec::new();
    let mut at = 0;
    while let Some(found) = text[at..].find("<!-- screen:") {
        let start = at + found;
        let end = start + text[start..].find("-->").unwrap();
        let marker = text[start + "<!-- screen:".len()..end].trim().to_string();
        let open = end + text[end..].find("```text\n").unwrap() + "```text\n".len();
        let close = open + text[open..].find("```").unwrap();
        out.push((marker, open, close));
        at = close;
    }
    out
}

#[test]
fn every_screen_of_the_tour_is_the_one_the_app_draws() {
    let update = std::env::var_os("UPDATE_README").is_some();
    for name in READMES {
        let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join(name);
        let mut text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{name}: {e}"));
        let found = screens(&text);
        assert!(found.len() >= 4, "{name} shows {} screens", found.len());
        // From the last, so the offsets of the earlier ones hold while the text changes.
        for (marker, open, close) in found.into_iter().rev() {
            let drawn = draw(&parse(&marker));
            if update {
                text.replace_range(open..close, &drawn);
            } else {
                assert_eq!(
                    text[open..close],
                    drawn,
                    "{name}: the screen of `{marker}` changed; redraw with UPDATE_README=1"
                );
            }
        }
        if update {
            std::fs::write(&path, text).unwrap();
        }
    }
}
