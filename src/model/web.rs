//! Web addresses: the one test of "an http(s) link a colleague can open" that evidence,
//! settings, page metadata and the review page's links share.

/// Whether `url` is an absolute http or https address with a host, and no whitespace or
/// control characters (which would let one link show as another, or break a terminal).
pub fn is_web_address(url: &str) -> bool {
    let lower = url.to_ascii_lowercase();
    let rest = lower
        .strip_prefix("https://")
        .or_else(|| lower.strip_prefix("http://"));
    matches!(rest, Some(host) if !host.is_empty() && !host.starts_with('/'))
        && !url.contains(|c: char| c.is_whitespace() || c.is_control())
}

#[cfg(test)]
mod tests {
    use super::is_web_address;

    #[test]
    fn only_absolute_http_addresses_with_a_host() {
        for ok in ["https://example.org/a", "HTTP://Example.org", "http://x"] {
            assert!(is_web_address(ok), "{ok}");
        }
        for bad in [
            "https://",
            "http:///path",
            "javascript:alert(1)",
            "ftp://example.org",
            "/relative",
            "https://example.org/a b",
            "https://example.org/\u{1b}[2J",
            "httpfoo",
        ] {
            assert!(!is_web_address(bad), "{bad}");
        }
    }
}
