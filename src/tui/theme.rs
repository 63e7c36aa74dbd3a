//! The few styles the app uses. Colour adds to meaning but never carries it alone:
//! every coloured state also has a marker or a word.

use ratatui::style::{Color, Modifier, Style};

pub fn header() -> Style {
    Style::default().add_modifier(Modifier::BOLD).fg(Color::Cyan)
}

pub fn selected() -> Style {
    Style::default().add_modifier(Modifier::REVERSED)
}

pub fn dim() -> Style {
    Style::default().fg(Color::DarkGray)
}

/// The cell under a grid's cursor, on the selected row: readable without colour.
pub fn cell() -> Style {
    Style::default().add_modifier(Modifier::REVERSED | Modifier::BOLD | Modifier::UNDERLINED)
}

pub fn alert() -> Style {
    Style::default().fg(Color::Red).add_modifier(Modifier::BOLD)
}

pub fn warn() -> Style {
    Style::default().fg(Color::Yellow)
}

pub fn good() -> Style {
    Style::default().fg(Color::Green)
}

pub fn accent() -> Style {
    Style::default().fg(Color::Cyan)
}

pub fn active_tab() -> Style {
    Style::default().fg(Color::Black).bg(Color::Cyan).add_modifier(Modifier::BOLD)
}

pub fn key() -> Style {
    Style::default().fg(Color::Cyan).add_modifier(Modifier::BOLD)
}

/// How a frame is finally drawn: the theme's colours (or none), and the markers.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Look {
    pub theme: crate::config::Theme,
    pub markers: crate::config::Markers,
    /// False under `NO_COLOR`: modifiers (bold, reversed) only.
    pub colour: bool,
}

impl Look {
    pub fn new(theme: crate::config::Theme, markers: crate::config::Markers, colour: bool) -> Look {
        Look { theme, markers, colour }
    }

    /// Applies the look to a frame drawn in the dark theme with symbols: colours for a light
    /// terminal, or none; ASCII for every symbol a CJK terminal may draw two columns wide.
    /// One pass over the cells, after everything is drawn, so no screen needs to know.
    pub fn apply(&self, buf: &mut ratatui::buffer::Buffer) {
        use crate::config::{Markers, Theme};
        let (recolour, ascii) = (!self.colour || self.theme == Theme::Light, self.markers == Markers::Ascii);
        if !recolour && !ascii {
            return;
        }
        for cell in buf.content.iter_mut() {
            if recolour {
                if self.colour {
                    cell.fg = light(cell.fg, true);
                    cell.bg = light(cell.bg, false);
                } else {
                    cell.fg = Color::Reset;
                    cell.bg = Color::Reset;
                }
            }
            if ascii && let Some(plain) = ascii_of(cell.symbol()) {
                cell.set_symbol(plain);
            }
        }
    }
}

/// The dark theme's colours as they read on a light background.
fn light(c: Color, fg: bool) -> Color {
    match c {
        Color::Cyan | Color::LightCyan => Color::Blue,
        Color::Yellow | Color::LightYellow => Color::Magenta,
        Color::Black if fg => Color::White,
        other => other,
    }
}

/// The ASCII stand-in of a symbol of ambiguous or wide width the app draws.
pub fn ascii_of(symbol: &str) -> Option<&'static str> {
    Some(match symbol {
        "‼" => "!",
        "⚠" => "!",
        "●" => "*",
        "○" => "o",
        "★" => "*",
        "☆" => ".",
        "▶" => ">",
        "▲" => "^",
        "▼" => "v",
        "⌛" => "~",
        "✗" => "x",
        "✓" => "v",
        "→" => ">",
        "←" => "<",
        "↑" => "^",
        "↓" => "v",
        "·" => ".",
        "…" => ".",
        "–" | "—" => "-",
        "█" => "#",
        "░" => "-",
        "⚑" => "!",
        "─" | "━" | "┄" => "-",
        "│" | "┃" | "┆" => "|",
        "┌" | "┐" | "└" | "┘" | "├" | "┤" | "┬" | "┴" | "┼" | "╭" | "╮" | "╰" | "╯" => "+",
        "×" => "x",
        "‹" => "<",
        "›" => ">",
        _ => return None,
    })
}
