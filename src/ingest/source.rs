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

fn read_file(path: &Path) -> std::result::Result<Source, ReadError> {
    let name = path.display().to_string();
    std::fs::read(path)
        .with_context(|| format!("{name}: cannot read"))
        .and_then(|bytes| decode(&name, bytes))
        .map(|body| Source {
            path: Some(name.clone()),
            body,
        })
        .map_err(|e| ReadError {
            input: name,
            message: format!("{e:#}"),
        })
}

fn read_stdin() -> std::result::Result<Source, ReadError> {
    let mut bytes = Vec::new();
    std::io::stdin()
        .read_to_end(&mut bytes)
        .context("stdin: cannot read")
        .and_then(|_| decode("stdin", bytes))
        .map(|body| Source { path: None, body })
        .map_err(|e| ReadError {
            input: "stdin".into(),
            message: format!("{e:#}"),
        })
}

/// Reads every input; returns the good sources and, separately, what failed.
pub fn read_sources(inputs: &[String]) -> (Vec<Source>, Vec<ReadError>) {
    let mut results = Vec::new();
    let mut stdin_done = false;
    for input in inputs {
        let path = Path::new(input);
        if input == "-" {
            // stdin can be read once; a second `-` would be an empty article.
            if !std::mem::replace(&mut stdin_done, true) {
                results.push(read_stdin());
            }
        } else if path.is_dir() {
            match txt_files(path) {
                Ok(files) if files.is_empty() => results.push(Err(ReadError {
                    input: input.clone(),
                    message: format!("{input}: no .txt files in this folder"),
                })),
                Ok(files) => results.extend(files.iter().map(|f| read_file(f))),
                Err(e) => results.push(Err(ReadError {
                    input: input.clone(),
                    message: format!("{e:#}"),
                })),
            }
        } else if path.exists() {
            results.push(read_file(path));
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
