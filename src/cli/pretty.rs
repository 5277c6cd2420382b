//! Pretty JSON written in pieces: serde_json's pretty layout from any depth, so that the
//! elements of a long array can be serialized on two threads and joined, byte for byte, as
//! one serializer would have written them.

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

/// Elements serialized into one buffer on a thread.
const CHUNK: usize = 1024;

/// Writes `items` as a pretty JSON array `depth` levels in, as `write_at` would, each item
/// written by `write_item` (with `write_at` one level deeper): items are made JSON a chunk
/// at a time, the odd chunks on a second thread, and written in order.
pub fn write_array_at<T: Sync, W: Write>(
    w: &mut W,
    depth: usize,
    items: &[T],
    write_item: impl Fn(&mut Vec<u8>, usize, &T) -> io::Result<()> + Sync,
) -> io::Result<()> {
    if items.is_empty() {
        return w.write_all(b"[]");
    }
    // Each element as one serializer writes it: a line break, the indent, the element.
    let chunk = |at: usize, buf: &mut Vec<u8>| -> io::Result<()> {
        for (i, item) in items[at..(at + CHUNK).min(items.len())].iter().enumerate() {
            buf.extend_from_slice(if at + i == 0 { b"\n" } else { b",\n" });
            indent(buf, depth + 1)?;
            write_item(buf, depth + 1, item)?;
        }
        Ok(())
    };
    w.write_all(b"[")?;
    let starts: Vec<usize> = (0..items.len()).step_by(CHUNK).collect();
    std::thread::scope(|scope| -> io::Result<()> {
        let (to_writer, made) = std::sync::mpsc::sync_channel::<io::Result<Vec<u8>>>(1);
        let (to_helper, spare) = std::sync::mpsc::channel::<Vec<u8>>();
        let odd: Vec<usize> = starts.iter().copied().skip(1).step_by(2).collect();
        let chunk = &chunk;
        scope.spawn(move || {
            for at in odd {
                let mut buf = spare.try_recv().unwrap_or_default();
                buf.clear();
                let done = chunk(at, &mut buf).map(|()| buf);
                if to_writer.send(done).is_err() {
                    return; // the writer stopped
                }
            }
        });
        let mut own = Vec::new();
        for pair in starts.chunks(2) {
            own.clear();
            chunk(pair[0], &mut own)?;
            w.write_all(&own)?;
            if pair.len() == 2 {
                let theirs = made
                    .recv()
                    .map_err(|_| io::Error::other("a JSON thread failed"))??;
                w.write_all(&theirs)?;
                // Given back to be filled again; the helper may have finished already.
                let _ = to_helper.send(theirs);
            }
        }
        Ok(())
    })?;
    w.write_all(b"\n")?;
    indent(w, depth)?;
    w.write_all(b"]")
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn written_in_pieces_is_what_one_pretty_serializer_writes() {
        let item = |i: usize| json!({"i": i, "empty": [], "none": {}, "list": [1, {"a": "b\n\"c\""}], "s": "\u{1b}x"});
        for n in [0, 1, 2, CHUNK - 1, CHUNK, CHUNK + 1, 3 * CHUNK + 7] {
            let items: Vec<usize> = (0..n).collect();
            let whole = json!({"article": {"t": 1}, "claims": items.iter().map(|&i| item(i)).collect::<Vec<_>>(), "findings": []});
            let mut pieces = Vec::new();
            pieces.extend_from_slice(b"{\n  \"article\": ");
            write_at(&mut pieces, 1, &json!({"t": 1})).unwrap();
            pieces.extend_from_slice(b",\n  \"claims\": ");
            write_array_at(&mut pieces, 1, &items, |w, d, &i| write_at(w, d, &item(i))).unwrap();
            pieces.extend_from_slice(b",\n  \"findings\": ");
            write_array_at(&mut pieces, 1, &items[..0], |w, d, &i| {
                write_at(w, d, &item(i))
            })
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
