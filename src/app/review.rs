//! The review desk: mark, assign, add a claim by quote, correct it, dismiss a finding.
//! All claims of one call change, or none.

use anyhow::Result;
use chrono::NaiveDate;

use crate::error::Error;
use crate::extract::{CharCursor, claims_in, sentence_around, sentence_spans};
use crate::model::{
    Claim, ClaimId, ClaimKind, Fields, HistoryAction, Origin, Stance, Status, Value,
};
use crate::report::{Scope, findings};
use crate::store::{ClaimUpdate, Evidence, Store, now};

/// Evidence links must be web addresses a colleague can open.
pub fn check_url(url: &str) -> Result<()> {
    if crate::model::is_web_address(url) {
        Ok(())
    } else {
        Err(Error::Invalid(format!("'{url}' is not an http or https URL")).into())
    }
}

/// Every id or prefix resolved before anything changes: one bad id changes nothing.
fn claim_ids(ws: &dyn Store, prefixes: &[String]) -> Result<Vec<ClaimId>> {
    prefixes.iter().map(|p| ws.resolve_claim(p)).collect()
}

/// A claim and the status it had before.
pub struct Marked {
    pub id: ClaimId,
    pub before: Status,
}

/// A verdict to give with a status: a rating of the workspace's scale and why.
pub struct Verdict<'a> {
    pub rating: &'a str,
    pub explanation: Option<&'a str>,
}

/// Checks a verdict against the scale and the status it comes with: a rating off the scale
/// is a usage error listing it; "verified" rated false (or "disputed" rated true) is refused.
fn check_verdict(ws: &dyn Store, status: Status, v: &Verdict) -> Result<()> {
    let scale = ws.ratings()?;
    let Some((_, value)) = scale.iter().find(|(l, _)| l == v.rating) else {
        let labels: Vec<&str> = scale.iter().map(|(l, _)| l.as_str()).collect();
        return Err(Error::Usage(format!(
            "'{}' is not on the rating scale ({})",
            v.rating,
            labels.join(", ")
        ))
        .into());
    };
    let best = scale.iter().filter_map(|(_, v)| *v).max().unwrap_or(0);
    let worst = scale.iter().filter_map(|(_, v)| *v).min().unwrap_or(0);
    let contradiction = match (status, value) {
        (Status::Verified, Some(x)) => *x < (best + worst + 1) / 2,
        (Status::Disputed, Some(x)) => *x > (best + worst) / 2,
        _ => false,
    };
    if contradiction {
        return Err(Error::Invalid(format!(
            "a {status} claim cannot be rated '{}': the status and the verdict contradict",
            v.rating
        ))
        .into());
    }
    Ok(())
}

/// Sets the status of claims, with a note and an evidence link kept in their history, and
/// a verdict when given.
pub fn mark(
    ws: &mut dyn Store,
    claims: &[String],
    status: Status,
    note: Option<&str>,
    evidence: Option<&str>,
    actor: &str,
) -> Result<Vec<Marked>> {
    mark_with_verdict(ws, claims, status, note, evidence, None, actor)
}

pub fn mark_with_verdict(
    ws: &mut dyn Store,
    claims: &[String],
    status: Status,
    note: Option<&str>,
    evidence: Option<&str>,
    verdict: Option<&Verdict>,
    actor: &str,
) -> Result<Vec<Marked>> {
    if let Some(url) = evidence {
        check_url(url)?;
    }
    if let Some(v) = verdict {
        check_verdict(ws, status, v)?;
    }
    let ids = claim_ids(ws, claims)?;
    ws.write(|tx| {
        let mut changes = Vec::new();
        for id in &ids {
            let before = tx.get_claim(id)?.status;
            tx.update_claim(id, &ClaimUpdate::Status(status), actor, note, evidence)?;
            if let Some(url) = evidence {
                tx.add_evidence(&Evidence {
                    claim_id: id.clone(),
                    url: url.to_string(),
                    note: note.map(str::to_string),
                    stance: Stance::of_status(status),
                    added_by: actor.to_string(),
                    added_at: now(),
                })?;
            }
            if let Some(v) = verdict {
                tx.rate(id, v.rating, v.explanation, actor)?;
            }
            changes.push(Marked {
                id: id.clone(),
                before,
            });
        }
        Ok(changes)
    })
}

/// What `mark` would change, checked as `mark` checks it, changing nothing (`--dry-run`).
pub fn check_mark(
    ws: &dyn Store,
    claims: &[String],
    evidence: Option<&str>,
) -> Result<Vec<Marked>> {
    if let Some(url) = evidence {
        check_url(url)?;
    }
    claim_ids(ws, claims)?
        .into_iter()
        .map(|id| {
            let before = ws.claim(&id)?.status;
            Ok(Marked { id, before })
        })
        .collect()
}

/// Assigns claims to a reviewer, or unassigns them (`who` None). Returns their ids.
pub fn assign(
    ws: &mut dyn Store,
    claims: &[String],
    who: Option<&str>,
    actor: &str,
) -> Result<Vec<ClaimId>> {
    if who.is_some_and(|w| w.trim().is_empty()) {
        return Err(Error::Usage("the assignee is empty".into()).into());
    }
    let ids = claim_ids(ws, claims)?;
    let update = ClaimUpdate::Assignee(who.map(str::to_string));
    ws.write(|tx| {
        for id in &ids {
            tx.update_claim(id, &update, actor, None, None)?;
        }
        Ok(())
    })?;
    Ok(ids)
}

/// A claim to add by hand: the exact words, which occurrence of them, and its kind.
pub struct AddClaim<'a> {
    pub article: &'a str,
    pub quote: &'a str,
    pub occurrence: usize,
    pub kind: Option<ClaimKind>,
}

/// Adds a claim the extractor missed; its value is the extractor's reading of the same
/// words when there is one. Returns the stored claim.
pub fn add_claim(ws: &mut dyn Store, req: &AddClaim, actor: &str) -> Result<Claim> {
    let article_id = ws.resolve_article(req.article)?;
    if req.quote.trim().is_empty() {
        return Err(Error::Usage("the quote is empty".into()).into());
    }
    if req.occurrence == 0 {
        return Err(Error::Usage("--occurrence counts from 1".into()).into());
    }
    let article = ws.article_text(&article_id)?;
    let body = &article.body;
    let found: Vec<usize> = body.match_indices(req.quote).map(|(i, _)| i).collect();
    let Some(&byte_start) = found.get(req.occurrence - 1) else {
        let why = if found.is_empty() {
            format!(
                "the quote \"{}\" does not occur in article {}",
                req.quote, article.title
            )
        } else {
            format!(
                "the quote occurs {} time(s) in the article, not {}",
                found.len(),
                req.occurrence
            )
        };
        return Err(Error::Invalid(why).into());
    };
    let byte_end = byte_start + req.quote.len();
    let mut index = CharCursor::new(body);
    let (start, end) = (index.chars_before(byte_start), index.chars_before(byte_end));
    let published = article
        .published
        .as_deref()
        .and_then(|p| NaiveDate::parse_from_str(p, "%Y-%m-%d").ok());
    let extracted = claims_in(body, published)
        .into_iter()
        .find(|c| c.start == start && c.end == end && req.kind.is_none_or(|k| k == c.kind()));
    let kind = req
        .kind
        .or(extracted.as_ref().map(|c| c.kind()))
        .unwrap_or(ClaimKind::Other);
    let sentence = sentence_around(body, &sentence_spans(body), byte_start, byte_end);
    let value = match extracted {
        Some(c) if c.kind() == kind => c.value,
        _ => Value::empty(kind),
    };
    let mut claim = Claim::unstored(
        req.quote.into(),
        start,
        end,
        sentence.into(),
        Origin::Manual,
        value,
    );
    claim.sentence_span = crate::extract::byte_range_in(body, sentence)
        .map(|(s, e)| (index.chars_before(s), index.chars_before(e)));
    let id = ws.write(|tx| {
        if let Some(existing) = tx.claim_at(&article_id, start, end, kind)? {
            return Err(
                Error::Conflict(format!("that claim is already stored as {existing}")).into(),
            );
        }
        let since = tx.last_rowid()?;
        let id = tx
            .insert_claim(&article_id, &claim)?
            .ok_or_else(|| Error::Conflict("that claim is already stored".into()))?;
        tx.index_new_claims(since)?;
        // A claim someone has fact-checked already is found as it arrives, as in ingest.
        crate::claimreview::matching::match_new_claims(tx, since)?;
        tx.append_history(
            &id,
            &now(),
            actor,
            HistoryAction::Created,
            None,
            Some(kind.as_str()),
            None,
            None,
        )?;
        Ok(id)
    })?;
    claim.id = Some(id);
    claim.review_mut().article_id = Some(article_id);
    Ok(claim)
}

/// A reviewer's correction: the claim, its kind if it changes, the value fields given
/// (by their JSON names), and why.
pub struct EditClaim<'a> {
    pub claim: &'a str,
    pub kind: Option<ClaimKind>,
    pub fields: Vec<FieldEdit>,
    pub note: Option<&'a str>,
}

/// One value field set by a reviewer; None clears it.
#[derive(Debug, Clone, PartialEq)]
pub enum FieldEdit {
    Low(Option<f64>),
    High(Option<f64>),
    Qualifier(Option<String>),
    Subject(Option<String>),
    Predicate(Option<String>),
    Unit(Option<String>),
    Currency(Option<String>),
    Date(Option<NaiveDate>),
    Weekday(Option<String>),
}

impl FieldEdit {
    /// The field's name in the claim JSON.
    pub fn name(&self) -> &'static str {
        match self {
            FieldEdit::Low(_) => "low",
            FieldEdit::High(_) => "high",
            FieldEdit::Qualifier(_) => "qualifier",
            FieldEdit::Subject(_) => "subject",
            FieldEdit::Predicate(_) => "predicate",
            FieldEdit::Unit(_) => "unit",
            FieldEdit::Currency(_) => "currency",
            FieldEdit::Date(_) => "date",
            FieldEdit::Weekday(_) => "weekday",
        }
    }

    fn apply(&self, v: &mut Fields) {
        match self.clone() {
            FieldEdit::Low(x) => v.low = x,
            FieldEdit::High(x) => v.high = x,
            FieldEdit::Qualifier(x) => v.qualifier = x,
            FieldEdit::Subject(x) => v.subject = x,
            FieldEdit::Predicate(x) => v.predicate = x,
            FieldEdit::Unit(x) => v.unit = x,
            FieldEdit::Currency(x) => v.currency = x.map(|c| c.to_ascii_uppercase()),
            FieldEdit::Date(d) => {
                v.date = d;
                // A date a person gives is a real day they checked, not an inferred one.
                if d.is_some() {
                    v.valid = true;
                    v.year_inferred = false;
                }
            }
            FieldEdit::Weekday(x) => v.weekday = x,
        }
    }
}

/// Replaces a claim's kind and value; one history row per changed field. Returns the
/// claim's id and the fields that changed.
pub fn edit_claim(
    ws: &mut dyn Store,
    req: &EditClaim,
    actor: &str,
) -> Result<(ClaimId, Vec<String>)> {
    let id = ws.resolve_claim(req.claim)?;
    // Read, change and write in one transaction: a concurrent edit of another field is
    // read here, never overwritten with what this command saw before.
    let changed = ws.write(|tx| {
        let claim = tx.get_claim(&id)?;
        let kind = req.kind.unwrap_or(claim.kind());
        // A count has no currency and a date no range: a field the kind does not carry
        // would be stored where nothing shows it.
        if let Some(f) = req
            .fields
            .iter()
            .find(|f| !kind.fields().contains(&f.name()))
        {
            return Err(Error::Invalid(format!(
                "a {kind} claim has no {}: fields of a {kind} are {}",
                f.name(),
                match kind.fields() {
                    [] => "none".to_string(),
                    fs => fs.join(", "),
                }
            ))
            .into());
        }
        let mut f = claim.value.fields();
        for e in &req.fields {
            e.apply(&mut f);
        }
        if let (Some(l), Some(h)) = (f.low, f.high)
            && l > h
        {
            return Err(Error::Invalid(format!("low ({l}) is above high ({h})")).into());
        }
        // A measure's SI range and quantity follow its range and unit as corrected.
        if kind == ClaimKind::Measure {
            let unit = f.unit.clone().unwrap_or_default();
            let Some((quantity, to_si)) = crate::extract::unit_in_si(&unit) else {
                return Err(Error::Invalid(format!(
                    "'{unit}' is not a unit claimdesk reads (see README, Measurements)"
                ))
                .into());
            };
            f.quantity = Some(quantity.to_string());
            let si = |x: Option<f64>| to_si.and_then(|(m, o)| x.map(|x| x * m + o));
            f.si_low = si(f.low);
            f.si_high = si(f.high);
        }
        tx.edit_claim(&id, &Value::new(kind, f), actor, req.note)
    })?;
    Ok((id, changed))
}

/// Dismisses the current findings with these ids or unique prefixes, all or none, in one
/// transaction; with `dry_run`, finds them and changes nothing. Returns them.
pub fn dismiss_all(
    ws: &mut dyn Store,
    prefixes: &[String],
    note: &str,
    actor: &str,
    dry_run: bool,
) -> Result<Vec<crate::check::Finding>> {
    if note.trim().is_empty() {
        return Err(Error::Usage("--note must say why the finding is dismissed".into()).into());
    }
    let all = findings(ws, &Scope::default())?;
    let mut chosen = Vec::new();
    for finding in prefixes {
        let prefix = finding.trim().to_ascii_lowercase();
        let hits: Vec<_> = all
            .iter()
            .filter(|f| !prefix.is_empty() && f.id.starts_with(&prefix))
            .collect();
        match hits.as_slice() {
            [one] => chosen.push((*one).clone()),
            [] => {
                return Err(Error::NotFound {
                    what: "current finding",
                    id: finding.to_string(),
                }
                .into());
            }
            many => {
                return Err(Error::Ambiguous {
                    what: "finding",
                    prefix: finding.to_string(),
                    candidates: many.iter().map(|f| f.id.to_string()).collect(),
                }
                .into());
            }
        }
    }
    if !dry_run {
        ws.write(|tx| {
            for f in &chosen {
                let claim_ids: Vec<ClaimId> =
                    f.claims.iter().filter_map(|c| c.id.clone()).collect();
                tx.dismiss_finding(&f.id, f.rule, &claim_ids, note, actor)?;
            }
            Ok(())
        })?;
    }
    Ok(chosen)
}

/// Dismisses the current finding with this id or unique prefix; returns it.
pub fn dismiss(
    ws: &mut dyn Store,
    finding: &str,
    note: &str,
    actor: &str,
) -> Result<crate::check::Finding> {
    let mut list = dismiss_all(ws, &[finding.to_string()], note, actor, false)?;
    Ok(list.remove(0))
}

/// The next claim for `who` to review: one assigned to them and not yet decided (in review
/// first, then unchecked), else the oldest unchecked claim nobody else has taken; within a
/// story or of a kind when given.
pub fn next_claim(
    ws: &dyn Store,
    who: &str,
    story: Option<&str>,
    kind: Option<ClaimKind>,
) -> Result<Option<Claim>> {
    let filter = |status, assignee: Option<&str>, limit| crate::store::ClaimFilter {
        status: Some(status),
        kind,
        story: story.map(str::to_string),
        assignee: assignee.map(str::to_string),
        limit: Some(limit),
        ..Default::default()
    };
    for status in [Status::InReview, Status::Unchecked] {
        if let Some(c) = ws.claims(&filter(status, Some(who), 1))?.into_iter().next() {
            return Ok(Some(c));
        }
    }
    // Oldest first: ids are time-ordered, articles in ingest order, claims in text order.
    let open = ws.claims(&filter(Status::Unchecked, None, 200))?;
    Ok(open.into_iter().find(|c| c.review().assignee.is_none()))
}
