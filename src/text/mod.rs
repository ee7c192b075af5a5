//! Text analysis, computed once per side and shared by every detector.
//!
//! Detectors never re-tokenise: they read an [`Analysis`] with the side's
//! tokens, sentences and acronyms, all as byte spans into the original text.

pub mod anchors;
pub mod ding;
pub mod lang;
pub mod lexicon;
pub mod segment;
pub mod tokens;

use crate::model::Span;
pub use segment::Sentence;
pub use tokens::{Token, TokenKind};

/// The language of one side of a pair.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Lang {
    English,
    German,
}

/// Everything the detectors need to know about one side's text.
#[derive(Debug, Clone)]
pub struct Analysis<'t> {
    pub text: &'t str,
    pub lang: Lang,
    pub tokens: Vec<Token>,
    pub sentences: Vec<Sentence>,
    /// All-caps parts of words ("NSC", the "CNS" of "CNS-Sprechern"), as spans.
    pub acronyms: Vec<Span>,
}

impl<'t> Analysis<'t> {
    pub fn new(text: &'t str, lang: Lang) -> Self {
        let tokens = tokens::tokenize(text);
        let sentences = segment::sentences(text, &tokens, lang);
        let acronyms = find_acronyms(text, &tokens);
        Analysis { text, lang, tokens, sentences, acronyms }
    }

    /// The text a span covers.
    pub fn slice(&self, span: Span) -> &'t str {
        &self.text[span.start..span.end]
    }

    /// The text of token `i`.
    pub fn token_text(&self, i: usize) -> &'t str {
        self.tokens[i].text(self.text)
    }

    /// Indices of the word tokens, in order.
    pub fn word_indices(&self) -> impl Iterator<Item = usize> + '_ {
        self.tokens.iter().enumerate().filter(|(_, t)| t.is_word()).map(|(i, _)| i)
    }

    /// Number of word tokens: the length measure MQM penalties are scaled by.
    pub fn word_count(&self) -> usize {
        self.tokens.iter().filter(|t| t.is_word()).count()
    }

    /// The sentence containing byte `at`, if any.
    pub fn sentence_at(&self, at: usize) -> Option<&Sentence> {
        let i = self.sentences.partition_point(|s| s.span.end < at);
        self.sentences.get(i).filter(|s| s.span.start <= at)
    }

    pub fn is_empty(&self) -> bool {
        self.tokens.is_empty()
    }
}

/// The all-caps parts of each word token, split at hyphens:
/// "CNS-Sprechern" gives "CNS", "US-Beamte" gives "US", "OSZE" gives "OSZE".
fn find_acronyms(text: &str, tokens: &[Token]) -> Vec<Span> {
    let mut out = Vec::new();
    for token in tokens.iter().filter(|t| t.is_word()) {
        let word = token.text(text);
        let mut offset = token.span.start;
        for part in word.split(['-', '\u{2011}']) {
            if tokens::is_all_caps(part) {
                out.push(Span::new(offset, offset + part.len()));
            }
            offset += part.len() + 1;
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_acronyms_inside_compounds() {
        let text = "mit beiden CNS-Sprechern und der OSZE, sagte ein US-Beamter";
        let a = Analysis::new(text, Lang::German);
        let found: Vec<&str> = a.acronyms.iter().map(|s| a.slice(*s)).collect();
        assert_eq!(found, ["CNS", "OSZE", "US"]);
    }

    #[test]
    fn sentence_at_finds_the_containing_sentence() {
        let a = Analysis::new("Eins. Zwei drei.", Lang::German);
        assert_eq!(a.sentence_at(8).map(|s| s.span), Some(Span::new(6, 16)));
        assert_eq!(a.sentence_at(0).map(|s| s.span), Some(Span::new(0, 5)));
    }
}
