//! Widgets every tab shares.

pub mod form;
pub mod table;

use unicode_width::UnicodeWidthChar;

/// `text` cut to `width` terminal columns, ending in `…` when it was cut; wide characters
/// (Chinese) count two columns and are never split.
/// `text` in lines of at most `width` columns, cut between characters (a wide one never
/// split), at most `most` lines, the last ending in `…` when more was left.
pub fn wrap(text: &str, width: usize, most: usize) -> Vec<String> {
    let width = width.max(2);
    let mut lines = vec![String::new()];
    let mut used = 0;
    for c in text.chars() {
        let w = c.width().unwrap_or(0);
        if used + w > width {
            lines.push(String::new());
            used = 0;
        }
        used += w;
        if let Some(line) = lines.last_mut() {
            line.push(c);
        }
    }
    if lines.len() > most {
        let rest = lines[most - 1..].concat();
        lines.truncate(most - 1);
        lines.push(fit(&rest, width).into_owned());
    }
    lines
}

pub fn fit(text: &str, width: usize) -> std::borrow::Cow<'_, str> {
    if unicode_width::UnicodeWidthStr::width(text) <= width {
        return text.into();
    }
    let mut used = 0;
    let mut cut = String::new();
    for c in text.chars() {
        let w = c.width().unwrap_or(0);
        if used + w + 1 > width {
            break;
        }
        used += w;
        cut.push(c);
    }
    if width > 0 {
        cut.push('…');
    }
    cut.into()
}

#[cfg(test)]
mod tests {
    use super::fit;

    #[test]
    fn fit_cuts_at_the_width_with_an_ellipsis() {
        assert_eq!(fit("Saved the shift", 40), "Saved the shift");
        assert_eq!(fit("Saved the shift", 6), "Saved…");
        assert_eq!(fit("Saved", 5), "Saved");
        assert_eq!(fit("曹磊 Thu", 4), "曹…");
        assert_eq!(fit("曹磊 Thu", 3), "曹…");
        assert_eq!(fit("曹磊", 1), "…");
        assert_eq!(fit("abc", 0), "");
    }
}
