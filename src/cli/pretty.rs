//! Pretty JSON written in pieces: serde_json's pretty layout from any depth, so that a
//! long array can be written an element at a time, byte for byte as one serializer would
//! have written it whole.

use std::io::{self, Write};

use serde::Serialize;
use serde_json::ser::Formatter;

/// serde_json's `PrettyFormatter` (two spaces a level) starting `depth` levels in.
pub struct PrettyAt {
    depth: usize,
    has_value: bool,
}

impl PrettyAt {
    pub fn new(depth: usize) -> PrettyAt {
        PrettyAt {
            depth,
            has_value: false,
        }
    }
}

fn indent<W: ?Sized + Write>(w: &mut W, depth: usize) -> io::Result<()> {
    const SPACES: &[u8] = &[b' '; 64];
    let mut n = depth * 2;
    while n > 0 {
        let k = n.min(SPACES.len());
        w.write_all(&SPACES[..k])?;
        n -= k;
    }
    Ok(())
}

impl PrettyAt {
    fn open<W: ?Sized + Write>(&mut self, w: &mut W, bracket: &[u8]) -> io::Result<()> {
        self.depth += 1;
        self.has_value = false;
        w.write_all(bracket)
    }

    fn close<W: ?Sized + Write>(&mut self, w: &mut W, bracket: &[u8]) -> io::Result<()> {
        self.depth -= 1;
        if self.has_value {
            w.write_all(b"\n")?;
            indent(w, self.depth)?;
        }
        w.write_all(bracket)
    }

    fn item<W: ?Sized + Write>(&mut self, w: &mut W, first: bool) -> io::Result<()> {
        w.write_all(if first { b"\n" } else { b",\n" })?;
        indent(w, self.depth)
    }
}

impl Formatter for PrettyAt {
    fn begin_array<W: ?Sized + Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.open(w, b"[")
    }

    fn end_array<W: ?Sized + Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.close(w, b"]")
    }

    fn begin_array_value<W: ?Sized + Write>(&mut self, w: &mut W, first: bool) -> io::Result<()> {
        self.item(w, first)
    }

    fn end_array_value<W: ?Sized + Write>(&mut self, _w: &mut W) -> io::Result<()> {
        self.has_value = true;
        Ok(())
    }

    fn begin_object<W: ?Sized + Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.open(w, b"{")
    }

    fn end_object<W: ?Sized + Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.close(w, b"}")
    }

    fn begin_object_key<W: ?Sized + Write>(&mut self, w: &mut W, first: bool) -> io::Result<()> {
        self.item(w, first)
    }

    fn begin_object_value<W: ?Sized + Write>(&mut self, w: &mut W) -> io::Result<()> {
        w.write_all(b": ")
    }

    fn end_object_value<W: ?Sized + Write>(&mut self, _w: &mut W) -> io::Result<()> {
        self.has_value = true;
        Ok(())
    }
}

/// Writes `value` as pretty JSON starting `depth` levels in.
pub fn write_at<W: Write>(w: &mut W, depth: usize, value: &impl Serialize) -> io::Result<()> {
    let mut ser = serde_json::Serializer::with_formatter(w, PrettyAt::new(depth));
    value.serialize(&mut ser).map_err(io::Error::from)
}

/// A pretty JSON array `depth` levels in, written an element at a time, byte for byte as
/// `write_at` of the whole array would write it.
pub struct ArrayAt {
    depth: usize,
    items: usize,
}

impl ArrayAt {
    pub fn open<W: Write>(w: &mut W, depth: usize) -> io::Result<ArrayAt> {
        w.write_all(b"[")?;
        Ok(ArrayAt { depth, items: 0 })
    }

    /// Writes the next element.
    pub fn item<W: Write>(&mut self, w: &mut W, value: &impl Serialize) -> io::Result<()> {
        w.write_all(if self.items == 0 { b"\n" } else { b",\n" })?;
        indent(w, self.depth + 1)?;
        self.items += 1;
        write_at(w, self.depth + 1, value)
    }

    pub fn close<W: Write>(self, w: &mut W) -> io::Result<()> {
        if self.items > 0 {
            w.write_all(b"\n")?;
            indent(w, self.depth)?;
        }
        w.write_all(b"]")
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn written_in_pieces_is_what_one_pretty_serializer_writes() {
        let item = |i: usize| json!({"i": i, "empty": [], "none": {}, "list": [1, {"a": "b\n\"c\""}], "s": "\u{1b}x"});
        for n in [0, 1, 2, 1000] {
            let items: Vec<usize> = (0..n).collect();
            let whole = json!({"article": {"t": 1}, "claims": items.iter().map(|&i| item(i)).collect::<Vec<_>>(), "findings": []});
            let mut pieces = Vec::new();
            pieces.extend_from_slice(b"{\n  \"article\": ");
            write_at(&mut pieces, 1, &json!({"t": 1})).unwrap();
            pieces.extend_from_slice(b",\n  \"claims\": ");
            let mut claims = ArrayAt::open(&mut pieces, 1).unwrap();
            for &i in &items {
                claims.item(&mut pieces, &item(i)).unwrap();
            }
            claims.close(&mut pieces).unwrap();
            pieces.extend_from_slice(b",\n  \"findings\": ");
            ArrayAt::open(&mut pieces, 1)
                .and_then(|a| a.close(&mut pieces))
                .unwrap();
            pieces.extend_from_slice(b"\n}");
            assert_eq!(
                String::from_utf8(pieces).unwrap(),
                serde_json::to_string_pretty(&whole).unwrap(),
                "{n} items"
            );
        }
    }
}
