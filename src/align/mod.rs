//! Alignment: from two documents' paragraphs to [`Pair`]s.
//!
//! Detectors compare a German stretch with the English it translates, so
//! the paragraphs of two articles must be paired first. Pages do not keep
//! paragraphs one to one (merges, splits, dropped paragraphs, site text
//! glued in), so pairing by position would compare the wrong texts from the
//! first disturbance on. [`align_paragraphs`] finds the beads; beads with
//! one side empty become pairs with an empty source (German text nothing
//! translates: boilerplate, glued headlines) or an empty target (English
//! dropped in translation), which the `added-content`, `untranslated` and
//! `omitted-content` rules judge.

pub mod anchors;
pub mod paragraph;
pub mod sentence;

pub use paragraph::Params;
pub use sentence::{align_sentences, SentenceAlignment};

use crate::model::Pair;
use serde::{Deserialize, Serialize};

/// One alignment unit: source indices paired with target indices (either
/// may be empty, never both).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Bead {
    pub source: Vec<usize>,
    pub target: Vec<usize>,
}

impl Bead {
    /// True for anything but a 1-1 bead.
    pub fn is_irregular(&self) -> bool {
        !(self.source.len() == 1 && self.target.len() == 1)
    }
}

/// A paragraph and the number a user sees for it: its line in a text file,
/// or its position (1-based) among the paragraphs extracted from a page.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Paragraph {
    pub number: usize,
    pub text: String,
}

/// One side of an article pair: a name for pair ids and its paragraphs.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Document {
    pub name: String,
    pub paragraphs: Vec<Paragraph>,
}

impl Document {
    /// A document whose paragraphs are numbered 1, 2, 3, … in order.
    pub fn from_paragraphs(name: impl Into<String>, texts: impl IntoIterator<Item = String>) -> Self {
        let paragraphs = texts.into_iter().enumerate().map(|(i, text)| Paragraph { number: i + 1, text }).collect();
        Document { name: name.into(), paragraphs }
    }

    pub fn texts(&self) -> Vec<&str> {
        self.paragraphs.iter().map(|p| p.text.as_str()).collect()
    }
}

/// Aligns two documents' paragraphs (indices into each paragraph list).
pub fn align_paragraphs<S: AsRef<str>, T: AsRef<str>>(source: &[S], target: &[T]) -> Vec<Bead> {
    paragraph::align_texts(source, target, &Params::PARAGRAPHS)
}

/// Aligns two documents.
pub fn align_documents(source: &Document, target: &Document) -> Vec<Bead> {
    align_paragraphs(&source.texts(), &target.texts())
}

/// Turns beads into pairs with ids `<doc>:<n>`, `n` being the number of the
/// bead's first German paragraph; a source-only bead is `<doc>:en<n>` with
/// the English paragraph's number, so ids never collide. Several paragraphs
/// on one side are joined by a line break (which always ends a sentence).
pub fn pairs_from_beads(doc: &str, source: &Document, target: &Document, beads: &[Bead]) -> Vec<Pair> {
    beads
        .iter()
        .map(|bead| {
            let id = match (bead.target.first(), bead.source.first()) {
                (Some(&j), _) => format!("{doc}:{}", target.paragraphs[j].number),
                (None, Some(&i)) => format!("{doc}:en{}", source.paragraphs[i].number),
                (None, None) => format!("{doc}:?"),
            };
            Pair::new(id, join(source, &bead.source), join(target, &bead.target))
        })
        .collect()
}

fn join(doc: &Document, indices: &[usize]) -> String {
    let texts: Vec<&str> = indices.iter().map(|&i| doc.paragraphs[i].text.as_str()).collect();
    texts.join("\n")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pairs_carry_german_numbers_and_keep_unaligned_text() {
        let en = Document::from_paragraphs("a", ["One.".to_string(), "Two.".to_string()]);
        let de = Document {
            name: "a".into(),
            paragraphs: vec![Paragraph { number: 1, text: "Eins.".into() }, Paragraph { number: 3, text: "Mehr".into() }],
        };
        let beads = vec![
            Bead { source: vec![0], target: vec![0] },
            Bead { source: vec![1], target: vec![] },
            Bead { source: vec![], target: vec![1] },
        ];
        let pairs = pairs_from_beads("a", &en, &de, &beads);
        assert_eq!(pairs, [Pair::new("a:1", "One.", "Eins."), Pair::new("a:en2", "Two.", ""), Pair::new("a:3", "", "Mehr")]);
    }
}
