//! The JSON API under `/api`: the CLI's JSON shapes, errors as `{"error": …}` with the
//! status their kind calls for.

use axum::Json;
use axum::extract::{Extension, Path, Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use serde::Deserialize;
use serde_json::{Value, json};

use super::Shared;
use super::guard::Actor;
use crate::app;
use crate::error::{Error, kind_of};
use crate::model::{ClaimKind, Status};
use crate::report::Scope;
use crate::store::{ClaimFilter, CountBy, Store};

/// An error as the API answers it.
pub struct ApiError(pub anyhow::Error);

/// The HTTP status of an error, from its kind.
pub fn status_of(e: &anyhow::Error) -> StatusCode {
    match kind_of(e) {
        Some(Error::Usage(_)) => StatusCode::BAD_REQUEST,
        Some(Error::NotFound { .. }) => StatusCode::NOT_FOUND,
        Some(Error::Ambiguous { .. }) | Some(Error::Conflict(_)) => StatusCode::CONFLICT,
        Some(Error::Invalid(_)) => StatusCode::UNPROCESSABLE_ENTITY,
        _ => StatusCode::INTERNAL_SERVER_ERROR,
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        let status = status_of(&self.0);
        (status, Json(json!({ "error": format!("{:#}", self.0) }))).into_response()
    }
}

impl<E: Into<anyhow::Error>> From<E> for ApiError {
    fn from(e: E) -> Self {
        ApiError(e.into())
    }
}

/// Runs `f` on a blocking thread with a workspace connection of its own.
pub async fn blocking<T: Send + 'static>(
    st: &Shared,
    f: impl FnOnce(&mut dyn Store) -> anyhow::Result<T> + Send + 'static,
) -> anyhow::Result<T> {
    let st = st.clone();
    tokio::task::spawn_blocking(move || st.pool.with(f))
        .await
        .map_err(|e| anyhow::anyhow!("the request failed: {e}"))?
}

type ApiResult = Result<Json<Value>, ApiError>;

pub async fn articles(State(st): State<Shared>) -> ApiResult {
    let list = blocking(&st, |ws| ws.articles(&Default::default())).await?;
    Ok(Json(serde_json::to_value(list)?))
}

/// The article as `read --format json` gives it.
pub fn article_json(ws: &dyn Store, id: &str) -> anyhow::Result<Value> {
    let r = app::read_article(ws, id)?;
    let mut article = serde_json::to_value(&r.article)?;
    article["body"] = json!(r.body);
    Ok(json!({
        "article": article,
        "claims": r.claims.iter().map(|c| c.to_json()).collect::<Vec<_>>(),
        "findings": json!(r.findings),
    }))
}

pub async fn article(State(st): State<Shared>, Path(id): Path<String>) -> ApiResult {
    Ok(Json(blocking(&st, move |ws| article_json(ws, &id)).await?))
}

#[derive(Debug, Deserialize, Default)]
pub struct ClaimQuery {
    pub status: Option<String>,
    pub kind: Option<String>,
    pub story: Option<String>,
    pub assignee: Option<String>,
    pub article: Option<String>,
    pub limit: Option<usize>,
    pub offset: Option<usize>,
}

impl ClaimQuery {
    /// The filter, values checked as the CLI checks them (a bad status is a 400).
    pub fn filter(&self, ws: &dyn Store) -> anyhow::Result<ClaimFilter> {
        let nonempty = |s: &Option<String>| s.clone().filter(|s| !s.is_empty());
        let status = nonempty(&self.status)
            .map(|s| s.parse::<Status>().map_err(Error::Usage))
            .transpose()?;
        let kind = nonempty(&self.kind)
            .map(|s| s.parse::<ClaimKind>().map_err(Error::Usage))
            .transpose()?;
        let article = nonempty(&self.article)
            .map(|a| ws.resolve_article(&a))
            .transpose()?;
        Ok(ClaimFilter {
            status,
            kind,
            article,
            story: nonempty(&self.story),
            assignee: nonempty(&self.assignee),
            limit: Some(self.limit.unwrap_or(100).min(1000)),
            offset: self.offset,
            ..ClaimFilter::default()
        })
    }
}

pub async fn claims(State(st): State<Shared>, Query(q): Query<ClaimQuery>) -> ApiResult {
    let list = blocking(&st, move |ws| {
        let filter = q.filter(ws)?;
        ws.claims(&filter)
    })
    .await?;
    Ok(Json(json!(
        list.iter().map(|c| c.to_json()).collect::<Vec<_>>()
    )))
}

pub async fn claim(State(st): State<Shared>, Path(id): Path<String>) -> ApiResult {
    Ok(Json(
        blocking(&st, move |ws| {
            let id = ws.resolve_claim(&id)?;
            app::claim_view(ws, &id)
        })
        .await?,
    ))
}

#[derive(Debug, Deserialize)]
pub struct MarkBody {
    pub status: String,
    pub note: Option<String>,
    pub evidence: Option<String>,
    pub rating: Option<String>,
    pub explanation: Option<String>,
}

/// Marks one claim as the request asks; shared by the API and the page's form.
pub fn mark_claim(
    ws: &mut dyn Store,
    id: &str,
    b: &MarkBody,
    actor: &str,
) -> anyhow::Result<crate::model::ClaimId> {
    let status: Status = b.status.parse().map_err(Error::Usage)?;
    fn nonempty(s: &Option<String>) -> Option<&str> {
        s.as_deref().map(str::trim).filter(|s| !s.is_empty())
    }
    let rating = nonempty(&b.rating);
    let verdict = rating.map(|r| app::Verdict {
        rating: r,
        explanation: nonempty(&b.explanation),
    });
    let id = ws.resolve_claim(id)?;
    app::mark_with_verdict(
        ws,
        &[id.to_string()],
        status,
        nonempty(&b.note),
        nonempty(&b.evidence),
        verdict.as_ref(),
        actor,
    )?;
    Ok(id)
}

pub async fn mark(
    State(st): State<Shared>,
    Extension(Actor(actor)): Extension<Actor>,
    Path(id): Path<String>,
    Json(body): Json<MarkBody>,
) -> ApiResult {
    Ok(Json(
        blocking(&st, move |ws| {
            let id = mark_claim(ws, &id, &body, &actor)?;
            app::claim_view(ws, &id)
        })
        .await?,
    ))
}

#[derive(Debug, Deserialize)]
pub struct AssignBody {
    /// The reviewer; null unassigns.
    pub assignee: Option<String>,
}

pub async fn assign(
    State(st): State<Shared>,
    Extension(Actor(actor)): Extension<Actor>,
    Path(id): Path<String>,
    Json(body): Json<AssignBody>,
) -> ApiResult {
    Ok(Json(
        blocking(&st, move |ws| {
            let ids = app::assign(ws, &[id], body.assignee.as_deref(), &actor)?;
            app::claim_view(ws, &ids[0])
        })
        .await?,
    ))
}

pub async fn report(State(st): State<Shared>) -> ApiResult {
    let list = blocking(&st, |ws| {
        app::visible_findings(ws, &Scope::default(), None, false)
    })
    .await?;
    Ok(Json(json!({
        "findings": json!(list)
    })))
}

#[derive(Debug, Deserialize)]
pub struct DismissBody {
    pub note: String,
}

pub async fn dismiss(
    State(st): State<Shared>,
    Extension(Actor(actor)): Extension<Actor>,
    Path(id): Path<String>,
    Json(body): Json<DismissBody>,
) -> ApiResult {
    let f = blocking(&st, move |ws| app::dismiss(ws, &id, &body.note, &actor)).await?;
    Ok(Json(json!({ "dismissed": f })))
}

/// Claims per status only, read from the kept counts: cheap enough to poll.
pub async fn counts(State(st): State<Shared>) -> ApiResult {
    let counts = blocking(&st, |ws| ws.status_counts()).await?;
    Ok(Json(json!({
        "by": CountBy::Status.as_str(),
        "rows": counts.iter().map(|(k, n)| json!({"key": k, "claims": n})).collect::<Vec<_>>(),
    })))
}

/// Claims per status, as `stats --format json` shows them; the counts are kept by the
/// workspace as claims change, so the queue page can ask often.
pub async fn stats(State(st): State<Shared>) -> ApiResult {
    let (counts, open) = blocking(&st, |ws| {
        let open = app::visible_findings(ws, &Scope::default(), None, false)?.len();
        Ok((ws.status_counts()?, open))
    })
    .await?;
    Ok(Json(json!({
        "by": CountBy::Status.as_str(),
        "rows": counts.iter().map(|(k, n)| json!({"key": k, "claims": n})).collect::<Vec<_>>(),
        "open_findings": open,
    })))
}
