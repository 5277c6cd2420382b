//! Article sources: files, folders (every `.txt`, in name order) and `-` for stdin.

use std::io::Read;
use std::path::{Path, PathBuf};

use anyhow::{Context, Result, bail};

/// One article's text, validated: UTF-8 and not empty.
#[derive(Debug, Clone)]
pub struct Source {
    pub path: Option<String>,
    pub body: String,
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
pub fn read_limited(name: &str, mut input: impl Read, max: u64) -> Result<String> {
    let mut bytes: Vec<u8> = Vec::new();
    let mut checked = 0; // bytes known to be whole UTF-8 characters
    let mut chunk = vec![0u8; 64 << 10];
    loop {
        let room = (max + 1).saturating_sub(bytes.len() as u64);
        if room == 0 {
            bail!(
                "{name}: larger than the limit of {max} bytes (give --max-bytes to allow more); nothing stored"
            );
        }
        let want = chunk.len().min(room as usize);
        let n = match input.read(&mut chunk[..want]) {
            Ok(0) => break,
            Ok(n) => n,
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => continue,
            Err(e) => return Err(anyhow::Error::from(e).context(format!("{name}: cannot read"))),
        };
        bytes.extend_from_slice(&chunk[..n]);
        match std::str::from_utf8(&bytes[checked..]) {
            Ok(_) => checked = bytes.len(),
            // A character cut at the end of this read is finished by the next one.
            Err(e) if e.error_len().is_none() => checked += e.valid_up_to(),
            Err(e) => {
                let at = checked + e.valid_up_to();
                bail!(
                    "{name}: not UTF-8 text (invalid byte 0x{:02x} at byte offset {at})",
                    bytes[at]
                );
            }
        }
    }
    if bytes.len() as u64 > max {
        bail!(
            "{name}: larger than the limit of {max} bytes (give --max-bytes to allow more); nothing stored"
        );
    }
    decode(name, bytes)
}

/// Checks that `bytes` are a non-empty UTF-8 article; `name` is used in the error.
pub fn decode(name: &str, bytes: Vec<u8>) -> Result<String> {
    let text = match String::from_utf8(bytes) {
        Ok(t) => t,
        Err(e) => {
            let at = e.utf8_error().valid_up_to();
            bail!(
                "{name}: not UTF-8 text (invalid byte 0x{:02x} at byte offset {at})",
                e.as_bytes()[at]
            );
        }
    };
    // A byte-order mark is an encoding artifact, not article text.
    let text = text
        .strip_prefix('\u{FEFF}')
        .map(str::to_string)
        .unwrap_or(text);
    if text.trim().is_empty() {
        bail!("{name}: empty file, nothing to ingest");
    }
    Ok(text)
}

fn txt_files(dir: &Path) -> Result<Vec<PathBuf>> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
        .with_context(|| format!("{}: cannot read folder", dir.display()))?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.is_file() && p.extension().is_some_and(|x| x == "txt"))
        .collect();
    files.sort();
    Ok(files)
}

fn read_file(path: &Path, max: u64) -> std::result::Result<Source, ReadError> {
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
            std::fs::File::open(path).with_context(|| format!("{name}: cannot read"))
        })
        .and_then(|f| read_limited(&name, f, max))
        .map(|body| Source {
            path: Some(name.clone()),
            body,
        })
        .map_err(|e| ReadError {
            input: name,
            message: format!("{e:#}"),
        })
}

fn read_stdin(max: u64) -> std::result::Result<Source, ReadError> {
    read_limited("stdin", std::io::stdin().lock(), max)
        .map(|body| Source { path: None, body })
        .map_err(|e| ReadError {
            input: "stdin".into(),
            message: format!("{e:#}"),
        })
}

/// Reads every input, each at most `max` bytes; returns the good sources and, separately,
/// what failed.
pub fn read_sources(inputs: &[String], max: u64) -> (Vec<Source>, Vec<ReadError>) {
    let mut results = Vec::new();
    let mut stdin_done = false;
    for input in inputs {
        let path = Path::new(input);
        if input == "-" {
            // stdin can be read once; a second `-` would be an empty article.
            if !std::mem::replace(&mut stdin_done, true) {
                results.push(read_stdin(max));
            }
        } else if path.is_dir() {
            match txt_files(path) {
                Ok(files) if files.is_empty() => results.push(Err(ReadError {
                    input: input.clone(),
                    message: format!("{input}: no .txt files in this folder"),
                })),
                Ok(files) => results.extend(files.iter().map(|f| read_file(f, max))),
                Err(e) => results.push(Err(ReadError {
                    input: input.clone(),
                    message: format!("{e:#}"),
                })),
            }
        } else if path.exists() {
            results.push(read_file(path, max));
        } else {
            results.push(Err(ReadError {
                input: input.clone(),
                message: format!("{input}: no such file or folder"),
            }));
        }
    }
    let mut good = Vec::new();
    let mut bad = Vec::new();
    for r in results {
        match r {
            Ok(s) => good.push(s),
            Err(e) => bad.push(e),
        }
    }
    (good, bad)
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
}
