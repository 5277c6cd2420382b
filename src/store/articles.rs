//! Articles: insert (idempotent on the body's hash), look up, list.

use anyhow::Result;
use rusqlite::{Connection, OptionalExtension, Row, params};

use super::{Workspace, new_id, now};
use crate::model::{Article, ArticleId};

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
    /// "flag", "json-ld", "meta", "dateline" or "feed"; `None` when undated.
    pub published_from: Option<String>,
    /// "text", "markdown" or "html": what the body was read from.
    pub format: String,
    pub fetched_url: Option<String>,
    pub fetched_at: Option<String>,
    pub raw_sha256: Option<String>,
    /// The stored article this one is a later version of.
    pub previous_id: Option<ArticleId>,
}

impl Default for NewArticle {
    fn default() -> Self {
        NewArticle {
            title: String::new(),
            url: None,
            outlet: None,
            author: None,
            published: None,
            story: None,
            body: String::new(),
            body_sha256: String::new(),
            source_path: None,
            language: None,
            published_from: None,
            format: "text".into(),
            fetched_url: None,
            fetched_at: None,
            raw_sha256: None,
            previous_id: None,
        }
    }
}

#[derive(Debug, Clone, Default)]
pub struct ArticleFilter {
    pub story: Option<String>,
}

const ARTICLE_COLUMNS: &str = "a.id, a.title, a.url, a.outlet, a.author, a.published, a.story, \
     a.source_path, (SELECT count(*) FROM claims c WHERE c.article_number = a.number), a.ingested_at, a.language, a.number, \
     a.published_from, a.format, a.fetched_url, a.fetched_at, a.raw_sha256, a.previous_id, \
     (SELECT n.id FROM articles n WHERE n.previous_id = a.id)";

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
        number: r.get(11)?,
        published_from: r.get(12)?,
        format: r.get(13)?,
        fetched_url: r.get(14)?,
        fetched_at: r.get(15)?,
        raw_sha256: r.get(16)?,
        previous_id: r.get(17)?,
        next_id: r.get(18)?,
    })
}

/// The id of the article with this body hash, if it is already stored.
pub fn find_by_hash(conn: &Connection, sha: &str) -> Result<Option<ArticleId>> {
    Ok(conn
        .prepare_cached("SELECT id FROM articles WHERE body_sha256 = ?1")?
        .query_row([sha], |r| r.get(0))
        .optional()?)
}

/// Which of `urls` are already stored, as an article's address or the address it was
/// fetched from: one query whatever their number.
pub fn stored_urls(
    conn: &Connection,
    urls: &[String],
) -> Result<std::collections::HashSet<String>> {
    let list = serde_json::to_string(urls)?;
    let mut stmt = conn.prepare_cached(
        "SELECT value FROM json_each(?1) WHERE value IN (SELECT url FROM articles WHERE url IS NOT NULL)
            OR value IN (SELECT fetched_url FROM articles WHERE fetched_url IS NOT NULL)",
    )?;
    let found = stmt
        .query_map([list], |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    Ok(found)
}

/// Stores the article and returns its new id.
pub fn insert(conn: &super::Tx, a: &NewArticle) -> Result<ArticleId> {
    let id = ArticleId::new(new_id());
    conn.prepare_cached(
        "INSERT INTO articles (id, url, title, outlet, author, published, story, body, body_sha256, source_path, ingested_at, language, number,
                               published_from, format, fetched_url, fetched_at, raw_sha256, previous_id)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, ?19)",
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
        conn.now(),
        a.language,
        conn.take_number(true)?,
        a.published_from,
        a.format,
        a.fetched_url,
        a.fetched_at,
        a.raw_sha256,
        a.previous_id,
    ])?;
    Ok(id)
}

/// What the checks and `add` need of an article beyond its listing row.
#[derive(Debug, Clone)]
pub struct ArticleText {
    pub id: ArticleId,
    pub title: String,
    pub url: Option<String>,
    pub published: Option<String>,
    pub story: Option<String>,
    pub body: String,
}

impl Workspace {
    /// Which of `urls` are already stored (see `stored_urls`).
    pub fn stored_urls(&self, urls: &[String]) -> Result<std::collections::HashSet<String>> {
        stored_urls(&self.conn, urls)
    }

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
    pub fn articles_by_ids(&self, ids: &[ArticleId]) -> Result<Vec<Article>> {
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

/// An article metadata field a person may correct, with the column it is stored in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ArticleField {
    Published,
    Story,
    Url,
    Outlet,
    Author,
    Title,
}

impl ArticleField {
    pub fn as_str(self) -> &'static str {
        match self {
            ArticleField::Published => "published",
            ArticleField::Story => "story",
            ArticleField::Url => "url",
            ArticleField::Outlet => "outlet",
            ArticleField::Author => "author",
            ArticleField::Title => "title",
        }
    }

    /// The statements per field: fixed text, never built from input.
    fn select_sql(self) -> &'static str {
        match self {
            ArticleField::Published => "SELECT published FROM articles WHERE id = ?1",
            ArticleField::Story => "SELECT story FROM articles WHERE id = ?1",
            ArticleField::Url => "SELECT url FROM articles WHERE id = ?1",
            ArticleField::Outlet => "SELECT outlet FROM articles WHERE id = ?1",
            ArticleField::Author => "SELECT author FROM articles WHERE id = ?1",
            ArticleField::Title => "SELECT title FROM articles WHERE id = ?1",
        }
    }

    fn update_sql(self) -> &'static str {
        match self {
            ArticleField::Published => "UPDATE articles SET published = ?2 WHERE id = ?1",
            ArticleField::Story => "UPDATE articles SET story = ?2 WHERE id = ?1",
            ArticleField::Url => "UPDATE articles SET url = ?2 WHERE id = ?1",
            ArticleField::Outlet => "UPDATE articles SET outlet = ?2 WHERE id = ?1",
            ArticleField::Author => "UPDATE articles SET author = ?2 WHERE id = ?1",
            ArticleField::Title => "UPDATE articles SET title = ?2 WHERE id = ?1",
        }
    }
}

/// Sets the language detected in an article's body (by `reextract`).
pub fn set_language(conn: &Connection, id: &str, language: Option<&str>) -> Result<()> {
    conn.prepare_cached("UPDATE articles SET language = ?2 WHERE id = ?1")?
        .execute(params![id, language])?;
    Ok(())
}

/// Sets one metadata field of an article and records the change in its history; returns
/// whether it changed. A story change moves the article's claims to the new story's scope.
pub fn set_field(
    conn: &Connection,
    id: &str,
    field: ArticleField,
    value: Option<&str>,
    actor: &str,
    note: Option<&str>,
) -> Result<bool> {
    let before: Option<String> = conn
        .prepare_cached(field.select_sql())?
        .query_row([id], |r| r.get(0))?;
    if before.as_deref() == value {
        return Ok(false);
    }
    conn.prepare_cached(field.update_sql())?
        .execute(params![id, value])?;
    if field == ArticleField::Published {
        conn.prepare_cached(
            "UPDATE articles SET published_from = CASE WHEN ?2 IS NULL THEN NULL ELSE 'edit' END WHERE id = ?1",
        )?
        .execute(params![id, value])?;
    }
    if field == ArticleField::Story {
        conn.prepare_cached(
            "UPDATE claims SET scope = coalesce('story:' || ?2, 'article:' || ?1) \
             WHERE article_number = (SELECT number FROM articles WHERE id = ?1) AND subject_key IS NOT NULL",
        )?
        .execute(params![id, value])?;
    }
    conn.prepare_cached(
        "INSERT INTO article_history (article_id, at, actor, field, from_value, to_value, note)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
    )?
    .execute(params![
        id,
        now(),
        actor,
        field.as_str(),
        before,
        value,
        note
    ])?;
    Ok(true)
}
