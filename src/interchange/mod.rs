//! Files in and out: CSV with its encodings and column names, and the guards a CSV
//! opened in a spreadsheet needs.

pub mod csv_in;
pub mod csv_out;
pub mod ics;
pub mod leads;
pub mod reps;
pub mod shifts;
