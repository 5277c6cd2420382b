//! Rows as the model's structs: the column lists and their readers, one per struct.

use chrono::NaiveDate;
use postgres::Row;

use crate::model::{Article, Claim, ClaimKind, Fields, Origin, Review, Status, Value};
use crate::store::KnownReview;

/// A claim (`c`) and its article (`ca`), as `claim` reads them.
pub const CLAIMS: &str = "claims c JOIN articles ca ON ca.number = c.article_number";

/// The columns `claim` reads, in its order; a query may add its own after them.
pub const CLAIM_COLUMNS: &str = "c.id, ca.id, c.kind, c.text, c.start_char, c.end_char, c.sentence_start, \
     c.status, c.assignee, c.origin, c.value_low, c.value_high, c.qualifier, c.subject, c.predicate, \
     c.unit, c.currency, c.date, c.weekday, c.relative, c.year_inferred, c.date_valid, \
     coalesce(c.created_at, ca.ingested_at), coalesce(c.updated_at, c.created_at, ca.ingested_at), \
     c.number, c.rating, c.explanation, c.quantity, c.si_low, c.si_high, c.sentence_end";
pub const CLAIM_COLUMN_COUNT: usize = 31;

fn offset(r: &Row, i: usize) -> usize {
    r.get::<_, i64>(i).max(0) as usize
}

/// A claim as CLAIM_COLUMNS reads it; its sentence is cut from the body by `fill`.
pub fn claim(r: &Row) -> Claim {
    let kind: String = r.get(2);
    let status: String = r.get(7);
    let origin: String = r.get(9);
    let date: Option<String> = r.get(17);
    let fields = Fields {
        low: r.get(10),
        high: r.get(11),
        qualifier: r.get(12),
        subject: r.get(13),
        predicate: r.get(14),
        unit: r.get(15),
        currency: r.get(16),
        date: date.and_then(|d| NaiveDate::parse_from_str(&d, "%Y-%m-%d").ok()),
        weekday: r.get(18),
        relative: r.get(19),
        year_inferred: r.get::<_, Option<bool>>(20).unwrap_or(false),
        valid: r.get::<_, Option<bool>>(21).unwrap_or(true),
        quantity: r.get(27),
        si_low: r.get(28),
        si_high: r.get(29),
    };
    Claim {
        id: Some(r.get::<_, String>(0).into()),
        text: r.get::<_, String>(3).into(),
        start: offset(r, 4),
        end: offset(r, 5),
        sentence: "".into(),
        sentence_span: Some((offset(r, 6), offset(r, 30))),
        status: status.parse().unwrap_or(Status::Unchecked),
        origin: Origin::parse(&origin),
        // The schema's CHECK constraints keep the kind valid.
        value: Value::new(kind.parse().unwrap_or(ClaimKind::Other), fields),
        number: r.get(24),
        review: Some(Box::new(Review {
            article_id: Some(r.get::<_, String>(1).into()),
            assignee: r.get(8),
            created_at: r.get(22),
            updated_at: r.get(23),
            rating: r.get(25),
            explanation: r.get(26),
        })),
    }
}

pub const ARTICLE_COLUMNS: &str = "a.id, a.title, a.url, a.outlet, a.author, a.published, a.story, \
     a.source_path, (SELECT count(*) FROM claims c WHERE c.article_number = a.number), a.ingested_at, \
     a.language, a.number, a.published_from, a.format, a.fetched_url, a.fetched_at, a.raw_sha256, \
     a.previous_id, (SELECT n.id FROM articles n WHERE n.previous_id = a.id)";

pub fn article(r: &Row) -> Article {
    Article {
        id: r.get::<_, String>(0).into(),
        title: r.get(1),
        url: r.get(2),
        outlet: r.get(3),
        author: r.get(4),
        published: r.get(5),
        story: r.get(6),
        source_path: r.get(7),
        claims: r.get(8),
        ingested_at: r.get(9),
        language: r.get(10),
        number: r.get(11),
        published_from: r.get(12),
        format: r.get(13),
        fetched_url: r.get(14),
        fetched_at: r.get(15),
        raw_sha256: r.get(16),
        previous_id: r.get::<_, Option<String>>(17).map(Into::into),
        next_id: r.get::<_, Option<String>>(18).map(Into::into),
    }
}

pub const REVIEW_COLUMNS: &str = "r.id, r.review_url, r.claim_reviewed, r.rating, r.rating_value, \
     r.best_rating, r.worst_rating, r.org, r.org_url, r.date_published, r.review_body, \
     r.appearance_url, r.claim_author, r.claim_date";

pub fn review(r: &Row) -> KnownReview {
    KnownReview {
        id: r.get(0),
        review_url: r.get(1),
        claim_reviewed: r.get(2),
        rating: r.get(3),
        rating_value: r.get(4),
        best_rating: r.get(5),
        worst_rating: r.get(6),
        org: r.get(7),
        org_url: r.get(8),
        date_published: r.get(9),
        review_body: r.get(10),
        appearance_url: r.get(11),
        claim_author: r.get(12),
        claim_date: r.get(13),
    }
}
