//! Markdown articles: the text without its markup, one paragraph per block; the first
//! heading is the title.

use pulldown_cmark::{Event, Parser, Tag, TagEnd};

use super::html::with_headline;
use super::page::PageMeta;

/// The stored text of a Markdown article and its title (the first heading).
pub fn read(md: &str) -> (String, PageMeta) {
    let mut blocks: Vec<String> = Vec::new();
    let mut current = String::new();
    let mut title: Option<String> = None;
    let mut in_heading = false;
    let mut skip = 0usize; // inside an image or HTML block: not article text
    for event in Parser::new(md) {
        match event {
            Event::Start(Tag::Heading { .. }) => in_heading = true,
            Event::Start(Tag::Image { .. }) | Event::Start(Tag::HtmlBlock) => skip += 1,
            Event::End(TagEnd::Image) | Event::End(TagEnd::HtmlBlock) => {
                skip = skip.saturating_sub(1)
            }
            Event::Text(t) | Event::Code(t) if skip == 0 => current.push_str(&t),
            Event::SoftBreak | Event::HardBreak => current.push(' '),
            Event::End(TagEnd::Heading(_)) => {
                in_heading = false;
                let line = squash(&current);
                if title.is_none() && !line.is_empty() {
                    title = Some(line.clone());
                }
                push(&mut blocks, line);
                current.clear();
            }
            Event::End(TagEnd::Paragraph | TagEnd::Item | TagEnd::CodeBlock | TagEnd::TableRow)
                if !in_heading =>
            {
                push(&mut blocks, squash(&current));
                current.clear();
            }
            Event::End(TagEnd::TableCell) => current.push(' '),
            _ => {}
        }
    }
    push(&mut blocks, squash(&current));
    let body = blocks.join("\n\n");
    let text = with_headline(title.as_deref(), &body);
    let meta = PageMeta {
        title,
        ..Default::default()
    };
    (text, meta)
}

fn squash(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn push(blocks: &mut Vec<String>, line: String) {
    if !line.is_empty() {
        blocks.push(line);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markup_goes_and_paragraphs_stay() {
        let md = "# Council cuts **£3m** from roads\n\nBy *A. Writer*\n\nThe council voted\non Tuesday to cut [£3m](https://x.example) from roads.\n\n- 12 schemes paused\n- 3 cancelled\n\n![a chart of 40 bars](c.png)\n";
        let (text, meta) = read(md);
        assert_eq!(meta.title.as_deref(), Some("Council cuts £3m from roads"));
        assert_eq!(
            text,
            "Council cuts £3m from roads\n\nBy A. Writer\n\nThe council voted on Tuesday to cut £3m from roads.\n\n12 schemes paused\n\n3 cancelled\n"
        );
    }

    #[test]
    fn without_a_heading_there_is_no_title() {
        let (text, meta) = read("Just a paragraph with 5 figures.\n");
        assert_eq!(meta.title, None);
        assert_eq!(text, "Just a paragraph with 5 figures.\n");
    }
}
