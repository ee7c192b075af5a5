//! Sentence alignment inside one aligned paragraph group.
//!
//! Once paragraphs are paired, sentences are aligned within each group with
//! the same cost model (sentence priors: merges and drops are rarer inside
//! a paragraph). The search space is tiny, which keeps this stage far
//! faster than anything that reads the text afterwards.

use super::paragraph::{align_units, Params, Unit};
use super::Bead;
use crate::model::Span;
use crate::text::{segment, tokens, Lang};

/// The sentences of both sides (byte spans into each text) and the beads
/// that pair them (indices into those sentence lists).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SentenceAlignment {
    pub source: Vec<Span>,
    pub target: Vec<Span>,
    pub beads: Vec<Bead>,
}

/// Splits both texts into sentences and aligns them.
pub fn align_sentences(source: &str, target: &str) -> SentenceAlignment {
    let (source_spans, source_units) = sentence_units(source, Lang::English);
    let (target_spans, target_units) = sentence_units(target, Lang::German);
    let beads = align_units(&source_units, &target_units, &Params::SENTENCES);
    SentenceAlignment { source: source_spans, target: target_spans, beads }
}

/// Sentences and their cost-model units, tokenizing the text once.
fn sentence_units(text: &str, lang: Lang) -> (Vec<Span>, Vec<Unit>) {
    let tokens = tokens::tokenize(text);
    segment::sentences(text, &tokens, lang)
        .into_iter()
        .map(|s| (s.span, Unit::from_tokens(text, s.span, &tokens[s.tokens])))
        .unzip()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pairs_sentences_and_finds_a_merge() {
        let en = "The talks began on Monday. They lasted two hours. Nothing was agreed.";
        let de = "Die Gespräche begannen am Montag und dauerten zwei Stunden. Es wurde nichts vereinbart.";
        let a = align_sentences(en, de);
        assert_eq!(a.source.len(), 3);
        assert_eq!(a.target.len(), 2);
        let shapes: Vec<(usize, usize)> = a.beads.iter().map(|b| (b.source.len(), b.target.len())).collect();
        assert_eq!(shapes, [(2, 1), (1, 1)]);
    }

    #[test]
    fn empty_text_gives_no_beads() {
        let a = align_sentences("", "");
        assert!(a.beads.is_empty());
    }
}
