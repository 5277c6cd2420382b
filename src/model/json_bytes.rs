//! JSON written straight into bytes, byte for byte as serde_json writes it: a claim-dense
//! article's JSON is 19 times its text, and a serializer spends most of its time on the
//! small pieces.

use super::value::{Scalar, ValueJson};

/// A JSON string (or null), as serde_json writes it.
pub fn push_text(out: &mut Vec<u8>, text: Option<&str>) {
    // What serde_json escapes: control characters, quotes and backslashes. Folded without
    // an early exit, so that the compiler checks many bytes at a time.
    let plain = |t: &str| {
        !t.bytes().fold(false, |esc, b| {
            esc | (b < 0x20) | (b == b'"') | (b == b'\\')
        })
    };
    match text {
        Some(t) if plain(t) => {
            out.push(b'"');
            out.extend_from_slice(t.as_bytes());
            out.push(b'"');
        }
        Some(t) => {
            let _ = serde_json::to_writer(&mut *out, t);
        }
        None => out.extend_from_slice(b"null"),
    }
}

/// An integer as JSON.
pub fn push_integer(out: &mut Vec<u8>, n: impl itoa::Integer) {
    out.extend_from_slice(itoa::Buffer::new().format(n).as_bytes());
}

impl Scalar<'_> {
    /// Whether `push_json` writes it as null.
    pub fn is_null(&self) -> bool {
        matches!(
            self,
            Scalar::Text(None) | Scalar::Number(None) | Scalar::Date(None)
        )
    }

    /// The field's JSON, as its serializer writes it.
    pub fn push_json(&self, out: &mut Vec<u8>) {
        match *self {
            Scalar::Text(t) => push_text(out, t),
            Scalar::Number(None) | Scalar::Date(None) => out.extend_from_slice(b"null"),
            // Whole figures as integers, as the serializer writes them.
            Scalar::Number(Some(x)) if x.fract() == 0.0 && x.abs() < 9.0e15 => {
                push_integer(out, x as i64)
            }
            Scalar::Number(Some(x)) => {
                let _ = serde_json::to_writer(&mut *out, &x);
            }
            Scalar::Date(Some(d)) => push_date(out, d),
            Scalar::Bool(b) => out.extend_from_slice(if b { b"true" } else { b"false" }),
        }
    }
}

/// A date as a JSON string, as chrono displays it ("2021-05-04").
fn push_date(out: &mut Vec<u8>, d: chrono::NaiveDate) {
    use chrono::Datelike;
    let year = d.year();
    if !(0..=9999).contains(&year) {
        use std::io::Write;
        let _ = write!(out, "\"{d}\"");
        return;
    }
    let two = |n: u32| [b'0' + (n / 10) as u8, b'0' + (n % 10) as u8];
    let y = year as u32;
    out.push(b'"');
    out.extend_from_slice(&two(y / 100));
    out.extend_from_slice(&two(y % 100));
    out.push(b'-');
    out.extend_from_slice(&two(d.month()));
    out.push(b'-');
    out.extend_from_slice(&two(d.day()));
    out.push(b'"');
}

impl ValueJson<'_> {
    /// The value's compact JSON (`serde_json::to_writer`'s).
    pub fn push_compact(&self, out: &mut Vec<u8>) {
        out.push(b'{');
        let mut first = true;
        let _ = self.fields(|name, f| -> Result<(), std::convert::Infallible> {
            if !first {
                out.push(b',');
            }
            first = false;
            out.push(b'"');
            out.extend_from_slice(name.as_bytes());
            out.extend_from_slice(b"\":");
            f.scalar().push_json(out);
            Ok(())
        });
        out.push(b'}');
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn values_written_as_bytes_are_what_their_serializer_writes() {
        let body = concat!(
            "Tuesday May 4th, 2021. Yesterday (Monday, May 4) about 300 troops and 12 \"men\"\n",
            "arrived; $5.4 billion, 40% of homes, 25 km for 3 days, 10–12 percent, -4 C.\n",
            "On April 31 and February 29, 2021, 2.5 percent of 1.75 million voters left.\n"
        );
        let claims = crate::extract::claims_in(body, None);
        assert!(claims.len() >= 12, "{claims:?}");
        for c in &claims {
            let _ = c
                .value
                .json()
                .fields(|name, f| -> Result<(), std::convert::Infallible> {
                    let mut one = Vec::new();
                    f.scalar().push_json(&mut one);
                    assert_eq!(f.scalar().is_null(), one == b"null", "{name}");
                    Ok(())
                });
            let mut fast = Vec::new();
            c.value.json().push_compact(&mut fast);
            let plain = serde_json::to_vec(&c.value.json()).unwrap();
            assert_eq!(
                String::from_utf8(fast).unwrap(),
                String::from_utf8(plain).unwrap()
            );
        }
        for date in [
            (2021, 5, 4),
            (1, 1, 1),
            (9999, 12, 31),
            (10000, 1, 1),
            (-44, 3, 15),
        ] {
            let d = chrono::NaiveDate::from_ymd_opt(date.0, date.1, date.2).unwrap();
            let mut fast = Vec::new();
            Scalar::Date(Some(d)).push_json(&mut fast);
            assert_eq!(fast, serde_json::to_vec(&d.to_string()).unwrap(), "{d}");
        }
        for text in [None, Some(""), Some("a \"q\" \\ \u{1b}[2J\n\tzoë")] {
            let mut fast = Vec::new();
            push_text(&mut fast, text);
            assert_eq!(fast, serde_json::to_vec(&text).unwrap());
        }
    }
}
