//! Server-rendered pages (maud, compiled in, every value HTML-escaped): the review queue,
//! the reading view, the report. They work without JavaScript; app.js adds the keys.

use axum::Form;
use axum::extract::{Extension, Path, Query, State};
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{Html, IntoResponse, Redirect, Response};
use maud::{DOCTYPE, Markup, html};
use serde::Deserialize;

use super::Shared;
use super::api::{ClaimQuery, MarkBody, blocking, mark_claim, status_of};
use super::guard::{Actor, encode_cookie};
use crate::app;
use crate::check::Finding;
use crate::extract::CharCursor;
use crate::model::{Claim, Status};
use crate::report::Scope;
use crate::store::Store;

const STATUSES: [Status; 5] = [
    Status::Unchecked,
    Status::InReview,
    Status::Verified,
    Status::Disputed,
    Status::Unverifiable,
];

/// The key that marks a claim with each status on the reading view.
fn key_of(s: Status) -> &'static str {
    match s {
        Status::Verified => "v",
        Status::Disputed => "d",
        Status::Unverifiable => "u",
        Status::InReview => "r",
        Status::Unchecked => "",
    }
}

fn page(title: &str, body: Markup) -> Html<String> {
    Html(
        html! {
            (DOCTYPE)
            html lang="en" {
                head {
                    meta charset="utf-8";
                    meta name="viewport" content="width=device-width, initial-scale=1";
                    title { (title) " · claimdesk" }
                    link rel="stylesheet" href="/static/app.css";
                    script src="/static/app.js" defer {}
                }
                body {
                    a.skip href="#main" { "Skip to content" }
                    header role="banner" {
                        nav aria-label="Main" {
                            a href="/" { "Queue" }
                            a href="/report" { "Report" }
                        }
                        form.name method="post" action="/name" {
                            label { "Your name " input name="name" autocomplete="name" required; }
                            button type="submit" { "Save" }
                        }
                    }
                    main id="main" { (body) }
                }
            }
        }
        .into_string(),
    )
}

pub fn error_page(status: StatusCode, message: &str) -> Html<String> {
    page(
        "Error",
        html! {
            h1 { (status.as_u16()) " " (status.canonical_reason().unwrap_or("")) }
            p role="alert" { (message) }
            p { a href="/" { "Back to the queue" } }
        },
    )
}

/// A page error: the message, with the status its kind calls for.
pub struct PageError(anyhow::Error);

impl<E: Into<anyhow::Error>> From<E> for PageError {
    fn from(e: E) -> Self {
        PageError(e.into())
    }
}

impl IntoResponse for PageError {
    fn into_response(self) -> Response {
        let status = status_of(&self.0);
        (status, error_page(status, &format!("{:#}", self.0))).into_response()
    }
}

type PageResult = Result<Response, PageError>;

/// Only web links become links: anything else (javascript:, data:) is shown as text.
fn safe_href(url: &str) -> Option<&str> {
    crate::model::is_web_address(url).then_some(url)
}

fn link_or_text(url: &str) -> Markup {
    match safe_href(url) {
        Some(u) => html! { a href=(u) rel="noreferrer noopener" { (url) } },
        None => html! { span { (url) } },
    }
}

fn status_badge(s: Status) -> Markup {
    html! { span class={"badge s-" (s.as_str())} { (s.as_str()) } }
}

/// Where a claim is read: its article, scrolled to it, with it selected.
fn claim_href(c: &Claim) -> String {
    let n = c.number.map(|n| n.to_string()).unwrap_or_default();
    format!(
        "/articles/{}?claim={n}#c{n}",
        c.review().article_id.as_deref().unwrap_or_default()
    )
}

pub async fn queue(State(st): State<Shared>, Query(q): Query<ClaimQuery>) -> PageResult {
    let (claims, counts, filter_on) = blocking(&st, move |ws| {
        let filter = q.filter(ws)?;
        Ok((ws.claims(&filter)?, ws.status_counts()?, q))
    })
    .await?;
    let offset = filter_on.offset.unwrap_or(0);
    let limit = filter_on.limit.unwrap_or(100).min(1000);
    let sel = |v: &Option<String>, x: &str| v.as_deref() == Some(x);
    let next = {
        let mut u = url_query(&filter_on);
        u.push_str(&format!("&offset={}", offset + limit));
        u
    };
    Ok(page(
        "Review queue",
        html! {
            h1 { "Review queue" }
            nav.counts aria-label="Claims by status" {
                @for (s, n) in &counts {
                    a href={"/?status=" (s)} { (s) ": " span data-count=(s) { (n) } }
                }
            }
            form.filters method="get" action="/" role="search" {
                label { "Status " select name="status" {
                    option value="" { "any" }
                    @for s in STATUSES {
                        option value=(s.as_str()) selected[sel(&filter_on.status, s.as_str())] { (s.as_str()) }
                    }
                } }
                label { "Kind " select name="kind" {
                    option value="" { "any" }
                    @for k in crate::model::ClaimKind::ALL {
                        option value=(k.as_str()) selected[sel(&filter_on.kind, k.as_str())] { (k.as_str()) }
                    }
                } }
                label { "Story " input name="story" value=(filter_on.story.clone().unwrap_or_default()); }
                label { "Assignee " input name="assignee" value=(filter_on.assignee.clone().unwrap_or_default()); }
                button type="submit" { "Filter" }
            }
            @if claims.is_empty() {
                p { "No claims match." }
            } @else {
                table.queue {
                    caption { "Claims " (offset + 1) "–" (offset + claims.len()) }
                    thead { tr { th scope="col" { "#" } th scope="col" { "kind" } th scope="col" { "claim" } th scope="col" { "status" } th scope="col" { "assignee" } } }
                    tbody {
                        @for c in &claims {
                            tr {
                                td { (c.number.unwrap_or_default()) }
                                td { (c.kind().as_str()) }
                                td { a href=(claim_href(c)) { (c.text) } br; small { (c.value.summary()) } }
                                td { (status_badge(c.status)) }
                                td { (c.review().assignee.clone().unwrap_or_default()) }
                            }
                        }
                    }
                }
                @if claims.len() == limit { p { a href=(next) { "Next " (limit) } } }
            }
        },
    )
    .into_response())
}

/// The queue's filters as a query string, for paging links.
fn url_query(q: &ClaimQuery) -> String {
    let mut out = String::from("/?");
    for (k, v) in [
        ("status", &q.status),
        ("kind", &q.kind),
        ("story", &q.story),
        ("assignee", &q.assignee),
    ] {
        if let Some(v) = v.as_deref().filter(|v| !v.is_empty()) {
            out.push_str(&format!("{k}={}&", encode_cookie(v)));
        }
    }
    out.trim_end_matches('&').to_string()
}

#[derive(Debug, Deserialize)]
pub struct ArticleQuery {
    pub claim: Option<String>,
}

/// The article's text with every claim marked in place: a link (focusable, works without
/// JavaScript) coloured by status, underlined when a finding is about it.
fn marked_body(
    body: &str,
    claims: &[Claim],
    findings: &[Finding],
    selected: Option<&str>,
) -> Markup {
    let mut cursor = CharCursor::new(body);
    let mut at = 0;
    let mut parts: Vec<Markup> = Vec::new();
    for c in claims {
        let (Some(s), Some(e)) = (cursor.byte_of(c.start), cursor.byte_of(c.end)) else {
            continue;
        };
        if s < at {
            continue; // inside the claim before: listed in the panel, not marked twice
        }
        let about: Vec<&Finding> = findings
            .iter()
            .filter(|f| f.claims.iter().any(|fc| fc.id == c.id))
            .collect();
        let title = about
            .iter()
            .map(|f| f.message.as_str())
            .collect::<Vec<_>>()
            .join("\n");
        let n = c.number.unwrap_or_default();
        let class = format!(
            "claim s-{}{}{}",
            c.status.as_str(),
            if about.is_empty() { "" } else { " flagged" },
            if selected == c.id.as_deref() {
                " selected"
            } else {
                ""
            }
        );
        parts.push(html! { (&body[at..s]) });
        parts.push(html! {
            a class=(class) id={"c" (n)} href={"?claim=" (n) "#c" (n)} title=(title)
              aria-current=[(selected == c.id.as_deref()).then_some("true")] { (&body[s..e]) }
        });
        at = e;
    }
    parts.push(html! { (&body[at..]) });
    html! { div.body { @for p in parts { (p) } } }
}

fn panel(ws: &dyn Store, c: &Claim, findings: &[Finding]) -> anyhow::Result<Markup> {
    let id =
        c.id.clone()
            .ok_or_else(|| anyhow::anyhow!("the claim is not stored"))?;
    let evidence = ws.evidence(&id)?;
    let history = ws.history(&id)?;
    let known = ws.known_for_claim(&id)?;
    let scale = ws.ratings()?;
    let about: Vec<&Finding> = findings
        .iter()
        .filter(|f| f.claims.iter().any(|fc| fc.id == c.id))
        .collect();
    Ok(html! {
        h2 id="panel-title" { "Claim " (c.number.unwrap_or_default()) }
        dl {
            dt { "Quote" } dd { q { (c.text) } }
            dt { "Kind" } dd { (c.kind().as_str()) }
            dt { "Value" } dd { (c.value.summary()) }
            dt { "Sentence" } dd { (c.sentence) }
            dt { "Status" } dd { (status_badge(c.status)) }
            @if let Some(r) = &c.review().rating { dt { "Rating" } dd { (r) @if let Some(e) = &c.review().explanation { " — " (e) } } }
            dt { "Assignee" } dd { (c.review().assignee.clone().unwrap_or_else(|| "nobody".into())) }
        }
        @if !about.is_empty() {
            h3 { "Findings" }
            ul.findings { @for f in &about { li { strong { (f.rule) } ": " (f.message) @if let Some(s) = &f.suggestion { " Suggestion: " (s) } } } }
        }
        form method="post" action={"/claims/" (id) "/mark"} {
            fieldset {
                legend { "Mark" }
                @for s in STATUSES.iter().skip(1) {
                    button type="submit" name="status" value=(s.as_str()) data-key=(key_of(*s)) {
                        (s.as_str()) " " kbd { (key_of(*s)) }
                    }
                }
                label for="note" { "Note " kbd { "n" } }
                input id="note" name="note" type="text" autocomplete="off";
                label for="rating" { "Rating" }
                select id="rating" name="rating" {
                    option value="" { "none" }
                    @for (label, _) in &scale { option value=(label) selected[c.review().rating.as_deref() == Some(label.as_str())] { (label) } }
                }
                label for="explanation" { "Explanation" }
                input id="explanation" name="explanation" type="text";
            }
        }
        form method="post" action={"/claims/" (id) "/evidence"} {
            fieldset {
                legend { "Evidence" }
                label for="evidence" { "Link " kbd { "e" } }
                input id="evidence" name="evidence" type="url" required placeholder="https://…";
                label for="evidence-note" { "What it shows" }
                input id="evidence-note" name="note" type="text";
                button type="submit" { "Add evidence" }
            }
        }
        @if !known.is_empty() {
            h3 { "Already fact-checked elsewhere" }
            ul { @for (r, score) in &known { li {
                (r.org.clone().unwrap_or_default()) " rated " q { (r.claim_reviewed) } " "
                strong { (r.rating.clone().unwrap_or_else(|| "without a rating".into())) }
                " (similarity " (format!("{score:.2}")) ") " (link_or_text(&r.review_url))
            } } }
        }
        h3 { "Evidence (" (evidence.len()) ")" }
        ul { @for e in &evidence { li { (link_or_text(&e.url)) " [" (e.stance.as_str()) "] " (e.note.clone().unwrap_or_default()) " — " (e.added_by) } } }
        h3 { "History (" (history.len()) ")" }
        ol.history { @for h in &history { li {
            time { (h.at) } " " (h.actor) " " (h.action) ": " (h.from.clone().unwrap_or_else(|| "-".into())) " → " (h.to.clone().unwrap_or_else(|| "-".into()))
            @if let Some(n) = &h.note { " “" (n) "”" }
        } } }
    })
}

pub async fn article(
    State(st): State<Shared>,
    Path(id): Path<String>,
    Query(q): Query<ArticleQuery>,
) -> PageResult {
    let markup = blocking(&st, move |ws| {
        let r = app::read_article(ws, &id)?;
        let selected = match &q.claim {
            Some(c) => Some(ws.resolve_claim(c)?),
            None => r.claims.first().and_then(|c| c.id.clone()),
        };
        let chosen = r.claims.iter().find(|c| c.id == selected);
        let side = match chosen {
            Some(c) => panel(ws, c, &r.findings)?,
            None => html! { p { "No claims in this article." } },
        };
        let a = &r.article;
        Ok(page(
            &a.title,
            html! {
                div.reading {
                    article aria-labelledby="title" {
                        h1 id="title" { (a.title) }
                        p.meta {
                            @if let Some(o) = &a.outlet { (o) " · " }
                            @if let Some(p) = &a.published { "published " time datetime=(p) { (p) } " · " }
                            (r.claims.len()) " claims · " (r.findings.len()) " findings"
                            @if let Some(u) = &a.url { " · " (link_or_text(u)) }
                        }
                        (marked_body(&r.body, &r.claims, &r.findings, selected.as_deref()))
                    }
                    aside aria-labelledby="panel-title" { (side) }
                }
            },
        ))
    })
    .await?;
    Ok(markup.into_response())
}

pub async fn report(State(st): State<Shared>) -> PageResult {
    let list = blocking(&st, |ws| {
        app::visible_findings(ws, &Scope::default(), None, false)
    })
    .await?;
    Ok(page(
        "Report",
        html! {
            h1 { "Consistency report" }
            @if list.is_empty() { p { "No inconsistencies found." } }
            ol.report {
                @for f in &list {
                    li {
                        p { strong { (f.rule) } " — " (f.message)
                            @if let Some(s) = &f.suggestion { br; "Suggestion: " (s) } }
                        p { a href={"/articles/" (f.article_id.as_deref().unwrap_or_default()) "?claim=" (f.claims.first().and_then(|c| c.id.as_deref()).unwrap_or_default())} { "“" (f.text) "” in its article" } }
                        form method="post" action={"/findings/" (f.id) "/dismiss"} {
                            label { "Dismiss, because " input name="note" required; }
                            button type="submit" { "Dismiss" }
                        }
                    }
                }
            }
        },
    )
    .into_response())
}

#[derive(Debug, Deserialize)]
pub struct MarkForm {
    pub status: String,
    pub note: Option<String>,
    pub evidence: Option<String>,
    pub rating: Option<String>,
    pub explanation: Option<String>,
}

pub async fn mark(
    State(st): State<Shared>,
    Extension(Actor(actor)): Extension<Actor>,
    Path(id): Path<String>,
    Form(f): Form<MarkForm>,
) -> PageResult {
    let body = MarkBody {
        status: f.status,
        note: f.note,
        evidence: f.evidence,
        rating: f.rating,
        explanation: f.explanation,
    };
    let back = blocking(&st, move |ws| {
        let id = mark_claim(ws, &id, &body, &actor)?;
        Ok(claim_href(&ws.claim(&id)?))
    })
    .await?;
    Ok(Redirect::to(&back).into_response())
}

#[derive(Debug, Deserialize)]
pub struct EvidenceForm {
    pub evidence: String,
    pub note: Option<String>,
}

/// Adds evidence without changing the status.
pub async fn evidence(
    State(st): State<Shared>,
    Extension(Actor(actor)): Extension<Actor>,
    Path(id): Path<String>,
    Form(f): Form<EvidenceForm>,
) -> PageResult {
    let back = blocking(&st, move |ws| {
        let id = ws.resolve_claim(&id)?;
        let status = ws.claim(&id)?.status;
        let body = MarkBody {
            status: status.as_str().into(),
            note: f.note,
            evidence: Some(f.evidence),
            rating: None,
            explanation: None,
        };
        mark_claim(ws, &id, &body, &actor)?;
        Ok(claim_href(&ws.claim(&id)?))
    })
    .await?;
    Ok(Redirect::to(&back).into_response())
}

#[derive(Debug, Deserialize)]
pub struct DismissForm {
    pub note: String,
}

pub async fn dismiss(
    State(st): State<Shared>,
    Extension(Actor(actor)): Extension<Actor>,
    Path(id): Path<String>,
    Form(f): Form<DismissForm>,
) -> PageResult {
    blocking(&st, move |ws| app::dismiss(ws, &id, &f.note, &actor)).await?;
    Ok(Redirect::to("/report").into_response())
}

#[derive(Debug, Deserialize)]
pub struct NameForm {
    pub name: String,
}

/// The name a reviewer gives once: the actor of their changes, kept in a cookie.
pub async fn name(Form(f): Form<NameForm>) -> Response {
    let cookie = format!(
        "claimdesk_name={}; Path=/; SameSite=Strict; Max-Age=31536000",
        encode_cookie(f.name.trim())
    );
    let mut resp = Redirect::to("/").into_response();
    if let Ok(v) = HeaderValue::from_str(&cookie) {
        resp.headers_mut().insert(header::SET_COOKIE, v);
    }
    resp
}

#[derive(Debug, Deserialize)]
pub struct LoginQuery {
    pub token: String,
}

/// `/login?token=T` once in a browser: the token kept in an HttpOnly cookie.
pub async fn login(State(st): State<Shared>, Query(q): Query<LoginQuery>) -> Response {
    let sha = super::token_hash(&q.token);
    let known = st.token_sha.as_deref() == Some(sha.as_str())
        || blocking(&st, move |ws| ws.token_owner(&sha))
            .await
            .ok()
            .flatten()
            .is_some();
    if !known {
        return (
            StatusCode::UNAUTHORIZED,
            error_page(StatusCode::UNAUTHORIZED, "this token is not known"),
        )
            .into_response();
    }
    let cookie = format!(
        "claimdesk_token={}; Path=/; HttpOnly; SameSite=Strict",
        encode_cookie(&q.token)
    );
    let mut resp = Redirect::to("/").into_response();
    if let Ok(v) = HeaderValue::from_str(&cookie) {
        resp.headers_mut().insert(header::SET_COOKIE, v);
    }
    resp
}

pub async fn script() -> impl IntoResponse {
    static_file("text/javascript; charset=utf-8", include_str!("app.js"))
}

pub async fn style() -> impl IntoResponse {
    static_file("text/css; charset=utf-8", include_str!("app.css"))
}

fn static_file(kind: &'static str, body: &'static str) -> impl IntoResponse {
    let mut headers = HeaderMap::new();
    headers.insert(header::CONTENT_TYPE, HeaderValue::from_static(kind));
    (headers, body)
}
