//! Pages and feeds in legacy encodings (windows-1252, ISO-8859-x, Shift_JIS, …), decoded by
//! encoding_rs, the WHATWG Encoding Standard as browsers implement it. Plain text and
//! Markdown stay UTF-8 only: they carry no declaration to trust.

use std::io::Read;

use anyhow::{Result, bail};
use encoding_rs::{Encoding, WINDOWS_1252};

/// Reads at most `max` bytes; more is refused, with nothing stored.
pub fn read_bytes(name: &str, input: impl Read, max: u64) -> Result<Vec<u8>> {
    let mut bytes = Vec::new();
    let mut limited = input.take(max + 1);
    if let Err(e) = limited.read_to_end(&mut bytes) {
        bail!("{name}: cannot read ({e})");
    }
    if bytes.len() as u64 > max {
        bail!(
            "{name}: larger than the limit of {max} bytes (give --max-bytes to allow more); nothing stored"
        );
    }
    Ok(bytes)
}

/// The charset a `Content-Type` value names (`text/html; charset=ISO-8859-1`).
pub fn from_content_type(content_type: &str) -> Option<&'static Encoding> {
    let lower = content_type.to_ascii_lowercase();
    let at = lower.find("charset=")? + "charset=".len();
    let label = lower[at..]
        .trim_start_matches(['"', '\''])
        .split(|c: char| c == ';' || c == '"' || c == '\'' || c.is_whitespace())
        .next()?;
    Encoding::for_label(label.as_bytes())
}

/// The charset the document declares in its first kilobyte: `<meta charset>`, an
/// http-equiv Content-Type, or an XML declaration's `encoding`.
fn declared(bytes: &[u8]) -> Option<&'static Encoding> {
    let head = String::from_utf8_lossy(&bytes[..bytes.len().min(1024)]).to_ascii_lowercase();
    for key in ["charset=", "encoding="] {
        if let Some(at) = head.find(key) {
            let rest = head[at + key.len()..].trim_start_matches(['"', '\'']);
            let label: String = rest
                .chars()
                .take_while(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | ':' | '.'))
                .collect();
            if let Some(e) = Encoding::for_label(label.as_bytes()) {
                return Some(e);
            }
        }
    }
    None
}

/// A page or feed as text: UTF-8 (with or without a byte-order mark) as it is; otherwise the
/// encoding the server named, else the one the document declares, else windows-1252, the
/// Web's default for pages that declare nothing.
pub fn decode(name: &str, bytes: Vec<u8>, header: Option<&'static Encoding>) -> Result<String> {
    let bytes = match bytes.strip_prefix(b"\xef\xbb\xbf") {
        Some(rest) => rest.to_vec(),
        None => bytes,
    };
    let bytes = match String::from_utf8(bytes) {
        Ok(text) => return Ok(text),
        Err(e) => e.into_bytes(),
    };
    let encoding = header
        .filter(|e| *e != encoding_rs::UTF_8)
        .or_else(|| declared(&bytes).filter(|e| *e != encoding_rs::UTF_8))
        .unwrap_or(WINDOWS_1252);
    let (text, _, had_errors) = encoding.decode(&bytes);
    if had_errors && encoding != WINDOWS_1252 {
        bail!(
            "{name}: not valid {} text, as it declares itself",
            encoding.name()
        );
    }
    Ok(text.into_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_declared_legacy_encoding_is_decoded() {
        let page = b"<html><head><meta charset=\"iso-8859-1\"></head><body><p>Caf\xe9 costs \xa33</p></body></html>".to_vec();
        let text = decode("p.html", page, None).unwrap();
        assert!(text.contains("Café costs £3"), "{text}");
        let xml =
            b"<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?><rss><title>Gar\xe7on</title></rss>"
                .to_vec();
        assert!(decode("f.xml", xml, None).unwrap().contains("Garçon"));
        // The server's header wins; undeclared bytes are read as windows-1252.
        let sjis = encoding_rs::SHIFT_JIS.encode("東京 5人").0.into_owned();
        let enc = from_content_type("text/html; charset=Shift_JIS");
        assert_eq!(decode("u", sjis, enc).unwrap(), "東京 5人");
        assert_eq!(
            decode("u", b"\x93quoted\x94".to_vec(), None).unwrap(),
            "\u{201c}quoted\u{201d}"
        );
        // UTF-8 stays as it is, byte-order mark dropped.
        assert_eq!(
            decode("u", "\u{feff}é".as_bytes().to_vec(), None).unwrap(),
            "é"
        );
    }
}
