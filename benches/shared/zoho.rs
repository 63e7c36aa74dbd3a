//! The 100,000-row Zoho-shaped file the import and undo benches read, and how they read it.

use repdesk::interchange::columns::Mapping;
use repdesk::interchange::{csv_in, leads, read_table};
use std::fmt::Write;

pub const ROWS: usize = 100_000;

/// A Zoho-shaped file: every row a different customer, owners among 50 reps.
pub fn file() -> String {
    let stages = ["New", "Contacted", "Qualified", "Proposal", "Closed Won", "Closed Lost"];
    let mut text = String::from(
        "Record Id,First Name,Last Name,Company,Mobile,Email,Lead Source,Lead Status,Lead Owner,Created Time,Estimated Value\n",
    );
    for i in 0..ROWS {
        let _ = writeln!(
            text,
            "z{i},First{i},Last{},Company {i} Ltd,+1 555 {:03} {:04},p{i}@c{i}.example,Web,{},Rep {:02},2026-{:02}-{:02} 09:00:00,{}",
            i % 997,
            i / 10_000,
            i % 10_000,
            stages[i % stages.len()],
            i % 50,
            1 + i % 11,
            1 + i % 28,
            100 + (i * 37) % 90_000
        );
    }
    text
}

/// The file's rows, mapped as `repdesk import leads` maps them.
pub fn read(bytes: &[u8]) -> Vec<repdesk::interchange::columns::Row> {
    let table = read_table(std::path::Path::new("leads.csv"), bytes, csv_in::Encoding::Auto, None).unwrap();
    let mapping = Mapping::of(&table, leads::LEAD_ALIASES, &[], "leads", true, None).unwrap();
    mapping.require_one_of(leads::LEAD_IDENTITY).unwrap();
    mapping.rows(&table)
}
