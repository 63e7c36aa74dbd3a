//! Widgets every tab shares.

pub mod form;
pub mod table;

use unicode_width::UnicodeWidthChar;

/// `text` cut to `width` terminal columns, ending in `…` when it was cut; wide characters
/// (Chinese) count two columns and are never split.
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
