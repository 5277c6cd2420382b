//! The language of an article, so that text claimdesk cannot read yet is left alone rather
//! than misread ("lunes 4 de mayo" is not a count of 4).

/// How much of the text detection reads: a paragraph tells the language, and trigram
/// detection runs at about 1 MB/s, far slower than extraction, so it reads little.
const SAMPLE_BYTES: usize = 1_024;
/// Share of the sample's words that are English function words in plain English prose
/// (about 0.3 in news; no other language comes near 0.1).
const ENGLISH_SHARE: f64 = 0.2;
/// Fewer letters than this and detection is a guess, whatever it says.
pub const MIN_LETTERS: usize = 200;

/// What detection made of an article's text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Language {
    /// ISO 639-1 ("en", "es"), or ISO 639-3 where the language has no two-letter code.
    pub code: String,
    /// English name, for messages ("Spanish").
    pub name: String,
}

impl Language {
    pub fn is_english(&self) -> bool {
        self.code == "en"
    }
}

/// The language of `body` when detection is reliable on at least `MIN_LETTERS` letters.
pub fn detect_language(body: &str) -> Option<Language> {
    let mut cut = body.len().min(SAMPLE_BYTES);
    while !body.is_char_boundary(cut) {
        cut -= 1;
    }
    let sample = &body[..cut];
    // Every letter takes at least a byte.
    if sample.len() < MIN_LETTERS {
        return None;
    }
    if looks_english(sample) {
        return Some(Language {
            code: "en".into(),
            name: "English".into(),
        });
    }
    let (share, letters) = english_share(sample);
    if share >= ENGLISH_SHARE && letters >= MIN_LETTERS {
        return Some(Language {
            code: "en".into(),
            name: "English".into(),
        });
    }
    if letters < MIN_LETTERS {
        return None;
    }
    let info = whatlang::detect(sample).filter(whatlang::Info::is_reliable)?;
    let lang = info.lang();
    let code = isolang::Language::from_639_3(lang.code())
        .and_then(|l| l.to_639_1())
        .unwrap_or(lang.code());
    Some(Language {
        code: code.to_string(),
        name: lang.eng_name().to_string(),
    })
}

/// Function words with their spaces, searched with SIMD: the common case, English prose, is
/// told from a few of them without looking at every byte.
static ENGLISH_NEEDLES: std::sync::LazyLock<Vec<memchr::memmem::Finder<'static>>> =
    std::sync::LazyLock::new(|| {
        [" the ", " of ", " and "]
            .iter()
            .map(|n| memchr::memmem::Finder::new(n.as_bytes()))
            .collect()
    });

/// Function words that make a sample English for certain.
const ENGLISH_HITS: usize = 8;

/// English for certain: at least 600 bytes holding eight of " the ", " of " and " and " (a
/// kilobyte of news holds about 20), which no other language's prose does and which leave
/// no doubt of 200 letters.
fn looks_english(sample: &str) -> bool {
    if sample.len() < 600 {
        return false;
    }
    let mut hits = 0;
    for f in ENGLISH_NEEDLES.iter() {
        hits += f
            .find_iter(sample.as_bytes())
            .take(ENGLISH_HITS - hits)
            .count();
        if hits >= ENGLISH_HITS {
            return true;
        }
    }
    false
}

/// Whether a word, lowercased, is an English function word.
fn is_english_word(lower: &[u8]) -> bool {
    matches!(
        lower,
        b"the"
            | b"of"
            | b"and"
            | b"to"
            | b"in"
            | b"a"
            | b"is"
            | b"was"
            | b"that"
            | b"for"
            | b"on"
            | b"with"
            | b"said"
            | b"by"
            | b"at"
            | b"as"
            | b"it"
            | b"he"
            | b"has"
            | b"have"
            | b"from"
            | b"were"
            | b"are"
            | b"be"
            | b"his"
            | b"an"
    )
}

/// The share of the words of `sample` that are English function words, and how many
/// letters it holds. Words are runs of letters; a non-ASCII character counts as a letter
/// for each of its bytes, near enough for a floor of 200 letters.
fn english_share(sample: &str) -> (f64, usize) {
    let (mut words, mut english, mut letters) = (0usize, 0usize, 0usize);
    for w in sample
        .as_bytes()
        .split(|b| !(b.is_ascii_alphabetic() || *b >= 0x80))
        .filter(|w| !w.is_empty())
    {
        words += 1;
        letters += w.len();
        if w.len() <= 4 && w.is_ascii() {
            let mut buf = [0u8; 4];
            buf[..w.len()].copy_from_slice(w);
            buf.make_ascii_lowercase();
            english += usize::from(is_english_word(&buf[..w.len()]));
        }
    }
    (english as f64 / words.max(1) as f64, letters)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn function_word_share_and_letters() {
        let (share, letters) = english_share("The cat, and the dog of Kabul and مزار.");
        // 9 words, 5 of them function words; 25 ASCII letters and the Persian word's 8 bytes.
        assert_eq!(letters, 33);
        assert!((share - 5.0 / 9.0).abs() < 1e-9, "{share}");
    }

    #[test]
    fn english_spanish_and_too_short() {
        let en = "The envoy arrived in Kabul yesterday for talks with the government and the \
                  Taliban about the withdrawal of foreign troops, officials said. More than \
                  100 civilians have been killed in the fighting since the start of the month, \
                  according to the United Nations mission in the country.";
        assert_eq!(detect_language(en).map(|l| l.code), Some("en".into()));
        let es = "El enviado llegó a Kabul el lunes 4 de mayo para mantener conversaciones con \
                  el gobierno y los talibanes sobre la retirada de las tropas extranjeras, \
                  según dijeron los funcionarios. Más de cien civiles han muerto en los \
                  combates desde el comienzo del mes, según la misión de las Naciones Unidas.";
        let l = detect_language(es).unwrap();
        assert_eq!((l.code.as_str(), l.name.as_str()), ("es", "Spanish"));
        assert_eq!(
            detect_language("El enviado llegó el lunes 4 de mayo."),
            None
        );
    }
}
