//! The workspace's own settings: its rating scale and the tokens of the review server.

use anyhow::Result;

use crate::error::Error;
use crate::store::Store;

/// Adds a rating to the scale (or changes its value).
pub fn add_rating(ws: &mut dyn Store, label: &str, value: Option<i64>) -> Result<()> {
    let label = label.trim();
    if label.is_empty() {
        return Err(Error::Usage("the rating is empty".into()).into());
    }
    ws.write(|tx| tx.add_rating(label, value))
}

/// Removes a rating no claim carries.
pub fn remove_rating(ws: &mut dyn Store, label: &str) -> Result<()> {
    ws.write(|tx| tx.remove_rating(label))
}

/// What the server stores of a token: its SHA-256, never the token.
pub fn token_hash(token: &str) -> String {
    crate::ingest::sha256_hex(token)
}

/// Makes a new secret token for `name`, replacing any earlier one; returns it (it is
/// shown once and only its hash is stored).
pub fn add_token(ws: &mut dyn Store, name: &str) -> Result<String> {
    if name.trim().is_empty() {
        return Err(Error::Usage("the name is empty".into()).into());
    }
    let token = format!(
        "cd_{}{}",
        uuid::Uuid::new_v4().simple(),
        uuid::Uuid::new_v4().simple()
    );
    let sha = token_hash(&token);
    ws.write(|tx| tx.set_token(name, &sha))?;
    Ok(token)
}

/// Removes the token of `name`; not found when it has none.
pub fn remove_token(ws: &mut dyn Store, name: &str) -> Result<()> {
    if !ws.write(|tx| tx.remove_token(name))? {
        return Err(Error::NotFound {
            what: "token for",
            id: name.to_string(),
        }
        .into());
    }
    Ok(())
}
