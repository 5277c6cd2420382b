//! RSS 2.0 and Atom feeds (the rust-syndication `rss` and `atom_syndication` crates, which
//! keep each date as written, offset included): the items, each with its link, title,
//! author, date and full content when the feed carries it.

use anyhow::{Context, Result, bail};
use chrono::NaiveDate;

use super::charset;
use super::fetch;
use super::html::{paragraphs, with_headline};
use super::page::published_date;
use super::source::{Format, ReadOptions, Source, convert};
use crate::extract::PublishedFrom;

/// One entry of a feed.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct FeedItem {
    pub link: Option<String>,
    pub title: Option<String>,
    pub author: Option<String>,
    pub published: Option<NaiveDate>,
    /// The item's HTML content (`content:encoded`, Atom `content`), when the feed has it.
    pub content: Option<String>,
}

/// Text shorter than this in a feed's `content` is a teaser: the page is fetched instead.
const FULL_CONTENT_CHARS: usize = 400;

/// Reads a feed from a URL, a file or `-`.
pub fn read(input: &str, opts: &ReadOptions) -> Result<Vec<FeedItem>> {
    // A feed declares its encoding in its XML declaration, or its server does.
    let (bytes, header) = if input.starts_with("http://") || input.starts_with("https://") {
        let (bytes, _, content_type) = fetch::get(input, opts)?;
        (bytes, charset::from_content_type(&content_type))
    } else if input == "-" {
        let stdin = std::io::stdin().lock();
        (charset::read_bytes("stdin", stdin, opts.max_bytes)?, None)
    } else {
        let f = std::fs::File::open(input).with_context(|| format!("{input}: cannot read"))?;
        (charset::read_bytes(input, f, opts.max_bytes)?, None)
    };
    let text = charset::decode(input, bytes, header)?;
    parse(input, &text)
}

/// The items of an RSS 2.0 or Atom document; `name` is used in the error.
pub fn parse(name: &str, text: &str) -> Result<Vec<FeedItem>> {
    if let Ok(channel) = rss::Channel::read_from(text.as_bytes()) {
        return Ok(channel.items().iter().map(rss_item).collect());
    }
    match atom_syndication::Feed::read_from(text.as_bytes()) {
        Ok(feed) => Ok(feed.entries().iter().map(atom_entry).collect()),
        Err(e) => bail!("{name}: not an RSS 2.0 or Atom feed ({e})"),
    }
}

fn nonempty(s: Option<&str>) -> Option<String> {
    s.map(str::trim)
        .filter(|s| !s.is_empty())
        .map(str::to_string)
}

fn rss_item(item: &rss::Item) -> FeedItem {
    let dc = item.dublin_core_ext();
    FeedItem {
        link: nonempty(item.link()).or_else(|| {
            item.guid()
                .filter(|g| g.is_permalink())
                .and_then(|g| nonempty(Some(g.value())))
        }),
        title: nonempty(item.title()),
        author: nonempty(item.author())
            .or_else(|| dc.and_then(|d| nonempty(d.creators().first().map(String::as_str)))),
        published: item
            .pub_date()
            .and_then(published_date)
            .or_else(|| dc.and_then(|d| d.dates().first().and_then(|s| published_date(s)))),
        content: nonempty(item.content()),
    }
}

fn atom_entry(e: &atom_syndication::Entry) -> FeedItem {
    let link = e
        .links()
        .iter()
        .find(|l| l.rel() == "alternate")
        .or_else(|| e.links().first())
        .map(|l| l.href().to_string());
    let names: Vec<&str> = e.authors().iter().map(|a| a.name().trim()).collect();
    FeedItem {
        link,
        title: nonempty(Some(e.title().value.as_str())),
        author: (!names.is_empty()).then(|| names.join(", ")),
        // The date in the entry's own offset, as for pages.
        published: e.published().map(|d| d.date_naive()),
        content: nonempty(e.content().and_then(|c| c.value())),
    }
}

/// The item as a source: its own content when the feed carries the full text, else its
/// page, fetched. What the page says of itself comes first; the item fills the gaps, and
/// its date beats a dateline found in the text.
pub fn item_source(item: &FeedItem, opts: &ReadOptions) -> Result<Source> {
    let name = item
        .link
        .clone()
        .or_else(|| item.title.clone())
        .unwrap_or_else(|| "feed item".into());
    let full = item
        .content
        .as_deref()
        .map(|c| (c, paragraphs(&dom_query::Document::from(c).text())))
        .filter(|(_, text)| text.chars().count() >= FULL_CONTENT_CHARS);
    let mut source = match (full, &item.link) {
        (Some((html, _)), _) => {
            let mut s = convert(&name, item.link.clone(), html.to_string(), Format::Html)?;
            // The content carries no headline of its own: the item's title is the first line.
            if let Some(t) = item.title.as_deref().filter(|t| !s.body.starts_with(t)) {
                s.body = with_headline(Some(t), s.body.trim_end()).into();
            }
            s.meta.url = item.link.clone();
            s
        }
        (None, Some(link)) => fetch::fetch_page(link, opts)?,
        (None, None) => bail!("{name}: the item has neither a link nor its full text"),
    };
    let meta = &mut source.meta;
    if meta.title.is_none() {
        meta.title = item.title.clone();
    }
    if meta.author.is_none() {
        meta.author = item.author.clone();
    }
    if meta.published.is_none() {
        meta.published = item.published.map(|d| (d, PublishedFrom::Feed));
    }
    Ok(source)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rss_items_keep_their_own_dates_and_authors() {
        let rss = r#"<?xml version="1.0"?>
<rss version="2.0" xmlns:dc="http://purl.org/dc/elements/1.1/"><channel><title>T</title><link>https://x.example</link><description>d</description>
<item><title>One</title><link>https://x.example/1</link><pubDate>Tue, 04 May 2021 02:30:00 +0430</pubDate><dc:creator>A. Writer</dc:creator></item>
<item><title>Two</title><guid isPermaLink="true">https://x.example/2</guid></item>
</channel></rss>"#;
        let items = parse("f", rss).unwrap();
        assert_eq!(items.len(), 2);
        assert_eq!(items[0].link.as_deref(), Some("https://x.example/1"));
        assert_eq!(items[0].published, NaiveDate::from_ymd_opt(2021, 5, 4));
        assert_eq!(items[0].author.as_deref(), Some("A. Writer"));
        assert_eq!(items[1].link.as_deref(), Some("https://x.example/2"));
        assert_eq!(items[1].published, None);
    }

    #[test]
    fn atom_entries_too_and_anything_else_is_refused() {
        let atom = r#"<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>T</title><id>urn:x</id><updated>2021-05-04T00:00:00Z</updated>
<entry><title>One</title><id>urn:1</id><updated>2021-05-04T00:00:00Z</updated><published>2021-05-03T23:30:00-05:00</published>
<link rel="alternate" href="https://x.example/1"/><author><name>B. Writer</name></author><content type="html">&lt;p&gt;Hi&lt;/p&gt;</content></entry>
</feed>"#;
        let items = parse("f", atom).unwrap();
        assert_eq!(items[0].published, NaiveDate::from_ymd_opt(2021, 5, 3));
        assert_eq!(items[0].author.as_deref(), Some("B. Writer"));
        assert_eq!(items[0].content.as_deref(), Some("<p>Hi</p>"));
        let e = parse("page.html", "<html><body>no</body></html>").unwrap_err();
        assert!(
            e.to_string()
                .starts_with("page.html: not an RSS 2.0 or Atom feed"),
            "{e}"
        );
    }
}
