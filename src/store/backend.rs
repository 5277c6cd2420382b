//! The seam between the application and a storage backend. `Store` is what a use case
//! reads and how it starts a write; `StoreTx` is what it may do inside one write
//! transaction. The application layer, the report, the server and ingest see only these
//! two traits, so a second backend (PostgreSQL, issue 14) implements them and nothing
//! above changes. `Workspace` (SQLite) implements both through its own functions; the
//! conformance suite (`store::conformance`) states the behaviour every backend owes.

use std::collections::{HashMap, HashSet};
use std::io::{BufRead, Write};
use std::path::Path;

use anyhow::Result;

use super::{
    ArticleField, ArticleFilter, ArticleMeta, ArticleText, ClaimFilter, ClaimUpdate, CountBy,
    Evidence, HistoryEntry, IdTable, KnownReview, NewArticle, Tx, Workspace,
};
use crate::model::{
    Anchor, Article, ArticleId, Claim, ClaimId, ClaimKind, ConflictKey, FindingId, HistoryAction,
    KeyFn, Rule, Value,
};

/// A rated claim's rating, by claim id.
pub type Ratings = Vec<(String, Option<i64>)>;
/// A stored claim's id, quote and character span, as `doctor` walks them.
pub type ClaimSpan = (ClaimId, String, i64, i64);

/// Reads of a workspace, and the one way to change it (`write`).
pub trait Store {
    /// Where the workspace is, as shown to users (a file path, or a server address).
    fn location(&self) -> String;
    /// How this workspace computes conflict keys (bulk ingest computes them off the writer).
    fn key_fn(&self) -> KeyFn;
    /// Runs `f` in one write transaction: any error rolls everything back. Use cases call
    /// the typed `write` on `dyn Store`, which wraps this.
    fn write_dyn(&mut self, f: &mut dyn FnMut(&dyn StoreTx) -> Result<()>) -> Result<()>;

    /// The full id of the row a user's id, unique prefix or number names.
    fn resolve(&self, table: IdTable, prefix: &str) -> Result<String>;
    fn short_id(&self, table: IdTable, id: &str) -> Result<String>;

    fn resolve_claim(&self, prefix: &str) -> Result<ClaimId> {
        self.resolve(IdTable::Claims, prefix).map(ClaimId::new)
    }

    fn resolve_article(&self, prefix: &str) -> Result<ArticleId> {
        self.resolve(IdTable::Articles, prefix).map(ArticleId::new)
    }

    fn article(&self, id: &ArticleId) -> Result<Article>;
    fn article_text(&self, id: &ArticleId) -> Result<ArticleText>;
    fn articles_by_ids(&self, ids: &[ArticleId]) -> Result<Vec<Article>>;
    fn articles(&self, filter: &ArticleFilter) -> Result<Vec<Article>>;
    fn stored_urls(&self, urls: &[String]) -> Result<HashSet<String>>;

    fn claim(&self, id: &ClaimId) -> Result<Claim>;
    fn claims(&self, filter: &ClaimFilter) -> Result<Vec<Claim>>;
    fn claims_of_articles(&self, article_ids: &[ArticleId]) -> Result<Vec<Claim>>;
    fn sentences_of(&self, claim_ids: &[ClaimId]) -> Result<HashMap<ClaimId, String>>;
    fn claim_numbers(&self, claim_ids: &[ClaimId]) -> Result<HashMap<ClaimId, i64>>;
    fn claim_counts(&self, by: CountBy, story: Option<&str>) -> Result<Vec<(Option<String>, i64)>>;
    fn status_counts(&self) -> Result<Vec<(String, i64)>>;

    fn history(&self, claim_id: &ClaimId) -> Result<Vec<HistoryEntry>>;
    fn evidence(&self, claim_id: &ClaimId) -> Result<Vec<Evidence>>;
    fn dismissed_findings(&self) -> Result<HashSet<FindingId>>;

    fn date_claims_for_checks(&self, story: Option<&str>) -> Result<Vec<Claim>>;
    fn date_claims_of_articles(&self, ids: &[ArticleId]) -> Result<Vec<Claim>>;
    fn conflicting_groups(&self, scope: Option<&str>) -> Result<Vec<ConflictKey>>;
    fn group_claims(&self, key: &ConflictKey) -> Result<(Vec<Claim>, Vec<Anchor>)>;
    fn scopes_of(&self, article_ids: &[ArticleId]) -> Result<Vec<String>>;
    fn article_meta_of(&self, ids: &[ArticleId]) -> Result<Vec<ArticleMeta>>;
    fn article_meta(&self, story: Option<&str>) -> Result<Vec<ArticleMeta>>;

    fn ratings(&self) -> Result<Ratings>;
    fn rated_at(&self, ids: &[ClaimId]) -> Result<HashMap<ClaimId, String>>;
    fn setting(&self, key: &str) -> Result<Option<String>>;
    fn token_owner(&self, sha256: &str) -> Result<Option<String>>;
    fn token_names(&self) -> Result<Vec<(String, String)>>;
    fn known_reviews(&self) -> Result<Vec<KnownReview>>;
    fn known_for_claim(&self, claim_id: &ClaimId) -> Result<Vec<(KnownReview, f64)>>;
    fn best_known_for(&self, claim_ids: &[ClaimId])
    -> Result<HashMap<ClaimId, (KnownReview, f64)>>;

    /// A consistent copy of the whole workspace at `to`.
    fn backup(&self, to: &Path) -> Result<()>;
    /// Every problem found, one line each; empty when sound.
    fn problems(&self) -> Result<Vec<String>>;
    fn each_article_claims(&self, f: &mut dyn FnMut(&str, &str, &[ClaimSpan])) -> Result<()>;
    /// Every table as JSON lines; returns the number of rows written.
    fn export_all(&self, out: &mut dyn Write) -> Result<usize>;
    /// Rows written by `export_all`, into an empty workspace, in one transaction.
    fn import_all(&mut self, input: &mut dyn BufRead, name: &str) -> Result<usize>;
}

impl dyn Store + '_ {
    /// Runs `f` in one write transaction and returns what it returns; any error rolls
    /// everything back.
    pub fn write<T>(&mut self, f: impl FnOnce(&dyn StoreTx) -> Result<T>) -> Result<T> {
        let mut f = Some(f);
        let mut out = None;
        self.write_dyn(&mut |tx| {
            if let Some(f) = f.take() {
                out = Some(f(tx)?);
            }
            Ok(())
        })?;
        out.ok_or_else(|| anyhow::anyhow!("the write transaction did not run"))
    }
}

/// What a use case may do inside one write transaction: the writes, and the reads whose
/// answer the write depends on (so concurrent writers cannot slip between them).
pub trait StoreTx {
    fn key_of(&self, c: &Claim) -> Option<(ConflictKey, Anchor)>;
    fn resolve(&self, table: IdTable, prefix: &str) -> Result<String>;

    fn find_article_by_hash(&self, sha: &str) -> Result<Option<ArticleId>>;
    fn latest_at_url(&self, url: &str) -> Result<Option<(ArticleId, Option<String>)>>;
    fn insert_article(&self, a: &NewArticle) -> Result<ArticleId>;
    fn set_article_field(
        &self,
        id: &ArticleId,
        field: ArticleField,
        value: Option<&str>,
        actor: &str,
        note: Option<&str>,
    ) -> Result<bool>;
    fn set_article_language(&self, id: &ArticleId, language: Option<&str>) -> Result<()>;
    /// Copies review state from the claims of `old` to the same claims of `new`.
    fn carry_over(&self, old: &ArticleId, new: &ArticleId) -> Result<usize>;

    fn get_claim(&self, id: &ClaimId) -> Result<Claim>;
    fn claims_of_article(&self, article_id: &ArticleId) -> Result<Vec<Claim>>;
    fn claim_at(
        &self,
        article_id: &ArticleId,
        start: usize,
        end: usize,
        kind: ClaimKind,
    ) -> Result<Option<ClaimId>>;
    fn is_reviewed(&self, c: &Claim) -> Result<bool>;
    fn insert_claim(&self, article_id: &ArticleId, c: &Claim) -> Result<Option<ClaimId>>;
    /// Queues a claim for `flush_staged`, stamped with the transaction's time.
    fn stage_claim(
        &self,
        article_id: &ArticleId,
        c: &Claim,
        key: Option<(ConflictKey, Anchor)>,
    ) -> Result<()>;
    fn flush_staged(&self) -> Result<()>;
    /// A mark for "claims stored after this point" (`index_new_claims`, `sentences_after`).
    fn last_rowid(&self) -> Result<i64>;
    fn index_new_claims(&self, since: i64) -> Result<()>;
    fn sentences_after(&self, since: i64) -> Result<Vec<(ClaimId, String)>>;
    fn update_claim(
        &self,
        id: &ClaimId,
        update: &ClaimUpdate,
        actor: &str,
        note: Option<&str>,
        evidence_url: Option<&str>,
    ) -> Result<bool>;
    fn edit_claim(
        &self,
        id: &ClaimId,
        value: &Value,
        actor: &str,
        note: Option<&str>,
    ) -> Result<Vec<String>>;
    fn replace_value(
        &self,
        id: &ClaimId,
        value: &Value,
        actor: &str,
        action: HistoryAction,
        note: Option<&str>,
    ) -> Result<Vec<String>>;
    fn refresh_key(&self, c: &Claim) -> Result<()>;

    #[allow(clippy::too_many_arguments)]
    fn append_history(
        &self,
        claim_id: &ClaimId,
        at: &str,
        actor: &str,
        action: HistoryAction,
        from: Option<&str>,
        to: Option<&str>,
        note: Option<&str>,
        evidence_url: Option<&str>,
    ) -> Result<()>;
    fn add_evidence(&self, e: &Evidence) -> Result<()>;
    fn dismiss_finding(
        &self,
        finding_id: &FindingId,
        rule: Rule,
        claim_ids: &[ClaimId],
        note: &str,
        actor: &str,
    ) -> Result<()>;

    fn add_rating(&self, label: &str, value: Option<i64>) -> Result<()>;
    fn remove_rating(&self, label: &str) -> Result<()>;
    fn rate(
        &self,
        id: &ClaimId,
        rating: &str,
        explanation: Option<&str>,
        actor: &str,
    ) -> Result<bool>;

    fn set_setting(&self, key: &str, value: Option<&str>) -> Result<()>;
    fn set_token(&self, name: &str, sha256: &str) -> Result<()>;
    fn remove_token(&self, name: &str) -> Result<bool>;

    fn insert_review(&self, r: &KnownReview, source: Option<&str>) -> Result<Option<i64>>;
    fn known_review_count(&self) -> Result<i64>;
    fn review_candidates(&self, query: &str, limit: usize) -> Result<Vec<(i64, String)>>;
    fn claim_candidates(&self, query: &str, limit: usize) -> Result<Vec<(ClaimId, String)>>;
    fn insert_match(&self, claim_id: &ClaimId, review_id: i64, score: f64) -> Result<()>;
}

impl Store for Workspace {
    fn location(&self) -> String {
        self.path().display().to_string()
    }
    fn key_fn(&self) -> KeyFn {
        Workspace::key_fn(self)
    }
    fn write_dyn(&mut self, f: &mut dyn FnMut(&dyn StoreTx) -> Result<()>) -> Result<()> {
        Workspace::write(self, |tx| f(tx))
    }
    fn resolve(&self, table: IdTable, prefix: &str) -> Result<String> {
        Workspace::resolve(self, table, prefix)
    }
    fn short_id(&self, table: IdTable, id: &str) -> Result<String> {
        Workspace::short_id(self, table, id)
    }
    fn article(&self, id: &ArticleId) -> Result<Article> {
        Workspace::article(self, id)
    }
    fn article_text(&self, id: &ArticleId) -> Result<ArticleText> {
        Workspace::article_text(self, id)
    }
    fn articles_by_ids(&self, ids: &[ArticleId]) -> Result<Vec<Article>> {
        Workspace::articles_by_ids(self, ids)
    }
    fn articles(&self, filter: &ArticleFilter) -> Result<Vec<Article>> {
        Workspace::articles(self, filter)
    }
    fn stored_urls(&self, urls: &[String]) -> Result<HashSet<String>> {
        Workspace::stored_urls(self, urls)
    }
    fn claim(&self, id: &ClaimId) -> Result<Claim> {
        Workspace::claim(self, id)
    }
    fn claims(&self, filter: &ClaimFilter) -> Result<Vec<Claim>> {
        Workspace::claims(self, filter)
    }
    fn claims_of_articles(&self, article_ids: &[ArticleId]) -> Result<Vec<Claim>> {
        Workspace::claims_of_articles(self, article_ids)
    }
    fn sentences_of(&self, claim_ids: &[ClaimId]) -> Result<HashMap<ClaimId, String>> {
        Workspace::sentences_of(self, claim_ids)
    }
    fn claim_numbers(&self, claim_ids: &[ClaimId]) -> Result<HashMap<ClaimId, i64>> {
        Workspace::claim_numbers(self, claim_ids)
    }
    fn claim_counts(&self, by: CountBy, story: Option<&str>) -> Result<Vec<(Option<String>, i64)>> {
        Workspace::claim_counts(self, by, story)
    }
    fn status_counts(&self) -> Result<Vec<(String, i64)>> {
        Workspace::status_counts(self)
    }
    fn history(&self, claim_id: &ClaimId) -> Result<Vec<HistoryEntry>> {
        Workspace::history(self, claim_id)
    }
    fn evidence(&self, claim_id: &ClaimId) -> Result<Vec<Evidence>> {
        Workspace::evidence(self, claim_id)
    }
    fn dismissed_findings(&self) -> Result<HashSet<FindingId>> {
        Workspace::dismissed_findings(self)
    }
    fn date_claims_for_checks(&self, story: Option<&str>) -> Result<Vec<Claim>> {
        Workspace::date_claims_for_checks(self, story)
    }
    fn date_claims_of_articles(&self, ids: &[ArticleId]) -> Result<Vec<Claim>> {
        Workspace::date_claims_of_articles(self, ids)
    }
    fn conflicting_groups(&self, scope: Option<&str>) -> Result<Vec<ConflictKey>> {
        Workspace::conflicting_groups(self, scope)
    }
    fn group_claims(&self, key: &ConflictKey) -> Result<(Vec<Claim>, Vec<Anchor>)> {
        Workspace::group_claims(self, key)
    }
    fn scopes_of(&self, article_ids: &[ArticleId]) -> Result<Vec<String>> {
        Workspace::scopes_of(self, article_ids)
    }
    fn article_meta_of(&self, ids: &[ArticleId]) -> Result<Vec<ArticleMeta>> {
        Workspace::article_meta_of(self, ids)
    }
    fn article_meta(&self, story: Option<&str>) -> Result<Vec<ArticleMeta>> {
        Workspace::article_meta(self, story)
    }
    fn ratings(&self) -> Result<Ratings> {
        Workspace::ratings(self)
    }
    fn rated_at(&self, ids: &[ClaimId]) -> Result<HashMap<ClaimId, String>> {
        Workspace::rated_at(self, ids)
    }
    fn setting(&self, key: &str) -> Result<Option<String>> {
        Workspace::setting(self, key)
    }
    fn token_owner(&self, sha256: &str) -> Result<Option<String>> {
        Workspace::token_owner(self, sha256)
    }
    fn token_names(&self) -> Result<Vec<(String, String)>> {
        Workspace::token_names(self)
    }
    fn known_reviews(&self) -> Result<Vec<KnownReview>> {
        Workspace::known_reviews(self)
    }
    fn known_for_claim(&self, claim_id: &ClaimId) -> Result<Vec<(KnownReview, f64)>> {
        Workspace::known_for_claim(self, claim_id)
    }
    fn best_known_for(
        &self,
        claim_ids: &[ClaimId],
    ) -> Result<HashMap<ClaimId, (KnownReview, f64)>> {
        Workspace::best_known_for(self, claim_ids)
    }
    fn backup(&self, to: &Path) -> Result<()> {
        Workspace::backup(self, to)
    }
    fn problems(&self) -> Result<Vec<String>> {
        Workspace::problems(self)
    }
    fn each_article_claims(&self, f: &mut dyn FnMut(&str, &str, &[ClaimSpan])) -> Result<()> {
        Workspace::each_article_claims(self, f)
    }
    fn export_all(&self, out: &mut dyn Write) -> Result<usize> {
        Workspace::export_all(self, out)
    }
    fn import_all(&mut self, input: &mut dyn BufRead, name: &str) -> Result<usize> {
        Workspace::import_all(self, input, name)
    }
}

impl StoreTx for Tx<'_> {
    fn key_of(&self, c: &Claim) -> Option<(ConflictKey, Anchor)> {
        Tx::key_of(self, c)
    }
    fn resolve(&self, table: IdTable, prefix: &str) -> Result<String> {
        super::ids::resolve(self, table, prefix)
    }
    fn find_article_by_hash(&self, sha: &str) -> Result<Option<ArticleId>> {
        super::articles::find_by_hash(self, sha)
    }
    fn latest_at_url(&self, url: &str) -> Result<Option<(ArticleId, Option<String>)>> {
        super::versions::latest_at_url(self, url)
    }
    fn insert_article(&self, a: &NewArticle) -> Result<ArticleId> {
        super::articles::insert(self, a)
    }
    fn set_article_field(
        &self,
        id: &ArticleId,
        field: ArticleField,
        value: Option<&str>,
        actor: &str,
        note: Option<&str>,
    ) -> Result<bool> {
        super::articles::set_field(self, id, field, value, actor, note)
    }
    fn set_article_language(&self, id: &ArticleId, language: Option<&str>) -> Result<()> {
        super::articles::set_language(self, id, language)
    }
    fn carry_over(&self, old: &ArticleId, new: &ArticleId) -> Result<usize> {
        super::versions::carry_over(self, old, new)
    }
    fn get_claim(&self, id: &ClaimId) -> Result<Claim> {
        super::claims::get(self, id)
    }
    fn claims_of_article(&self, article_id: &ArticleId) -> Result<Vec<Claim>> {
        super::claims::of_article(self, article_id)
    }
    fn claim_at(
        &self,
        article_id: &ArticleId,
        start: usize,
        end: usize,
        kind: ClaimKind,
    ) -> Result<Option<ClaimId>> {
        super::claims::existing_at(self, article_id, start, end, kind)
    }
    fn is_reviewed(&self, c: &Claim) -> Result<bool> {
        super::claims::is_reviewed(self, c)
    }
    fn insert_claim(&self, article_id: &ArticleId, c: &Claim) -> Result<Option<ClaimId>> {
        super::new_claims::insert(self, article_id, c)
    }
    fn stage_claim(
        &self,
        article_id: &ArticleId,
        c: &Claim,
        key: Option<(ConflictKey, Anchor)>,
    ) -> Result<()> {
        super::new_claims::stage(self, article_id, c, key)
    }
    fn flush_staged(&self) -> Result<()> {
        super::new_claims::flush_staged(self)
    }
    fn last_rowid(&self) -> Result<i64> {
        super::new_claims::last_rowid(self)
    }
    fn index_new_claims(&self, since: i64) -> Result<()> {
        super::new_claims::index_new_claims(self, since)
    }
    fn sentences_after(&self, since: i64) -> Result<Vec<(ClaimId, String)>> {
        super::sentences::after(self, since)
    }
    fn update_claim(
        &self,
        id: &ClaimId,
        update: &ClaimUpdate,
        actor: &str,
        note: Option<&str>,
        evidence_url: Option<&str>,
    ) -> Result<bool> {
        super::claims::update(self, id, update, actor, note, evidence_url)
    }
    fn edit_claim(
        &self,
        id: &ClaimId,
        value: &Value,
        actor: &str,
        note: Option<&str>,
    ) -> Result<Vec<String>> {
        super::claims::edit(self, id, value, actor, note)
    }
    fn replace_value(
        &self,
        id: &ClaimId,
        value: &Value,
        actor: &str,
        action: HistoryAction,
        note: Option<&str>,
    ) -> Result<Vec<String>> {
        super::claims::replace_value(self, id, value, actor, action, note)
    }
    fn refresh_key(&self, c: &Claim) -> Result<()> {
        super::claims::refresh_key(self, c)
    }
    fn append_history(
        &self,
        claim_id: &ClaimId,
        at: &str,
        actor: &str,
        action: HistoryAction,
        from: Option<&str>,
        to: Option<&str>,
        note: Option<&str>,
        evidence_url: Option<&str>,
    ) -> Result<()> {
        super::history::append(
            self,
            claim_id,
            at,
            actor,
            action,
            from,
            to,
            note,
            evidence_url,
        )
    }
    fn add_evidence(&self, e: &Evidence) -> Result<()> {
        super::history::add_evidence(self, e)
    }
    fn dismiss_finding(
        &self,
        finding_id: &FindingId,
        rule: Rule,
        claim_ids: &[ClaimId],
        note: &str,
        actor: &str,
    ) -> Result<()> {
        super::history::dismiss_finding(self, finding_id, rule, claim_ids, note, actor)
    }
    fn add_rating(&self, label: &str, value: Option<i64>) -> Result<()> {
        super::ratings::add_rating(self, label, value)
    }
    fn remove_rating(&self, label: &str) -> Result<()> {
        super::ratings::remove_rating(self, label)
    }
    fn rate(
        &self,
        id: &ClaimId,
        rating: &str,
        explanation: Option<&str>,
        actor: &str,
    ) -> Result<bool> {
        super::ratings::rate(self, id, rating, explanation, actor)
    }
    fn set_setting(&self, key: &str, value: Option<&str>) -> Result<()> {
        super::known::set_setting(self, key, value)
    }
    fn set_token(&self, name: &str, sha256: &str) -> Result<()> {
        super::known::set_token(self, name, sha256)
    }
    fn remove_token(&self, name: &str) -> Result<bool> {
        super::known::remove_token(self, name)
    }
    fn insert_review(&self, r: &KnownReview, source: Option<&str>) -> Result<Option<i64>> {
        super::known::insert_review(self, r, source)
    }
    fn known_review_count(&self) -> Result<i64> {
        super::known::known_review_count(self)
    }
    fn review_candidates(&self, query: &str, limit: usize) -> Result<Vec<(i64, String)>> {
        super::known::review_candidates(self, query, limit)
    }
    fn claim_candidates(&self, query: &str, limit: usize) -> Result<Vec<(ClaimId, String)>> {
        super::known::claim_candidates(self, query, limit)
    }
    fn insert_match(&self, claim_id: &ClaimId, review_id: i64, score: f64) -> Result<()> {
        super::known::insert_match(self, claim_id, review_id, score)
    }
}
