//! `claimdesk serve`: the review page and JSON API over the same workspace, a front end
//! like the CLI: handlers parse, call `app`, render. axum on tokio; SQLite work runs on
//! blocking threads with connections from a small pool.

mod api;
mod guard;
mod pages;
mod pool;

use std::net::{IpAddr, SocketAddr};
use std::path::PathBuf;
use std::sync::Arc;

use anyhow::{Context, Result, bail};
use axum::Router;
use axum::routing::{get, post};

pub use guard::token_hash;
use pool::Pool;

/// How the server is started.
#[derive(Debug, Clone)]
pub struct Config {
    pub db: PathBuf,
    pub bind: IpAddr,
    pub port: u16,
    /// A shared token; its bearer acts as `actor`.
    pub token: Option<String>,
    /// The actor of changes made without a personal token or a name of their own.
    pub actor: String,
}

/// What every handler shares.
pub struct State {
    pool: Pool,
    token_sha: Option<String>,
    actor: String,
    /// `Host` values that name this server (against DNS rebinding).
    hosts: Vec<String>,
    /// Whether a request must show a token: when one is set or personal tokens exist.
    auth: bool,
}

pub type Shared = Arc<State>;

fn routes(state: Shared) -> Router {
    Router::new()
        .route("/", get(pages::queue))
        .route("/articles/{id}", get(pages::article))
        .route("/report", get(pages::report))
        .route("/login", get(pages::login))
        .route("/claims/{id}/mark", post(pages::mark))
        .route("/claims/{id}/evidence", post(pages::evidence))
        .route("/findings/{id}/dismiss", post(pages::dismiss))
        .route("/name", post(pages::name))
        .route("/static/app.js", get(pages::script))
        .route("/static/app.css", get(pages::style))
        .route("/api/articles", get(api::articles))
        .route("/api/articles/{id}", get(api::article))
        .route("/api/claims", get(api::claims))
        .route("/api/claims/{id}", get(api::claim))
        .route("/api/claims/{id}/mark", post(api::mark))
        .route("/api/claims/{id}/assign", post(api::assign))
        .route("/api/report", get(api::report))
        .route("/api/findings/{id}/dismiss", post(api::dismiss))
        .route("/api/stats", get(api::stats))
        .route("/api/counts", get(api::counts))
        .layer(axum::middleware::from_fn_with_state(
            state.clone(),
            guard::guard,
        ))
        .with_state(state)
}

/// Starts the server, prints its URL on stdout, and serves until Ctrl-C.
pub fn run(cfg: Config) -> Result<()> {
    let pool = Pool::new(&cfg.db)?;
    let personal = pool.with(|ws| Ok(!ws.token_names()?.is_empty()))?;
    if !cfg.bind.is_loopback() && cfg.token.is_none() && !personal {
        bail!(crate::error::Error::Usage(format!(
            "serving on {} lets anyone on the network in: give --token (or $CLAIMDESK_TOKEN), or add personal tokens with `claimdesk tokens add NAME`",
            cfg.bind
        )));
    }
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .context("cannot start the server's runtime")?;
    runtime.block_on(async move {
        let listener = tokio::net::TcpListener::bind(SocketAddr::new(cfg.bind, cfg.port))
            .await
            .with_context(|| format!("cannot listen on {}:{}", cfg.bind, cfg.port))?;
        let addr = listener.local_addr()?;
        let port = addr.port();
        let mut hosts = vec![format!("localhost:{port}"), format!("{addr}")];
        if cfg.bind.is_unspecified() || cfg.bind.is_loopback() {
            hosts.push(format!("127.0.0.1:{port}"));
            hosts.push(format!("[::1]:{port}"));
        }
        let state = Arc::new(State {
            pool,
            token_sha: cfg.token.as_deref().map(token_hash),
            actor: cfg.actor.clone(),
            hosts,
            auth: cfg.token.is_some() || personal,
        });
        // The first line is the address, for people and for scripts that start the server.
        println!("http://{addr}/");
        use std::io::Write;
        let _ = std::io::stdout().flush();
        axum::serve(listener, routes(state))
            .with_graceful_shutdown(async {
                let _ = tokio::signal::ctrl_c().await;
            })
            .await
            .context("the server stopped")?;
        eprintln!("stopped");
        Ok(())
    })
}
