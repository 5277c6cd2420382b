//! `number-conflict`: two count, money or percent claims about the same thing whose ranges
//! cannot both be true. "The same thing" is the same subject (singular and plural are one)
//! and the same kind of event (killed and died are one), within one story, or within one
//! article when it has no story.

use foldhash::HashMap;

use super::quantity::terms;
use crate::model::value::number_json;
pub use crate::model::{Anchor, ConflictKey};
use crate::model::{ArticleId, Claim, ClaimId, ClaimKind, SharedText};

use super::finding::FindingIds;
use super::{Finding, FindingClaim, Rule, Severity};

/// The key a workspace stores with a claim (its scope is filled in by the store): the one
/// place stored keys are computed, handed to `Workspace::open`.
pub fn stored_key(c: &Claim) -> Option<(ConflictKey, Anchor)> {
    conflict_key(c, "")
}

/// The key of a claim within `scope` (a story, or an article id), with its anchors, or None
/// when the claim is not a total that can be compared (see `quantity::terms`).
pub fn conflict_key(c: &Claim, scope: &str) -> Option<(ConflictKey, Anchor)> {
    let t = terms(c)?;
    Some((
        ConflictKey {
            scope: scope.to_string(),
            kind: c.kind(),
            subject: t.subject,
            event: t.event,
            // A measure is compared only with measures of its quantity (lengths with
            // lengths), in the key's currency slot.
            currency: c
                .value
                .currency()
                .or(c.value.quantity())
                .map(str::to_string),
        },
        t.anchor,
    ))
}

/// Which figure to check: the one fewer of the group's other figures agree with (`l` with
/// the later, `e` with the earlier), when the group says; otherwise both.
fn suggestion(l: usize, e: usize, later: &str, earlier: &str) -> String {
    let agree = |n: usize| {
        if n == 1 {
            "1 other figure agrees".to_string()
        } else {
            format!("{n} other figures agree")
        }
    };
    match l.cmp(&e) {
        std::cmp::Ordering::Less => format!("check \"{later}\": {} with \"{earlier}\"", agree(e)),
        std::cmp::Ordering::Greater => {
            format!("check \"{earlier}\": {} with \"{later}\"", agree(l))
        }
        std::cmp::Ordering::Equal => format!(
            "check which figure is right, or say why they differ (\"{earlier}\" vs \"{later}\")"
        ),
    }
}

/// The range compared: a measure's in SI units (so 25 km and 40 miles compare), any other
/// claim's as written. A measure written in one unit and converted is rarely exact ("10
/// miles" is 16.09 km, "16 km" is 9.94 miles): its ends are widened by 5%, or by 1 K for a
/// temperature, so that the same figure in two units is not a conflict.
fn low(c: &Claim) -> Option<f64> {
    match c.kind() {
        ClaimKind::Measure => c.value.si_range().0.map(|x| x - slack(c, x)),
        _ => c.value.low(),
    }
}

fn high(c: &Claim) -> Option<f64> {
    match c.kind() {
        ClaimKind::Measure => c.value.si_range().1.map(|x| x + slack(c, x)),
        _ => c.value.high(),
    }
}

fn slack(c: &Claim, x: f64) -> f64 {
    if c.value.quantity() == Some("temperature") {
        1.0
    } else {
        x.abs() * 0.05
    }
}

fn range_text(c: &Claim) -> String {
    range_text_of(c.kind(), c.value.low(), c.value.high(), c.value.unit())
}

/// A figure's range as written ("9–11", "100 or more"), with its unit for a measure.
fn range_text_of(
    kind: ClaimKind,
    low: Option<f64>,
    high: Option<f64>,
    unit: Option<&str>,
) -> String {
    let n = |x| number_json(x).to_string();
    let unit = match (kind, unit) {
        (ClaimKind::Measure, Some(u)) => format!(" {u}"),
        _ => String::new(),
    };
    let range = match (low, high) {
        (Some(l), Some(h)) if l == h => n(Some(l)),
        (Some(l), Some(h)) => format!("{}–{}", n(Some(l)), n(Some(h))),
        (Some(l), None) => format!("{} or more", n(Some(l))),
        (None, Some(h)) => format!("up to {}", n(Some(h))),
        (None, None) => "?".into(),
    };
    range + &unit
}

/// Findings for one group of claims with the same key, in reading order (story, article,
/// position), `anchors[i]` being the anchors of `group[i]`. A claim that cannot be true with
/// an earlier one of compatible anchors is one finding, paired with the first such earlier
/// claim: at most one finding per claim, so one wrong figure among many agreeing ones does
/// not flood the report with every pair.
pub fn number_conflicts(key: &ConflictKey, group: &[&Claim], anchors: &[Anchor]) -> Vec<Finding> {
    NumberConflicts::new(key, group, anchors).collect()
}

/// `number_conflicts` made one finding at a time, in the group's order.
pub struct NumberConflicts<'g, 'c> {
    key: &'g ConflictKey,
    group: &'g [&'c Claim],
    anchors: &'g [Anchor],
    support: Support,
    scan: GroupScan,
    /// The next claim to look at.
    next: usize,
}

impl<'g, 'c> NumberConflicts<'g, 'c> {
    pub fn new(key: &'g ConflictKey, group: &'g [&'c Claim], anchors: &'g [Anchor]) -> Self {
        NumberConflicts {
            key,
            group,
            anchors,
            support: Support::new(group),
            scan: GroupScan::default(),
            next: 0,
        }
    }
}

impl Iterator for NumberConflicts<'_, '_> {
    type Item = Finding;

    fn next(&mut self) -> Option<Finding> {
        while self.next < self.group.len() {
            let j = self.next;
            self.next += 1;
            let later = self.group[j];
            if let (Some(i), _) = self.scan.push(j, &self.anchors[j], later) {
                return Some(conflict_finding(
                    self.key,
                    &self.support,
                    later,
                    self.group[i],
                ));
            }
        }
        None
    }
}

/// The finding of claim `later` that cannot be true with claim `earlier` of the group
/// `support` counts.
fn conflict_finding(
    key: &ConflictKey,
    support: &Support,
    later: &Claim,
    earlier: &Claim,
) -> Finding {
    PendingConflict::new(later, earlier, 0).finding(key, support, earlier)
}

/// A number-conflict finding before its group is complete: all of it but the suggestion,
/// which counts the group's figures. Kept small (what it names of its later claim, not the
/// claim), as a long article may have one for most of its figures, all waiting.
pub(super) struct PendingConflict {
    ids: FindingIds,
    text: SharedText,
    start: usize,
    end: usize,
    sentence: SharedText,
    /// The claim's id and article, when it is stored.
    stored: Option<Box<(Option<ClaimId>, Option<ArticleId>)>>,
    kind: ClaimKind,
    /// The value's range as written, and the top of the range compared.
    low: Option<f64>,
    high: Option<f64>,
    compared_high: Option<f64>,
    unit: Option<Box<str>>,
    /// The earlier claim's place in its group.
    pub(super) earlier: usize,
}

impl PendingConflict {
    pub(super) fn new(later: &Claim, earlier: &Claim, earlier_at: usize) -> PendingConflict {
        let article_id = later.review().article_id.clone();
        PendingConflict {
            ids: FindingIds::of(Rule::NumberConflict, &[later, earlier]),
            text: later.text.clone(),
            start: later.start,
            end: later.end,
            sentence: later.sentence.clone(),
            stored: (later.id.is_some() || article_id.is_some())
                .then(|| Box::new((later.id.clone(), article_id))),
            kind: later.kind(),
            low: later.value.low(),
            high: later.value.high(),
            compared_high: high(later),
            unit: later.value.unit().map(Box::from),
            earlier: earlier_at,
        }
    }

    /// Where the finding stands: its later claim's place.
    pub(super) fn place(&self) -> (usize, usize) {
        (self.start, self.end)
    }

    fn article_id(&self) -> Option<&ArticleId> {
        self.stored.as_ref().and_then(|s| s.1.as_ref())
    }

    /// The finding, its group complete (`support`) and its earlier claim at hand.
    pub(super) fn finding(self, key: &ConflictKey, support: &Support, earlier: &Claim) -> Finding {
        let across = self.article_id() != earlier.review().article_id.as_ref();
        let about = match &key.event {
            Some(e) => format!("{} {e}", key.subject),
            None => key.subject.clone(),
        };
        let message = format!(
            "\"{}\" ({}) cannot be true with \"{}\" ({}){}, both about {about}",
            self.text,
            range_text_of(self.kind, self.low, self.high, self.unit.as_deref()),
            earlier.text,
            range_text(earlier),
            if across {
                " in another article of the story"
            } else {
                ""
            },
        );
        let agree_later = support.of_ends(self.low, self.compared_high);
        let suggestion = suggestion(agree_later, support.of(earlier), &self.text, &earlier.text);
        let (id, article_id) = match self.stored {
            Some(s) => (s.0, s.1),
            None => (None, None),
        };
        Finding {
            id: self.ids.id(),
            legacy_id: self.ids.legacy_id(),
            rule: Rule::NumberConflict,
            severity: Severity::Warning,
            message,
            suggestion: Some(suggestion),
            article_id: article_id.clone(),
            text: self.text.to_string(),
            start: self.start,
            end: self.end,
            claims: vec![
                FindingClaim {
                    id,
                    article_id,
                    text: self.text,
                    start: self.start,
                    end: self.end,
                    sentence: self.sentence,
                },
                FindingClaim::of(earlier),
            ],
        }
    }
}

/// A group's claims seen so far, one at a time in the group's order, as the search for
/// conflicts needs them: one prefix per distinct anchor (a group holds few of them), and
/// for each distinct anchor the others it is compatible with, found once (a claim-dense
/// article gave each group dozens of dates, compared with every claim).
#[derive(Default)]
pub(super) struct GroupScan {
    /// Each distinct anchor, its claims' prefix, and the anchors of `seen` it is
    /// compatible with among those of its years looked at so far (how many: the first).
    seen: Vec<(Anchor, Prefix, (usize, Vec<usize>))>,
    /// The anchors of each set of years, by place in `seen`: only anchors of the same
    /// years can be compatible ("N percent ... in district 1987" made hundreds of anchors
    /// in one group).
    by_years: HashMap<String, YearsSeen>,
}

/// The distinct anchors of one set of years: in the order seen, and by value.
#[derive(Default)]
struct YearsSeen {
    order: Vec<usize>,
    places: HashMap<Anchor, usize>,
}

impl GroupScan {
    /// Looks at claim `j` of the group, with its anchor: the first earlier claim of
    /// compatible anchors it cannot be true with, if any, and whether `j` itself may be
    /// such an earlier claim for a later one (a record of its prefix).
    pub(super) fn push(&mut self, j: usize, anchor: &Anchor, c: &Claim) -> (Option<usize>, bool) {
        let seen = &mut self.seen;
        let years = self.by_years.entry(anchor.years_key()).or_default();
        let x = match years.places.get(anchor) {
            Some(&x) => x,
            None => {
                let x = seen.len();
                years.order.push(x);
                years.places.insert(anchor.clone(), x);
                seen.push((anchor.clone(), Prefix::default(), (0, Vec::new())));
                x
            }
        };
        // The anchors of these years seen since `x` last looked, compared once.
        let (looked, mut compatible) = std::mem::take(&mut seen[x].2);
        for &i in &years.order[looked..] {
            if seen[i].0.compatible(anchor) {
                compatible.push(i);
            }
        }
        let earlier = compatible
            .iter()
            .filter_map(|&i| seen[i].1.first_disjoint(c))
            .min();
        seen[x].2 = (years.order.len(), compatible);
        (earlier, seen[x].1.push(j, c))
    }
}

/// The claims seen so far in a group, kept so that "the first earlier claim that cannot be
/// true with this one" is a binary search, not a scan: a group can hold thousands of claims.
#[derive(Default)]
struct Prefix {
    /// (low, index) each time a new highest low appears: increasing lows.
    low_records: Vec<(f64, usize)>,
    /// (high, index) each time a new lowest high appears: decreasing highs.
    high_records: Vec<(f64, usize)>,
}

impl Prefix {
    /// Adds claim `i`: whether it set a record (and so may be named by a later finding).
    fn push(&mut self, i: usize, c: &Claim) -> bool {
        let mut record = false;
        if let Some(l) = low(c)
            && self.low_records.last().is_none_or(|r| l > r.0)
        {
            self.low_records.push((l, i));
            record = true;
        }
        if let Some(h) = high(c)
            && self.high_records.last().is_none_or(|r| h < r.0)
        {
            self.high_records.push((h, i));
            record = true;
        }
        record
    }

    /// The first claim seen whose range lies wholly above or below `c`'s.
    fn first_disjoint(&self, c: &Claim) -> Option<usize> {
        // The first claim with low > c.high is the first new-highest-low record above it.
        let above = high(c).and_then(|h| {
            let k = self.low_records.partition_point(|r| r.0 <= h);
            self.low_records.get(k).map(|r| r.1)
        });
        let below = low(c).and_then(|l| {
            let k = self.high_records.partition_point(|r| r.0 >= l);
            self.high_records.get(k).map(|r| r.1)
        });
        above.into_iter().chain(below).min()
    }
}

/// How many of a group's other figures can be true together with a claim, by counting
/// those that cannot (sorted ends, binary search): no claim is below and above at once.
pub(super) struct Support {
    lows: Vec<f64>,
    highs: Vec<f64>,
    others: usize,
}

impl Support {
    fn new(group: &[&Claim]) -> Support {
        let mut ends = SupportEnds::default();
        for c in group {
            ends.push(c);
        }
        ends.finish()
    }

    fn of(&self, c: &Claim) -> usize {
        self.of_ends(c.value.low(), high(c))
    }

    /// `of` a claim whose value's low is `low` and whose compared high is `high`.
    fn of_ends(&self, low: Option<f64>, high: Option<f64>) -> usize {
        let above = high.map_or(0, |h| {
            self.lows.len() - self.lows.partition_point(|&l| l <= h)
        });
        let below = low.map_or(0, |l| self.highs.partition_point(|&h| h < l));
        self.others - above - below
    }
}

/// The ends of a group's ranges, gathered one claim at a time, for `Support`.
#[derive(Default)]
pub(super) struct SupportEnds {
    lows: Vec<f64>,
    highs: Vec<f64>,
    claims: usize,
}

impl SupportEnds {
    pub(super) fn push(&mut self, c: &Claim) {
        self.lows.extend(low(c));
        self.highs.extend(high(c));
        self.claims += 1;
    }

    /// How many claims were pushed.
    pub(super) fn len(&self) -> usize {
        self.claims
    }

    pub(super) fn finish(mut self) -> Support {
        self.lows.sort_by(f64::total_cmp);
        self.highs.sort_by(f64::total_cmp);
        Support {
            lows: self.lows,
            highs: self.highs,
            others: self.claims.saturating_sub(1),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The plain definition the indexed search must agree with.
    fn disjoint(a: &Claim, b: &Claim) -> bool {
        let above = |x: &Claim, y: &Claim| matches!((x.value.low(), y.value.high()), (Some(l), Some(h)) if l > h);
        above(a, b) || above(b, a)
    }

    #[test]
    fn indexed_search_agrees_with_the_plain_definition() {
        // Deterministic pseudo-random groups: exact, open-topped, open-bottomed and banded.
        let mut seed: u64 = 7;
        let mut next = |m: u64| {
            seed = seed
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            (seed >> 33) % m
        };
        for _ in 0..200 {
            let n = 1 + next(30) as usize;
            let claims: Vec<Claim> = (0..n)
                .map(|_| {
                    let a = next(100) as f64;
                    let (low, high) = match next(5) {
                        0 => (Some(a), Some(a)),
                        1 => (Some(a), None),
                        2 => (Some(a), Some(a + next(40) as f64)),
                        3 => (None, Some(a)),
                        _ => (Some(a * 0.9), Some(a * 1.1)),
                    };
                    let mut c = count("x", 0.0, high);
                    if let Value::Count(f) = &mut c.value {
                        f.low = low;
                    }
                    c
                })
                .collect();
            let group: Vec<&Claim> = claims.iter().collect();
            let support = Support::new(&group);
            let mut seen = Prefix::default();
            for (j, c) in group.iter().enumerate() {
                let plain = group[..j].iter().position(|e| disjoint(c, e));
                assert_eq!(seen.first_disjoint(c), plain);
                let plain_support = group
                    .iter()
                    .enumerate()
                    .filter(|(k, o)| *k != j && !disjoint(c, o))
                    .count();
                assert_eq!(support.of(c), plain_support);
                seen.push(j, c);
            }
        }
    }
    #[test]
    fn a_group_scan_compares_each_claim_with_every_compatible_earlier_one() {
        // Anchors with and without years, places, both: the scan groups them by years,
        // and must find what a comparison with every earlier claim finds.
        let anchors: Vec<Anchor> = [
            "",
            "year=2003",
            "year=2004",
            "place=kenya",
            "place=kenya;year=2003",
            "place=gaza;year=2003",
            "year=2003;year=2004",
            "month=3",
            "month=4",
            "month=3;place=kenya",
            "place=gaza",
            "place=gaza;place=kenya",
            "place=gaza;place=kenya;year=2003",
            "date=monday, may 3",
        ]
        .iter()
        .map(|a| Anchor::decode(a))
        .collect();
        let mut seed: u64 = 11;
        let mut next = |m: u64| {
            seed = seed
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            (seed >> 33) % m
        };
        for _ in 0..300 {
            let n = 1 + next(40) as usize;
            let group: Vec<(Claim, &Anchor)> = (0..n)
                .map(|_| {
                    let a = next(60) as f64;
                    let c = count("x", a, Some(a + next(3) as f64));
                    (c, &anchors[next(anchors.len() as u64) as usize])
                })
                .collect();
            let mut scan = GroupScan::default();
            for (j, (c, anchor)) in group.iter().enumerate() {
                let earlier = group[..j]
                    .iter()
                    .position(|(e, a)| a.compatible(anchor) && disjoint(c, e));
                // A record: no earlier claim of the same anchors has as high a low, or as
                // low a high.
                let same: Vec<&Claim> = group[..j]
                    .iter()
                    .filter(|(_, a)| *a == *anchor)
                    .map(|(e, _)| e)
                    .collect();
                let record = same.iter().all(|e| e.value.low() < c.value.low())
                    || same.iter().all(|e| e.value.high() > c.value.high());
                assert_eq!(scan.push(j, anchor, c), (earlier, record), "claim {j}");
            }
        }
    }

    use crate::model::{Figure, Origin, Value};

    fn count(text: &str, low: f64, high: Option<f64>) -> Claim {
        let value = Value::Count(Figure {
            low: Some(low),
            high,
            subject: Some("homes destroyed".into()),
            predicate: Some("destroyed".into()),
            qualifier: None,
        });
        let mut c = Claim::unstored(
            text.into(),
            0,
            text.len(),
            "".into(),
            Origin::Extracted,
            value,
        );
        c.id = Some(text.into());
        c.review_mut().article_id = Some("a".into());
        c
    }

    #[test]
    fn one_finding_per_claim_that_contradicts_an_earlier_one() {
        let claims = [
            count("1,200 homes", 1200.0, Some(1200.0)),
            count("around 800 homes", 720.0, Some(880.0)),
            count("some 1,250 homes", 1125.0, Some(1375.0)),
        ];
        let refs: Vec<&Claim> = claims.iter().collect();
        let (key, _) = conflict_key(&claims[0], "story:x").unwrap();
        let found = number_conflicts(
            &key,
            &refs,
            &[Anchor::default(), Anchor::default(), Anchor::default()],
        );
        let pairs: Vec<(&str, &str)> = found
            .iter()
            .map(|f| (f.claims[0].text.as_str(), f.claims[1].text.as_str()))
            .collect();
        assert_eq!(
            pairs,
            [
                ("around 800 homes", "1,200 homes"),
                ("some 1,250 homes", "around 800 homes")
            ]
        );
        // 1,200 and 1,250 agree with each other; 800 agrees with neither.
        assert_eq!(
            found[0].suggestion.as_deref(),
            Some("check \"around 800 homes\": 1 other figure agrees with \"1,200 homes\"")
        );
        assert_eq!(
            found[1].suggestion.as_deref(),
            Some("check \"around 800 homes\": 1 other figure agrees with \"some 1,250 homes\"")
        );
    }

    #[test]
    fn compatible_qualified_figures_do_not_conflict() {
        let claims = [
            count("more than 100", 100.0, None),
            count("120", 120.0, Some(120.0)),
            count("at least 27", 27.0, None),
        ];
        let refs: Vec<&Claim> = claims.iter().collect();
        let (key, _) = conflict_key(&claims[0], "story:x").unwrap();
        let none = vec![Anchor::default(); 3];
        assert!(number_conflicts(&key, &refs, &none).is_empty());
        assert_eq!(key.subject, "home");
        assert_eq!(key.event.as_deref(), Some("destroyed"));
    }

    #[test]
    fn different_anchors_are_never_compared_a_missing_one_matches_any() {
        let claims = [
            count("1,200 homes", 1200.0, Some(1200.0)),
            count("800 homes", 800.0, Some(800.0)),
            count("500 homes", 500.0, Some(500.0)),
        ];
        let refs: Vec<&Claim> = claims.iter().collect();
        let (key, _) = conflict_key(&claims[0], "story:x").unwrap();
        let anchors = [
            Anchor::decode("place=kenya"),
            Anchor::decode("place=tanzania"),
            Anchor::default(),
        ];
        let found = number_conflicts(&key, &refs, &anchors);
        let pairs: Vec<(&str, &str)> = found
            .iter()
            .map(|f| (f.claims[0].text.as_str(), f.claims[1].text.as_str()))
            .collect();
        // Kenya and Tanzania are two quantities; the unanchored 500 is compared with both.
        assert_eq!(pairs, [("500 homes", "1,200 homes")]);
    }
}
