//! The command line: clap definitions here, one file per command.

mod add;
mod articles;
mod assign;
mod check;
mod claimreview;
mod claims;
mod diff;
mod dismiss;
mod edit;
mod edit_article;
mod extract;
pub(crate) mod findings_view;
mod history;
mod ids;
mod ingest;
mod maintenance;
mod mark;
mod next;
pub mod output;
mod pretty;
mod ratings;
mod read;
mod reextract;
mod report;
mod serve;
pub(crate) mod show;
mod stats;

use std::path::PathBuf;

use anyhow::Result;
use chrono::NaiveDate;
use clap::{Args, Parser, Subcommand};

use crate::store::OpenMode;
use output::Format;

/// claimdesk: find the checkable claims in news articles, review them, and report what
/// does not add up.
#[derive(Debug, Parser)]
#[command(name = "claimdesk", version, about, long_about = None)]
pub struct Cli {
    /// Workspace: a SQLite file, or a PostgreSQL database (postgres://USER@HOST/DB).
    #[arg(
        long,
        global = true,
        env = "CLAIMDESK_DB",
        default_value = "claimdesk.db"
    )]
    pub db: PathBuf,

    /// CSV cells as they are: without it, a cell starting with = + - @ is prefixed with an
    /// apostrophe so that spreadsheets read it as text.
    #[arg(long, global = true)]
    pub raw_csv: bool,

    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Create the workspace (any command that writes creates it too).
    Init,
    /// Store articles from files, folders, web pages, URLs, feeds or - for stdin, and extract
    /// their claims.
    Ingest(ingest::IngestArgs),
    /// List the articles in the workspace.
    Articles(articles::ArticlesArgs),
    /// List claims, filtered.
    Claims(claims::ClaimsArgs),
    /// Add a claim by hand: a quote that occurs in the article.
    Add(add::AddArgs),
    /// Correct a claim's kind or value by hand (each change kept in the history).
    Edit(edit::EditArgs),
    /// Correct an article's publication date, story, URL, outlet, author or title; its dates
    /// are read again against a new publication date.
    EditArticle(edit_article::EditArticleArgs),
    /// Assign claims to a reviewer: CLAIM... ASSIGNEE.
    Assign(assign::AssignArgs),
    /// Remove the assignee of claims.
    Unassign(assign::UnassignArgs),
    /// Set the review status of claims: CLAIM... STATUS.
    #[command(override_usage = "claimdesk mark [OPTIONS] <CLAIM>... <STATUS>")]
    Mark(mark::MarkArgs),
    /// The next claim to review: yours first, then the oldest unchecked one.
    Next(next::NextArgs),
    /// An article with its claims marked in place and its findings.
    Read(read::ReadArgs),
    /// Everything about one claim: sentence, article, link, evidence, history.
    Show(show::ShowArgs),
    /// The change history of one claim.
    History(history::HistoryArgs),
    /// What changed between two versions of an article, sentence by sentence, with the
    /// figures and dates that changed.
    Diff(diff::DiffArgs),
    /// Extract the claims of one article without a workspace.
    Extract(extract::ExtractArgs),
    /// The main job: ingest articles, then their claims summary and consistency findings.
    Check(check::CheckArgs),
    /// The consistency findings of the workspace.
    Report(report::ReportArgs),
    /// Dismiss a finding that is wrong for a reason the checker cannot see.
    Dismiss(dismiss::DismissArgs),
    /// Read stored articles again with the current extractor; reviewed claims are kept.
    Reextract(reextract::ReextractArgs),
    /// The rating scale of verdicts: list it, `add LABEL --value N`, `remove LABEL`.
    Ratings(ratings::RatingsArgs),
    /// Claims counted by status, kind, assignee, story or outlet, and the open findings.
    Stats(stats::StatsArgs),
    /// Export the workspace (`export all -o FILE.jsonl`) or its verdicts as ClaimReview
    /// (`export claimreview`).
    Export {
        #[command(subcommand)]
        what: maintenance::ExportWhat,
    },
    /// Import a whole workspace into a new one (`import all FILE.jsonl`), or others'
    /// fact-checks (`import claimreview FILE`).
    Import {
        #[command(subcommand)]
        what: maintenance::ImportWhat,
    },
    /// The workspace's settings: the fact-checking organization (`org.name`, `org.url`) and
    /// where its fact-checks are published (`review.url_template`).
    Config(claimreview::ConfigArgs),
    /// The review page and JSON API in a browser: http://127.0.0.1:8377/ by default.
    Serve(serve::ServeArgs),
    /// Personal API tokens: `tokens add NAME`, `tokens remove NAME`, `tokens list`.
    Tokens {
        #[command(subcommand)]
        command: serve::TokensCommand,
    },
    /// The fact-checks imported from others (`import claimreview`).
    Known(claimreview::KnownArgs),
    /// Copy the workspace to a new file, safely while others write (SQLite online backup).
    Backup(maintenance::BackupArgs),
    /// Check the workspace: integrity, foreign keys, full-text index, history triggers,
    /// claim offsets. Exits 1 with the list when something is wrong.
    Doctor,
    /// Copy the workspace into another database (a PostgreSQL URL, or a new SQLite file),
    /// every table with its history, and check that the copy holds the same rows.
    MigrateTo(maintenance::MigrateToArgs),
    /// Print a shell completion script: `claimdesk completions bash > ~/.local/share/bash-completion/completions/claimdesk`.
    Completions {
        /// bash, zsh, fish, elvish or powershell.
        shell: clap_complete::Shell,
    },
}

/// Who makes a change: --by, else $CLAIMDESK_USER, else $USER, else "unknown".
#[derive(Debug, Args)]
pub struct Actor {
    /// Who makes the change [default: $CLAIMDESK_USER, else $USER].
    #[arg(long)]
    pub by: Option<String>,
}

impl Actor {
    pub fn name(&self) -> String {
        let env = |k: &str| std::env::var(k).ok().filter(|v| !v.trim().is_empty());
        self.by
            .clone()
            .filter(|v| !v.trim().is_empty())
            .or_else(|| env("CLAIMDESK_USER"))
            .or_else(|| env("USER"))
            .unwrap_or_else(|| "unknown".into())
    }
}

/// How large an article may be.
#[derive(Debug, Args)]
pub struct Limits {
    /// Largest article read, in bytes: larger inputs are refused and nothing of them is
    /// stored (an input of exactly this size is read).
    #[arg(long, default_value_t = crate::ingest::DEFAULT_MAX_BYTES)]
    pub max_bytes: u64,
    /// Seconds a URL may take to arrive, whole.
    #[arg(long, default_value_t = 30, value_name = "SECS")]
    pub timeout: u64,
}

impl Limits {
    pub fn read_options(&self, recurse: bool) -> crate::ingest::ReadOptions {
        crate::ingest::ReadOptions {
            max_bytes: self.max_bytes,
            recurse,
            timeout: std::time::Duration::from_secs(self.timeout.max(1)),
        }
    }
}

#[derive(Debug, Args)]
pub struct FormatArg {
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Table)]
    pub format: Format,
}

/// A claim kind as a flag value: a bad one is a usage error (exit 2), like every flag.
pub fn parse_kind(s: &str) -> std::result::Result<crate::model::ClaimKind, String> {
    s.parse()
}

/// A review status as a flag value.
pub fn parse_status(s: &str) -> std::result::Result<crate::model::Status, String> {
    s.parse()
}

/// Claim ids or numbers as given, a "-" among them read from standard input: one per line,
/// blank lines and "#" comments skipped (for `... | claimdesk mark - verified`).
pub fn with_stdin_ids(given: &[String]) -> Result<Vec<String>> {
    let mut out = Vec::new();
    let mut read = false;
    for g in given {
        if g != "-" {
            out.push(g.clone());
            continue;
        }
        if std::mem::replace(&mut read, true) {
            continue;
        }
        let text = crate::ingest::read_limited(
            "stdin",
            std::io::stdin().lock(),
            crate::ingest::DEFAULT_MAX_BYTES,
        )?;
        out.extend(
            text.lines()
                .map(str::trim)
                .filter(|l| !l.is_empty() && !l.starts_with('#'))
                .map(|l| l.split_whitespace().next().unwrap_or(l).to_string()),
        );
    }
    if out.is_empty() {
        return Err(crate::error::Error::Usage("no claims given".into()).into());
    }
    Ok(out)
}

/// A date flag that can also clear the date: YYYY-MM-DD, or "none".
#[derive(Debug, Clone, Copy)]
pub struct DateOrNone(pub Option<NaiveDate>);

pub fn parse_date_or_none(s: &str) -> std::result::Result<DateOrNone, String> {
    if s.eq_ignore_ascii_case("none") {
        return Ok(DateOrNone(None));
    }
    parse_date(s).map(|d| DateOrNone(Some(d)))
}

/// A text flag as an edit: absent leaves the field, "" clears it, else the trimmed text.
pub fn text_edit(v: &Option<String>) -> Option<Option<String>> {
    v.as_ref()
        .map(|s| Some(s.trim().to_string()).filter(|s| !s.is_empty()))
}

pub fn parse_date(s: &str) -> std::result::Result<NaiveDate, String> {
    NaiveDate::parse_from_str(s, "%Y-%m-%d")
        .map_err(|_| format!("'{s}' is not a date in the form YYYY-MM-DD"))
}

pub fn run(cli: Cli) -> Result<()> {
    output::set_raw_csv(cli.raw_csv);
    // A damaged file is said once, plainly, whatever command met it.
    dispatch(&cli).map_err(|e| match crate::error::is_damage(&e) {
        Some(why) => crate::error::Error::Damaged(cli.db.display().to_string(), why).into(),
        None => e,
    })
}

fn dispatch(cli: &Cli) -> Result<()> {
    let open = |mode| crate::app::open(&cli.db, mode);
    match &cli.command {
        Command::Init => {
            let ws = open(OpenMode::Create)?;
            output::print(&format!("workspace ready: {}", ws.location()))
        }
        Command::Ingest(a) => ingest::run(&mut *open(OpenMode::Create)?, a),
        Command::Articles(a) => articles::run(&*open(OpenMode::ReadOnly)?, a),
        Command::Claims(a) => claims::run(&*open(OpenMode::ReadOnly)?, a),
        Command::Add(a) => add::run(&mut *open(OpenMode::Existing)?, a),
        Command::Edit(a) => edit::run(&mut *open(OpenMode::Existing)?, a),
        Command::EditArticle(a) => edit_article::run(&mut *open(OpenMode::Existing)?, a),
        Command::Assign(a) => assign::run_assign(&mut *open(OpenMode::Existing)?, a),
        Command::Unassign(a) => assign::run_unassign(&mut *open(OpenMode::Existing)?, a),
        Command::Mark(a) => mark::run(&mut *open(OpenMode::Existing)?, a),
        Command::Next(a) => next::run(&*open(OpenMode::ReadOnly)?, a),
        Command::Read(a) => read::run(&*open(OpenMode::ReadOnly)?, a),
        Command::Show(a) => show::run(&*open(OpenMode::ReadOnly)?, a),
        Command::History(a) => history::run(&*open(OpenMode::ReadOnly)?, a),
        Command::Diff(a) => diff::run(&*open(OpenMode::ReadOnly)?, a),
        Command::Extract(a) => extract::run(a),
        Command::Check(a) => check::run(&mut *open(OpenMode::Create)?, a),
        Command::Report(a) => report::run(&*open(OpenMode::ReadOnly)?, a),
        Command::Dismiss(a) => dismiss::run(&mut *open(OpenMode::Existing)?, a),
        Command::Reextract(a) => reextract::run(&mut *open(OpenMode::Existing)?, a),
        Command::Backup(a) => maintenance::backup(&*open(OpenMode::ReadOnly)?, a),
        Command::Ratings(a) => ratings::run(&mut *open(OpenMode::Existing)?, a),
        Command::Stats(a) => stats::run(&*open(OpenMode::ReadOnly)?, a),
        Command::Serve(a) => serve::serve(&cli.db, a),
        Command::Tokens { command } => serve::tokens(&mut *open(OpenMode::Create)?, command),
        Command::Known(a) => claimreview::known(&*open(OpenMode::ReadOnly)?, a),
        Command::Config(a) => claimreview::config(&mut *open(OpenMode::Create)?, a),
        Command::Export { what } => maintenance::export(&*open(OpenMode::ReadOnly)?, what),
        Command::Import { what } => maintenance::import(&mut *open(OpenMode::Create)?, what),
        Command::Doctor => maintenance::doctor(&*open(OpenMode::Existing)?),
        Command::MigrateTo(a) => maintenance::migrate_to(&*open(OpenMode::ReadOnly)?, a),
        Command::Completions { shell } => {
            let mut script = Vec::new();
            clap_complete::generate(
                *shell,
                &mut <Cli as clap::CommandFactory>::command(),
                "claimdesk",
                &mut script,
            );
            output::print(&String::from_utf8_lossy(&script))
        }
    }
}

/// Whether the error is stdout's reader going away.
pub fn is_broken_pipe(e: &anyhow::Error) -> bool {
    e.chain().any(|c| {
        c.downcast_ref::<std::io::Error>()
            .is_some_and(|io| io.kind() == std::io::ErrorKind::BrokenPipe)
    })
}
