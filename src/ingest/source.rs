//! Article sources: files (text, Markdown, HTML), folders (walked in name order), URLs and
//! `-` for stdin.

use std::io::Read;
use std::path::{Path, PathBuf};

use anyhow::{Context, Result, bail};

use super::page::PageMeta;
use super::{html, markdown};

/// One article's text, validated: UTF-8 and not empty, with what its page said of itself.
#[derive(Debug, Clone)]
pub struct Source {
    pub path: Option<String>,
    /// The text to store: the page's main text, or the file as it is; shared, so that
    /// the claims read from it point into it.
    pub body: crate::model::Body,
    pub meta: PageMeta,
    pub format: Format,
    /// The sha256 of the raw page or Markdown, when the stored text is made from it.
    pub raw_sha256: Option<String>,
    /// Set when the source was fetched over HTTP.
    pub fetched: Option<Fetched>,
}

/// Where and when a page was fetched.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Fetched {
    /// The address asked for.
    pub url: String,
    /// The address after redirects.
    pub final_url: String,
    pub at: String,
}

/// Why one input could not be read; the other inputs of the command still go in.
#[derive(Debug)]
pub struct ReadError {
    pub input: String,
    pub message: String,
}

/// The largest article read by default (10 MiB): a book-length page is far below it, and
/// `/dev/zero` or a runaway pipe stops there instead of filling memory.
pub const DEFAULT_MAX_BYTES: u64 = 10 << 20;

/// Reads at most `max + 1` bytes, checking UTF-8 as the bytes arrive, so that neither an
/// endless input nor random bytes are read further than needed to refuse them. An input of
/// exactly `max` bytes is accepted.
pub fn read_limited(name: &str, input: impl Read, max: u64) -> Result<String> {
    read_limited_sized(name, input, max, 0)
}

/// `read_limited` of an input of about `expected` bytes (a file's length): read into room
/// made for it at once, rather than grown and copied as it comes (a tenth of a long
/// article's `extract` went to growing its text).
pub fn read_limited_sized(
    name: &str,
    mut input: impl Read,
    max: u64,
    expected: u64,
) -> Result<String> {
    let mut bytes: Vec<u8> = Vec::with_capacity(expected.min(max).saturating_add(1) as usize);
    let mut checked = 0; // bytes known to be whole UTF-8 characters
    loop {
        let room = (max + 1).saturating_sub(bytes.len() as u64);
        if room == 0 {
            bail!(
                "{name}: larger than the limit of {max} bytes (give --max-bytes to allow more); nothing stored"
            );
        }
        let want = ((bytes.capacity() - bytes.len()) as u64)
            .max(64 << 10)
            .min(room);
        let n = (&mut input)
            .take(want)
            .read_to_end(&mut bytes)
            .map_err(|e| anyhow::Error::from(e).context(format!("{name}: cannot read")))?;
        match std::str::from_utf8(&bytes[checked..]) {
            Ok(_) => checked = bytes.len(),
            // A character cut at the end of this read is finished by the next one.
            Err(e) if e.error_len().is_none() => checked += e.valid_up_to(),
            Err(e) => return Err(not_utf8(name, &bytes, checked + e.valid_up_to())),
        }
        if (n as u64) < want {
            break; // the end of the input
        }
    }
    if bytes.len() as u64 > max {
        bail!(
            "{name}: larger than the limit of {max} bytes (give --max-bytes to allow more); nothing stored"
        );
    }
    decode(name, bytes)
}

/// A text file of `len` bytes (its size when opened) read straight into the body its
/// claims share, as `read_limited_sized` and `decode` would read it: a long article is
/// not copied again to be shared (16.8 MB took 9 ms to copy). A file whose size changed
/// while read, or that starts with a byte-order mark, is read again the general way.
fn read_text_file(
    name: &str,
    mut file: std::fs::File,
    max: u64,
    len: u64,
) -> Result<crate::model::Body> {
    use std::io::{Seek, SeekFrom};
    let general = |mut file: std::fs::File| -> Result<crate::model::Body> {
        file.seek(SeekFrom::Start(0))
            .with_context(|| format!("{name}: cannot read"))?;
        read_limited_sized(name, file, max, len).map(crate::model::shared_body)
    };
    let Ok(size) = usize::try_from(len) else {
        return general(file);
    };
    if len > max || len == 0 {
        return general(file);
    }
    // Zeroed by the system as the pages are first touched, by the read: filled with zeros
    // here first, 16.8 MB took 9 ms.
    let zeroed = std::sync::Arc::<[u8]>::new_zeroed_slice(size);
    // SAFETY: zero bytes are valid `u8`s.
    let mut bytes: std::sync::Arc<[u8]> = unsafe { zeroed.assume_init() };
    let room = std::sync::Arc::get_mut(&mut bytes).expect("a new allocation is not shared");
    let whole = file.read_exact(room).is_ok() && matches!(file.read(&mut [0]), Ok(0));
    if !whole || bytes.starts_with("\u{FEFF}".as_bytes()) {
        return general(file);
    }
    let text = std::str::from_utf8(&bytes).map_err(|e| not_utf8(name, &bytes, e.valid_up_to()))?;
    refuse_empty(name, text)?;
    // SAFETY: the bytes were just checked to be UTF-8, and `str` is laid out as `[u8]`.
    Ok(unsafe { std::sync::Arc::from_raw(std::sync::Arc::into_raw(bytes) as *const str) })
}

/// The error for `bytes` that stop being UTF-8 at byte `at`.
fn not_utf8(name: &str, bytes: &[u8], at: usize) -> anyhow::Error {
    anyhow::anyhow!(
        "{name}: not UTF-8 text (invalid byte 0x{:02x} at byte offset {at})",
        bytes[at]
    )
}

/// Refuses an article with nothing but white space.
fn refuse_empty(name: &str, text: &str) -> Result<()> {
    if text.trim().is_empty() {
        bail!("{name}: empty file, nothing to ingest");
    }
    Ok(())
}

/// Checks that `bytes` are a non-empty UTF-8 article; `name` is used in the error.
pub fn decode(name: &str, bytes: Vec<u8>) -> Result<String> {
    let text = String::from_utf8(bytes)
        .map_err(|e| not_utf8(name, e.as_bytes(), e.utf8_error().valid_up_to()))?;
    // A byte-order mark is an encoding artifact, not article text.
    let text = text
        .strip_prefix('\u{FEFF}')
        .map(str::to_string)
        .unwrap_or(text);
    refuse_empty(name, &text)?;
    Ok(text)
}

/// How a file's bytes become article text, from its name (case-insensitively).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Text,
    Markdown,
    Html,
}

impl Format {
    pub fn as_str(self) -> &'static str {
        match self {
            Format::Text => "text",
            Format::Markdown => "markdown",
            Format::Html => "html",
        }
    }

    /// The format of a file by its extension; `Err` names formats we cannot read yet.
    fn of_path(path: &Path) -> std::result::Result<Option<Format>, &'static str> {
        let ext = path
            .extension()
            .map(|e| e.to_string_lossy().to_lowercase())
            .unwrap_or_default();
        Ok(match ext.as_str() {
            "txt" | "text" => Some(Format::Text),
            "md" | "markdown" => Some(Format::Markdown),
            "html" | "htm" | "xhtml" => Some(Format::Html),
            "pdf" | "docx" | "doc" | "odt" | "rtf" | "epub" | "pages" => {
                return Err("not supported yet (save it as .txt, .md or .html first)");
            }
            _ => None,
        })
    }

    /// A named file of unknown extension, or stdin: a page if it looks like one.
    pub(super) fn sniff(text: &str) -> Format {
        let head: String = text
            .trim_start()
            .chars()
            .take(15)
            .collect::<String>()
            .to_ascii_lowercase();
        if head.starts_with("<!doctype html") || head.starts_with("<html") {
            Format::Html
        } else {
            Format::Text
        }
    }
}

/// Turns read text into a source in its format; `name` is used in the error.
pub fn convert(name: &str, path: Option<String>, raw: String, format: Format) -> Result<Source> {
    let raw_sha256 = (format != Format::Text).then(|| super::sha256_hex(&raw));
    let (body, meta) = match format {
        Format::Text => (raw, PageMeta::default()),
        Format::Markdown => markdown::read(&raw),
        Format::Html => match html::read(&raw) {
            Some(page) => (page.text, page.meta),
            None => bail!("{name}: no article text found in this page"),
        },
    };
    if body.trim().is_empty() {
        bail!("{name}: no article text, nothing to ingest");
    }
    Ok(Source {
        path,
        raw_sha256,
        body: body.into(),
        meta,
        format,
        fetched: None,
    })
}

/// What a folder walk found: the files to read, and those skipped with the reason.
#[derive(Debug, Default)]
struct Walk {
    files: Vec<(PathBuf, Format)>,
    skipped: Vec<String>,
}

/// Collects the readable files under `dir` in name order, recursing unless `recurse` is
/// false; hidden files and folders are left out, everything else skipped is named.
fn walk(dir: &Path, recurse: bool, seen: &mut Vec<PathBuf>, out: &mut Walk) -> Result<()> {
    // A symlink back to a folder above would loop for ever.
    let real = std::fs::canonicalize(dir)
        .with_context(|| format!("{}: cannot read folder", dir.display()))?;
    if seen.contains(&real) {
        out.skipped.push(format!(
            "{}: skipped: a folder link that loops",
            dir.display()
        ));
        return Ok(());
    }
    seen.push(real);
    let mut entries: Vec<PathBuf> = std::fs::read_dir(dir)
        .with_context(|| format!("{}: cannot read folder", dir.display()))?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .collect();
    entries.sort();
    for path in entries {
        let hidden = path
            .file_name()
            .is_some_and(|n| n.to_string_lossy().starts_with('.'));
        if hidden {
            continue;
        }
        let name = path.display();
        match std::fs::metadata(&path) {
            Err(e) => out
                .skipped
                .push(format!("{name}: skipped: cannot read ({e})")),
            Ok(m) if m.is_dir() => {
                if recurse {
                    if let Err(e) = walk(&path, recurse, seen, out) {
                        out.skipped.push(format!("{e:#}"));
                    }
                } else {
                    out.skipped
                        .push(format!("{name}: skipped: a folder (--no-recurse)"));
                }
            }
            Ok(m) if !m.is_file() => out.skipped.push(format!(
                "{name}: skipped: not a regular file (a pipe, socket or device)"
            )),
            Ok(_) => match Format::of_path(&path) {
                Ok(Some(f)) => out.files.push((path, f)),
                Ok(None) => out
                    .skipped
                    .push(format!("{name}: skipped: not .txt, .md, .html or .htm")),
                Err(why) => out.skipped.push(format!("{name}: skipped: {why}")),
            },
        }
    }
    Ok(())
}

fn read_file(
    path: &Path,
    format: Option<Format>,
    max: u64,
) -> std::result::Result<Source, ReadError> {
    let name = path.display().to_string();
    std::fs::metadata(path)
        .with_context(|| format!("{name}: cannot read"))
        .and_then(|m| {
            // A device or a pipe named on the command line could be endless: only stdin is.
            if !m.is_file() {
                bail!(
                    "{name}: not a regular file (devices and pipes are read only as - for stdin)"
                );
            }
            let f = std::fs::File::open(path).with_context(|| format!("{name}: cannot read"))?;
            Ok((f, m.len()))
        })
        .and_then(|(f, len)| match format {
            // A page may be in the legacy encoding it declares.
            Some(Format::Html) => super::charset::read_bytes(&name, f, max)
                .and_then(|bytes| super::charset::decode(&name, bytes, None))
                .and_then(|raw| convert(&name, Some(name.clone()), raw, Format::Html)),
            Some(Format::Text) => read_text_file(&name, f, max, len).map(|body| Source {
                path: Some(name.clone()),
                raw_sha256: None,
                body,
                meta: PageMeta::default(),
                format: Format::Text,
                fetched: None,
            }),
            _ => read_limited_sized(&name, f, max, len).and_then(|raw| {
                let format = format.unwrap_or_else(|| Format::sniff(&raw));
                convert(&name, Some(name.clone()), raw, format)
            }),
        })
        .map_err(|e| ReadError {
            input: name,
            message: format!("{e:#}"),
        })
}

fn read_stdin(max: u64) -> std::result::Result<Source, ReadError> {
    read_limited("stdin", std::io::stdin().lock(), max)
        .and_then(|raw| {
            let format = Format::sniff(&raw);
            convert("stdin", None, raw, format)
        })
        .map_err(|e| ReadError {
            input: "stdin".into(),
            message: format!("{e:#}"),
        })
}

/// How inputs are read.
#[derive(Debug, Clone, Copy)]
pub struct ReadOptions {
    /// The largest input read, in bytes.
    pub max_bytes: u64,
    /// Folders are walked into their subfolders.
    pub recurse: bool,
    /// How long a URL may take to arrive, whole.
    pub timeout: std::time::Duration,
}

impl Default for ReadOptions {
    fn default() -> Self {
        ReadOptions {
            max_bytes: DEFAULT_MAX_BYTES,
            recurse: true,
            timeout: std::time::Duration::from_secs(30),
        }
    }
}

/// Everything one command read: the good sources, what failed, what a folder walk skipped.
#[derive(Debug, Default)]
pub struct Sources {
    pub sources: Vec<Source>,
    pub failed: Vec<ReadError>,
    pub skipped: Vec<String>,
}

impl Sources {
    /// "2 text, 1 html": how many sources of each format were read.
    pub fn summary(&self) -> String {
        format_summary(self.sources.iter().map(|s| s.format))
    }
}

/// "2 text, 1 html": how many of each format.
pub fn format_summary(formats: impl IntoIterator<Item = Format>) -> String {
    let mut counts = [0usize; 3];
    let order = [Format::Text, Format::Markdown, Format::Html];
    for f in formats {
        if let Some(i) = order.iter().position(|&o| o == f) {
            counts[i] += 1;
        }
    }
    order
        .iter()
        .zip(counts)
        .filter(|(_, n)| *n > 0)
        .map(|(f, n)| format!("{n} {}", f.as_str()))
        .collect::<Vec<_>>()
        .join(", ")
}

/// An input found and not necessarily read yet: a file is read when its turn comes, so
/// that a large folder is never in memory whole. Stdin and URLs are read when found.
#[derive(Debug)]
pub enum Input {
    Read(Box<std::result::Result<Source, ReadError>>),
    File(PathBuf, Option<Format>),
}

impl Input {
    /// The source, reading the file now if it was not read yet.
    pub fn read(self, max: u64) -> std::result::Result<Source, ReadError> {
        match self {
            Input::Read(r) => *r,
            Input::File(path, format) => read_file(&path, format, max),
        }
    }
}

/// Every input one command names, found but (files) not read: folders walked (recursing
/// unless `recurse` is false), stdin and URLs read. What a walk skipped is named.
#[derive(Debug, Default)]
pub struct Inputs {
    pub inputs: Vec<Input>,
    pub skipped: Vec<String>,
}

/// Reads every input, each at most `max` bytes: files, folders (recursing unless `recurse`
/// is false) and `-` for stdin.
pub fn read_sources(inputs: &[String], opts: &ReadOptions) -> Sources {
    let found = find_inputs(inputs, opts);
    let mut out = Sources {
        skipped: found.skipped,
        ..Sources::default()
    };
    for input in found.inputs {
        match input.read(opts.max_bytes) {
            Ok(s) => out.sources.push(s),
            Err(e) => out.failed.push(e),
        }
    }
    out
}

/// Finds the inputs: see `Inputs`.
pub fn find_inputs(inputs: &[String], opts: &ReadOptions) -> Inputs {
    let (max, recurse) = (opts.max_bytes, opts.recurse);
    let mut results = Vec::new();
    let mut out = Inputs::default();
    let mut stdin_done = false;
    for input in inputs {
        let path = Path::new(input);
        if input == "-" {
            // stdin can be read once; a second `-` would be an empty article.
            if !std::mem::replace(&mut stdin_done, true) {
                results.push(Input::Read(Box::new(read_stdin(max))));
            }
        } else if path.is_dir() {
            let mut found = Walk::default();
            match walk(path, recurse, &mut Vec::new(), &mut found) {
                Ok(()) if found.files.is_empty() => {
                    results.push(Input::Read(Box::new(Err(ReadError {
                        input: input.clone(),
                        message: format!(
                            "{input}: no .txt, .md, .html or .htm files in this folder"
                        ),
                    }))))
                }
                Ok(()) => results.extend(
                    found
                        .files
                        .into_iter()
                        .map(|(f, format)| Input::File(f, Some(format))),
                ),
                Err(e) => results.push(Input::Read(Box::new(Err(ReadError {
                    input: input.clone(),
                    message: format!("{e:#}"),
                })))),
            }
            out.skipped.extend(found.skipped);
        } else if path.exists() {
            match Format::of_path(path) {
                Ok(format) => results.push(Input::File(path.to_path_buf(), format)),
                Err(why) => results.push(Input::Read(Box::new(Err(ReadError {
                    input: input.clone(),
                    message: format!("{input}: {why}"),
                })))),
            }
        } else if input.starts_with("http://") || input.starts_with("https://") {
            results.push(Input::Read(Box::new(
                super::fetch::fetch_page(input, opts).map_err(|e| ReadError {
                    input: input.clone(),
                    message: format!("{e:#}"),
                }),
            )));
        } else {
            results.push(Input::Read(Box::new(Err(ReadError {
                input: input.clone(),
                message: format!("{input}: no such file or folder"),
            }))));
        }
    }
    out.inputs = results;
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_limit_is_exact_and_reading_stops_there() {
        assert_eq!(read_limited("x", "abcd".as_bytes(), 4).unwrap(), "abcd");
        let e = read_limited("x", "abcde".as_bytes(), 4).unwrap_err();
        assert!(e.to_string().contains("limit of 4 bytes"), "{e}");
        // An endless input is refused after limit + 1 bytes.
        let e = read_limited("zero", std::io::repeat(b'a'), 1000).unwrap_err();
        assert!(e.to_string().contains("zero: larger than"), "{e}");
    }

    #[test]
    fn a_size_told_ahead_changes_nothing_read() {
        let text = "naïve café ".repeat(20_000);
        for expected in [0, 10, text.len() as u64 - 1, text.len() as u64, 1 << 40] {
            let read = read_limited_sized("x", text.as_bytes(), 1 << 30, expected).unwrap();
            assert_eq!(read, text, "told {expected}");
            let e = read_limited_sized("x", text.as_bytes(), 1000, expected).unwrap_err();
            assert!(e.to_string().contains("limit of 1000 bytes"), "{e}");
        }
        let exact = read_limited_sized("x", "abcd".as_bytes(), 4, 4).unwrap();
        assert_eq!(exact, "abcd");
    }

    #[test]
    fn utf8_is_checked_as_it_arrives_across_reads() {
        // "é" split across two reads is fine; a bad byte is found where it is.
        struct OneByte<'a>(&'a [u8]);
        impl Read for OneByte<'_> {
            fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
                if self.0.is_empty() {
                    return Ok(0);
                }
                buf[0] = self.0[0];
                self.0 = &self.0[1..];
                Ok(1)
            }
        }
        assert_eq!(
            read_limited("x", OneByte("café".as_bytes()), 100).unwrap(),
            "café"
        );
        let e = read_limited("x", OneByte(b"ab\xffcd"), 100).unwrap_err();
        assert!(e.to_string().contains("0xff at byte offset 2"), "{e}");
        // Random bytes stop at the first bad one, not at the end of the input.
        let e = read_limited("rand", std::io::repeat(0xff), u64::MAX / 2).unwrap_err();
        assert!(e.to_string().contains("byte offset 0"), "{e}");
    }

    #[test]
    fn a_text_file_read_straight_into_its_body_reads_as_the_general_way() {
        let dir = tempfile::tempdir().unwrap();
        let cases: [&[u8]; 9] = [
            "Tuesday May 4th, 2021. Yesterday 300 troops arrived in Kabul.\n".as_bytes(),
            "naïve café, 40% of «homes» — گزارش\n".as_bytes(),
            "\u{FEFF}With a byte-order mark.".as_bytes(),
            b"ab\xffcd",
            b"caf\xc3",
            b"",
            b" \n\t ",
            b"abcd",
            b"abcde",
        ];
        for (i, bytes) in cases.iter().enumerate() {
            let path = dir.path().join(format!("{i}.txt"));
            std::fs::write(&path, bytes).unwrap();
            let name = path.display().to_string();
            let open = || std::fs::File::open(&path).unwrap();
            let max = 4 + 1000 * u64::from(i != 7 && i != 8);
            let fast = read_text_file(&name, open(), max, bytes.len() as u64);
            let general = read_limited_sized(&name, open(), max, bytes.len() as u64);
            match (fast, general) {
                (Ok(f), Ok(g)) => assert_eq!(&*f, g.as_str(), "case {i}"),
                (Err(f), Err(g)) => assert_eq!(f.to_string(), g.to_string(), "case {i}"),
                (f, g) => panic!("case {i}: {f:?} vs {g:?}"),
            }
            // A file that grew or shrank after its size was read is read again in whole.
            for told in [
                bytes.len() as u64 + 1,
                (bytes.len() as u64).saturating_sub(1),
            ] {
                let fast = read_text_file(&name, open(), max, told);
                let general = read_limited_sized(&name, open(), max, told);
                assert_eq!(
                    fast.map(|b| b.to_string()).map_err(|e| e.to_string()),
                    general.map_err(|e| e.to_string()),
                    "case {i}, told {told}"
                );
            }
        }
    }
}
