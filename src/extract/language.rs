//! The language of an article, so that text claimdesk cannot read yet is left alone rather
//! than misread ("lunes 4 de mayo" is not a count of 4).

/// How much of the text detection reads: a few paragraphs tell the language, and reading
/// a whole archive-sized file would cost more than extraction itself.
const SAMPLE_BYTES: usize = 8_192;
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
    if sample.chars().filter(|c| c.is_alphabetic()).count() < MIN_LETTERS {
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

#[cfg(test)]
mod tests {
    use super::*;

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
