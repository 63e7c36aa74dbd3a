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
