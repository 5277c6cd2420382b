//! Fixed word lists as functions.

/// `word_set!(/// doc \n fn is_x = ["a", "b"])` defines `fn is_x(w: &str) -> bool`: whether
/// `w` is one of the words. A `matches!` compares the length, then the bytes of the few
/// words of that length as integers; a list's `contains` calls memcmp for every entry of
/// the same length (a twentieth of a claim-dense extract went to such calls).
macro_rules! word_set {
    ($(#[$doc:meta])* $vis:vis fn $name:ident = [$($word:literal),* $(,)?]) => {
        $(#[$doc])*
        $vis fn $name(w: &str) -> bool {
            matches!(w, $($word)|*)
        }
    };
}

pub(crate) use word_set;

#[cfg(test)]
mod tests {
    word_set!(fn is_small = ["a", "an", "the", "théâtre"]);

    #[test]
    fn a_word_set_holds_exactly_its_words() {
        for w in ["a", "an", "the", "théâtre"] {
            assert!(is_small(w), "{w}");
        }
        for w in ["", "A", "th", "then", "théâtr", "an "] {
            assert!(!is_small(w), "{w}");
        }
    }
}
