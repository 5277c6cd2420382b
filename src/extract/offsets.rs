//! Byte offsets to Unicode scalar offsets (what Python's `str` slicing counts).

/// Converts byte offsets of one text to character offsets in O(1) amortized per lookup
/// for increasing offsets, and O(block) otherwise, with a checkpoint every 4 KiB.
pub struct CharIndex<'a> {
    text: &'a str,
    ascii: bool,
    checkpoints: Vec<usize>, // chars before byte k * BLOCK
}

const BLOCK: usize = 4096;

impl<'a> CharIndex<'a> {
    pub fn new(text: &'a str) -> CharIndex<'a> {
        let ascii = text.is_ascii();
        let mut checkpoints = Vec::new();
        if !ascii {
            let bytes = text.as_bytes();
            let mut chars = 0;
            checkpoints.push(0);
            for chunk in bytes.chunks(BLOCK) {
                chars += chunk.iter().filter(|&&b| (b as i8) >= -0x40).count();
                checkpoints.push(chars);
            }
        }
        CharIndex {
            text,
            ascii,
            checkpoints,
        }
    }

    /// Characters before byte `pos`, which must be on a character boundary.
    pub fn chars_before(&self, pos: usize) -> usize {
        if self.ascii {
            return pos;
        }
        let block = pos / BLOCK;
        let base = self.checkpoints[block];
        base + self.text.as_bytes()[block * BLOCK..pos]
            .iter()
            .filter(|&&b| (b as i8) >= -0x40)
            .count()
    }
}

/// The byte offset of character `n` in `text`, or None past its end.
pub fn byte_of_char(text: &str, n: usize) -> Option<usize> {
    if n == text.chars().count() {
        return Some(text.len());
    }
    text.char_indices().nth(n).map(|(b, _)| b)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_scalar_values_not_bytes() {
        let text = "Peace عمران “May 4” done";
        let idx = CharIndex::new(text);
        let b = text.find("May").unwrap();
        assert_eq!(idx.chars_before(b), text[..b].chars().count());
        assert_eq!(idx.chars_before(text.len()), text.chars().count());
        assert_eq!(byte_of_char(text, idx.chars_before(b)), Some(b));
    }

    #[test]
    fn long_text_crosses_checkpoints() {
        let text = "é".repeat(10_000) + "x";
        let idx = CharIndex::new(&text);
        assert_eq!(idx.chars_before(text.len() - 1), 10_000);
    }
}
