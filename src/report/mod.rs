//! Presentation shared by commands: links to the exact words, marked quotes.

mod link;

pub use link::text_fragment_link;

mod findings;

pub use findings::{Scope, findings};

/// The sentence with the quote marked between `open` and `close` (its first occurrence).
pub fn mark_quote(sentence: &str, quote: &str, open: &str, close: &str) -> String {
    match sentence.find(quote) {
        Some(i) if !quote.is_empty() => format!(
            "{}{open}{quote}{close}{}",
            &sentence[..i],
            &sentence[i + quote.len()..]
        ),
        _ => format!("{sentence} ({open}{quote}{close})"),
    }
}
