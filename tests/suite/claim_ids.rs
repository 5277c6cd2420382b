//! Claim ids derived from a claim's number and its article (schema 18): their shape, how
//! they resolve, when they are stored, and that no two claims ever share one.

use super::common::*;

fn stored_ids(t: &Test) -> i64 {
    t.sql("SELECT count(*) FROM claims WHERE id IS NOT NULL")
}

#[test]
fn claim_ids_are_derived_until_something_points_at_them() {
    let t = Test::sqlite();
    let claims = t.with_fixture();
    let article = claims[0]["article_id"].as_str().unwrap().to_string();
    for c in &claims {
        let id = c["id"].as_str().unwrap();
        let n = c["number"].as_i64().unwrap();
        assert_eq!(id, format!("{n:08}{}8{}", &article[8..14], &article[15..]));
        let uuid = uuid::Uuid::parse_str(id).unwrap();
        assert_eq!(uuid.get_version_num(), 8, "{id}");
        let shown: String = t.sql(&format!("SELECT id FROM claim_ids WHERE number = {n}"));
        assert_eq!(shown, id);
    }
    assert_eq!(stored_ids(&t), 0, "nothing points at a claim yet");

    // Eight characters name a claim; marking it stores its id, which stays the same.
    let c = &claims[3];
    let (id, n) = (c["id"].as_str().unwrap(), c["number"].as_i64().unwrap());
    let shown = t.ok(&["show", &id[..8]]).stdout();
    assert!(shown.contains(c["text"].as_str().unwrap()), "{shown}");
    t.ok(&["mark", &id[..8], "verified", "--by", "desk"]);
    assert_eq!(stored_ids(&t), 1);
    let stored: String = t.sql(&format!("SELECT id FROM claims WHERE number = {n}"));
    assert_eq!(stored, id);
    assert_eq!(t.claims(&[])[3]["id"], c["id"]);
    assert_eq!(t.claims(&["--status", "verified"])[0]["id"], c["id"]);

    // Evidence added by SQL alone stores the id too (a trigger), so its foreign key holds.
    let other = claims[5]["id"].as_str().unwrap();
    let conn = rusqlite::Connection::open(t.db()).unwrap();
    conn.pragma_update(None, "foreign_keys", true).unwrap();
    conn.execute(
        "INSERT INTO evidence (claim_id, url, stance, added_by, added_at) VALUES (?1, 'https://e.org', 'supports', 'sql', 'now')",
        [other],
    )
    .unwrap();
    assert_eq!(stored_ids(&t), 2);
    // No stored id may be one another claim derives.
    let err = conn
        .execute(
            "UPDATE claims SET id = ?1 WHERE number = ?2",
            rusqlite::params![claims[7]["id"].as_str().unwrap(), n],
        )
        .unwrap_err()
        .to_string();
    assert!(err.contains("another claim has that id"), "{err}");

    // A workspace copied through export and import keeps every id, stored only where
    // something points at it.
    let file = t.path("all.jsonl");
    t.ok(&["export", "all", "-o", file.to_str().unwrap()]);
    let copy = Test::sqlite();
    copy.ok(&["import", "all", file.to_str().unwrap()]);
    let ids = |claims: Vec<serde_json::Value>| -> Vec<String> {
        claims
            .iter()
            .map(|c| c["id"].as_str().unwrap().to_string())
            .collect()
    };
    assert_eq!(ids(copy.claims(&[])), ids(t.claims(&[])));
    assert_eq!(stored_ids(&copy), 2);

    // Numbers, and so ids, are never reused: not even the last one's, once deleted.
    let last = claims
        .iter()
        .map(|c| c["number"].as_i64().unwrap())
        .max()
        .unwrap();
    conn.execute("DELETE FROM claims WHERE number = ?1", [last])
        .unwrap();
    t.ok(&["add", &article, "--quote", "party leaders"]);
    let added: i64 = t.sql("SELECT max(number) FROM claims");
    assert_eq!(added, last + 1);
}
