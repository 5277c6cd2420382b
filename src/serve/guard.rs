//! What every request passes before a handler: the `Host` must name this server (against
//! DNS rebinding), a token when the server asks for one, a same-origin `Origin` on every
//! write from a browser (scripts use `Authorization: Bearer`), and security headers on the
//! way out. It also settles who the actor of a change is.

use axum::extract::{Request, State};
use axum::http::{HeaderMap, HeaderValue, Method, StatusCode, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};

use super::Shared;

/// Who makes the changes of this request.
#[derive(Debug, Clone)]
pub struct Actor(pub String);

pub use crate::app::token_hash;

const CSP: &str = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; \
     connect-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'";

/// The value of cookie `name`.
pub fn cookie<'a>(headers: &'a HeaderMap, name: &str) -> Option<&'a str> {
    headers
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .filter_map(|kv| kv.trim().split_once('='))
        .find(|(k, _)| *k == name)
        .map(|(_, v)| v)
}

/// Percent-encodes everything but unreserved ASCII: a cookie value from a person's name.
pub fn encode_cookie(s: &str) -> String {
    s.bytes()
        .map(|b| {
            if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.') {
                (b as char).to_string()
            } else {
                format!("%{b:02X}")
            }
        })
        .collect()
}

pub fn decode_cookie(s: &str) -> Option<String> {
    let mut bytes = Vec::new();
    let mut it = s.bytes();
    while let Some(b) = it.next() {
        if b == b'%' {
            let hex = [it.next()?, it.next()?];
            bytes.push(u8::from_str_radix(std::str::from_utf8(&hex).ok()?, 16).ok()?);
        } else {
            bytes.push(b);
        }
    }
    String::from_utf8(bytes).ok()
}

fn refuse(status: StatusCode, api: bool, message: &str) -> Response {
    if api {
        (status, axum::Json(serde_json::json!({ "error": message }))).into_response()
    } else {
        (status, super::pages::error_page(status, message)).into_response()
    }
}

/// The person a presented token stands for: the server's actor for the shared token, the
/// owner for a personal one.
async fn token_actor(st: &Shared, token: &str) -> Option<String> {
    let sha = token_hash(token);
    if st.token_sha.as_deref() == Some(sha.as_str()) {
        return Some(st.actor.clone());
    }
    let st = st.clone();
    tokio::task::spawn_blocking(move || st.pool.with(|ws| ws.token_owner(&sha)))
        .await
        .ok()
        .and_then(Result::ok)
        .flatten()
}

pub async fn guard(State(st): State<Shared>, mut req: Request, next: Next) -> Response {
    let path = req.uri().path().to_string();
    let api = path.starts_with("/api/");
    let headers = req.headers();
    let host = headers
        .get(header::HOST)
        .and_then(|h| h.to_str().ok())
        .unwrap_or("");
    if !st.hosts.iter().any(|h| h.eq_ignore_ascii_case(host)) {
        return refuse(
            StatusCode::MISDIRECTED_REQUEST,
            api,
            &format!("this server does not answer to Host '{host}'"),
        );
    }
    let bearer = headers
        .get(header::AUTHORIZATION)
        .and_then(|h| h.to_str().ok())
        .and_then(|h| h.strip_prefix("Bearer "))
        .map(|t| t.trim().to_string());
    let cookie_token = cookie(headers, "claimdesk_token").and_then(decode_cookie);
    let name = cookie(headers, "claimdesk_name").and_then(decode_cookie);
    let origin = headers
        .get(header::ORIGIN)
        .and_then(|h| h.to_str().ok())
        .map(str::to_string);
    let mut actor = None;
    if let Some(t) = bearer.as_ref().or(cookie_token.as_ref()) {
        match token_actor(&st, t).await {
            Some(a) => actor = Some(a),
            None => return refuse(StatusCode::UNAUTHORIZED, api, "this token is not known"),
        }
    } else if st.auth && !(path == "/login" || path.starts_with("/static/")) {
        return refuse(
            StatusCode::UNAUTHORIZED,
            api,
            "a token is needed: Authorization: Bearer TOKEN for scripts, or open /login?token=TOKEN once in a browser",
        );
    }
    if !matches!(*req.method(), Method::GET | Method::HEAD) {
        match &origin {
            Some(o) => {
                let same = o
                    .strip_prefix("http://")
                    .is_some_and(|h| st.hosts.iter().any(|x| x.eq_ignore_ascii_case(h)));
                if !same {
                    return refuse(
                        StatusCode::FORBIDDEN,
                        api,
                        &format!("a write from another site ({o}) is refused"),
                    );
                }
            }
            // Browsers send Origin with every POST; only scripts with a token go without.
            None if bearer.is_none() => {
                return refuse(
                    StatusCode::FORBIDDEN,
                    api,
                    "a write needs its Origin header (browsers send it) or Authorization: Bearer TOKEN",
                );
            }
            None => {}
        }
    }
    // A personal token names its owner; otherwise the name a reviewer gave, else the server's.
    let personal = actor.filter(|a| *a != st.actor);
    let who = personal
        .or(name.filter(|n| !n.trim().is_empty()))
        .unwrap_or_else(|| st.actor.clone());
    req.extensions_mut().insert(Actor(who));
    let mut resp = next.run(req).await;
    let h = resp.headers_mut();
    h.insert(
        header::CONTENT_SECURITY_POLICY,
        HeaderValue::from_static(CSP),
    );
    h.insert(
        header::X_CONTENT_TYPE_OPTIONS,
        HeaderValue::from_static("nosniff"),
    );
    h.insert(
        header::REFERRER_POLICY,
        HeaderValue::from_static("same-origin"),
    );
    h.insert(header::X_FRAME_OPTIONS, HeaderValue::from_static("DENY"));
    h.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    resp
}
