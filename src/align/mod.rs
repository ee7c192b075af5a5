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
use std::sync::Arc;

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
    /// The 1-based column where the text starts on its line, for text files.
    pub column: Option<usize>,
}

/// One side of an article pair: a name for pair ids and its paragraphs.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Document {
    pub name: String,
    pub paragraphs: Vec<Paragraph>,
    /// The text file the paragraphs were read from, line by line, so pairs
    /// can point CI annotations at it; `None` for pages.
    pub file: Option<Arc<str>>,
}

impl Document {
    /// A document whose paragraphs are numbered 1, 2, 3, … in order.
    pub fn from_paragraphs(name: impl Into<String>, texts: impl IntoIterator<Item = String>) -> Self {
        let paragraphs =
            texts.into_iter().enumerate().map(|(i, text)| Paragraph { number: i + 1, text, column: None }).collect();
        Document { name: name.into(), paragraphs, file: None }
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
/// Pairs from text files carry their origin (German file and line, or the
/// English one for a source-only pair).
pub fn pairs_from_beads(doc: &str, source: &Document, target: &Document, beads: &[Bead]) -> Vec<Pair> {
    beads
        .iter()
        .map(|bead| {
            let text = (join(source, &bead.source), join(target, &bead.target));
            match (bead.target.first(), bead.source.first()) {
                (Some(&j), _) => {
                    let p = &target.paragraphs[j];
                    let mut pair =
                        located(Pair::new(format!("{doc}:{}", p.number), text.0, text.1), target, p, p.column);
                    if let Some(origin) = pair.origin.as_mut() {
                        let later = &bead.target[1..];
                        origin.later_lines =
                            later.iter().map(|&k| (target.paragraphs[k].number, target.paragraphs[k].column)).collect();
                    }
                    pair
                }
                (None, Some(&i)) => {
                    let p = &source.paragraphs[i];
                    located(Pair::new(format!("{doc}:en{}", p.number), text.0, text.1), source, p, None)
                }
                (None, None) => Pair::new(format!("{doc}:?"), text.0, text.1),
            }
        })
        .collect()
}

fn located(pair: Pair, doc: &Document, paragraph: &Paragraph, column: Option<usize>) -> Pair {
    match &doc.file {
        Some(file) => pair.at(file, paragraph.number, column),
        None => pair,
    }
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
            paragraphs: vec![
                Paragraph { number: 1, text: "Eins.".into(), column: Some(1) },
                Paragraph { number: 3, text: "Mehr".into(), column: Some(2) },
            ],
            file: Some("a.de.txt".into()),
        };
        let beads = vec![
            Bead { source: vec![0], target: vec![0] },
            Bead { source: vec![1], target: vec![] },
            Bead { source: vec![], target: vec![1] },
        ];
        let pairs = pairs_from_beads("a", &en, &de, &beads);
        assert_eq!(
            pairs,
            [Pair::new("a:1", "One.", "Eins."), Pair::new("a:en2", "Two.", ""), Pair::new("a:3", "", "Mehr")]
        );
        let origin = pairs[2].origin.as_ref().expect("text files give origins");
        assert_eq!((&*origin.file, origin.line, origin.target_column), ("a.de.txt", 3, Some(2)));
        assert!(pairs[1].origin.is_none(), "the English document has no file here");
        // A 1-2 bead joins two German lines: the second one's line and column are kept.
        let joined = pairs_from_beads("a", &en, &de, &[Bead { source: vec![0], target: vec![0, 1] }]);
        assert_eq!(joined[0].origin.as_ref().unwrap().later_lines, [(3, Some(2))]);
    }
}
