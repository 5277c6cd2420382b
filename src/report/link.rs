//! Links that open an article at the exact words (URL text fragments, `#:~:text=`).

/// Percent-encodes a text fragment term: everything but unreserved ASCII is encoded,
/// including `-`, `,` and `&`, which are syntax inside a text fragment.
fn encode(term: &str) -> String {
    let mut out = String::with_capacity(term.len());
    for b in term.bytes() {
        if b.is_ascii_alphanumeric() || matches!(b, b'.' | b'_' | b'~') {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

/// `url` with a text fragment that highlights `quote`; any existing fragment is replaced.
pub fn text_fragment_link(url: &str, quote: &str) -> String {
    let base = url.split('#').next().unwrap_or(url);
    format!("{base}#:~:text={}", encode(quote.trim()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn encodes_syntax_characters_and_unicode() {
        assert_eq!(
            text_fragment_link("https://example.org/a#top", "Monday, May 4"),
            "https://example.org/a#:~:text=Monday%2C%20May%204"
        );
        assert_eq!(
            text_fragment_link("https://x.org", "F-16 & “jets”"),
            "https://x.org#:~:text=F%2D16%20%26%20%E2%80%9Cjets%E2%80%9D"
        );
    }
}
