use chrono::NaiveDate;
use serde_json::{Value as Json, json};

use super::ClaimKind;

/// A claim's normalized value, by kind: a date value and a quantity cannot be confused,
/// and a field the kind does not have cannot be set. The kind of a claim is its value's.
#[derive(Debug, Clone, PartialEq)]
pub enum Value {
    Date(DateValue),
    Count(Figure),
    Percent(Figure),
    Money(Money),
    Duration(Span),
    /// Boxed: measures are rare in news, and the largest kind would set every value's size.
    Measure(Box<Measure>),
    Other,
}

/// A calendar date as written, resolved where it can be.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct DateValue {
    pub date: Option<NaiveDate>,
    pub weekday: Option<String>,
    /// The relative words it was read from ("yesterday", "last Monday").
    pub relative: Option<String>,
    pub year_inferred: bool,
    /// False for a date that cannot exist (April 31).
    pub valid: bool,
}

/// A count or a percentage: a range, what it is of, and what happened to it.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Figure {
    pub low: Option<f64>,
    pub high: Option<f64>,
    pub qualifier: Option<String>,
    pub subject: Option<String>,
    pub predicate: Option<String>,
}

/// An amount of money in a currency (ISO 4217 code).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Money {
    pub low: Option<f64>,
    pub high: Option<f64>,
    pub qualifier: Option<String>,
    pub currency: Option<String>,
    pub subject: Option<String>,
    pub predicate: Option<String>,
}

/// A duration in a unit of time.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Span {
    pub low: Option<f64>,
    pub high: Option<f64>,
    pub qualifier: Option<String>,
    pub unit: Option<String>,
}

/// A physical measure, with its range in SI units (m, m², m³, kg, m/s, K).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Measure {
    pub low: Option<f64>,
    pub high: Option<f64>,
    pub qualifier: Option<String>,
    pub unit: Option<String>,
    /// Length, area, volume, mass, speed or temperature.
    pub quantity: Option<String>,
    pub si_low: Option<f64>,
    pub si_high: Option<f64>,
    pub subject: Option<String>,
    pub predicate: Option<String>,
}

/// Every field of every kind, flat: how a value travels to and from storage columns and
/// how extraction and `edit` assemble one before its kind is known. `Value::new` keeps
/// exactly the fields of the kind; `Value::fields` gives them back.
#[derive(Debug, Clone, PartialEq)]
pub struct Fields {
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
    pub quantity: Option<String>,
    pub si_low: Option<f64>,
    pub si_high: Option<f64>,
}

impl Default for Fields {
    /// Nothing known; a date is valid until shown otherwise.
    fn default() -> Self {
        Fields {
            low: None,
            high: None,
            qualifier: None,
            subject: None,
            predicate: None,
            unit: None,
            currency: None,
            date: None,
            weekday: None,
            relative: None,
            year_inferred: false,
            valid: true,
            quantity: None,
            si_low: None,
            si_high: None,
        }
    }
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
fn si_rounded(n: Option<f64>) -> Option<f64> {
    n.map(|x| {
        if x == 0.0 {
            return 0.0;
        }
        let digits = 6 - (x.abs().log10().floor() as i32 + 1);
        let scale = 10f64.powi(digits);
        (x * scale).round() / scale
    })
}

/// A number as `number_json` writes it, serialized without a tree.
fn serialize_number<S: serde::Serializer>(n: Option<f64>, s: S) -> Result<S::Ok, S::Error> {
    match n {
        None => s.serialize_none(),
        Some(x) if x.fract() == 0.0 && x.abs() < 9.0e15 => s.serialize_i64(x as i64),
        Some(x) => s.serialize_f64(x),
    }
}

/// A value's JSON object: the fields of its kind, keys in sorted order (as a JSON tree
/// prints them, and as finding ids hash them).
pub struct ValueJson<'a>(&'a Value);

impl serde::Serialize for ValueJson<'_> {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeMap;
        let fields = sorted_fields(self.0.kind());
        let mut m = s.serialize_map(Some(fields.len()))?;
        for &(name, f) in fields {
            m.serialize_entry(name, &FieldJson(self.0, f))?;
        }
        m.end()
    }
}

/// The fields a value's JSON may have: named once, matched without comparing names.
#[derive(Debug, Clone, Copy)]
enum Field {
    Low,
    High,
    Qualifier,
    Subject,
    Predicate,
    Unit,
    Currency,
    Date,
    Weekday,
    Relative,
    YearInferred,
    Valid,
    Quantity,
    SiLow,
    SiHigh,
    /// A name no value field has: null.
    Unknown,
}

impl Field {
    fn named(name: &str) -> Field {
        match name {
            "low" => Field::Low,
            "high" => Field::High,
            "qualifier" => Field::Qualifier,
            "subject" => Field::Subject,
            "predicate" => Field::Predicate,
            "unit" => Field::Unit,
            "currency" => Field::Currency,
            "date" => Field::Date,
            "weekday" => Field::Weekday,
            "relative" => Field::Relative,
            "year_inferred" => Field::YearInferred,
            "valid" => Field::Valid,
            "quantity" => Field::Quantity,
            "si_low" => Field::SiLow,
            "si_high" => Field::SiHigh,
            _ => Field::Unknown,
        }
    }
}

/// The fields of a kind in key order, with their names, sorted once.
fn sorted_fields(kind: ClaimKind) -> &'static [(&'static str, Field)] {
    type Sorted = Vec<Vec<(&'static str, Field)>>;
    static SORTED: std::sync::OnceLock<Sorted> = std::sync::OnceLock::new();
    let all = SORTED.get_or_init(|| {
        ClaimKind::ALL
            .iter()
            .map(|k| {
                let mut f: Vec<_> = k.fields().iter().map(|&n| (n, Field::named(n))).collect();
                f.sort_unstable_by_key(|&(n, _)| n);
                f
            })
            .collect()
    });
    &all[kind.index()]
}

impl<'a> ValueJson<'a> {
    /// The fields of the value's JSON in key order, each handed to `field`: what the
    /// serializer writes, for a writer of its own.
    pub fn fields<E>(
        &self,
        mut field: impl FnMut(&'static str, FieldJson<'a>) -> Result<(), E>,
    ) -> Result<(), E> {
        for &(name, f) in sorted_fields(self.0.kind()) {
            field(name, FieldJson(self.0, f))?;
        }
        Ok(())
    }
}

/// One field of a value (one its kind has: `sorted_fields` lists only those).
pub struct FieldJson<'a>(&'a Value, Field);

/// A value field's content, as its JSON writes it.
pub enum Scalar<'a> {
    Text(Option<&'a str>),
    /// Written as an integer when whole (and below 9e15), else as a float.
    Number(Option<f64>),
    Date(Option<chrono::NaiveDate>),
    Bool(bool),
}

impl<'a> FieldJson<'a> {
    /// What the field holds: the one place each field is read for the JSON.
    pub fn scalar(&self) -> Scalar<'a> {
        let v = self.0;
        match self.1 {
            Field::Low => Scalar::Number(v.low()),
            Field::High => Scalar::Number(v.high()),
            Field::Qualifier => Scalar::Text(v.qualifier()),
            Field::Subject => Scalar::Text(v.subject()),
            Field::Predicate => Scalar::Text(v.predicate()),
            Field::Unit => Scalar::Text(v.unit()),
            Field::Currency => Scalar::Text(v.currency()),
            Field::Date => Scalar::Date(v.date()),
            Field::Weekday => Scalar::Text(v.weekday()),
            Field::Relative => Scalar::Text(v.relative()),
            Field::YearInferred => Scalar::Bool(v.date_value().is_some_and(|d| d.year_inferred)),
            Field::Valid => Scalar::Bool(v.valid()),
            Field::Quantity => Scalar::Text(v.quantity()),
            Field::SiLow => Scalar::Number(si_rounded(v.si_range().0)),
            Field::SiHigh => Scalar::Number(si_rounded(v.si_range().1)),
            Field::Unknown => Scalar::Text(None),
        }
    }
}

impl serde::Serialize for FieldJson<'_> {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        match self.scalar() {
            Scalar::Text(Some(t)) => s.serialize_str(t),
            Scalar::Text(None) | Scalar::Date(None) => s.serialize_none(),
            Scalar::Number(n) => serialize_number(n, s),
            Scalar::Date(Some(d)) => s.collect_str(&d),
            Scalar::Bool(b) => s.serialize_bool(b),
        }
    }
}

impl Value {
    /// The value of `kind` made of `f`: fields the kind does not have are dropped.
    pub fn new(kind: ClaimKind, f: Fields) -> Value {
        let figure = |f: Fields| Figure {
            low: f.low,
            high: f.high,
            qualifier: f.qualifier,
            subject: f.subject,
            predicate: f.predicate,
        };
        match kind {
            ClaimKind::Date => Value::Date(DateValue {
                date: f.date,
                weekday: f.weekday,
                relative: f.relative,
                year_inferred: f.year_inferred,
                valid: f.valid,
            }),
            ClaimKind::Count => Value::Count(figure(f)),
            ClaimKind::Percent => Value::Percent(figure(f)),
            ClaimKind::Money => Value::Money(Money {
                low: f.low,
                high: f.high,
                qualifier: f.qualifier,
                currency: f.currency,
                subject: f.subject,
                predicate: f.predicate,
            }),
            ClaimKind::Duration => Value::Duration(Span {
                low: f.low,
                high: f.high,
                qualifier: f.qualifier,
                unit: f.unit,
            }),
            ClaimKind::Measure => Value::Measure(Box::new(Measure {
                low: f.low,
                high: f.high,
                qualifier: f.qualifier,
                unit: f.unit,
                quantity: f.quantity,
                si_low: f.si_low,
                si_high: f.si_high,
                subject: f.subject,
                predicate: f.predicate,
            })),
            ClaimKind::Other => Value::Other,
        }
    }

    /// An empty value of `kind`.
    pub fn empty(kind: ClaimKind) -> Value {
        Value::new(kind, Fields::default())
    }

    pub fn kind(&self) -> ClaimKind {
        match self {
            Value::Date(_) => ClaimKind::Date,
            Value::Count(_) => ClaimKind::Count,
            Value::Percent(_) => ClaimKind::Percent,
            Value::Money(_) => ClaimKind::Money,
            Value::Duration(_) => ClaimKind::Duration,
            Value::Measure(_) => ClaimKind::Measure,
            Value::Other => ClaimKind::Other,
        }
    }

    /// Every field, flat (those the kind lacks empty): the storage columns' view.
    pub fn fields(&self) -> Fields {
        let mut f = Fields::default();
        match self.clone() {
            Value::Date(d) => {
                f.date = d.date;
                f.weekday = d.weekday;
                f.relative = d.relative;
                f.year_inferred = d.year_inferred;
                f.valid = d.valid;
            }
            Value::Count(x) | Value::Percent(x) => {
                (f.low, f.high, f.qualifier) = (x.low, x.high, x.qualifier);
                (f.subject, f.predicate) = (x.subject, x.predicate);
            }
            Value::Money(x) => {
                (f.low, f.high, f.qualifier) = (x.low, x.high, x.qualifier);
                (f.subject, f.predicate, f.currency) = (x.subject, x.predicate, x.currency);
            }
            Value::Duration(x) => {
                (f.low, f.high, f.qualifier, f.unit) = (x.low, x.high, x.qualifier, x.unit);
            }
            Value::Measure(x) => {
                (f.low, f.high, f.qualifier) = (x.low, x.high, x.qualifier);
                (f.subject, f.predicate, f.unit) = (x.subject, x.predicate, x.unit);
                (f.quantity, f.si_low, f.si_high) = (x.quantity, x.si_low, x.si_high);
            }
            Value::Other => {}
        }
        f
    }

    /// The range (low, high) of a quantity; (None, None) for dates and other claims.
    pub fn range(&self) -> (Option<f64>, Option<f64>) {
        match self {
            Value::Count(x) | Value::Percent(x) => (x.low, x.high),
            Value::Money(x) => (x.low, x.high),
            Value::Duration(x) => (x.low, x.high),
            Value::Measure(x) => (x.low, x.high),
            Value::Date(_) | Value::Other => (None, None),
        }
    }

    pub fn low(&self) -> Option<f64> {
        self.range().0
    }

    pub fn high(&self) -> Option<f64> {
        self.range().1
    }

    pub fn qualifier(&self) -> Option<&str> {
        match self {
            Value::Count(x) | Value::Percent(x) => x.qualifier.as_deref(),
            Value::Money(x) => x.qualifier.as_deref(),
            Value::Duration(x) => x.qualifier.as_deref(),
            Value::Measure(x) => x.qualifier.as_deref(),
            Value::Date(_) | Value::Other => None,
        }
    }

    /// What a figure is of ("soldiers killed").
    pub fn subject(&self) -> Option<&str> {
        match self {
            Value::Count(x) | Value::Percent(x) => x.subject.as_deref(),
            Value::Money(x) => x.subject.as_deref(),
            Value::Measure(x) => x.subject.as_deref(),
            _ => None,
        }
    }

    pub fn predicate(&self) -> Option<&str> {
        match self {
            Value::Count(x) | Value::Percent(x) => x.predicate.as_deref(),
            Value::Money(x) => x.predicate.as_deref(),
            Value::Measure(x) => x.predicate.as_deref(),
            _ => None,
        }
    }

    pub fn unit(&self) -> Option<&str> {
        match self {
            Value::Duration(x) => x.unit.as_deref(),
            Value::Measure(x) => x.unit.as_deref(),
            _ => None,
        }
    }

    pub fn currency(&self) -> Option<&str> {
        match self {
            Value::Money(x) => x.currency.as_deref(),
            _ => None,
        }
    }

    /// The date of a date claim.
    pub fn date_value(&self) -> Option<&DateValue> {
        match self {
            Value::Date(d) => Some(d),
            _ => None,
        }
    }

    pub fn date(&self) -> Option<NaiveDate> {
        self.date_value().and_then(|d| d.date)
    }

    pub fn weekday(&self) -> Option<&str> {
        self.date_value().and_then(|d| d.weekday.as_deref())
    }

    pub fn relative(&self) -> Option<&str> {
        self.date_value().and_then(|d| d.relative.as_deref())
    }

    /// Whether the date can exist; true for every value that is not a date.
    pub fn valid(&self) -> bool {
        self.date_value().is_none_or(|d| d.valid)
    }

    pub fn quantity(&self) -> Option<&str> {
        match self {
            Value::Measure(x) => x.quantity.as_deref(),
            _ => None,
        }
    }

    pub fn si_range(&self) -> (Option<f64>, Option<f64>) {
        match self {
            Value::Measure(x) => (x.si_low, x.si_high),
            _ => (None, None),
        }
    }

    /// One field by its JSON name, as JSON (null when the kind has no such field).
    pub fn get(&self, field: &str) -> Json {
        if !self.kind().fields().contains(&field) {
            return Json::Null;
        }
        serde_json::to_value(FieldJson(self, Field::named(field))).unwrap_or(Json::Null)
    }

    /// The fields of its kind (`ClaimKind::fields`, the one list), by name.
    pub fn to_json(&self) -> Json {
        serde_json::to_value(self.json()).unwrap_or(Json::Null)
    }

    /// The same JSON, written as it is serialized: no tree per claim (a long article's
    /// claims spent a fifth of `extract --format json` building and freeing them).
    pub fn json(&self) -> ValueJson<'_> {
        ValueJson(self)
    }

    /// A short human form for tables: "350000–", "2021-05-04 (Monday)".
    pub fn summary(&self) -> String {
        match self {
            Value::Date(d) => {
                let mut out = match (d.date, d.valid) {
                    (Some(d), _) => d.to_string(),
                    (None, false) => "invalid date".to_string(),
                    (None, true) => "?".to_string(),
                };
                if let Some(w) = &d.weekday {
                    out.push_str(&format!(" ({w})"));
                }
                if let Some(r) = &d.relative {
                    out.push_str(&format!(" [{r}]"));
                }
                out
            }
            Value::Other => String::new(),
            _ => {
                let n = |x: Option<f64>| x.map(|v| number_json(Some(v)).to_string());
                let range = match (n(self.low()), n(self.high())) {
                    (Some(l), Some(h)) if l == h => l,
                    (Some(l), Some(h)) => format!("{l}–{h}"),
                    (Some(l), None) => format!(">{l}"),
                    (None, Some(h)) => format!("<{h}"),
                    (None, None) => "?".into(),
                };
                let unit = self.currency().or(self.unit()).or(self.subject());
                match (self, unit) {
                    (Value::Percent(_), _) => format!("{range}%"),
                    (_, Some(u)) => format!("{range} {u}"),
                    _ => range,
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn every_field() -> Fields {
        Fields {
            low: Some(1.0),
            high: Some(2.0),
            qualifier: Some("about".into()),
            subject: Some("troops".into()),
            predicate: Some("sent".into()),
            unit: Some("km".into()),
            currency: Some("USD".into()),
            date: NaiveDate::from_ymd_opt(2021, 5, 4),
            weekday: Some("Tuesday".into()),
            relative: Some("yesterday".into()),
            year_inferred: true,
            valid: false,
            quantity: Some("length".into()),
            si_low: Some(1000.0),
            si_high: Some(2000.0),
        }
    }

    #[test]
    fn a_value_keeps_exactly_the_fields_of_its_kind() {
        for kind in ClaimKind::ALL {
            let v = Value::new(kind, every_field());
            assert_eq!(v.kind(), kind);
            let json = v.to_json();
            for f in kind.fields() {
                assert!(!json[f].is_null(), "{kind} lost {f}");
            }
            // What the kind lacks is gone, in the value and in what storage is given.
            let back = v.fields();
            let has = |f: &str| kind.fields().contains(&f);
            assert_eq!(back.currency.is_some(), has("currency"), "{kind}");
            assert_eq!(back.date.is_some(), has("date"), "{kind}");
            assert_eq!(back.low.is_some(), has("low"), "{kind}");
            assert_eq!(back.si_low.is_some(), has("si_low"), "{kind}");
            assert_eq!(Value::new(kind, back), v, "{kind} round trip");
        }
    }

    #[test]
    fn a_count_cannot_carry_a_date_or_a_currency() {
        let v = Value::new(ClaimKind::Count, every_field());
        assert_eq!((v.date(), v.currency(), v.unit()), (None, None, None));
        assert_eq!(v.get("currency"), Json::Null);
        assert!(v.valid(), "only a date can be invalid");
        assert_eq!(v.summary(), "1–2 troops");
    }
}
