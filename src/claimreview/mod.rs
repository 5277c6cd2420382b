//! schema.org ClaimReview: publishing our verdicts, reading others' fact-checks, and telling
//! a reviewer when a claim has already been checked somewhere.

pub mod jsonld;
pub mod matching;
pub mod similarity;
