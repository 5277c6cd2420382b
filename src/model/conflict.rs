//! What the number-conflict check groups claims by, as stored with each claim: the key of
//! "the same quantity" and the figure's anchors. Computed by `check::conflict_key`; kept
//! here so that storage knows its shape without knowing the check.

use std::borrow::Cow;

use super::ClaimKind;

/// Claims with equal keys may be about the same thing; their anchors decide (see
/// `check::quantity`).
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct ConflictKey {
    pub scope: String,
    pub kind: ClaimKind,
    pub subject: String,
    pub event: Option<String>,
    pub currency: Option<String>,
}

/// Time and place anchors of a figure's sentence, as sorted (sort, value) pairs. The sorts
/// are a few words: named, not copied, when the anchor is read from a sentence. Shared
/// when cloned: every figure of a clause takes its clause's anchors, and the number
/// conflicts keep a copy of each distinct one. None when there are none (most figures):
/// nothing to allocate or share.
#[derive(Debug, Clone, Default, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Anchor(Option<std::sync::Arc<Vec<Pair>>>);

type Pair = (Cow<'static, str>, String);

impl Anchor {
    fn pairs(&self) -> &[Pair] {
        self.0.as_deref().map_or(&[], Vec::as_slice)
    }

    /// Two figures may be the same quantity when no sort of anchor has two values. A year
    /// must also be on both sides or neither: an unanchored figure is about the article's
    /// own time, so "168 people were killed in 1995" is another quantity than "259 killed".
    pub fn compatible(&self, other: &Anchor) -> bool {
        // Compared in place, without copies: each claim of a group is checked against each
        // distinct anchor seen before it.
        fn years(a: &Anchor) -> impl Iterator<Item = &Pair> {
            a.pairs().iter().filter(|(k, _)| k == "year")
        }
        if !years(self).eq(years(other)) {
            return false;
        }
        self.pairs().iter().all(|(k, v)| {
            other
                .pairs()
                .iter()
                .filter(|(k2, _)| k2 == k)
                .all(|(_, v2)| v2 == v)
        })
    }

    pub fn is_empty(&self) -> bool {
        self.pairs().is_empty()
    }

    /// The years of the anchor, as one text ("" for none): anchors are `compatible` only
    /// when their years are the same, so a scan can group them by this first.
    pub fn years_key(&self) -> String {
        let mut key = String::new();
        for (_, y) in self.pairs().iter().filter(|(k, _)| k == "year") {
            key.push_str(y);
            key.push(';');
        }
        key
    }

    /// The stored form: "place=kenya;year=2003", or "" for none.
    pub fn encode(&self) -> String {
        self.pairs()
            .iter()
            .map(|(k, v)| format!("{k}={v}"))
            .collect::<Vec<_>>()
            .join(";")
    }

    pub fn decode(s: &str) -> Anchor {
        let pairs: Vec<Pair> = s
            .split(';')
            .filter_map(|p| p.split_once('='))
            .map(|(k, v)| (Cow::Owned(k.to_string()), v.to_string()))
            .collect();
        Anchor((!pairs.is_empty()).then(|| std::sync::Arc::new(pairs)))
    }

    /// Adds one anchor, keeping the pairs sorted and without repeats.
    pub fn push(&mut self, sort: &'static str, value: String) {
        let pair = (Cow::Borrowed(sort), value);
        if !self.pairs().contains(&pair) {
            let pairs = std::sync::Arc::make_mut(self.0.get_or_insert_default());
            pairs.push(pair);
            pairs.sort();
        }
    }
}

/// How a workspace computes the key of a claim it stores: `check::stored_key`, handed to
/// the store when it opens, so that storage never imports the check.
pub type KeyFn = fn(&super::Claim) -> Option<(ConflictKey, Anchor)>;
