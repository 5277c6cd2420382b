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

/// The width tables must fit: `COLUMNS` when set, else the terminal's; None when stdout is
/// piped and `COLUMNS` is not set (piped tables are not wrapped).
fn width() -> Option<u16> {
    if let Some(cols) = std::env::var("COLUMNS")
        .ok()
        .and_then(|c| c.trim().parse::<u16>().ok())
        .filter(|c| *c >= 20)
    {
        return Some(cols);
    }
    if std::io::stdout().is_terminal() {
        return comfy_table::Table::new().width();
    }
    None
}

/// Columns whose cells are never wrapped: a split number, id or status cannot be read or
/// copied.
const UNSPLIT: &[&str] = &[
    "#", "art", "id", "status", "finding", "claims", "result", "rule", "severity",
];

/// A table fitted to the terminal's width (or `COLUMNS`) when there is one.
pub fn table(headers: &[&str]) -> Table {
    let mut t = Table::new();
    t.load_style(presets::UTF8_FULL_CONDENSED);
    if !std::io::stdout().is_terminal() {
        t.force_no_tty();
    }
    t.set_header(headers.iter().map(Cell::new));
    if let Some(w) = width() {
        t.set_content_arrangement(ContentArrangement::Dynamic);
        t.set_width(w);
        for (i, h) in headers.iter().enumerate() {
            if UNSPLIT.contains(h)
                && let Some(col) = t.column_mut(i)
            {
                col.set_constraint(comfy_table::ColumnConstraint::ContentWidth);
            }
        }
    }
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

/// Writes text for a person to stdout (tables, messages, Markdown) with every control
/// character of the text shown escaped: user text such as "\x1b[2J" or an OSC 8 link must
/// not act on the reader's terminal. Only the colour codes of our own status cells pass.
pub fn print(text: &str) -> Result<()> {
    print_raw(&sanitize(text, colour()))
}

/// Whether `c` would act on a terminal or reorder text rather than show: C0 controls but
/// tab and newline, DEL, C1 controls, and bidirectional overrides and isolates.
fn is_control(c: char) -> bool {
    (c.is_control() && c != '\n' && c != '\t')
        || matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
}

/// `text` with control characters written as visible escapes (`\x1b`, `\u{202e}`); with
/// `keep_colour`, SGR colour sequences (ESC [ digits ; m) are kept as they are.
pub fn sanitize(text: &str, keep_colour: bool) -> std::borrow::Cow<'_, str> {
    if !text.chars().any(is_control) {
        return std::borrow::Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 16);
    let mut rest = text;
    while let Some(c) = rest.chars().next() {
        if c == '\u{1b}' && keep_colour {
            let sgr = rest[1..].strip_prefix('[').and_then(|r| {
                let n = r
                    .bytes()
                    .take_while(|b| b.is_ascii_digit() || *b == b';')
                    .count();
                r[n..].starts_with('m').then_some(n + 3)
            });
            if let Some(len) = sgr {
                out.push_str(&rest[..len]);
                rest = &rest[len..];
                continue;
            }
        }
        if is_control(c) {
            if (c as u32) < 0x100 {
                out.push_str(&format!("\\x{:02x}", c as u32));
            } else {
                out.push_str(&format!("\\u{{{:04x}}}", c as u32));
            }
        } else {
            out.push(c);
        }
        rest = &rest[c.len_utf8()..];
    }
    std::borrow::Cow::Owned(out)
}

/// One line on stderr for a person ("warning: ...", "error: ..."), control characters
/// escaped: it can quote a file name or a title.
pub fn warn(line: &str) {
    eprintln!("{}", sanitize(line, false));
}

/// Writes to stdout as it is (JSON and CSV are data); a closed pipe surfaces as an io
/// error that `main` treats as quiet success.
pub fn print_raw(text: &str) -> Result<()> {
    let mut out = std::io::stdout().lock();
    out.write_all(text.as_bytes())?;
    if !text.ends_with('\n') {
        out.write_all(b"\n")?;
    }
    out.flush()?;
    Ok(())
}

pub fn print_json(value: &Json) -> Result<()> {
    print_raw(&serde_json::to_string_pretty(value)?)
}

/// Writes `value` as pretty JSON to stdout as it serializes, without building a tree or a
/// string of the whole output first.
pub fn write_json(value: &impl serde::Serialize) -> Result<()> {
    let stdout = std::io::stdout().lock();
    let mut out = std::io::BufWriter::with_capacity(1 << 16, stdout);
    serde_json::to_writer_pretty(&mut out, value).map_err(|e| match e.io_error_kind() {
        Some(kind) => anyhow::Error::from(std::io::Error::from(kind)),
        None => anyhow::Error::from(e),
    })?;
    out.write_all(b"\n")?;
    out.flush()?;
    Ok(())
}

static RAW_CSV: std::sync::atomic::AtomicBool = std::sync::atomic::AtomicBool::new(false);

/// `--raw-csv`: cells as they are, for pipelines that want the bytes.
pub fn set_raw_csv(raw: bool) {
    RAW_CSV.store(raw, std::sync::atomic::Ordering::Relaxed);
}

/// A cell a spreadsheet will read as text: one starting with = + - @, a tab or a carriage
/// return is prefixed with an apostrophe (OWASP's CSV-injection rule), so a note
/// "=HYPERLINK(...)" is not a live formula.
pub fn csv_cell(cell: &str) -> std::borrow::Cow<'_, str> {
    if cell.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        std::borrow::Cow::Owned(format!("'{cell}"))
    } else {
        std::borrow::Cow::Borrowed(cell)
    }
}

pub fn print_csv(headers: &[&str], rows: &[Vec<String>]) -> Result<()> {
    write_csv(headers, rows.iter().cloned())
}

/// Writes the rows to stdout as CSV as they come: a long listing is never held as text.
pub fn write_csv(headers: &[&str], rows: impl Iterator<Item = Vec<String>>) -> Result<()> {
    let stdout = std::io::stdout().lock();
    let mut w = csv::Writer::from_writer(std::io::BufWriter::with_capacity(1 << 16, stdout));
    csv_rows(&mut w, headers, rows)?;
    w.flush()?;
    Ok(())
}

/// A CSV error as the I/O error it carries, so a closed pipe is seen as one.
fn csv_error(e: csv::Error) -> anyhow::Error {
    match e.into_kind() {
        csv::ErrorKind::Io(io) => io.into(),
        other => anyhow::anyhow!("cannot write CSV: {other:?}"),
    }
}

/// The rows as CSV text, cells made safe for spreadsheets unless `--raw-csv`.
pub fn csv_string(headers: &[&str], rows: &[Vec<String>]) -> Result<String> {
    let mut w = csv::Writer::from_writer(Vec::new());
    csv_rows(&mut w, headers, rows.iter().cloned())?;
    Ok(String::from_utf8(w.into_inner()?)?)
}

fn csv_rows<W: Write>(
    w: &mut csv::Writer<W>,
    headers: &[&str],
    rows: impl Iterator<Item = Vec<String>>,
) -> Result<()> {
    let raw = RAW_CSV.load(std::sync::atomic::Ordering::Relaxed);
    w.write_record(headers).map_err(csv_error)?;
    for r in rows {
        if raw {
            w.write_record(&r)
        } else {
            w.write_record(r.iter().map(|c| csv_cell(c).into_owned()))
        }
        .map_err(csv_error)?;
    }
    Ok(())
}

pub fn opt<T: AsRef<str>>(s: &Option<T>) -> String {
    s.as_ref()
        .map(|t| t.as_ref().to_string())
        .unwrap_or_default()
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn control_characters_show_escaped_and_our_colours_pass() {
        assert_eq!(sanitize("a\x1b[2Jb", false), "a\\x1b[2Jb");
        assert_eq!(sanitize("x\u{202e}y\u{9b}", false), "x\\u{202e}y\\x9b");
        assert_eq!(sanitize("tab\tand\nline", false), "tab\tand\nline");
        // An OSC 8 link is escaped even where colours pass.
        assert_eq!(
            sanitize("\x1b]8;;http://evil\x07x", true),
            "\\x1b]8;;http://evil\\x07x"
        );
        assert_eq!(
            sanitize("\x1b[32mverified\x1b[0m", true),
            "\x1b[32mverified\x1b[0m"
        );
        assert_eq!(sanitize("\x1b[32m", false), "\\x1b[32m");
    }

    #[test]
    fn formulas_become_text_in_csv() {
        for f in ["=HYPERLINK(\"x\")", "+1", "-2", "@SUM(A1)", "\tx", "\rx"] {
            assert_eq!(csv_cell(f), format!("'{f}"));
        }
        assert_eq!(csv_cell("12 killed"), "12 killed");
    }
}
