//! Any file made of rows of a valid file, with cells blanked, quoted or broken: the import
//! never panics, never changes a lead the file does not name, and its counts add up to the
//! file's rows.

mod common;

use proptest::prelude::*;
use repdesk::domain::lead_form::fresh;
use repdesk::interchange::columns::Mapping;
use repdesk::interchange::csv_in::Encoding;
use repdesk::interchange::leads::{LEAD_ALIASES, LEAD_IDENTITY};
use repdesk::interchange::vocab::Vocabulary;
use repdesk::service;
use repdesk::store::{self, Store};

const HEADER: &str = "Name,Company,Phone,Mobile,Email,Owner,Lead Status,Follow up,Value,Created";

const ROWS: &[[&str; 10]] = &[
    [
        "Mary Jones",
        "Jones Bakery",
        "+1 555-010-0001",
        "+1 555-010-0101",
        "mary@jb.example",
        "Bob Smith",
        "Contacted",
        "2026-11-25",
        "1,234.50",
        "2026-11-01",
    ],
    [
        "王伟",
        "王记五金",
        "139 1234 5678",
        "",
        "wang@wj.example",
        "李娜",
        "方案报价",
        "2026/11/30",
        "¥50,000",
        "2026年11月20日",
    ],
    ["Tom Baker", "", "555-010-0002", "", "", "", "Not Contacted", "", "", "11/02/2026"],
    [
        "Ana Lopez",
        "Lopez Flowers",
        "",
        "555-010-0003",
        "ana@lopez.example",
        "Carol Diaz",
        "Lost Lead",
        "",
        "980",
        "2026-10-05",
    ],
    ["陈静", "晨光文具", "138 0000 0005", "021-6234 5678", "", "刘洋", "赢单", "", "12500.5", "2026-11-21 09:00"],
    [
        "Ivy Chen",
        "Chen Dental",
        "+1 555-010-0006",
        "",
        "ivy@chen.example",
        "Bob Smith",
        "IN_PROGRESS",
        "2026-12-01",
        "",
        "",
    ],
    ["", "Acme Corporation", "", "", "", "", "Qualified", "", "", ""],
    [
        "Sam Lee",
        "Lee Motors",
        "555-010-0007",
        "",
        "sam@lee.example",
        "Carol Diaz",
        "Waiting for Budget",
        "",
        "2.500,00",
        "",
    ],
];

/// What can happen to a cell.
#[derive(Debug, Clone, Copy)]
enum Cell {
    Keep,
    Blank,
    Quoted,
    Broken(usize),
}

const BROKEN: &[&str] = &["2026-02-30", "n/a", "?", "12x", "not-an-email", "-", "@", "1,2,3", "  ", "ＶＩＰ", "\t"];

fn cell() -> impl Strategy<Value = Cell> {
    prop_oneof![
        6 => Just(Cell::Keep),
        2 => Just(Cell::Blank),
        1 => Just(Cell::Quoted),
        2 => (0..BROKEN.len()).prop_map(Cell::Broken),
    ]
}

fn write_cell(value: &str, how: Cell) -> String {
    let quote = |v: &str| format!("\"{}\"", v.replace('"', "\"\""));
    match how {
        Cell::Keep if value.contains([',', '"']) => quote(value),
        Cell::Keep => value.to_string(),
        Cell::Blank => String::new(),
        Cell::Quoted => quote(value),
        Cell::Broken(i) => quote(BROKEN[i]),
    }
}

/// Leads stored before the import, none of whom any row of the file names.
fn stored(store: &mut Store) -> Vec<i64> {
    (0..5)
        .map(|i| {
            let mut lead = fresh(common::today());
            lead.name = format!("Stored Customer {i}");
            lead.company = Some(format!("Stored Co {i}"));
            lead.phone = Some(format!("+44 20 7946 0{i:03}"));
            lead.email = Some(format!("stored{i}@kept.example"));
            service::leads::add(store, lead, None, false).unwrap().value.id
        })
        .collect()
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 96, ..ProptestConfig::default() })]

    #[test]
    fn any_broken_file_never_panics_never_touches_others_and_counts_every_row(
        picks in prop::collection::vec((0..ROWS.len(), prop::collection::vec(cell(), 10)), 1..25),
        header_again in prop::option::of(0usize..25),
        separator in prop::sample::select(vec![',', ';', '\t']),
    ) {
        let mut store = Store::open_in_memory(common::clock()).unwrap();
        let kept = stored(&mut store);
        let before: Vec<_> = kept.iter().map(|id| store::leads::get(store.conn(), *id).unwrap()).collect();
        let mut text = HEADER.replace(',', &separator.to_string()) + "\n";
        for (i, (row, cells)) in picks.iter().enumerate() {
            if header_again == Some(i) {
                text += &HEADER.replace(',', &separator.to_string());
                text.push('\n');
            }
            let line: Vec<String> = ROWS[*row].iter().zip(cells).map(|(v, how)| write_cell(v, *how)).collect();
            // A value with the separator in it is quoted whatever the separator is.
            let line: Vec<String> = line
                .into_iter()
                .map(|c| if c.contains(separator) && !c.starts_with('"') { format!("\"{c}\"") } else { c })
                .collect();
            text += &line.join(&separator.to_string());
            text.push('\n');
        }
        let table = match repdesk::interchange::read_table(std::path::Path::new("f.csv"), text.as_bytes(), Encoding::Auto, None) {
            Ok(t) => t,
            // A file refused whole (say, a header the row lost) writes nothing: nothing to count.
            Err(_) => return Ok(()),
        };
        let Ok(mapping) = Mapping::of(&table, LEAD_ALIASES, &[], "leads", true, None) else { return Ok(()) };
        prop_assert!(mapping.require_one_of(LEAD_IDENTITY).is_ok());
        let rows = mapping.rows(&table);
        let vocab = Vocabulary::with_values(&[]).unwrap();
        let report = service::import::leads(&mut store, &rows, &vocab, false).unwrap().into_report();
        // Every row the file holds is counted once: added, updated, unchanged or refused.
        let filled = picks.iter().filter(|(row, cells)| {
            ROWS[*row].iter().zip(cells).any(|(v, how)| !write_cell(v, *how).trim_matches(['"', ' ', '\t']).is_empty())
        }).count();
        prop_assert_eq!(rows.len(), filled, "{}", text);
        prop_assert_eq!(report.added + report.updated + report.unchanged + report.refused.len(), filled, "{}", text);
        prop_assert_eq!(header_again.is_some_and(|h| h < picks.len()), !table.shape.repeated_headers.is_empty());
        // Nobody the file does not name is changed.
        for (id, was) in kept.iter().zip(&before) {
            let now = store::leads::get(store.conn(), *id).unwrap();
            prop_assert_eq!(&now, was);
            prop_assert!(store::lead_writes::other_phones(store.conn(), *id).unwrap().is_empty());
        }
        let integrity: String = store.conn().query_row("PRAGMA integrity_check", [], |r| r.get(0)).unwrap();
        prop_assert_eq!(integrity, "ok");
    }
}
