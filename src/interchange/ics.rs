//! iCalendar (RFC 5545) for shifts: CRLF line ends, lines folded at 75 octets, escaped text,
//! a stable UID per shift so a calendar updates an event instead of adding it twice, and times
//! in UTC so every client places them alike.

use chrono::{DateTime, Local, NaiveDateTime, TimeZone, Utc};

/// One event.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Event {
    pub uid: String,
    pub start: DateTime<Utc>,
    pub end: DateTime<Utc>,
    pub summary: String,
    pub location: String,
    pub description: String,
    pub cancelled: bool,
    /// How many times the shift was changed: a client takes the higher one as newer.
    pub sequence: u32,
    /// When it was last changed, if ever.
    pub modified: Option<DateTime<Utc>>,
}

/// A wall-clock time where the machine is, in UTC. A time skipped by a daylight-saving
/// change is taken an hour later, as clocks show it; a repeated one is the first.
pub fn local_to_utc(at: NaiveDateTime) -> DateTime<Utc> {
    let local = Local
        .from_local_datetime(&at)
        .earliest()
        .or_else(|| Local.from_local_datetime(&(at + chrono::Duration::hours(1))).earliest());
    local.map(|t| t.with_timezone(&Utc)).unwrap_or_else(|| Utc.from_utc_datetime(&at))
}

/// TEXT escaping: backslash, semicolon, comma and line breaks.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            ';' => out.push_str("\\;"),
            ',' => out.push_str("\\,"),
            '\n' => out.push_str("\\n"),
            '\r' => {}
            c => out.push(c),
        }
    }
    out
}

/// Appends one content line, folded so no line is longer than 75 octets (a continuation
/// starts with a space), never inside a character, and ended with CRLF.
pub fn push_line(out: &mut String, line: &str) {
    let mut rest = line;
    let mut limit = 75;
    loop {
        if rest.len() <= limit {
            out.push_str(rest);
            out.push_str("\r\n");
            return;
        }
        let mut cut = limit;
        while !rest.is_char_boundary(cut) {
            cut -= 1;
        }
        out.push_str(&rest[..cut]);
        out.push_str("\r\n ");
        rest = &rest[cut..];
        limit = 74;
    }
}

fn stamp(at: DateTime<Utc>) -> String {
    at.format("%Y%m%dT%H%M%SZ").to_string()
}

/// The whole calendar.
pub fn calendar(name: &str, events: &[Event], now: DateTime<Utc>) -> String {
    let mut out = String::new();
    for line in [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        concat!("PRODID:-//repdesk//repdesk ", env!("CARGO_PKG_VERSION"), "//EN"),
        "CALSCALE:GREGORIAN",
        "METHOD:PUBLISH",
    ] {
        push_line(&mut out, line);
    }
    push_line(&mut out, &format!("X-WR-CALNAME:{}", escape(name)));
    for e in events {
        push_line(&mut out, "BEGIN:VEVENT");
        push_line(&mut out, &format!("UID:{}", e.uid));
        push_line(&mut out, &format!("DTSTAMP:{}", stamp(now)));
        push_line(&mut out, &format!("SEQUENCE:{}", e.sequence));
        if let Some(at) = e.modified {
            push_line(&mut out, &format!("LAST-MODIFIED:{}", stamp(at)));
        }
        push_line(&mut out, &format!("DTSTART:{}", stamp(e.start)));
        push_line(&mut out, &format!("DTEND:{}", stamp(e.end)));
        push_line(&mut out, &format!("SUMMARY:{}", escape(&e.summary)));
        push_line(&mut out, &format!("LOCATION:{}", escape(&e.location)));
        push_line(&mut out, &format!("DESCRIPTION:{}", escape(&e.description)));
        push_line(&mut out, if e.cancelled { "STATUS:CANCELLED" } else { "STATUS:CONFIRMED" });
        push_line(&mut out, "END:VEVENT");
    }
    push_line(&mut out, "END:VCALENDAR");
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_is_escaped() {
        assert_eq!(escape("a,b;c\\d\ne"), "a\\,b\\;c\\\\d\\ne");
    }

    #[test]
    fn long_lines_fold_at_75_octets_between_characters() {
        let mut out = String::new();
        let line = format!("SUMMARY:{}", "王".repeat(40));
        push_line(&mut out, &line);
        let lines: Vec<&str> = out.split("\r\n").filter(|l| !l.is_empty()).collect();
        assert!(lines.len() > 1);
        assert!(lines.iter().all(|l| l.len() <= 75), "{lines:?}");
        assert!(lines[1..].iter().all(|l| l.starts_with(' ')));
        let unfolded: String = out.replace("\r\n ", "");
        assert_eq!(unfolded, format!("{line}\r\n"));
    }
}
