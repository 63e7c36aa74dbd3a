//! Property tests of everything that reads what a person or a file wrote: dates, money,
//! phones, periods, ratings and hours, the config file, the command line, and the CSV and
//! spreadsheet readers. Whatever the input, each answers with a value or a plain refusal, and
//! never panics. The case count is proptest's (`PROPTEST_CASES`, 256 by default); BENCHMARKS.md
//! records a run of a million.

use proptest::prelude::*;
use repdesk::domain::money::Money;
use repdesk::domain::period::{Period, parse_date};

/// Text a person might type, and text nobody would: digits, separators, CJK, symbols, controls.
fn typed() -> impl Strategy<Value = String> {
    prop_oneof!["[0-9 .,:/+\\-年月日号周万亿¥$€%QqWw]{0,24}", "\\PC{0,40}", any::<String>(), "[0-9]{1,30}",]
}

proptest! {
    #[test]
    fn a_date_reads_or_is_refused(text in typed()) {
        if let Ok(day) = parse_date(&text) {
            // A date read is a real day, and reads back the same.
            prop_assert_eq!(parse_date(&day.to_string()).ok(), Some(day));
        }
    }

    #[test]
    fn money_reads_or_is_refused(text in typed(), comma in any::<bool>()) {
        if let Ok(m) = Money::parse(&text, comma) {
            prop_assert_eq!(Money::parse(&m.to_decimal(), false).ok(), Some(m), "{}", text);
        }
    }

    #[test]
    fn a_phone_reads_or_is_refused(text in typed()) {
        if let Some(p) = repdesk::domain::contact::normalise_phone(&text) {
            prop_assert!(!p.is_empty());
            prop_assert_eq!(repdesk::domain::contact::normalise_phone(&p), Some(p.clone()), "stable: {}", text);
        }
        let _ = repdesk::domain::contact::phones_in(&text);
        let _ = repdesk::domain::contact::email_in(&text);
        let _ = repdesk::domain::contact::name_and_email(&text);
    }

    #[test]
    fn a_period_reads_or_is_refused(text in typed()) {
        if let Ok(p) = text.parse::<Period>() {
            prop_assert!(p.first_day() <= p.last_day());
            prop_assert_eq!(p.to_string().parse::<Period>().ok(), Some(p));
        }
        let _ = repdesk::domain::review::period(&text);
        if let Ok(n) = repdesk::domain::review::rating(&text) {
            prop_assert!((1..=5).contains(&n));
        }
        if let Ok(m) = repdesk::domain::review::minutes(&text) {
            prop_assert!((1..=24 * 60).contains(&m));
        }
        let _ = repdesk::domain::money::parse_rate_bp(&text);
    }

    #[test]
    fn a_config_file_is_read_or_warned_about(text in prop_oneof![
        any::<String>(),
        "(\\[[a-z.]{0,12}\\]\n)?([a-z_]{1,10} = (\"\\PC{0,10}\"|[0-9]{1,4}|true|\\[\\]|\\{\\})\n){0,6}",
    ]) {
        let (_config, _warnings) = repdesk::config::parse(&text);
    }

    #[test]
    fn the_command_line_parses_or_says_why(args in prop::collection::vec(prop_oneof![
        Just("rep".to_string()), Just("add".to_string()), Just("lead".to_string()), Just("sale".to_string()),
        Just("--amount".to_string()), Just("--name".to_string()), Just("-50".to_string()), Just("--".to_string()),
        Just("review".to_string()), Just("--period".to_string()), Just("import".to_string()),
        Just("--today".to_string()), Just("shift".to_string()), Just("--format".to_string()),
        "\\PC{0,12}", "-{1,2}[a-z-]{0,10}",
    ], 0..8)) {
        use clap::CommandFactory;
        let argv = std::iter::once("repdesk".to_string()).chain(args);
        let command = repdesk::cli::localized(repdesk::cli::Cli::command(), repdesk::text::Catalogue::en());
        let _ = command.try_get_matches_from(argv);
    }

    #[test]
    fn any_bytes_read_as_a_table_or_refused(bytes in prop::collection::vec(any::<u8>(), 0..2048)) {
        use repdesk::interchange::csv_in::{Encoding, decode, parse};
        if let Ok((text, _)) = decode(&bytes, Encoding::Auto) {
            let _ = parse(&text);
        }
        let _ = repdesk::interchange::sheet::read(&bytes, "xlsx", None);
        let _ = repdesk::interchange::sheet::read(&bytes, "xls", None);
        let _ = repdesk::interchange::sheet::read(&bytes, "ods", None);
    }

    #[test]
    fn csv_made_of_cells_reads_or_is_refused(rows in prop::collection::vec(
        prop::collection::vec(prop_oneof!["\\PC{0,12}", "\"[^\"]{0,8}", "[,;\t\r\n\"]{1,3}"], 0..6), 0..8)) {
        let text: String = rows.iter().map(|r| r.join(",")).collect::<Vec<_>>().join("\n");
        if let Ok(table) = repdesk::interchange::csv_in::parse(&text) {
            let _ = table;
        }
    }
}
