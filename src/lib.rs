//! repdesk: a terminal app for running a part-time sales team. The modules follow the
//! layers of the design: front ends (`commands`, `tui`) over `service` and `interchange`,
//! over `store`, over `domain`.

pub mod cli;
pub mod commands;
pub mod config;
pub mod domain;
pub mod interchange;
pub mod service;
pub mod store;
pub mod text;
pub mod tui;
