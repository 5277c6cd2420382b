//! Pretty JSON written in pieces: serde_json's pretty layout from any depth, so that a
//! long array can be written an element at a time, byte for byte as one serializer would
//! have written it whole.

use std::io::{self, Write};

use serde::Serialize;
use serde_json::ser::Formatter;

use crate::model::json_bytes;

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

/// A pretty JSON array `depth` levels in, written in runs of elements made apart
/// (`push_item_at`), byte for byte as `write_at` of the whole array would write it.
pub struct ArrayAt(Items);

impl ArrayAt {
    pub fn open<W: Write>(w: &mut W, depth: usize) -> io::Result<ArrayAt> {
        Items::open(w, depth, b"[").map(ArrayAt)
    }

    /// Writes `n` elements made apart by `push_item_at` for an array at this depth.
    pub fn items_made<W: Write>(&mut self, w: &mut W, made: &[u8], n: usize) -> io::Result<()> {
        // Each was made with the comma that comes before every element but the first.
        let made = match self.0.items {
            0 => made.get(1..).unwrap_or_default(),
            _ => made,
        };
        self.0.items += n;
        w.write_all(made)
    }

    pub fn close<W: Write>(self, w: &mut W) -> io::Result<()> {
        self.0.close(w, b"]")
    }
}

/// An element of an array `depth` levels in, made apart from the array: `write` writes it
/// after the comma, line break and indent before it (`ArrayAt::items_made` takes it).
pub fn push_item_at(out: &mut Vec<u8>, depth: usize, write: impl FnOnce(&mut Vec<u8>, usize)) {
    out.extend_from_slice(&ITEM_BREAKS[..2 + 2 * (depth + 1)]);
    write(out, depth + 1);
}

/// The items of an array or object: the line break and indent before each, the closing
/// line.
struct Items {
    depth: usize,
    items: usize,
}

impl Items {
    fn open<W: Write>(w: &mut W, depth: usize, bracket: &[u8]) -> io::Result<Items> {
        w.write_all(bracket)?;
        Ok(Items { depth, items: 0 })
    }

    fn close<W: Write>(self, w: &mut W, bracket: &[u8]) -> io::Result<()> {
        if self.items > 0 {
            w.write_all(b"\n")?;
            indent(w, self.depth)?;
        }
        w.write_all(bracket)
    }
}

/// A line break and the indent of an item up to 31 levels in, after a comma.
const ITEM_BREAKS: &[u8; 64] = b",\n                                                              ";

/// A claim's JSON `depth` levels in, appended to `out`, as `write_at(claim.json())` writes
/// it: a claim-dense article's JSON is 19 times its text, and a serializer spent a fifth of
/// its `extract` writing it in small pieces.
pub fn push_claim_at(out: &mut Vec<u8>, depth: usize, claim: &crate::model::Claim) {
    if depth == CLAIM_DEPTH {
        push_claim_pieces(out, claim);
        return;
    }
    let mut object = VecItems::open(out, depth);
    let _ = claim.json_fields(|key, value| -> Result<(), std::convert::Infallible> {
        object.key(out, key);
        if let Some(v) = push_unless_value(out, value) {
            let mut fields = VecItems::open(out, depth + 1);
            let _ = v.fields(|key, f| -> Result<(), std::convert::Infallible> {
                fields.key(out, key);
                f.scalar().push_json(out);
                Ok(())
            });
            fields.close(out);
        }
        Ok(())
    });
    object.close(out);
}

/// A claim's field as JSON, but for its value object, handed back to be written.
#[inline]
fn push_unless_value<'a>(
    out: &mut Vec<u8>,
    field: crate::model::JsonField<'a>,
) -> Option<crate::model::value::ValueJson<'a>> {
    use crate::model::JsonField;
    match field {
        JsonField::Text(t) => json_bytes::push_text(out, t),
        JsonField::Offset(n) => json_bytes::push_integer(out, n),
        JsonField::Number(None) => out.extend_from_slice(b"null"),
        JsonField::Number(Some(n)) => json_bytes::push_integer(out, n),
        JsonField::Value(v) => return Some(v),
    }
    None
}

/// The depth of `extract`'s claims: in the array of the top object.
const CLAIM_DEPTH: usize = 2;

/// What comes before each key of an object some levels in, made once: the line break,
/// the indent, the quoted key and ": " (`,\n      "end": `), the first without its comma.
/// Written as one piece per key, a claim's keys cost a third of what they did a piece at
/// a time. And a run of null fields with the key after it, as one piece too: an extracted
/// claim has eight null fields (its review's), written in four runs.
struct KeyPieces {
    before: Vec<Vec<u8>>,
    /// `runs[a * (n + 1) + b]`: keys `a..b` each with null, then the piece before key `b`
    /// (none when `b` is `n`, the number of keys).
    runs: Vec<Vec<u8>>,
}

impl KeyPieces {
    fn new(depth: usize, names: &[&str]) -> KeyPieces {
        let before: Vec<Vec<u8>> = names
            .iter()
            .enumerate()
            .map(|(i, name)| {
                let mut piece = ITEM_BREAKS[usize::from(i == 0)..2 + 2 * (depth + 1)].to_vec();
                piece.push(b'"');
                piece.extend_from_slice(name.as_bytes());
                piece.extend_from_slice(b"\": ");
                piece
            })
            .collect();
        let n = names.len();
        let mut runs = Vec::with_capacity((n + 1) * (n + 1));
        for a in 0..=n {
            for b in 0..=n {
                let mut run = Vec::new();
                for piece in before.get(a..b).unwrap_or_default() {
                    run.extend_from_slice(piece);
                    run.extend_from_slice(b"null");
                }
                run.extend_from_slice(before.get(b).map_or(&[], Vec::as_slice));
                runs.push(run);
            }
        }
        KeyPieces { before, runs }
    }

    /// The piece before key `i`; past the names given (which `json_fields` would have to
    /// grow for), none: the tests write every kind of claim both ways.
    fn before(&self, i: usize) -> &[u8] {
        self.before.get(i).map_or(&[], Vec::as_slice)
    }

    /// Keys `a..b`, all null, then the piece before key `b` (`b` may be the number of keys:
    /// then the nulls alone).
    fn run(&self, a: usize, b: usize) -> &[u8] {
        let n = self.before.len();
        if a <= b && b <= n {
            &self.runs[a * (n + 1) + b]
        } else {
            &[]
        }
    }
}

/// Writes an object's fields as `KeyPieces`, holding back null fields to write them with
/// the next key in one piece.
struct NullRuns<'k> {
    keys: &'k KeyPieces,
    /// The next key, and the first of the null keys held back before it.
    next: usize,
    nulls_from: usize,
}

impl<'k> NullRuns<'k> {
    fn new(keys: &'k KeyPieces) -> Self {
        NullRuns {
            keys,
            next: 0,
            nulls_from: 0,
        }
    }

    /// The next key: true when its value is to be written now (it is not null).
    fn key(&mut self, out: &mut Vec<u8>, null: bool) -> bool {
        self.next += 1;
        if null {
            return false;
        }
        out.extend_from_slice(self.keys.run(self.nulls_from, self.next - 1));
        self.nulls_from = self.next;
        true
    }

    /// The nulls still held back; how many keys there were.
    fn finish(self, out: &mut Vec<u8>) -> usize {
        out.extend_from_slice(self.keys.run(self.nulls_from, self.next));
        self.next
    }
}

/// The keys of a claim `CLAIM_DEPTH` levels in, and of each kind's value one level further.
static CLAIM_KEYS: std::sync::LazyLock<(KeyPieces, Vec<KeyPieces>)> =
    std::sync::LazyLock::new(|| {
        use crate::model::{ClaimKind, Value};
        let claim = crate::model::Claim::unstored(
            "".into(),
            0,
            0,
            "".into(),
            crate::model::Origin::Extracted,
            Value::empty(ClaimKind::Count),
        );
        let mut names = Vec::new();
        let _ = claim.json_fields(|key, _| -> Result<(), std::convert::Infallible> {
            names.push(key);
            Ok(())
        });
        let values = ClaimKind::ALL.iter().map(|&kind| {
            let mut names = Vec::new();
            let _ = Value::empty(kind).json().fields(
                |key, _| -> Result<(), std::convert::Infallible> {
                    names.push(key);
                    Ok(())
                },
            );
            KeyPieces::new(CLAIM_DEPTH + 1, &names)
        });
        (KeyPieces::new(CLAIM_DEPTH, &names), values.collect())
    });

/// `push_claim_at` `CLAIM_DEPTH` levels in, each key written as one piece.
fn push_claim_pieces(out: &mut Vec<u8>, claim: &crate::model::Claim) {
    let (keys, values) = &*CLAIM_KEYS;
    out.push(b'{');
    let mut fields = NullRuns::new(keys);
    let _ = claim.json_fields(|_, value| -> Result<(), std::convert::Infallible> {
        if !fields.key(out, value.is_null()) {
            return Ok(());
        }
        if let Some(v) = push_unless_value(out, value) {
            let mut value_fields = NullRuns::new(&values[claim.kind().index()]);
            out.push(b'{');
            let _ = v.fields(|_, f| -> Result<(), std::convert::Infallible> {
                let scalar = f.scalar();
                if value_fields.key(out, scalar.is_null()) {
                    scalar.push_json(out);
                }
                Ok(())
            });
            if value_fields.finish(out) > 0 {
                out.extend_from_slice(&ITEM_BREAKS[1..2 + 2 * (CLAIM_DEPTH + 1)]);
            }
            out.push(b'}');
        }
        Ok(())
    });
    fields.finish(out);
    out.extend_from_slice(&ITEM_BREAKS[1..2 + 2 * CLAIM_DEPTH]);
    out.push(b'}');
}

/// A pretty JSON object or array written into a buffer, an item at a time; keys are
/// written as given, unescaped: they must be plain names.
struct VecItems {
    depth: usize,
    items: usize,
    bracket: u8,
}

impl VecItems {
    fn open(out: &mut Vec<u8>, depth: usize) -> VecItems {
        Self::open_with(out, depth, b'{', b'}')
    }

    fn open_array(out: &mut Vec<u8>, depth: usize) -> VecItems {
        Self::open_with(out, depth, b'[', b']')
    }

    fn open_with(out: &mut Vec<u8>, depth: usize, open: u8, close: u8) -> VecItems {
        assert!(depth < 31, "nested too deep for ITEM_BREAKS");
        out.push(open);
        VecItems {
            depth,
            items: 0,
            bracket: close,
        }
    }

    /// The line break and indent before the next item.
    fn next(&mut self, out: &mut Vec<u8>) {
        let from = usize::from(self.items == 0);
        out.extend_from_slice(&ITEM_BREAKS[from..2 + 2 * (self.depth + 1)]);
        self.items += 1;
    }

    fn key(&mut self, out: &mut Vec<u8>, key: &'static str) {
        debug_assert!(key.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'_'));
        self.next(out);
        out.push(b'"');
        out.extend_from_slice(key.as_bytes());
        out.extend_from_slice(b"\": ");
    }

    fn text(&mut self, out: &mut Vec<u8>, key: &'static str, text: Option<&str>) {
        self.key(out, key);
        json_bytes::push_text(out, text);
    }

    fn number(&mut self, out: &mut Vec<u8>, key: &'static str, n: usize) {
        self.key(out, key);
        json_bytes::push_integer(out, n);
    }

    fn close(self, out: &mut Vec<u8>) {
        if self.items > 0 {
            out.extend_from_slice(&ITEM_BREAKS[1..2 + 2 * self.depth]);
        }
        out.push(self.bracket);
    }
}

/// A finding's JSON `depth` levels in, appended to `out`, as `write_at(finding)` writes it:
/// a claim-dense article has a finding for every few claims.
pub fn push_finding_at(out: &mut Vec<u8>, depth: usize, f: &crate::check::Finding) {
    if depth == CLAIM_DEPTH {
        push_finding_pieces(out, f);
        return;
    }
    let mut o = VecItems::open(out, depth);
    o.text(out, "article_id", f.article_id.as_ref().map(AsRef::as_ref));
    o.key(out, "claims");
    let mut claims = VecItems::open_array(out, depth + 1);
    for c in &f.claims {
        claims.next(out);
        let mut claim = VecItems::open(out, depth + 2);
        claim.text(out, "article_id", c.article_id.as_ref().map(AsRef::as_ref));
        claim.number(out, "end", c.end);
        claim.text(out, "id", c.id.as_ref().map(AsRef::as_ref));
        claim.number(out, "start", c.start);
        claim.text(out, "text", Some(&c.text));
        claim.close(out);
    }
    claims.close(out);
    o.number(out, "end", f.end);
    o.text(out, "id", Some(f.id.as_ref()));
    o.text(out, "message", Some(&f.message));
    o.text(out, "rule", Some(f.rule.as_str()));
    o.text(out, "severity", Some(f.severity.as_str()));
    o.number(out, "start", f.start);
    o.text(out, "suggestion", f.suggestion.as_deref());
    o.text(out, "text", Some(&f.text));
    o.close(out);
}

/// The keys of a finding `CLAIM_DEPTH` levels in (`extract`'s), and of its claims.
static FINDING_KEYS: std::sync::LazyLock<(KeyPieces, KeyPieces)> = std::sync::LazyLock::new(|| {
    let finding = [
        "article_id",
        "claims",
        "end",
        "id",
        "message",
        "rule",
        "severity",
        "start",
        "suggestion",
        "text",
    ];
    let claim = ["article_id", "end", "id", "start", "text"];
    (
        KeyPieces::new(CLAIM_DEPTH, &finding),
        KeyPieces::new(CLAIM_DEPTH + 2, &claim),
    )
});

/// `push_finding_at` `CLAIM_DEPTH` levels in, each key written as one piece: a claim-dense
/// article's findings are written after its claims on one core.
fn push_finding_pieces(out: &mut Vec<u8>, f: &crate::check::Finding) {
    let (keys, claim_keys) = &*FINDING_KEYS;
    let text = |out: &mut Vec<u8>, t: Option<&str>| json_bytes::push_text(out, t);
    out.push(b'{');
    out.extend_from_slice(keys.before(0));
    text(out, f.article_id.as_ref().map(AsRef::as_ref));
    out.extend_from_slice(keys.before(1));
    out.push(b'[');
    for (n, c) in f.claims.iter().enumerate() {
        let from = usize::from(n == 0);
        out.extend_from_slice(&ITEM_BREAKS[from..2 + 2 * (CLAIM_DEPTH + 2)]);
        out.push(b'{');
        out.extend_from_slice(claim_keys.before(0));
        text(out, c.article_id.as_ref().map(AsRef::as_ref));
        out.extend_from_slice(claim_keys.before(1));
        json_bytes::push_integer(out, c.end);
        out.extend_from_slice(claim_keys.before(2));
        text(out, c.id.as_ref().map(AsRef::as_ref));
        out.extend_from_slice(claim_keys.before(3));
        json_bytes::push_integer(out, c.start);
        out.extend_from_slice(claim_keys.before(4));
        text(out, Some(&c.text));
        out.extend_from_slice(&ITEM_BREAKS[1..2 + 2 * (CLAIM_DEPTH + 2)]);
        out.push(b'}');
    }
    if !f.claims.is_empty() {
        out.extend_from_slice(&ITEM_BREAKS[1..2 + 2 * (CLAIM_DEPTH + 1)]);
    }
    out.push(b']');
    out.extend_from_slice(keys.before(2));
    json_bytes::push_integer(out, f.end);
    out.extend_from_slice(keys.before(3));
    text(out, Some(f.id.as_ref()));
    out.extend_from_slice(keys.before(4));
    text(out, Some(&f.message));
    out.extend_from_slice(keys.before(5));
    text(out, Some(f.rule.as_str()));
    out.extend_from_slice(keys.before(6));
    text(out, Some(f.severity.as_str()));
    out.extend_from_slice(keys.before(7));
    json_bytes::push_integer(out, f.start);
    out.extend_from_slice(keys.before(8));
    text(out, f.suggestion.as_deref());
    out.extend_from_slice(keys.before(9));
    text(out, Some(&f.text));
    out.extend_from_slice(&ITEM_BREAKS[1..2 + 2 * CLAIM_DEPTH]);
    out.push(b'}');
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn a_claim_written_field_by_field_is_what_its_serializer_writes() {
        let body = concat!(
            "Tuesday May 4th, 2021. Yesterday (Monday, May 4) about 300 troops and 12 \"men\"\n",
            "arrived; $5.4 billion, 40% of homes, 25 km\u{1b}[2J for 3 days, 10–12 percent.\n",
            "On April 31 and February 29, 2021, 2.5 percent of 1.75 million voters left.\n"
        );
        let mut claims = crate::extract::claims_in(body, None);
        assert!(claims.len() >= 12, "{claims:?}");
        // A stored, reviewed claim too: every field filled.
        let mut stored = claims[1].clone();
        stored.id = Some("0190c0de-0000-7000-8000-000000000001".into());
        stored.number = Some(-7);
        let r = stored.review_mut();
        r.article_id = Some("a\"b".into());
        r.assignee = Some("Zoë".into());
        r.rating = Some("false".into());
        claims.push(stored);
        for depth in [0, 2] {
            for c in &claims {
                let mut fast = Vec::new();
                push_claim_at(&mut fast, depth, c);
                let mut plain = Vec::new();
                write_at(&mut plain, depth, &c.json()).unwrap();
                assert_eq!(
                    String::from_utf8(fast).unwrap(),
                    String::from_utf8(plain).unwrap()
                );
            }
        }
        let mut empty = Vec::new();
        VecItems::open(&mut empty, 1).close(&mut empty);
        assert_eq!(empty, b"{}");
    }

    #[test]
    fn a_finding_written_field_by_field_is_what_its_serializer_writes() {
        let body = concat!(
            "Tuesday May 4th, 2021\n\nThe envoy arrived yesterday (Monday, May 4). ",
            "On April 31 \"we\" met. 300 people were killed in Gaza; 450 people were killed ",
            "in Gaza, officials said.\n"
        );
        let ex = crate::extract::extract(body, None);
        let mut stored = ex.claims.clone();
        for (i, c) in stored.iter_mut().enumerate() {
            c.id = Some(format!("0190c0de-0000-7000-8000-00000000000{i}").into());
            c.review_mut().article_id = Some("a\"b".into());
        }
        let findings = |claims: &[crate::model::Claim]| {
            crate::check::check_article(&crate::check::ArticleView {
                article_id: None,
                published: ex.published,
                body: Some(body),
                claims,
                cursor: None,
            })
        };
        let all: Vec<_> = findings(&ex.claims)
            .into_iter()
            .chain(findings(&stored))
            .collect();
        let rules: std::collections::BTreeSet<_> = all.iter().map(|f| f.rule).collect();
        assert!(rules.len() >= 3, "{all:?}");
        for depth in [0, 2] {
            for f in &all {
                let mut fast = Vec::new();
                push_finding_at(&mut fast, depth, f);
                let mut plain = Vec::new();
                write_at(&mut plain, depth, f).unwrap();
                assert_eq!(
                    String::from_utf8(fast).unwrap(),
                    String::from_utf8(plain).unwrap()
                );
            }
        }
    }

    #[test]
    fn written_in_pieces_is_what_one_pretty_serializer_writes() {
        let item = |i: usize| json!({"i": i, "empty": [], "none": {}, "list": [1, {"a": "b\n\"c\""}], "s": "\u{1b}x"});
        // Elements made apart (`push_item_at`) and written one at a time, and in runs of
        // three, the first run either way.
        for (n, apart_first) in [0, 1, 2, 4, 1000]
            .into_iter()
            .flat_map(|n| [(n, false), (n, true)])
        {
            let items: Vec<usize> = (0..n).collect();
            let whole = json!({"article": {"t": 1}, "claims": items.iter().map(|&i| item(i)).collect::<Vec<_>>(), "findings": []});
            let mut pieces = Vec::new();
            pieces.extend_from_slice(b"{\n  \"article\": ");
            write_at(&mut pieces, 1, &json!({"t": 1})).unwrap();
            pieces.extend_from_slice(b",\n  \"claims\": ");
            let mut claims = ArrayAt::open(&mut pieces, 1).unwrap();
            for (run, three) in items.chunks(3).enumerate() {
                if (run % 2 == 0) == apart_first {
                    let mut made = Vec::new();
                    for &i in three {
                        push_item_at(&mut made, 1, |w, depth| {
                            write_at(w, depth, &item(i)).unwrap()
                        });
                    }
                    claims.items_made(&mut pieces, &made, three.len()).unwrap();
                    continue;
                }
                for &i in three {
                    let mut made = Vec::new();
                    push_item_at(&mut made, 1, |w, depth| {
                        write_at(w, depth, &item(i)).unwrap()
                    });
                    claims.items_made(&mut pieces, &made, 1).unwrap();
                }
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
