//! Rendering for every command: a table on a terminal, or JSON, CSV or Markdown for scripts.

use std::io::{IsTerminal, Write};

use anyhow::Result;
use clap::ValueEnum;
use comfy_table::{Cell, Color, ContentArrangement, Table, presets};
use serde_json::Value as Json;

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Format {
    Table,
    Json,
    Csv,
}

/// Whether stdout is a terminal that may get colour (`NO_COLOR` turns it off).
pub fn colour() -> bool {
    std::io::stdout().is_terminal() && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty())
}

/// A table fitted to the terminal's width when there is one.
pub fn table(headers: &[&str]) -> Table {
    let mut t = Table::new();
    t.load_style(presets::UTF8_FULL_CONDENSED);
    if std::io::stdout().is_terminal() {
        t.set_content_arrangement(ContentArrangement::Dynamic);
    } else {
        t.force_no_tty();
    }
    t.set_header(headers.iter().map(Cell::new));
    t
}

pub fn status_cell(status: &str) -> Cell {
    let cell = Cell::new(status);
    if !colour() {
        return cell;
    }
    match status {
        "verified" => cell.fg(Color::Green),
        "disputed" => cell.fg(Color::Red),
        "in-review" => cell.fg(Color::Yellow),
        "unverifiable" => cell.fg(Color::DarkGrey),
        _ => cell,
    }
}

/// Writes to stdout; a closed pipe surfaces as an io error that `main` treats as quiet success.
pub fn print(text: &str) -> Result<()> {
    let mut out = std::io::stdout().lock();
    out.write_all(text.as_bytes())?;
    if !text.ends_with('\n') {
        out.write_all(b"\n")?;
    }
    out.flush()?;
    Ok(())
}

pub fn print_json(value: &Json) -> Result<()> {
    print(&serde_json::to_string_pretty(value)?)
}

pub fn print_csv(headers: &[&str], rows: &[Vec<String>]) -> Result<()> {
    let mut w = csv::Writer::from_writer(Vec::new());
    w.write_record(headers)?;
    for r in rows {
        w.write_record(r)?;
    }
    print(&String::from_utf8(w.into_inner()?)?)
}

pub fn opt(s: &Option<String>) -> String {
    s.clone().unwrap_or_default()
}

/// Cuts `s` to at most `n` characters with an ellipsis, for table cells.
pub fn clip(s: &str, n: usize) -> String {
    if s.chars().count() <= n {
        s.to_string()
    } else {
        let mut out: String = s.chars().take(n.saturating_sub(1)).collect();
        out.push('…');
        out
    }
}

pub fn plain(s: &str) -> Cell {
    Cell::new(s)
}
