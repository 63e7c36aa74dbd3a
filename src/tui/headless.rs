//! One frame of the app as plain text: what `repdesk render`, the snapshot tests and the
//! benches draw, with the same code as the terminal.

use super::app::App;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::buffer::Buffer;
use unicode_width::UnicodeWidthStr;

/// Draws `app` on a `width` × `height` screen and returns the frame as lines.
pub fn render(app: &App, width: u16, height: u16) -> anyhow::Result<String> {
    let mut terminal = Terminal::new(TestBackend::new(width, height))?;
    terminal.draw(|frame| frame.render_widget(app, frame.area()))?;
    Ok(to_text(terminal.backend().buffer()))
}

/// Draws `app` on a `width` × `height` screen and returns the frame's cells (their colours too).
pub fn buffer(app: &App, width: u16, height: u16) -> anyhow::Result<Buffer> {
    let mut terminal = Terminal::new(TestBackend::new(width, height))?;
    terminal.draw(|frame| frame.render_widget(app, frame.area()))?;
    Ok(terminal.backend().buffer().clone())
}

/// Exactly `height` lines of exactly `width` display columns: a wide character fills two
/// columns and the cell it hides is skipped.
pub fn to_text(buffer: &Buffer) -> String {
    let area = buffer.area;
    let mut out = String::with_capacity((area.width as usize + 1) * area.height as usize);
    for y in area.top()..area.bottom() {
        let mut x = area.left();
        let mut used = 0usize;
        while x < area.right() {
            let symbol = buffer[(x, y)].symbol();
            let width = symbol.width().max(1);
            if used + width > area.width as usize {
                out.push(' ');
                used += 1;
                x += 1;
                continue;
            }
            out.push_str(if symbol.is_empty() { " " } else { symbol });
            used += width;
            x += width as u16;
        }
        out.push('\n');
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use ratatui::layout::Rect;

    #[test]
    fn wide_characters_count_two_columns() {
        let mut buf = Buffer::empty(Rect::new(0, 0, 6, 1));
        buf.set_string(0, 0, "李娜ab", ratatui::style::Style::default());
        let text = to_text(&buf);
        assert_eq!(text, "李娜ab\n");
        assert_eq!(text.trim_end_matches('\n').width(), 6);
    }
}
