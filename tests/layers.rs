//! The layers of DESIGN.md, locked: every `crate::` path in a layer's files points down, and
//! the core (domain, store, service) knows nothing of terminals or the command line.

use std::path::{Path, PathBuf};

/// What each layer may not reach, by its module name under `src/`.
const FORBIDDEN: &[(&str, &[&str])] = &[
    ("domain", &["store", "service", "interchange", "commands", "tui", "cli", "config", "text"]),
    ("store", &["service", "interchange", "commands", "tui", "cli"]),
    ("interchange", &["service", "commands", "tui", "cli"]),
    ("service", &["commands", "tui", "cli"]),
    ("tui", &["commands", "cli"]),
];

/// Crates of the terminal and the command line, which the core never uses.
const FRONT_END_CRATES: &[&str] = &["ratatui", "crossterm", "clap"];

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

/// Every `crate::NAME` a line names.
fn crate_paths(line: &str) -> impl Iterator<Item = &str> {
    line.match_indices("crate::").map(move |(at, _)| {
        let rest = &line[at + "crate::".len()..];
        let end = rest.find(|c: char| !(c.is_ascii_alphanumeric() || c == '_')).unwrap_or(rest.len());
        &rest[..end]
    })
}

#[test]
fn every_arrow_points_down() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut wrong = Vec::new();
    for (layer, forbidden) in FORBIDDEN {
        let mut files = Vec::new();
        rust_files(&src.join(layer), &mut files);
        assert!(!files.is_empty(), "no files in src/{layer}");
        for file in files {
            let text = std::fs::read_to_string(&file).unwrap();
            for (n, line) in text.lines().enumerate() {
                let code = line.split("//").next().unwrap_or_default();
                for target in crate_paths(code).filter(|t| forbidden.contains(t)) {
                    wrong.push(format!("{}:{}: {layer} → {target}", file.display(), n + 1));
                }
                let core = matches!(*layer, "domain" | "store" | "service");
                for krate in FRONT_END_CRATES.iter().filter(|k| core && code.contains(&format!("{k}::"))) {
                    wrong.push(format!("{}:{}: {layer} uses {krate}", file.display(), n + 1));
                }
            }
        }
    }
    assert!(wrong.is_empty(), "arrows the design forbids:\n{}", wrong.join("\n"));
}

#[test]
fn the_check_sees_a_forbidden_arrow() {
    let line = "use crate::tui::Ctx; let x = crate::domain::model::Stage::New;";
    assert_eq!(crate_paths(line).collect::<Vec<_>>(), ["tui", "domain"]);
}
