//! `claimdesk serve` and `claimdesk tokens`: the review page and the API's tokens.

use std::net::IpAddr;
use std::path::Path;

use anyhow::Result;
use clap::{Args, Subcommand};

use super::output;
use crate::store::Store;

#[derive(Debug, Args)]
pub struct ServeArgs {
    /// The address to listen on; anything but loopback needs a token.
    #[arg(long, default_value = "127.0.0.1")]
    pub bind: IpAddr,
    /// The port; 0 picks a free one (printed).
    #[arg(long, default_value_t = 8377)]
    pub port: u16,
    /// A token every request must show (Authorization: Bearer, or /login?token= once in a
    /// browser); personal tokens from `claimdesk tokens add` work too.
    #[arg(long, env = "CLAIMDESK_TOKEN", hide_env_values = true)]
    pub token: Option<String>,
    /// Open the review page in a browser.
    #[arg(long)]
    pub open: bool,
    #[command(flatten)]
    pub actor: super::Actor,
}

pub fn serve(db: &Path, args: &ServeArgs) -> Result<()> {
    if args.open {
        let url = format!("http://{}:{}/", args.bind, args.port);
        // Best effort: a machine without a desktop still serves.
        let _ = std::process::Command::new("xdg-open")
            .arg(&url)
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::null())
            .spawn();
    }
    crate::serve::run(crate::serve::Config {
        db: db.to_path_buf(),
        bind: args.bind,
        port: args.port,
        token: args.token.clone().filter(|t| !t.is_empty()),
        actor: args.actor.name(),
    })
}

#[derive(Debug, Subcommand)]
pub enum TokensCommand {
    /// Make a token for NAME (printed once; only its hash is kept): their changes through
    /// the API or the page are theirs.
    Add { name: String },
    /// Remove NAME's token.
    Remove { name: String },
    /// The people who have tokens.
    List,
}

pub fn tokens(ws: &mut dyn Store, cmd: &TokensCommand) -> Result<()> {
    match cmd {
        TokensCommand::Add { name } => {
            let token = crate::app::add_token(ws, name)?;
            output::warn(&format!(
                "token for {name} (shown once; keep it secret; a new one replaces it):"
            ));
            output::print_raw(&token)
        }
        TokensCommand::Remove { name } => {
            crate::app::remove_token(ws, name)?;
            output::print(&format!("removed the token of {name}"))
        }
        TokensCommand::List => {
            let mut t = output::table(&["name", "created"]);
            for (n, at) in ws.token_names()? {
                t.add_row(vec![n, at]);
            }
            output::print(&t.to_string())
        }
    }
}
