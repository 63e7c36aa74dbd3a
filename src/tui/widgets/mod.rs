//! Widgets every tab shares.

pub mod form;
pub mod table;

use unicode_width::UnicodeWidthChar;

/// `text` in lines of at most `width` columns, at most `most` lines, the last ending in `…`
/// when more was left. A line breaks after a space where it has one (the words of English
/// stay whole), else between any two characters (as Chinese breaks); a wide character counts
/// two columns and is never split.
pub fn wrap(text: &str, width: usize, most: usize) -> Vec<String> {
    let ranges = wrap_ranges(text, width);
    let mut lines: Vec<String> = ranges.iter().map(|r| text[r.clone()].to_string()).collect();
    if lines.len() > most {
        let rest = &text[ranges[most - 1].start..];
        lines.truncate(most - 1);
        lines.push(fit(rest, width.max(2)).into_owned());
    }
    lines
}

/// `text` wrapped to `width` as [`wrap`] does, the lines after the first indented to where its
/// words start: past its leading spaces and a bullet (`  ⚠ Sat 28 store…` goes on under `Sat`).
pub fn wrap_hanging(text: &str, width: usize) -> Vec<String> {
    let spaces = text.len() - text.trim_start_matches(' ').len();
    let rest = &text[spaces..];
    let bullet = match rest.char_indices().nth(1) {
        Some((at, ' ')) if !rest.starts_with(|c: char| c.is_alphanumeric()) => at + 1,
        _ => 0,
    };
    let head = spaces + bullet;
    let indent = unicode_width::UnicodeWidthStr::width(&text[..head]);
    if indent * 2 > width {
        return wrap(text, width, usize::MAX);
    }
    wrap(&text[head..], width - indent, usize::MAX)
        .into_iter()
        .enumerate()
        .map(
            |(i, line)| {
                if i == 0 { format!("{}{line}", &text[..head]) } else { format!("{}{line}", " ".repeat(indent)) }
            },
        )
        .collect()
}

/// Where each line of `text` wrapped to `width` lies in it (as [`wrap`] breaks it, the spaces
/// at a break left out).
pub fn wrap_ranges(text: &str, width: usize) -> Vec<std::ops::Range<usize>> {
    let width = width.max(2);
    let trimmed = |from: usize, to: usize| from..from + text[from..to].trim_end().len();
    let mut ranges = Vec::new();
    let (mut start, mut used, mut space) = (0, 0, None);
    for (at, c) in text.char_indices() {
        let w = c.width().unwrap_or(0);
        if used + w > width && at > start {
            if c == ' ' {
                ranges.push(trimmed(start, at));
                (start, used, space) = (at + 1, 0, None);
                continue;
            }
            // The word being written moves down whole, when a space before it can break.
            match space {
                Some(s) if s > start && !text[start..s].trim().is_empty() => {
                    ranges.push(trimmed(start, s));
                    start = s + 1;
                    used = unicode_width::UnicodeWidthStr::width(&text[start..at]);
                }
                _ => {
                    ranges.push(start..at);
                    (start, used) = (at, 0);
                }
            }
            space = None;
        }
        if c == ' ' {
            space = Some(at);
        }
        used += w;
    }
    ranges.push(trimmed(start, text.len()));
    ranges
}

/// A styled line wrapped as [`wrap`] does, each piece keeping the styles of its spans.
pub fn wrap_line(line: &ratatui::text::Line<'_>, width: usize) -> Vec<ratatui::text::Line<'static>> {
    use ratatui::text::{Line, Span};
    let text: String = line.spans.iter().map(|s| s.content.as_ref()).collect();
    // Each span's byte range in the line's text.
    let mut bounds = Vec::with_capacity(line.spans.len());
    let mut at = 0;
    for span in &line.spans {
        bounds.push((at..at + span.content.len(), span.style));
        at += span.content.len();
    }
    wrap_ranges(&text, width)
        .into_iter()
        .map(|r| {
            let spans: Vec<Span<'static>> = bounds
                .iter()
                .filter_map(|(b, style)| {
                    let (from, to) = (b.start.max(r.start), b.end.min(r.end));
                    (from < to).then(|| Span::styled(text[from..to].to_string(), *style))
                })
                .collect();
            Line::from(spans).style(line.style)
        })
        .collect()
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
    use super::{fit, wrap, wrap_hanging, wrap_line};
    use ratatui::style::Style;
    use ratatui::text::{Line, Span};

    #[test]
    fn a_bulleted_line_wraps_under_its_first_word() {
        let lines = wrap_hanging("  ⚠ Sat 28 Nov store 13:00–18:00: 2 more needed", 24);
        assert_eq!(lines, ["  ⚠ Sat 28 Nov store", "    13:00–18:00: 2 more", "    needed"]);
        assert_eq!(
            wrap_hanging("  周六 28日 门店 13:00–18:00 还差 2 人", 16),
            ["  周六 28日 门店", "  13:00–18:00", "  还差 2 人"]
        );
        assert_eq!(wrap_hanging("plain words here", 8), ["plain", "words", "here"]);
    }

    #[test]
    fn a_wrapped_line_keeps_the_styles_of_its_spans() {
        let line = Line::from(vec![Span::styled("23 Nov  ", Style::new().dim()), Span::raw("call 李娜 met the buyer")]);
        let wrapped = wrap_line(&line, 14);
        let text: Vec<String> = wrapped.iter().map(|l| l.spans.iter().map(|s| s.content.as_ref()).collect()).collect();
        assert_eq!(text, ["23 Nov  call", "李娜 met the", "buyer"]);
        assert_eq!(wrapped[0].spans[0].style, Style::new().dim());
        assert_eq!(wrapped[0].spans[1].content, "call");
        assert_eq!(wrapped[1].spans.len(), 1);
    }

    #[test]
    fn wrap_keeps_words_whole_and_breaks_chinese_anywhere() {
        assert_eq!(
            wrap("owner Frank Garcia since 11 Nov (protected to 27 Nov)", 20, 9),
            ["owner Frank Garcia", "since 11 Nov", "(protected to 27", "Nov)"]
        );
        assert_eq!(wrap("负责人 Frank Garcia，自 11月11日 起", 12, 9), ["负责人 Frank", "Garcia，自", "11月11日 起"]);
        assert_eq!(wrap("李娜李娜李娜", 5, 9), ["李娜", "李娜", "李娜"], "a wide character is never split");
        assert_eq!(wrap("a-very-long-word-without-spaces", 10, 9), ["a-very-lon", "g-word-wit", "hout-space", "s"]);
        assert_eq!(wrap("one two three four", 8, 2), ["one two", "three f…"]);
    }

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
