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

    /// The byte offset of character `n`, or None past the end: the inverse of
    /// `chars_before`, as cheap for offsets asked in increasing order.
    pub fn byte_of(&mut self, n: usize) -> Option<usize> {
        if self.ascii {
            return (n <= self.text.len()).then_some(n);
        }
        if n < self.chars {
            // Walking back costs the characters walked, as walking forward does.
            let back = self.chars - n;
            let (b, _) = self.text[..self.byte].char_indices().rev().nth(back - 1)?;
            self.byte = b;
            self.chars = n;
            return Some(b);
        }
        let rest = &self.text[self.byte..];
        let step = if n == self.chars {
            0
        } else {
            match rest.char_indices().nth(n - self.chars) {
                Some((b, _)) => b,
                None if rest.chars().count() == n - self.chars => rest.len(),
                None => return None,
            }
        };
        self.byte += step;
        self.chars = n;
        Some(self.byte)
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
        let mut fwd = CharCursor::new(text);
        assert_eq!(fwd.byte_of(idx.chars_before(b)), Some(b));
    }

    #[test]
    fn byte_of_is_the_inverse_in_any_order() {
        let text = "Peace عمران “May 4” done é";
        let n = text.chars().count();
        let mut c = CharCursor::new(text);
        for i in (0..=n).chain((0..=n).rev()).chain([3, 17, 2, n, 9]) {
            assert_eq!(c.byte_of(i), byte_of_char(text, i), "char {i}");
        }
        assert_eq!(c.byte_of(n + 1), None);
        let mut a = CharCursor::new("ascii");
        assert_eq!((a.byte_of(5), a.byte_of(6)), (Some(5), None));
    }

    #[test]
    fn long_text() {
        let text = "é".repeat(10_000) + "x";
        let mut idx = CharCursor::new(&text);
        assert_eq!(idx.chars_before(text.len() - 1), 10_000);
        assert_eq!(idx.chars_before(2), 1);
    }
}
