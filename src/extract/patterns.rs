//! The text of the extraction patterns, and nothing else: the build script reads this file
//! too (`build.rs`), to compile the scanner's pattern into a DFA before the program runs.
//! Plain `std` only. ASCII word boundaries throughout: the Unicode `\b` is 25x slower on
//! text with any non-ASCII.

const MONTH: &str = "January|February|March|April|May|June|July|August|September|October|November|December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec";
const WEEKDAY: &str = "Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|Mon|Tues|Tue|Wed|Thurs|Thur|Thu|Fri|Sat|Sun";
const WEEKDAY_FULL: &str = "Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday";

/// Absolute dates: "Monday, May 4th, 2021", "the 31st of August", "2021-05-04".
pub fn absolute_pattern() -> String {
    format!(
        r"(?-u:\b)(?:(?P<wd>{WEEKDAY})\.?,?[ \t]+(?:the[ \t]+)?)?(?:(?P<m1>{MONTH})\.?[ \t]+(?P<d1>[0-9]{{1,2}})(?:st|nd|rd|th)?(?-u:\b)(?:,?[ \t]+(?:of[ \t]+)?(?P<y1>(?:1[89]|20)[0-9]{{2}})(?-u:\b))?|(?:the[ \t]+)?(?P<d2>[0-9]{{1,2}})(?:st|nd|rd|th)?[ \t]+(?:of[ \t]+)?(?P<m2>{MONTH})(?-u:\b)\.?(?:,?[ \t]+(?P<y2>(?:1[89]|20)[0-9]{{2}})(?-u:\b))?|(?P<iy>(?:1[89]|20)[0-9]{{2}})-(?P<im>[01][0-9])-(?P<id>[0-3][0-9])(?-u:\b))"
    )
}

/// Relative dates: "yesterday", "last Friday", "two days ago", "Christmas Day".
pub fn relative_pattern() -> String {
    format!(
        r"(?-u:\b)(?:(?P<two>(?i:the[ \t]+day[ \t]+(?:before[ \t]+yesterday|after[ \t]+tomorrow)))|(?P<rel>(?i:today|yesterday|tomorrow|tonight))|(?P<dir>(?i:last|next|this|past|coming))[ \t]+(?P<rwd>{WEEKDAY_FULL})|(?P<week>(?i:last|next|this)[ \t]+week)|(?P<n>[0-9]{{1,3}}|(?i:a|an|one|two|three|four|five|six|seven|eight|nine|ten))[ \t]+(?P<unit>(?i:days?|weeks?|months?|years?))[ \t]+(?P<ago>(?i:ago|earlier))|(?P<hol>(?:Christmas|New[ \t]+Year(?:'|\u{{2019}})s)[ \t]+(?:Day|Eve)|(?:Boxing|Valentine(?:'|\u{{2019}})s|Armistice|Bastille)[ \t]+Day|Halloween)|(?P<bwd>{WEEKDAY_FULL}))(?-u:\b)"
    )
}

pub const UNITS: &str = "one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen";
pub const TENS: &str = "twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety";

/// "one" and "a" count only with a scale ("one hundred", "a dozen"): alone they are far too
/// common, and matching every "a" would slow the scan for nothing.
const UNITS_FROM_TWO: &str = "two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen";
const SCALE: &str = "(?:hundred|thousand|million|billion|dozen)";

/// Numbers in words: "twenty-five", "half a million", "dozens of".
pub fn words_pattern() -> String {
    format!(
        r"(?-u:\b)(?i:(?P<vague>tens[ \t]+of[ \t]+thousands|hundreds[ \t]+of[ \t]+thousands|dozens|scores|hundreds|thousands|millions)[ \t]+of|(?P<decade>a[ \t]+decade|a[ \t]+century|half[ \t]+a[ \t]+century)|(?P<frac>(?:a[ \t]+)?(?:quarter|third)[ \t]+of[ \t]+a[ \t]+(?:million|billion)|three[ \t]+quarters[ \t]+of[ \t]+a[ \t]+(?:million|billion))|(?P<words>(?:(?:{TENS})(?:-(?:{UNITS}))?|{UNITS_FROM_TWO})(?:[ \t]+{SCALE})*|(?:one|a|half[ \t]+a)(?:[ \t]+{SCALE})+))(?-u:\b)"
    )
}

/// Digit groups: "350,000"; "350 000" with a space, a no-break space or a narrow no-break
/// space; the Indian "1,00,000"; plain digits with a decimal part.
const NUMBER_PATTERN: &str = concat!(
    r"(?:(?P<cur>US\$|\$|€|£|¥|₹[ \t]?|(?:USD|EUR|GBP|AFN|INR|Rs\.?)[ \t]?)|(?-u:\b))",
    r"(?P<num>[0-9]{1,3}(?:,[0-9]{3})+(?:\.[0-9]+)?",
    r"|[0-9]{1,3}(?:[ \u{A0}\u{202F}][0-9]{3})+(?-u:\b)(?:\.[0-9]+)?",
    r"|[0-9]{1,2}(?:,[0-9]{2})+,[0-9]{3}(?-u:\b)",
    r"|[0-9]+(?:\.[0-9]+)?)",
    r"(?P<scale>[ \t]?(?:million|billion|trillion|thousand|lakhs?|crores?|bn|mn|m|k)(?-u:\b)|[ \t]hundred(?-u:\b))?",
);

/// Numbers in digits or in words: the quantity part of the scanner's one pattern. Digit
/// matches are split by hand (see `split_number`); word matches are read again with WORDS.
pub fn quantities_pattern() -> String {
    format!("(?:{NUMBER_PATTERN})|(?:{})", words_pattern())
}

/// The scanner's one pattern: dates, relative dates and quantities joined. Dates first:
/// where a date and a number start at the same place ("4 May 2021"), the date is the claim.
// Compiled by the build script; the program only tests its DFA against it.
#[allow(dead_code)]
pub fn scanner_pattern() -> String {
    format!(
        "(?:{})|(?:{})|(?:{})",
        absolute_pattern(),
        relative_pattern(),
        quantities_pattern()
    )
}

/// The upper end of a range, right after its first figure: " to 300", "-12". Read anchored
/// where the figure ends.
pub const UPPER_PATTERN: &str =
    r"(?:[ \t]+(?:to|and)[ \t]+|[-–])([0-9]{1,3}(?:,[0-9]{3})+|[0-9]+)(?-u:\b)";

/// The patterns read for their groups where the scanner found a match, by the name of the
/// NFA table the build script writes for each (`groups.rs`).
// Compiled by the build script; the program only tests its tables against them.
#[allow(dead_code)]
pub fn group_patterns() -> [(&'static str, String); 4] {
    [
        ("absolute", absolute_pattern()),
        ("relative", relative_pattern()),
        ("words", words_pattern()),
        ("upper", UPPER_PATTERN.to_string()),
    ]
}
