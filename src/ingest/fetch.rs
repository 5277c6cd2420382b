//! Pages over HTTP(S), by ureq with rustls: timeouts, a size cap, redirects followed and the
//! final address kept.

use std::time::Duration;

use anyhow::{Result, bail};
use ureq::ResponseExt;

use super::charset;
use super::source::{Fetched, Format, ReadOptions, Source, convert, decode};

const MAX_REDIRECTS: u32 = 10;

fn agent(timeout: Duration) -> ureq::Agent {
    ureq::Agent::config_builder()
        .timeout_global(Some(timeout))
        .max_redirects(MAX_REDIRECTS)
        .user_agent(concat!("claimdesk/", env!("CARGO_PKG_VERSION")))
        .build()
        .into()
}

/// The body of `url` as bytes, with the final address after redirects and the content type.
pub fn get(url: &str, limits: &ReadOptions) -> Result<(Vec<u8>, String, String)> {
    let mut resp = match agent(limits.timeout).get(url).call() {
        Ok(r) => r,
        Err(ureq::Error::StatusCode(code)) => bail!("{url}: the server answered HTTP {code}"),
        Err(ureq::Error::Timeout(_)) => bail!(
            "{url}: no answer within {} s (give --timeout to wait longer)",
            limits.timeout.as_secs()
        ),
        Err(ureq::Error::TooManyRedirects) => {
            bail!("{url}: more than {MAX_REDIRECTS} redirects")
        }
        Err(e) => bail!("{url}: cannot fetch ({e})"),
    };
    let final_url = resp.get_uri().to_string();
    let content_type = resp
        .headers()
        .get("content-type")
        .and_then(|v| v.to_str().ok())
        .unwrap_or("")
        .to_ascii_lowercase();
    let bytes = charset::read_bytes(url, resp.body_mut().as_reader(), limits.max_bytes)?;
    Ok((bytes, final_url, content_type))
}

/// Fetches one page and reads it as its content type says (HTML, Markdown or plain text).
pub fn fetch_page(url: &str, limits: &ReadOptions) -> Result<Source> {
    let (bytes, final_url, content_type) = get(url, limits)?;
    let declared = charset::from_content_type(&content_type);
    let html = content_type.contains("html");
    // Pages may be in a legacy encoding, named by the server or the page; text is UTF-8.
    let raw = if html || declared.is_some() {
        charset::decode(url, bytes, declared)?
    } else {
        decode(url, bytes)?
    };
    let format = if html {
        Format::Html
    } else if content_type.contains("markdown") {
        Format::Markdown
    } else if content_type.contains("rss") || content_type.contains("atom") {
        bail!("{url}: this is a feed; give it as --feed {url}");
    } else if content_type.starts_with("text/") || content_type.is_empty() {
        Format::sniff(&raw)
    } else {
        bail!("{url}: {content_type} is not supported yet (pages, Markdown and text are)");
    };
    let mut source = convert(url, Some(url.to_string()), raw, format)?;
    source.fetched = Some(Fetched {
        url: url.to_string(),
        final_url,
        at: crate::store::now(),
    });
    Ok(source)
}
