//! Measurements: the units people write after a number, what they measure, and the factor
//! to SI (metres, square metres, cubic metres, kilograms, metres per second, kelvin). A
//! table, not a crate: the unit-conversion crates convert typed quantities well but do not
//! read "a 25-kilometre fire front" or "40 degrees" in a heatwave, which is the work here.

use super::numbers::{QuantityMatch, starts_with_word};
use super::subject::{noun_phrase_after, noun_phrase_before, predicate_after, predicate_before};
use crate::model::{ClaimKind, Fields};
use crate::word_set::word_set;

/// (as written, lowercase; the unit shown; quantity; factor to SI; offset to SI). Longer
/// phrases come first: "square miles" before "miles", "miles per hour" before "miles".
const UNITS: &[(&str, &str, &str, f64, f64)] = &[
    ("square kilometres", "km²", "area", 1e6, 0.0),
    ("square kilometers", "km²", "area", 1e6, 0.0),
    ("square kilometre", "km²", "area", 1e6, 0.0),
    ("square kilometer", "km²", "area", 1e6, 0.0),
    ("square km", "km²", "area", 1e6, 0.0),
    ("sq km", "km²", "area", 1e6, 0.0),
    ("km²", "km²", "area", 1e6, 0.0),
    ("km2", "km²", "area", 1e6, 0.0),
    ("square miles", "sq mi", "area", 2_589_988.110_336, 0.0),
    ("square mile", "sq mi", "area", 2_589_988.110_336, 0.0),
    ("square metres", "m²", "area", 1.0, 0.0),
    ("square meters", "m²", "area", 1.0, 0.0),
    ("square metre", "m²", "area", 1.0, 0.0),
    ("square meter", "m²", "area", 1.0, 0.0),
    ("m²", "m²", "area", 1.0, 0.0),
    ("square feet", "sq ft", "area", 0.092_903_04, 0.0),
    ("square foot", "sq ft", "area", 0.092_903_04, 0.0),
    ("hectares", "ha", "area", 1e4, 0.0),
    ("hectare", "ha", "area", 1e4, 0.0),
    ("ha", "ha", "area", 1e4, 0.0),
    ("acres", "acres", "area", 4_046.856_422_4, 0.0),
    ("acre", "acres", "area", 4_046.856_422_4, 0.0),
    ("cubic metres", "m³", "volume", 1.0, 0.0),
    ("cubic meters", "m³", "volume", 1.0, 0.0),
    ("cubic metre", "m³", "volume", 1.0, 0.0),
    ("m³", "m³", "volume", 1.0, 0.0),
    ("litres", "l", "volume", 1e-3, 0.0),
    ("liters", "l", "volume", 1e-3, 0.0),
    ("litre", "l", "volume", 1e-3, 0.0),
    ("liter", "l", "volume", 1e-3, 0.0),
    ("millilitres", "ml", "volume", 1e-6, 0.0),
    ("milliliters", "ml", "volume", 1e-6, 0.0),
    ("ml", "ml", "volume", 1e-6, 0.0),
    ("gallons", "gal", "volume", 0.003_785_411_784, 0.0),
    ("gallon", "gal", "volume", 0.003_785_411_784, 0.0),
    ("barrels", "bbl", "volume", 0.158_987_294_928, 0.0),
    ("barrel", "bbl", "volume", 0.158_987_294_928, 0.0),
    ("kilometres per hour", "km/h", "speed", 1.0 / 3.6, 0.0),
    ("kilometers per hour", "km/h", "speed", 1.0 / 3.6, 0.0),
    ("km per hour", "km/h", "speed", 1.0 / 3.6, 0.0),
    ("km/h", "km/h", "speed", 1.0 / 3.6, 0.0),
    ("kph", "km/h", "speed", 1.0 / 3.6, 0.0),
    ("kmh", "km/h", "speed", 1.0 / 3.6, 0.0),
    ("miles per hour", "mph", "speed", 0.447_04, 0.0),
    ("miles an hour", "mph", "speed", 0.447_04, 0.0),
    ("mph", "mph", "speed", 0.447_04, 0.0),
    ("knots", "kn", "speed", 1852.0 / 3600.0, 0.0),
    ("knot", "kn", "speed", 1852.0 / 3600.0, 0.0),
    ("metres per second", "m/s", "speed", 1.0, 0.0),
    ("meters per second", "m/s", "speed", 1.0, 0.0),
    ("nautical miles", "nmi", "length", 1852.0, 0.0),
    ("nautical mile", "nmi", "length", 1852.0, 0.0),
    ("kilometres", "km", "length", 1e3, 0.0),
    ("kilometers", "km", "length", 1e3, 0.0),
    ("kilometre", "km", "length", 1e3, 0.0),
    ("kilometer", "km", "length", 1e3, 0.0),
    ("km", "km", "length", 1e3, 0.0),
    ("centimetres", "cm", "length", 1e-2, 0.0),
    ("centimeters", "cm", "length", 1e-2, 0.0),
    ("centimetre", "cm", "length", 1e-2, 0.0),
    ("centimeter", "cm", "length", 1e-2, 0.0),
    ("cm", "cm", "length", 1e-2, 0.0),
    ("millimetres", "mm", "length", 1e-3, 0.0),
    ("millimeters", "mm", "length", 1e-3, 0.0),
    ("millimetre", "mm", "length", 1e-3, 0.0),
    ("millimeter", "mm", "length", 1e-3, 0.0),
    ("mm", "mm", "length", 1e-3, 0.0),
    ("metres", "m", "length", 1.0, 0.0),
    ("meters", "m", "length", 1.0, 0.0),
    ("metre", "m", "length", 1.0, 0.0),
    ("meter", "m", "length", 1.0, 0.0),
    ("miles", "mi", "length", 1_609.344, 0.0),
    ("mile", "mi", "length", 1_609.344, 0.0),
    ("feet", "ft", "length", 0.3048, 0.0),
    ("foot", "ft", "length", 0.3048, 0.0),
    ("ft", "ft", "length", 0.3048, 0.0),
    ("yards", "yd", "length", 0.9144, 0.0),
    ("yard", "yd", "length", 0.9144, 0.0),
    ("inches", "in", "length", 0.0254, 0.0),
    ("inch", "in", "length", 0.0254, 0.0),
    ("metric tons", "t", "mass", 1e3, 0.0),
    ("metric tonnes", "t", "mass", 1e3, 0.0),
    ("metric ton", "t", "mass", 1e3, 0.0),
    ("tonnes", "t", "mass", 1e3, 0.0),
    ("tonne", "t", "mass", 1e3, 0.0),
    // "tons" alone is read as US short tons (907.18 kg); a British long ton is 1,016 kg.
    ("tons", "short tons", "mass", 907.184_74, 0.0),
    ("ton", "short tons", "mass", 907.184_74, 0.0),
    ("kilograms", "kg", "mass", 1.0, 0.0),
    ("kilogrammes", "kg", "mass", 1.0, 0.0),
    ("kilogram", "kg", "mass", 1.0, 0.0),
    ("kilos", "kg", "mass", 1.0, 0.0),
    ("kilo", "kg", "mass", 1.0, 0.0),
    ("kg", "kg", "mass", 1.0, 0.0),
    ("grams", "g", "mass", 1e-3, 0.0),
    ("gram", "g", "mass", 1e-3, 0.0),
    ("lbs", "lb", "mass", 0.453_592_37, 0.0),
    ("lb", "lb", "mass", 0.453_592_37, 0.0),
    ("degrees celsius", "°C", "temperature", 1.0, 273.15),
    ("degrees centigrade", "°C", "temperature", 1.0, 273.15),
    ("degree celsius", "°C", "temperature", 1.0, 273.15),
    ("°c", "°C", "temperature", 1.0, 273.15),
    ("ºc", "°C", "temperature", 1.0, 273.15),
    ("c°", "°C", "temperature", 1.0, 273.15),
    (
        "degrees fahrenheit",
        "°F",
        "temperature",
        5.0 / 9.0,
        273.15 - 160.0 / 9.0,
    ),
    (
        "degree fahrenheit",
        "°F",
        "temperature",
        5.0 / 9.0,
        273.15 - 160.0 / 9.0,
    ),
    ("°f", "°F", "temperature", 5.0 / 9.0, 273.15 - 160.0 / 9.0),
    ("ºf", "°F", "temperature", 5.0 / 9.0, 273.15 - 160.0 / 9.0),
];

word_set!(
    /// A distance that names a race or an event, not a measurement: "the 400m final", "the 50
    /// metres freestyle".
    fn is_event_after_unit = [
    "freestyle",
    "butterfly",
    "backstroke",
    "breaststroke",
    "medley",
    "hurdles",
    "relay",
    "sprint",
    "final",
    "finals",
    "semi-final",
    "race",
    "dash",
    "steeplechase",
    "title",
    "champion",
    "gold",
    "silver",
    "bronze",
    "heat",
    "heats",
    "event",
    "record",
    "world",
    "olympic",
    "swim",
    "run",
    "walk",
    "marathon",
]
);

word_set!(
    /// Words that make "40 degrees" a temperature rather than an angle.
    fn is_weather_word = [
    "temperature",
    "temperatures",
    "heat",
    "heatwave",
    "hot",
    "hottest",
    "cold",
    "coldest",
    "weather",
    "forecast",
    "warm",
    "warmest",
    "celsius",
    "fahrenheit",
    "thermometer",
    "frost",
    "freezing",
    "sweltering",
    "scorching",
]
);

/// Indexes into UNITS by the first byte of the written unit, in table order.
static BY_FIRST_BYTE: std::sync::LazyLock<Vec<Vec<usize>>> = std::sync::LazyLock::new(|| {
    let mut by = vec![Vec::new(); 256];
    for (i, (written, ..)) in UNITS.iter().enumerate() {
        by[written.as_bytes()[0] as usize].push(i);
    }
    by
});

/// A unit found after a number.
struct Found {
    /// Bytes from the number's end to the unit's end.
    len: usize,
    shown: &'static str,
    quantity: &'static str,
    factor: f64,
    offset: f64,
    /// Used as an adjective: after a hyphen ("a 25-kilometre front") or a singular word
    /// before its noun ("a nine metre yacht").
    adjectival: bool,
}

/// The unit written at the start of `after`: glued ("5km"), after spaces, or after a hyphen.
fn unit_at(after: &str) -> Option<Found> {
    let trimmed = after.trim_start_matches([' ', '\t', '\u{a0}']);
    let (skip, hyphen) = match trimmed.strip_prefix('-') {
        Some(rest) => (after.len() - rest.len(), true),
        None => (after.len() - trimmed.len(), false),
    };
    let rest = &after[skip..];
    let first = rest.bytes().next()?.to_ascii_lowercase();
    // Every number is asked: only the units with its first letter are compared, byte by
    // byte and without allocating (units are ASCII but for "°", which compares exactly).
    for &i in &BY_FIRST_BYTE[first as usize] {
        let (written, shown, quantity, factor, offset) = UNITS[i];
        let len = written.len();
        if rest.len() < len
            || !rest.as_bytes()[..len].eq_ignore_ascii_case(written.as_bytes())
            || !rest.is_char_boundary(len)
        {
            continue;
        }
        if rest[len..]
            .chars()
            .next()
            .is_some_and(char::is_alphanumeric)
        {
            continue; // "hat" is not "ha", "kms" not "km"
        }
        let word = written.len() > 3 && !written.ends_with('s') && !written.contains(' ');
        let before_noun = rest[len..].starts_with(' ')
            && rest[len..]
                .trim_start()
                .starts_with(|c: char| c.is_lowercase());
        return Some(Found {
            len: skip + len,
            shown,
            quantity,
            factor,
            offset,
            adjectival: hyphen || (word && before_noun),
        });
    }
    None
}

/// A unit as claimdesk shows it ("km") or as people write it ("kilometres"): its quantity,
/// and the factor and offset to SI (none for "degrees" of an unsaid scale).
pub fn unit_in_si(unit: &str) -> Option<(&'static str, Option<(f64, f64)>)> {
    let lower = unit.trim().to_lowercase();
    if lower == "degrees" {
        return Some(("temperature", None));
    }
    let &(_, _, quantity, factor, offset) = UNITS
        .iter()
        .find(|(written, shown, ..)| *written == lower || shown.to_lowercase() == lower)?;
    Some((quantity, Some((factor, offset))))
}

word_set!(
    /// Marks of a pitch or a track: "the six-yard box", "the 18-yard line".
    fn is_mark = ["box", "line", "area", "mark", "spot", "circle", "zone"]
);

/// "the 200 metres" (a race) or "the six-yard box": a length right after "the" that is
/// not of anything names a distance; "the 40-mile fire front" still measures one.
fn names_a_distance(text: &str, qstart: usize, u: &Found, next: &str) -> bool {
    let the = text[..qstart]
        .trim_end()
        .rsplit(|c: char| c.is_whitespace())
        .next()
        .is_some_and(|w| w.eq_ignore_ascii_case("the"));
    the && u.quantity == "length"
        && if u.adjectival {
            is_mark(next)
        } else {
            next != "of"
        }
}

/// Whether a unit of measurement follows (so that "25km" is not an identifier).
pub(super) fn unit_follows(after: &str) -> bool {
    unit_at(after).is_some()
}

/// The measure whose number ends at `num_end` (the range and qualifier already read into
/// `value`), if a unit follows. `Some(None)` when the figure names a race ("the 400m
/// final"): no claim at all.
pub(super) fn measure(
    text: &str,
    qstart: usize,
    num_end: usize,
    value: &Fields,
) -> Option<Option<QuantityMatch>> {
    let Some(u) = unit_at(&text[num_end..]) else {
        return degrees(text, qstart, num_end, value);
    };
    let end = num_end + u.len;
    let rest = &text[end..];
    let next = rest
        .trim_start_matches([' ', '\t'])
        .split(|c: char| !c.is_alphanumeric() && c != '-')
        .next()
        .unwrap_or("")
        .to_lowercase();
    if is_event_after_unit(&next) || names_a_distance(text, qstart, &u, &next) {
        return Some(None);
    }
    // Copied only for a measure: most figures are not.
    let mut value = value.clone();
    value.unit = Some(u.shown.to_string());
    value.quantity = Some(u.quantity.to_string());
    value.si_low = value.low.map(|x| x * u.factor + u.offset);
    value.si_high = value.high.map(|x| x * u.factor + u.offset);
    // What is measured: what follows "of" ("200 hectares of forest"), the noun a unit
    // qualifies ("a 25-kilometre fire front"), else what comes before ("the front
    // stretched 25 km").
    let trimmed = rest.trim_start();
    let subject = if starts_with_word(trimmed, "of") {
        noun_phrase_after(&trimmed[2..]).map(|(_, np)| np)
    } else if u.adjectival {
        noun_phrase_after(rest).map(|(_, np)| np)
    } else {
        None
    }
    .or_else(|| noun_phrase_before(text, qstart));
    value.predicate = predicate_after(rest).or_else(|| predicate_before(&text[..qstart]));
    value.subject = subject;
    Some(Some(QuantityMatch {
        kind: ClaimKind::Measure,
        start: qstart,
        end,
        value,
    }))
}

/// "40 degrees" in a sentence about the weather is a temperature, its scale not said: the
/// unit is kept as written and the SI value left unknown.
fn degrees(
    text: &str,
    qstart: usize,
    num_end: usize,
    value: &Fields,
) -> Option<Option<QuantityMatch>> {
    let after = &text[num_end..];
    let trimmed = after.trim_start_matches([' ', '\t']);
    let word = ["degrees", "degree", "°"]
        .into_iter()
        .find(|w| trimmed.starts_with(w))?;
    let end = num_end + (after.len() - trimmed.len()) + word.len();
    let lo = text[..qstart].rfind(['.', '\n']).map_or(0, |i| i + 1);
    let hi = text[end..]
        .find(['.', '\n'])
        .map_or(text.len(), |i| end + i);
    let sentence = text[lo..hi].to_lowercase();
    if !sentence
        .split(|c: char| !c.is_alphanumeric())
        .any(is_weather_word)
    {
        return None;
    }
    let mut value = value.clone();
    value.unit = Some("degrees".into());
    value.quantity = Some("temperature".into());
    value.subject = noun_phrase_before(text, qstart);
    value.predicate = predicate_after(&text[end..]).or_else(|| predicate_before(&text[..qstart]));
    Some(Some(QuantityMatch {
        kind: ClaimKind::Measure,
        start: qstart,
        end,
        value,
    }))
}

#[cfg(test)]
mod tests {
    use crate::extract::claims_in;
    use crate::model::ClaimKind;

    /// (text, unit, quantity, SI low) of every measure read in `text`.
    fn measures(text: &str) -> Vec<(String, String, String, Option<f64>)> {
        claims_in(text, None)
            .into_iter()
            .filter(|c| c.kind() == ClaimKind::Measure)
            .map(|c| {
                (
                    c.text.to_string(),
                    c.value.unit().unwrap_or_default().to_string(),
                    c.value.quantity().unwrap_or_default().to_string(),
                    c.value.si_range().0,
                )
            })
            .collect()
    }

    fn one(text: &str) -> (String, String, String, Option<f64>) {
        let m = measures(text);
        assert_eq!(m.len(), 1, "{text}: {m:?}");
        m.into_iter().next().unwrap()
    }

    #[test]
    fn units_as_people_write_them() {
        let cases: &[(&str, &str, &str, &str, f64)] = &[
            (
                "The front is 25 kilometres long.",
                "25 kilometres",
                "km",
                "length",
                25_000.0,
            ),
            (
                "The front is 25 kilometers long.",
                "25 kilometers",
                "km",
                "length",
                25_000.0,
            ),
            (
                "It spread 25km overnight.",
                "25km",
                "km",
                "length",
                25_000.0,
            ),
            (
                "They walked 46 miles to the border.",
                "46 miles",
                "mi",
                "length",
                74_029.824,
            ),
            (
                "A 10 nautical mile zone was closed.",
                "10 nautical mile",
                "nmi",
                "length",
                18_520.0,
            ),
            (
                "The wall is 30 feet high.",
                "30 feet",
                "ft",
                "length",
                9.144,
            ),
            (
                "Snow lay 8 inches deep.",
                "8 inches",
                "in",
                "length",
                0.2032,
            ),
            (
                "Fires burned 200 hectares of scrub.",
                "200 hectares",
                "ha",
                "area",
                2e6,
            ),
            (
                "Farmers lost 500 acres of wheat.",
                "500 acres",
                "acres",
                "area",
                2_023_428.211_2,
            ),
            (
                "Ice covered 40 square miles of the bay.",
                "40 square miles",
                "sq mi",
                "area",
                103_599_524.413_44,
            ),
            (
                "The reservoir lost 3 million cubic metres of water.",
                "3 million cubic metres",
                "m³",
                "volume",
                3e6,
            ),
            (
                "The leak spilled 5,000 gallons of fuel.",
                "5,000 gallons",
                "gal",
                "volume",
                18.92705892,
            ),
            (
                "Output fell to 900,000 barrels of oil.",
                "900,000 barrels",
                "bbl",
                "volume",
                143_088.5654352,
            ),
            (
                "Police seized two tonnes of cannabis.",
                "two tonnes",
                "t",
                "mass",
                2_000.0,
            ),
            (
                "The plane carried 40 tons of aid.",
                "40 tons",
                "short tons",
                "mass",
                36_287.389_6,
            ),
            (
                "They found 12 kilograms of heroin.",
                "12 kilograms",
                "kg",
                "mass",
                12.0,
            ),
            (
                "The baby weighed 7 lbs at birth.",
                "7 lbs",
                "lb",
                "mass",
                3.17514659,
            ),
            (
                "Winds of 120 mph hit the coast.",
                "120 mph",
                "mph",
                "speed",
                53.6448,
            ),
            (
                "Gusts reached 90 km/h overnight.",
                "90 km/h",
                "km/h",
                "speed",
                25.0,
            ),
            (
                "The ship sailed at 12 knots off the coast.",
                "12 knots",
                "kn",
                "speed",
                6.173_333_333_333_333,
            ),
            (
                "It was 35°C in the shade.",
                "35°C",
                "°C",
                "temperature",
                308.15,
            ),
            (
                "It hit 95 degrees Fahrenheit.",
                "95 degrees Fahrenheit",
                "°F",
                "temperature",
                308.15,
            ),
            (
                "They crossed in a nine-metre yacht.",
                "nine-metre",
                "m",
                "length",
                9.0,
            ),
            (
                "A 25-kilometre fire front advanced.",
                "25-kilometre",
                "km",
                "length",
                25_000.0,
            ),
            (
                "Crews held the 40-mile fire front overnight.",
                "40-mile",
                "mi",
                "length",
                64_373.76,
            ),
        ];
        for (text, quote, unit, quantity, si) in cases {
            let (t, u, q, s) = one(text);
            assert_eq!(
                (t.as_str(), u.as_str(), q.as_str()),
                (*quote, *unit, *quantity),
                "{text}"
            );
            let s = s.unwrap_or(f64::NAN);
            assert!(
                (s - si).abs() <= si.abs() * 1e-9 + 1e-9,
                "{text}: {s} vs {si}"
            );
        }
    }

    #[test]
    fn degrees_alone_are_a_temperature_only_in_a_weather_context() {
        let (t, u, q, s) = one("Temperatures reached 40 degrees in the capital.");
        assert_eq!(
            (t.as_str(), u.as_str(), q.as_str(), s),
            ("40 degrees", "degrees", "temperature", None)
        );
        assert!(measures("The driver made a 180 degrees turn onto the bridge.").is_empty());
    }

    #[test]
    fn races_clock_times_and_names_are_not_measures() {
        for text in [
            "She won the 400m final on Sunday.",
            "He swam the 50 metres freestyle in record time.",
            "The 10,000 metres race was moved.",
            "He won the 200 metres in 20.4 seconds.",
            "He shot from the edge of the six-yard box.",
            "The meeting starts at 10:30 tomorrow.",
            "The new 5G network reached 300 towns.",
            "Prices rose 1.5m over the year.",
        ] {
            assert!(measures(text).is_empty(), "{text}: {:?}", measures(text));
        }
    }
}
