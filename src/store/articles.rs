//! Articles: insert (idempotent on the body's hash), look up, list.

use anyhow::Result;
use rusqlite::{Connection, OptionalExtension, Row, params};

use super::{Workspace, new_id, now};
use crate::model::Article;

/// An article about to be stored, with its metadata resolved.
#[derive(Debug, Clone)]
pub struct NewArticle {
    pub title: String,
    pub url: Option<String>,
    pub outlet: Option<String>,
    pub author: Option<String>,
    pub published: Option<String>,
    pub story: Option<String>,
    pub body: String,
    pub body_sha256: String,
    pub source_path: Option<String>,
    pub language: Option<String>,
}

#[derive(Debug, Clone, Default)]
pub struct ArticleFilter {
    pub story: Option<String>,
}

const ARTICLE_COLUMNS: &str = "a.id, a.title, a.url, a.outlet, a.author, a.published, a.story, \
     a.source_path, (SELECT count(*) FROM claims c WHERE c.article_id = a.id), a.ingested_at, a.language";

fn article_from_row(r: &Row) -> rusqlite::Result<Article> {
    Ok(Article {
        id: r.get(0)?,
        title: r.get(1)?,
        url: r.get(2)?,
        outlet: r.get(3)?,
        author: r.get(4)?,
        published: r.get(5)?,
        story: r.get(6)?,
        source_path: r.get(7)?,
        claims: r.get(8)?,
        ingested_at: r.get(9)?,
        language: r.get(10)?,
    })
}

/// The id of the article with this body hash, if it is already stored.
pub fn find_by_hash(conn: &Connection, sha: &str) -> Result<Option<String>> {
    Ok(conn
        .prepare_cached("SELECT id FROM articles WHERE body_sha256 = ?1")?
        .query_row([sha], |r| r.get(0))
        .optional()?)
}

/// Stores the article and returns its new id.
pub fn insert(conn: &Connection, a: &NewArticle) -> Result<String> {
    let id = new_id();
    conn.prepare_cached(
        "INSERT INTO articles (id, url, title, outlet, author, published, story, body, body_sha256, source_path, ingested_at, language)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)",
    )?
    .execute(params![
        id,
        a.url,
        a.title,
        a.outlet,
        a.author,
        a.published,
        a.story,
        a.body,
        a.body_sha256,
        a.source_path,
        now(),
        a.language
    ])?;
    Ok(id)
}

/// What the checks and `add` need of an article beyond its listing row.
#[derive(Debug, Clone)]
pub struct ArticleText {
    pub id: String,
    pub title: String,
    pub url: Option<String>,
    pub published: Option<String>,
    pub story: Option<String>,
    pub body: String,
}

impl Workspace {
    pub fn article(&self, id: &str) -> Result<Article> {
        let sql = format!("SELECT {ARTICLE_COLUMNS} FROM articles a WHERE a.id = ?1");
        Ok(self.conn.query_row(&sql, [id], article_from_row)?)
    }

    pub fn article_text(&self, id: &str) -> Result<ArticleText> {
        Ok(self.conn.query_row(
            "SELECT id, title, url, published, story, body FROM articles WHERE id = ?1",
            [id],
            |r| {
                Ok(ArticleText {
                    id: r.get(0)?,
                    title: r.get(1)?,
                    url: r.get(2)?,
                    published: r.get(3)?,
                    story: r.get(4)?,
                    body: r.get(5)?,
                })
            },
        )?)
    }

    /// The given articles, in the order given, in one query whatever their number.
    pub fn articles_by_ids(&self, ids: &[String]) -> Result<Vec<Article>> {
        let sql = format!(
            "SELECT {ARTICLE_COLUMNS} FROM json_each(?1) AS wanted JOIN articles a ON a.id = wanted.value ORDER BY wanted.key"
        );
        let mut stmt = self.conn.prepare_cached(&sql)?;
        let rows = stmt.query_map([serde_json::to_string(ids)?], article_from_row)?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// Articles in ingest order (ids are time-ordered).
    pub fn articles(&self, filter: &ArticleFilter) -> Result<Vec<Article>> {
        let mut sql = format!("SELECT {ARTICLE_COLUMNS} FROM articles a");
        if filter.story.is_some() {
            sql.push_str(" WHERE a.story = ?1");
        }
        sql.push_str(" ORDER BY a.id");
        super::query_opt(&self.conn, &sql, filter.story.as_deref(), article_from_row)
    }
}
