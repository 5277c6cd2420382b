use chrono::NaiveDate;
use serde_json::{Map, Value as Json, json};

use super::ClaimKind;

/// A claim's normalized value. Which fields matter depends on the claim's kind;
/// the JSON form shows exactly the fields of that kind.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Value {
    pub low: Option<f64>,
    pub high: Option<f64>,
    pub qualifier: Option<String>,
    pub subject: Option<String>,
    pub predicate: Option<String>,
    pub unit: Option<String>,
    pub currency: Option<String>,
    pub date: Option<NaiveDate>,
    pub weekday: Option<String>,
    pub relative: Option<String>,
    pub year_inferred: bool,
    pub valid: bool,
}

/// Whole numbers print as JSON integers (350000, not 350000.0).
pub fn number_json(n: Option<f64>) -> Json {
    match n {
        None => Json::Null,
        Some(x) if x.fract() == 0.0 && x.abs() < 9.0e15 => json!(x as i64),
        Some(x) => json!(x),
    }
}

impl Value {
    pub fn to_json(&self, kind: ClaimKind) -> Json {
        let mut m = Map::new();
        let s = |v: &Option<String>| v.clone().map_or(Json::Null, Json::String);
        match kind {
            ClaimKind::Date => {
                m.insert(
                    "date".into(),
                    self.date.map_or(Json::Null, |d| json!(d.to_string())),
                );
                m.insert("weekday".into(), s(&self.weekday));
                m.insert("relative".into(), s(&self.relative));
                m.insert("year_inferred".into(), json!(self.year_inferred));
                m.insert("valid".into(), json!(self.valid));
            }
            ClaimKind::Other => {}
            _ => {
                m.insert("low".into(), number_json(self.low));
                m.insert("high".into(), number_json(self.high));
                m.insert("qualifier".into(), s(&self.qualifier));
                match kind {
                    ClaimKind::Count => {
                        m.insert("subject".into(), s(&self.subject));
                        m.insert("predicate".into(), s(&self.predicate));
                    }
                    ClaimKind::Money => {
                        m.insert("currency".into(), s(&self.currency));
                        m.insert("subject".into(), s(&self.subject));
                        m.insert("predicate".into(), s(&self.predicate));
                    }
                    ClaimKind::Percent => {
                        m.insert("subject".into(), s(&self.subject));
                        m.insert("predicate".into(), s(&self.predicate));
                    }
                    ClaimKind::Duration => {
                        m.insert("unit".into(), s(&self.unit));
                    }
                    _ => {}
                }
            }
        }
        Json::Object(m)
    }

    /// A short human form for tables: "350000–", "2021-05-04 (Monday)".
    pub fn summary(&self, kind: ClaimKind) -> String {
        match kind {
            ClaimKind::Date => {
                let mut out = match (self.date, self.valid) {
                    (Some(d), _) => d.to_string(),
                    (None, false) => "invalid date".to_string(),
                    (None, true) => "?".to_string(),
                };
                if let Some(w) = &self.weekday {
                    out.push_str(&format!(" ({w})"));
                }
                if let Some(r) = &self.relative {
                    out.push_str(&format!(" [{r}]"));
                }
                out
            }
            ClaimKind::Other => String::new(),
            _ => {
                let n = |x: Option<f64>| x.map(|v| number_json(Some(v)).to_string());
                let range = match (n(self.low), n(self.high)) {
                    (Some(l), Some(h)) if l == h => l,
                    (Some(l), Some(h)) => format!("{l}–{h}"),
                    (Some(l), None) => format!(">{l}"),
                    (None, Some(h)) => format!("<{h}"),
                    (None, None) => "?".into(),
                };
                let unit = self
                    .currency
                    .as_ref()
                    .or(self.unit.as_ref())
                    .or(self.subject.as_ref());
                match (kind, unit) {
                    (ClaimKind::Percent, _) => format!("{range}%"),
                    (_, Some(u)) => format!("{range} {u}"),
                    _ => range,
                }
            }
        }
    }
}
