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
    /// A measure's quantity: length, area, volume, mass, speed or temperature.
    pub quantity: Option<String>,
    /// A measure's range in SI units (m, m², m³, kg, m/s, K).
    pub si_low: Option<f64>,
    pub si_high: Option<f64>,
}

/// Whole numbers print as JSON integers (350000, not 350000.0).
pub fn number_json(n: Option<f64>) -> Json {
    match n {
        None => Json::Null,
        Some(x) if x.fract() == 0.0 && x.abs() < 9.0e15 => json!(x as i64),
        Some(x) => json!(x),
    }
}

/// An SI value, rounded to 6 significant digits: 25 km is 25000, 46 miles 74030.2.
fn si_json(n: Option<f64>) -> Json {
    number_json(n.map(|x| {
        if x == 0.0 {
            return 0.0;
        }
        let digits = 6 - (x.abs().log10().floor() as i32 + 1);
        let scale = 10f64.powi(digits);
        (x * scale).round() / scale
    }))
}

impl Value {
    /// One field by its JSON name, as JSON (null when unset or unknown).
    pub fn get(&self, field: &str) -> Json {
        let s = |v: &Option<String>| v.clone().map_or(Json::Null, Json::String);
        match field {
            "low" => number_json(self.low),
            "high" => number_json(self.high),
            "qualifier" => s(&self.qualifier),
            "subject" => s(&self.subject),
            "predicate" => s(&self.predicate),
            "unit" => s(&self.unit),
            "currency" => s(&self.currency),
            "date" => self.date.map_or(Json::Null, |d| json!(d.to_string())),
            "weekday" => s(&self.weekday),
            "relative" => s(&self.relative),
            "year_inferred" => json!(self.year_inferred),
            "valid" => json!(self.valid),
            "quantity" => s(&self.quantity),
            "si_low" => si_json(self.si_low),
            "si_high" => si_json(self.si_high),
            _ => Json::Null,
        }
    }

    /// The fields of `kind` (`ClaimKind::fields`, the one list), by name.
    pub fn to_json(&self, kind: ClaimKind) -> Json {
        Json::Object(
            kind.fields()
                .iter()
                .map(|f| (f.to_string(), self.get(f)))
                .collect::<Map<_, _>>(),
        )
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
