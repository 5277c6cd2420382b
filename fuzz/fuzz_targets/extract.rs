//! Any bytes that are UTF-8 extract without panicking, with every claim's offsets on
//! character boundaries and its text equal to the body at those offsets.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(body) = std::str::from_utf8(data) else { return };
    for published in [chrono::NaiveDate::from_ymd_opt(2021, 5, 4), None] {
        let ex = claimdesk::extract::extract(body, published);
        let chars: Vec<char> = body.chars().collect();
        for c in &ex.claims {
            assert!(c.start < c.end && c.end <= chars.len());
            let text: String = chars[c.start..c.end].iter().collect();
            assert_eq!(text, c.text);
        }
        let _ = claimdesk::check::check_article(&claimdesk::check::ArticleView {
            article_id: None,
            published: ex.published,
            body: Some(body),
            claims: &ex.claims,
        });
    }
});
