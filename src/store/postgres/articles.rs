//! Article writes: a corrected metadata field (with its history), the detected language,
//! and review work carried over to a new version.

use anyhow::{Result, bail};
use postgres::GenericClient;

use crate::error::Error;
use crate::model::ArticleId;
use crate::store::{ArticleField, now};

pub fn set_article_field(
    c: &mut impl GenericClient,
    id: &ArticleId,
    field: ArticleField,
    value: Option<&str>,
    actor: &str,
    note: Option<&str>,
) -> Result<bool> {
    // A field's name is its column's: fixed text per variant, never from input.
    let col = field.as_str();
    let id: &str = id;
    let Some(row) = c.query_opt(&format!("SELECT {col} FROM articles WHERE id = $1"), &[&id])?
    else {
        bail!(Error::NotFound {
            what: "article",
            id: id.to_string()
        });
    };
    let before: Option<String> = row.get(0);
    if before.as_deref() == value {
        return Ok(false);
    }
    c.execute(
        &format!("UPDATE articles SET {col} = $2 WHERE id = $1"),
        &[&id, &value],
    )?;
    if field == ArticleField::Published {
        c.execute(
            "UPDATE articles SET published_from = CASE WHEN $2::text IS NULL THEN NULL ELSE 'edit' END WHERE id = $1",
            &[&id, &value],
        )?;
    }
    if field == ArticleField::Story {
        c.execute(
            "UPDATE claims SET scope = coalesce('story:' || $2::text, 'article:' || $1::text)
             WHERE article_number = (SELECT number FROM articles WHERE id = $1) AND subject_key IS NOT NULL",
            &[&id, &value],
        )?;
    }
    c.execute(
        "INSERT INTO article_history (article_id, at, actor, field, from_value, to_value, note)
         VALUES ($1, $2, $3, $4, $5, $6, $7)",
        &[&id, &now(), &actor, &field.as_str(), &before, &value, &note],
    )?;
    Ok(true)
}

pub fn set_article_language(
    c: &mut impl GenericClient,
    id: &ArticleId,
    language: Option<&str>,
) -> Result<()> {
    let id: &str = id;
    c.execute(
        "UPDATE articles SET language = $2 WHERE id = $1",
        &[&id, &language],
    )?;
    Ok(())
}

pub fn carry_over(c: &mut impl GenericClient, old: &ArticleId, new: &ArticleId) -> Result<usize> {
    let (old, new): (&str, &str) = (old, new);
    let candidates: Vec<(String, String)> = c
        .query(
            "SELECT n.id, o.id FROM claims n JOIN claims o ON o.kind = n.kind AND o.text = n.text
               AND o.value_low IS NOT DISTINCT FROM n.value_low AND o.value_high IS NOT DISTINCT FROM n.value_high
               AND o.qualifier IS NOT DISTINCT FROM n.qualifier AND o.subject IS NOT DISTINCT FROM n.subject
               AND o.unit IS NOT DISTINCT FROM n.unit AND o.currency IS NOT DISTINCT FROM n.currency
               AND o.date IS NOT DISTINCT FROM n.date AND o.weekday IS NOT DISTINCT FROM n.weekday
               AND o.relative IS NOT DISTINCT FROM n.relative
             WHERE n.article_number = (SELECT number FROM articles WHERE id = $2)
               AND o.article_number = (SELECT number FROM articles WHERE id = $1)
             ORDER BY n.start_char, o.start_char",
            &[&old, &new],
        )?
        .iter()
        .map(|r| (r.get(0), r.get(1)))
        .collect();
    let pairs = crate::store::versions::pair_in_order(candidates);
    for (n, o) in &pairs {
        c.execute(
            "UPDATE claims SET (status, assignee, rating, explanation, updated_at) =
                 (SELECT o.status, o.assignee, o.rating, o.explanation,
                         coalesce(o.updated_at, o.created_at, a.ingested_at)
                  FROM claims o JOIN articles a ON a.number = o.article_number WHERE o.id = $2)
             WHERE id = $1",
            &[n, o],
        )?;
        c.execute(
            "INSERT INTO evidence (claim_id, url, note, stance, added_by, added_at)
             SELECT $1, url, note, stance, added_by, added_at FROM evidence WHERE claim_id = $2 ORDER BY id",
            &[n, o],
        )?;
        c.execute(
            "INSERT INTO claim_history (claim_id, at, actor, action, from_value, to_value, note, evidence_url)
             SELECT $1, at, actor, action, from_value, to_value, note, evidence_url
             FROM claim_history WHERE claim_id = $2 ORDER BY id",
            &[n, o],
        )?;
    }
    Ok(pairs.len())
}
