//! Pure rules of the product: plain data in, plain data out, no I/O.

pub mod clock;
pub mod commission;
pub mod contact;
pub mod deal;
pub mod demo;
pub mod error;
mod fields;
pub mod goals;
pub mod honours;
pub mod lead;
pub mod lead_form;
pub mod leaderboard;
pub mod message;
pub mod model;
pub mod money;
pub mod pace;
pub mod period;
pub mod queue;
pub mod rep;
pub mod review;
pub mod risk;
pub mod schedule;
