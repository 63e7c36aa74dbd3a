//! Widgets every tab shares.

pub mod form;
pub mod table;
