//! Byte offsets to Unicode scalar offsets (what Python's `str` slicing counts).

/// Converts byte offsets of one text to character offsets. It remembers where it last
/// stood, so offsets asked in (roughly) increasing order cost only the bytes in between.
pub struct CharCursor<'a> {
    text: &'a str,
    ascii: bool,
    byte: usize,
    chars: usize,
}

fn count_chars(bytes: &[u8]) -> usize {
    // Every byte that is not a UTF-8 continuation byte starts a character.
    bytes.iter().filter(|&&b| (b as i8) >= -0x40).count()
}

impl<'a> CharCursor<'a> {
    pub fn new(text: &'a str) -> CharCursor<'a> {
        CharCursor {
            text,
            ascii: text.is_ascii(),
            byte: 0,
            chars: 0,
        }
    }

    /// Characters before byte `pos`, which must be on a character boundary.
    pub fn chars_before(&mut self, pos: usize) -> usize {
        if self.ascii {
            return pos;
        }
        let bytes = self.text.as_bytes();
        if pos >= self.byte {
            self.chars += count_chars(&bytes[self.byte..pos]);
        } else {
            self.chars -= count_chars(&bytes[pos..self.byte]);
        }
        self.byte = pos;
        self.chars
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
        let mut idx = CharCursor::new(text);
        let b = text.find("May").unwrap();
        assert_eq!(idx.chars_before(b), text[..b].chars().count());
        assert_eq!(idx.chars_before(text.len()), text.chars().count());
        // Backwards too.
        assert_eq!(idx.chars_before(b), text[..b].chars().count());
        assert_eq!(byte_of_char(text, idx.chars_before(b)), Some(b));
    }

    #[test]
    fn long_text() {
        let text = "é".repeat(10_000) + "x";
        let mut idx = CharCursor::new(&text);
        assert_eq!(idx.chars_before(text.len() - 1), 10_000);
        assert_eq!(idx.chars_before(2), 1);
    }
}
