//! `terminology`: a glossary term rendered other than the glossary allows.

use super::{Detector, PairView, RuleMeta};
use crate::config::Glossary;
use crate::model::{Category, Finding, Severity, Span};
use regex::{Regex, RegexBuilder};
use std::collections::HashMap;

crate::rule_meta! {
    /// A glossary term whose German rendering is none of the allowed ones.
    ///
    /// **What it catches.** The project's glossary (`[glossary]` in
    /// `mtlint.toml`, or a TSV file) lists English terms with the German
    /// renderings allowed for them, and terms that must stay as they are.
    /// When the English has a term and the German contains none of its
    /// allowed renderings, or a do-not-translate term is missing from the
    /// German, this rule flags it (on the term itself when the German kept
    /// the English word, otherwise on the English term).
    ///
    /// **Why it matters.** Machine translation picks a plausible synonym
    /// where the client, the style guide or the law wants one fixed term;
    /// product and brand names get translated.
    ///
    /// **Not flagged.** Inflected and compound forms of an allowed
    /// rendering ("Sanktionen" allows "Sanktionspaket" … only when
    /// "Sanktion" is listed; matching is case-insensitive and inside words);
    /// English plurals of a term. Off unless a glossary is configured.
    ///
    /// **Example.** Glossary `"Federal Reserve" = ["US-Notenbank", "Fed"]`;
    /// English "The Federal Reserve raised rates." with German "Die
    /// Zentralbank erhöhte die Zinsen." is flagged: neither allowed
    /// rendering occurs.
    META {
        id: "terminology",
        category: Category::Terminology,
        severity: Severity::Major,
    }
}

/// The glossary, compiled for fast matching.
#[derive(Default)]
pub struct Terminology {
    /// One case-insensitive alternation of every English term, so that a
    /// pair is scanned once whatever the glossary's size.
    terms: Option<Regex>,
    /// Lowercased English term → allowed renderings (lowercased).
    allowed: HashMap<String, Entry>,
    /// Do-not-translate terms, matched case-sensitively.
    keep: Option<Regex>,
}

struct Entry {
    /// As the glossary spells them, for the message.
    shown: Vec<String>,
    lower: Vec<String>,
}

impl Terminology {
    /// Compiles `glossary`. Terms are literal text, never patterns.
    pub fn new(glossary: &Glossary) -> Self {
        let mut allowed = HashMap::new();
        for (english, renderings) in &glossary.terms {
            let lower = renderings.iter().map(|r| r.to_lowercase()).collect();
            allowed.insert(english.to_lowercase(), Entry { shown: renderings.clone(), lower });
        }
        let terms = alternation(glossary.terms.keys().map(String::as_str), false, true);
        let keep = alternation(glossary.do_not_translate.iter().map(String::as_str), true, false);
        Terminology { terms, allowed, keep }
    }

    fn check_terms(&self, pair: &PairView<'_>, out: &mut Vec<Finding>) {
        let Some(terms) = &self.terms else { return };
        let source = pair.source.text;
        let target_lower = pair.target.text.to_lowercase();
        let mut reported: Vec<String> = Vec::new();
        for m in terms.find_iter(source) {
            let key = term_key(m.as_str(), &self.allowed);
            let Some(entry) = self.allowed.get(&key) else { continue };
            if reported.contains(&key) || entry.lower.iter().any(|r| contains_rendering(&target_lower, r)) {
                continue;
            }
            reported.push(key);
            let kept_english = find_word(pair.target.text, m.as_str());
            let message = format!(
                "glossary: \"{}\" should be rendered as {}; none of them occurs",
                m.as_str(),
                quoted_list(&entry.shown)
            );
            out.push(META.finding(0.9, kept_english, Some(Span::new(m.start(), m.end())), message));
        }
    }

    fn check_keep(&self, pair: &PairView<'_>, out: &mut Vec<Finding>) {
        let Some(keep) = &self.keep else { return };
        let mut reported: Vec<&str> = Vec::new();
        for m in keep.find_iter(pair.source.text) {
            if reported.contains(&m.as_str()) || pair.target.text.contains(m.as_str()) {
                continue;
            }
            reported.push(m.as_str());
            let message =
                format!("glossary: \"{}\" must not be translated, but the German does not contain it", m.as_str());
            out.push(META.finding(0.9, None, Some(Span::new(m.start(), m.end())), message));
        }
    }
}

impl Detector for Terminology {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(&self, pair: &PairView<'_>, out: &mut Vec<Finding>) {
        if pair.target.text.trim().is_empty() {
            return; // a missing translation is another rule's business
        }
        self.check_terms(pair, out);
        self.check_keep(pair, out);
    }
}

/// `\b(?:t1|t2|…)\b` over literal terms, longest first so "Federal Reserve
/// Bank" wins over "Federal Reserve"; English plurals optional.
fn alternation<'a>(terms: impl Iterator<Item = &'a str>, case_sensitive: bool, plurals: bool) -> Option<Regex> {
    let mut terms: Vec<&str> = terms.filter(|t| !t.trim().is_empty()).collect();
    if terms.is_empty() {
        return None;
    }
    terms.sort_by(|a, b| b.len().cmp(&a.len()).then(a.cmp(b)));
    let body: Vec<String> = terms.iter().map(|t| regex::escape(t.trim())).collect();
    let plural = if plurals { "(?:s|es)?" } else { "" };
    let pattern = format!(r"\b(?:{}){plural}\b", body.join("|"));
    RegexBuilder::new(&pattern).case_insensitive(!case_sensitive).size_limit(1 << 26).build().ok()
}

/// The glossary key a match belongs to: itself, or without a plural ending.
fn term_key(matched: &str, allowed: &HashMap<String, Entry>) -> String {
    let lower = matched.to_lowercase();
    if allowed.contains_key(&lower) {
        return lower;
    }
    for suffix in ["es", "s"] {
        if let Some(stem) = lower.strip_suffix(suffix) {
            if allowed.contains_key(stem) {
                return stem.to_string();
            }
        }
    }
    lower
}

/// Renderings shorter than this must start a word and may only take a short
/// ending ("Fed", "Feds", not the "fed" of "Federal"); longer ones count
/// anywhere, so German compounds ("Sanktionspaket") match.
const SHORT_RENDERING: usize = 5;

/// True when the lowercased German contains the lowercased rendering.
fn contains_rendering(target: &str, rendering: &str) -> bool {
    if rendering.chars().count() >= SHORT_RENDERING {
        return target.contains(rendering);
    }
    target.match_indices(rendering).any(|(at, m)| {
        let starts_word = !target[..at].chars().next_back().is_some_and(char::is_alphanumeric);
        let ending = target[at + m.len()..].chars().take_while(|c| c.is_alphanumeric()).count();
        starts_word && ending <= 2
    })
}

/// Where the German kept the English word, if it did (case-sensitive).
fn find_word(text: &str, word: &str) -> Option<Span> {
    text.find(word).map(|at| Span::new(at, at + word.len()))
}

fn quoted_list(items: &[String]) -> String {
    let quoted: Vec<String> = items.iter().map(|i| format!("\"{i}\"")).collect();
    match quoted.split_last() {
        Some((last, rest)) if !rest.is_empty() => format!("{} or {last}", rest.join(", ")),
        _ => quoted.join(""),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::detect::testing::run;

    fn glossary() -> Glossary {
        let mut g = Glossary::default();
        g.terms.insert("Federal Reserve".into(), vec!["US-Notenbank".into(), "Fed".into()]);
        g.terms.insert("sanction".into(), vec!["Sanktion".into()]);
        g.do_not_translate.push("Brexit".into());
        g
    }

    fn check(source: &str, target: &str) -> Vec<Finding> {
        run(&Terminology::new(&glossary()), source, target)
    }

    #[test]
    fn catches_a_term_rendered_otherwise() {
        let f = check("The Federal Reserve raised rates.", "Die Zentralbank erhöhte die Zinsen.");
        assert_eq!(f.len(), 1);
        assert!(f[0].message.contains("\"US-Notenbank\" or \"Fed\""), "{}", f[0].message);
        assert_eq!(f[0].target, None);
        assert_eq!(f[0].source, Some(Span::new(4, 19)));
    }

    #[test]
    fn points_at_an_english_term_left_in_the_german() {
        let target = "Die Federal Reserve erhöhte die Zinsen.";
        let f = check("The Federal Reserve raised rates.", target);
        assert_eq!(f[0].target.map(|s| &target[s.start..s.end]), Some("Federal Reserve"));
    }

    #[test]
    fn catches_a_translated_do_not_translate_term() {
        let f = check("Brexit talks resume.", "Die Gespräche über den EU-Austritt gehen weiter.");
        assert_eq!(f.len(), 1);
        assert!(f[0].message.contains("must not be translated"));
    }

    #[test]
    fn quiet_on_allowed_inflected_and_compound_renderings() {
        for (en, de) in [
            ("The Federal Reserve raised rates.", "Die US-Notenbank erhöhte die Zinsen."),
            ("The Fed and the Federal Reserve Board.", "Die Fed erhöhte die Zinsen."),
            ("New sanctions were imposed.", "Neue Sanktionen wurden verhängt."),
            ("The sanction package.", "Das Sanktionspaket."),
            ("Brexit talks resume.", "Die Brexit-Gespräche gehen weiter."),
            ("Nothing in the glossary here.", "Hier steht nichts aus dem Glossar."),
            ("The Federal Reserve raised rates.", ""),
        ] {
            assert!(check(en, de).is_empty(), "{en} / {de}: {:?}", check(en, de));
        }
    }

    #[test]
    fn short_renderings_must_be_words() {
        assert!(contains_rendering("die fed erhöhte", "fed"));
        assert!(contains_rendering("der us-fed-chef", "fed"));
        assert!(!contains_rendering("die federal reserve", "fed"));
        assert!(contains_rendering("das sanktionspaket", "sanktion"));
    }

    #[test]
    fn empty_glossary_finds_nothing() {
        let f = run(&Terminology::default(), "The Federal Reserve.", "Die Zentralbank.");
        assert!(f.is_empty());
    }
}
