//! A piece of a text that many holders share: the claims of one article point into one
//! copy of its body instead of each copying their sentence.

use std::sync::Arc;

/// The one copy of an article's body that the texts of its claims are pieces of. An
/// `Arc<str>`: its length travels in the pointer and its text follows the counts, so a
/// look at a claim's text reads nothing the other threads' counting writes. (An
/// `Arc<String>` saved copying the body once, but every look then read the String's
/// length beside the count, moving that line between cores; and aligning the String
/// apart made each stored claim's own small texts 128-byte allocations: the workspace
/// report of 670,700 claims took 775 MB instead of 639.)
pub type Body = Arc<str>;

/// `text` as a body its claims can share.
pub fn shared_body(text: impl Into<Body>) -> Body {
    text.into()
}

/// `whole[start..end]` (bytes, on character boundaries), read as a `str`.
#[derive(Clone)]
pub struct SharedText {
    whole: Body,
    start: u32,
    end: u32,
}

impl SharedText {
    /// The bytes `range` of `whole`, sharing it; a copy of them when `whole` is too long for
    /// the offsets kept (4 GiB) or `range` is not a slice of it on character boundaries.
    pub fn slice(whole: &Body, range: std::ops::Range<usize>) -> SharedText {
        match (u32::try_from(range.start), u32::try_from(range.end)) {
            (Ok(start), Ok(end)) if whole.get(range.clone()).is_some() => SharedText {
                whole: whole.clone(),
                start,
                end,
            },
            _ => SharedText::from(whole.get(range).unwrap_or_default()),
        }
    }

    pub fn as_str(&self) -> &str {
        &self.whole[self.start as usize..self.end as usize]
    }

    /// Whether `self` and `other` are the same piece of the same text (not merely equal).
    pub fn same(&self, other: &SharedText) -> bool {
        Arc::ptr_eq(&self.whole, &other.whole) && (self.start, self.end) == (other.start, other.end)
    }
}

impl SharedText {
    /// Where `self` starts in `outer`, in bytes, when it is a piece of it (of the same
    /// text, not merely equal to a part of it).
    pub fn start_in(&self, outer: &SharedText) -> Option<usize> {
        (Arc::ptr_eq(&self.whole, &outer.whole)
            && outer.start <= self.start
            && self.end <= outer.end)
            .then(|| (self.start - outer.start) as usize)
    }
}

impl From<Body> for SharedText {
    fn from(whole: Body) -> SharedText {
        let end = u32::try_from(whole.len()).expect("a text under 4 GiB");
        SharedText {
            whole,
            start: 0,
            end,
        }
    }
}

impl From<&str> for SharedText {
    fn from(s: &str) -> SharedText {
        SharedText::from(shared_body(s))
    }
}

impl From<String> for SharedText {
    fn from(s: String) -> SharedText {
        SharedText::from(shared_body(s))
    }
}

impl Default for SharedText {
    fn default() -> SharedText {
        SharedText::from("")
    }
}

impl std::ops::Deref for SharedText {
    type Target = str;
    fn deref(&self) -> &str {
        self.as_str()
    }
}

impl AsRef<str> for SharedText {
    fn as_ref(&self) -> &str {
        self.as_str()
    }
}

impl PartialEq for SharedText {
    fn eq(&self, other: &SharedText) -> bool {
        self.as_str() == other.as_str()
    }
}

impl Eq for SharedText {}

impl PartialEq<str> for SharedText {
    fn eq(&self, other: &str) -> bool {
        self.as_str() == other
    }
}

impl PartialEq<SharedText> for String {
    fn eq(&self, other: &SharedText) -> bool {
        self.as_str() == other.as_str()
    }
}

impl PartialEq<&str> for SharedText {
    fn eq(&self, other: &&str) -> bool {
        self.as_str() == *other
    }
}

impl std::fmt::Debug for SharedText {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        std::fmt::Debug::fmt(self.as_str(), f)
    }
}

impl std::fmt::Display for SharedText {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

impl serde::Serialize for SharedText {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.as_str())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_slice_shares_the_text_and_reads_as_its_piece() {
        let whole: Body = shared_body("Kabul — “yesterday (Monday, May 4)”.");
        let from = whole.find('y').unwrap();
        let to = whole.find('”').unwrap();
        let s = SharedText::slice(&whole, from..to);
        assert_eq!(&*s, "yesterday (Monday, May 4)");
        assert_eq!(Arc::strong_count(&whole), 2, "shared, not copied");
        assert!(s.same(&s.clone()) && !s.same(&SharedText::from(&*s)));
        assert_eq!(s, SharedText::from("yesterday (Monday, May 4)"));
        // Not a character boundary: an empty copy, never a panic.
        assert_eq!(&*SharedText::slice(&whole, 7..9), "");
        assert_eq!(Arc::strong_count(&whole), 2);
        // Where a piece lies in a piece of the same text; none in an equal copy.
        let sentence = SharedText::slice(&whole, 0..whole.len());
        assert_eq!(s.start_in(&sentence), Some(from));
        assert_eq!(s.start_in(&s), Some(0));
        assert_eq!(sentence.start_in(&s), None, "not inside");
        assert_eq!(s.start_in(&SharedText::from(&*whole)), None);
    }
}
