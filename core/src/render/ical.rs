//! iCalendar (RFC 5545) of the merged calendar, written by hand: the subset
//! needed is small (all-day VEVENTs with text properties), and the crates
//! that write it stamp events with the clock or random UIDs, which would
//! break "same input, same bytes". A test reads the output back with a real
//! parser (the `icalendar` crate in the CLI's tests, Python's `icalendar`
//! in the binding's).
use super::token;
use crate::schedule::Calendar;

/// Content lines longer than this many octets are folded (RFC 5545 3.1).
const FOLD_AT: usize = 75;

/// Escapes a TEXT value (RFC 5545 3.3.11): backslash, semicolon, comma and
/// line breaks; other control characters, which TEXT may not hold, are
/// written as visible `\u{..}` escapes.
fn text(value: &str) -> String {
    let mut out = String::with_capacity(value.len());
    let mut chars = value.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\\' => out.push_str("\\\\"),
            ';' => out.push_str("\\;"),
            ',' => out.push_str("\\,"),
            '\r' if chars.peek() == Some(&'\n') => {}
            '\n' | '\r' => out.push_str("\\n"),
            c if c.is_control() && c != '\t' => out.push_str(&c.escape_unicode().to_string()),
            c => out.push(c),
        }
    }
    out
}

/// Appends one content line, folded at 75 octets without splitting a UTF-8
/// character, terminated by CRLF.
fn line(out: &mut String, content: &str) {
    let mut width = 0;
    for c in content.chars() {
        let n = c.len_utf8();
        if width + n > FOLD_AT {
            out.push_str("\r\n ");
            width = 1;
        }
        out.push(c);
        width += n;
    }
    out.push_str("\r\n");
}

/// The calendar as an iCalendar file. Deterministic: every event is an
/// all-day event (DTEND the next day, exclusive per RFC 5545 3.6.1), its UID
/// is the item's stable key, and DTSTAMP is the calendar's `from` date at
/// midnight UTC, never the clock.
pub fn calendar_ics(cal: &Calendar) -> String {
    let mut out = String::new();
    let stamp = format!("{}T000000Z", cal.from.format("%Y%m%d"));
    for l in ["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//isms//isms schedule//EN", "CALSCALE:GREGORIAN"] {
        line(&mut out, l);
    }
    for item in &cal.items {
        let next = item.date.succ_opt().unwrap_or(item.date);
        let mut description = format!("status: {}; kind: {}", token(&item.status), token(&item.kind));
        description.push_str(&format!("; {}: {}", item.entity.kind, item.entity.id));
        if let Some(o) = &item.owner {
            description.push_str(&format!("; owner: {o}"));
        }
        line(&mut out, "BEGIN:VEVENT");
        line(&mut out, &format!("UID:{}", text(&format!("{}@isms", item.key))));
        line(&mut out, &format!("DTSTAMP:{stamp}"));
        line(&mut out, &format!("DTSTART;VALUE=DATE:{}", item.date.format("%Y%m%d")));
        line(&mut out, &format!("DTEND;VALUE=DATE:{}", next.format("%Y%m%d")));
        line(&mut out, &format!("SUMMARY:{}", text(&item.title)));
        line(&mut out, &format!("DESCRIPTION:{}", text(&description)));
        line(&mut out, &format!("CATEGORIES:{}", text(&token(&item.kind))));
        line(&mut out, "END:VEVENT");
    }
    line(&mut out, "END:VCALENDAR");
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_values_are_escaped() {
        assert_eq!(text("a,b;c\\d"), "a\\,b\\;c\\\\d");
        assert_eq!(text("one\r\ntwo\nthree\rfour"), "one\\ntwo\\nthree\\nfour");
        assert_eq!(text("bell\u{7}"), "bell\\u{7}");
    }

    #[test]
    fn long_lines_fold_at_75_octets_on_character_boundaries() {
        let mut out = String::new();
        let long = format!("SUMMARY:{}", "é".repeat(60));
        line(&mut out, &long);
        for physical in out.split("\r\n").filter(|l| !l.is_empty()) {
            assert!(physical.len() <= FOLD_AT, "{} octets: {physical}", physical.len());
        }
        let unfolded = out.trim_end_matches("\r\n").replace("\r\n ", "");
        assert_eq!(unfolded, long);
    }
}
