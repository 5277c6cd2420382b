//! Presentation shared by commands: links to the exact words, marked quotes.

mod link;

pub use link::text_fragment_link;
