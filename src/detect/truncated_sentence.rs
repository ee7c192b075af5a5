//! `truncated-sentence`: German that stops in the middle of a clause.

use super::{Detector, PairView, RuleMeta};
use crate::model::{Category, Finding, Severity, Span};
use crate::text::lexicon::{contains_lower, WordScreen};
use crate::text::segment::{is_closing, is_terminal};
use crate::text::tokens::{starts_uppercase, TokenKind};
use crate::text::Analysis;

crate::rule_meta! {
    /// A German sentence that stops in the middle of a clause.
    ///
    /// **What it catches.** Output that was cut off: the text ends without
    /// the sentence-final punctuation the source has, or on a word no German
    /// sentence ends on (an article, "und", "dass", "für", "zum" …), or
    /// stops inside a name the source continues ("Übernahme von Henry" for
    /// "Henry Blake"), or on an adjective with no noun ("am zweiten", "bei
    /// schwerem") or a noun where a modal's infinitive belongs ("… könnte
    /// den Schlaf"). Evidence is weighed: a German text much shorter than
    /// its source makes each sign more suspicious, and weak signs alone are
    /// minor notes. A quote or bracket left open in a German text shorter
    /// than its source is a minor note too.
    ///
    /// **Why it matters.** The rest of the sentence is missing: a silent
    /// omission that readers notice only as a broken ending.
    ///
    /// **Not flagged.** Headlines without a period when the source has none
    /// either, separable verb particles that end a clause ("findet am Montag
    /// statt.", "stimmt dem Plan zu", "führt … ein"), a German text whose
    /// last sentence is finished (dropped sentences are omissions, not
    /// cuts), and a source that is itself cut off.
    ///
    /// **Example.** Source "… a say in the argument over the new
    /// bridge." German "… ein Wort im Streit über die": the
    /// text ends on an article, and the source has a period.
    META {
        id: "truncated-sentence",
        category: Category::Omission,
        severity: Severity::Major,
    }
}

/// Words that never end a German sentence: articles, contractions,
/// subordinating and coordinating conjunctions, prepositions that are not
/// also verb particles. Sorted, lowercase.
const NEVER_FINAL: &[&str] = &[
    "am",
    "ans",
    "anhand",
    "aufgrund",
    "beim",
    "bevor",
    "bezüglich",
    "bis",
    "daß",
    "dass",
    "dem",
    "den",
    "des",
    "deren",
    "dessen",
    "eine",
    "einem",
    "einen",
    "einer",
    "entweder",
    "falls",
    "für",
    "gegen",
    "hinsichtlich",
    "im",
    "in",
    "infolge",
    "ins",
    "mittels",
    "nachdem",
    "ob",
    "obwohl",
    "ohne",
    "oder",
    "seit",
    "sodass",
    "sondern",
    "sowie",
    "sowohl",
    "trotz",
    "und",
    "vom",
    "wegen",
    "weil",
    "weder",
    "wenn",
    "zum",
    "zur",
    "zwischen",
];

/// Words that end a German sentence only in special uses (verb particles
/// "an", "zu", "statt"; pronoun "die"): suspicious at the end, not proof.
const RARELY_FINAL: &[&str] = &[
    "ab", "als", "an", "auf", "aus", "bei", "das", "der", "die", "diese", "diesem", "diesen", "dieser", "dieses",
    "durch", "ein", "eines", "ihre", "ihrem", "ihren", "ihrer", "mit", "nach", "seine", "seinem", "seinen", "seiner",
    "statt", "um", "unter", "vor", "welche", "welchem", "welchen", "welcher", "wie", "zu", "über",
];

/// Prepositions that double as separable verb particles and so may end a
/// clause ("stimmt dem Plan zu", "findet statt").
const VERB_PARTICLES: &[&str] =
    &["ab", "an", "auf", "aus", "bei", "durch", "ein", "mit", "nach", "statt", "um", "unter", "vor", "zu", "über"];

/// English words a complete English sentence does not end on: when the
/// source itself ends on one, it was cut off too and the German is faithful.
const ENGLISH_NEVER_FINAL: &[&str] = &[
    "a", "an", "and", "as", "at", "but", "by", "for", "from", "her", "his", "in", "its", "my", "of", "on", "or", "our",
    "than", "that", "the", "their", "these", "this", "those", "to", "with", "your",
];

/// The source ends like a finished sentence: a terminal, possibly followed
/// by closing quotes or brackets ("… she said." / "… over.'").
fn source_ends_finished(a: &Analysis<'_>) -> bool {
    let text = a.text;
    for tok in a.tokens.iter().rev() {
        if tok.kind != TokenKind::Punct {
            return false;
        }
        let p = tok.text(text);
        if is_terminal(p) || p == ":" {
            return true;
        }
        if !is_closing(p) {
            return false;
        }
    }
    false
}

/// The German ends on a terminal or a closing mark. German headlines and
/// quotes often end on a closing quote without a period: that counts.
fn german_ends_finished(a: &Analysis<'_>) -> bool {
    a.tokens.last().is_some_and(|t| {
        let p = t.text(a.text);
        t.kind == TokenKind::Punct && (is_terminal(p) || is_closing(p) || p == ":")
    })
}

/// The source was cut off itself: no terminal, and its last word is one an
/// English sentence cannot end on.
fn source_is_cut(a: &Analysis<'_>) -> bool {
    match a.tokens.last() {
        Some(t) if t.is_word() => contains_lower(ENGLISH_NEVER_FINAL, t.text(a.text)),
        _ => false,
    }
}

/// German length over English length. Clean German runs about 1.2 times
/// the English; a truncated one falls well below 1. Bytes, not characters:
/// umlauts make German a percent or two longer, which the thresholds allow.
fn length_ratio(src: &str, tgt: &str) -> f32 {
    tgt.len() as f32 / src.len().max(1) as f32
}

/// The German's last word is the first part of a multi-word name in the
/// source whose next part the German never mentions ("von Henry" where
/// the source says "Henry Blake").
fn stops_inside_a_name(src: &Analysis<'_>, tgt: &Analysis<'_>, last: &str) -> bool {
    if !starts_uppercase(last) || last.chars().count() < 3 {
        return false;
    }
    let toks = &src.tokens;
    toks.iter().enumerate().any(|(i, t)| {
        t.is_word()
            && t.text(src.text) == last
            && toks.get(i + 1).is_some_and(|n| {
                let next = n.text(src.text);
                n.is_word()
                    && n.span.start == t.span.end + 1
                    && starts_uppercase(next)
                    && next.chars().count() >= 3
                    && !tgt.text.contains(next)
            })
    })
}

/// How the pair's German ends: the evidence that it was cut off.
struct Ending {
    never_final: bool,
    rarely_final: bool,
    missing_terminal: bool,
    inside_name: bool,
    /// The German ends on a terminal or closing mark.
    ends_finished: bool,
    /// The last word is also a separable verb particle ("zu", "an",
    /// "statt"). Only read when `rarely_final` holds, so only looked up
    /// then (false otherwise).
    particle: bool,
    /// The last words open a phrase they never finish (article + adjective,
    /// a modal verb still waiting for its infinitive).
    open_phrase: bool,
    ratio: f32,
}

impl Ending {
    /// Severity and confidence of a truncation finding, or None when the
    /// evidence is too weak to bother an editor.
    fn verdict(&self) -> Option<(Severity, f32)> {
        let short = self.ratio < 0.95;
        // Clean German is rarely under 0.8 of the English; under 0.7 is a cut.
        // (0.72 in bytes is about 0.7 in characters.)
        // A complete final sentence was not cut, however short the text is.
        let very_short = self.ratio < 0.72 && !self.ends_finished;
        if self.never_final {
            return Some((Severity::Major, if self.missing_terminal || short { 0.9 } else { 0.75 }));
        }
        if self.inside_name && (self.missing_terminal || short) {
            return Some((Severity::Major, 0.8));
        }
        if self.missing_terminal {
            if self.rarely_final || self.open_phrase || short {
                return Some((Severity::Major, 0.8));
            }
            return Some((Severity::Minor, 0.6));
        }
        // A particle may end a clause legitimately; an article or an open
        // adjective may not.
        let suspicious_word = self.open_phrase || (self.rarely_final && !self.particle);
        if suspicious_word && short {
            return Some((Severity::Major, 0.6));
        }
        if suspicious_word || (self.rarely_final && self.ratio < 0.8) || very_short {
            return Some((Severity::Minor, 0.5));
        }
        None
    }
}

/// Determiners after which a lowercase word ending in -en/-em/-er/-es is
/// an adjective waiting for its noun ("am zweiten", "der kalifornischen").
const DETERMINERS: &[&str] = &[
    "am", "beim", "dem", "den", "der", "des", "die", "eine", "einem", "einen", "einer", "eines", "im", "vom", "zum",
    "zur",
];

/// Lowercase words that stand alone after a determiner ("die beiden", "die meisten").
const STANDALONE_AFTER_DETERMINER: &[&str] =
    &["anderen", "andere", "beiden", "einen", "ersteren", "letzteren", "meisten", "übrigen", "wenigsten"];

/// Dative adjectives that end a clause in fixed phrases.
const ADVERBIAL_DATIVES: &[&str] = &["allem", "kurzem", "langem", "nahem", "neuem", "weitem"];

/// Modal verbs whose infinitive comes at the end of the clause.
const MODALS: &[&str] = &[
    "darf", "dürfen", "dürfte", "dürften", "könne", "könnte", "könnten", "muss", "musste", "müssen", "müsste",
    "müssten", "soll", "solle", "sollen", "sollte", "sollten",
];

/// The German's last words open a phrase and stop: article + inflected
/// adjective with no noun, or a modal verb in the last sentence whose
/// infinitive never comes.
fn ends_in_open_phrase(tgt: &Analysis<'_>) -> bool {
    let mut tail = tgt.tokens.iter().rev().take_while(|t| t.kind != TokenKind::Punct).map(|t| t.text(tgt.text));
    let (Some(last), prev) = (tail.next(), tail.next()) else { return false };
    let adjective = last.starts_with(|c: char| c.is_lowercase())
        && ["en", "em", "er", "es"].iter().any(|e| last.ends_with(e))
        && !crate::text::lexicon::contains(STANDALONE_AFTER_DETERMINER, last);
    if adjective && prev.is_some_and(|p| contains_lower(DETERMINERS, p)) {
        return true;
    }
    // A preposition and a dative adjective with no noun ("bei schwerem"),
    // except the idioms that end clauses ("vor kurzem", "bei weitem").
    let dative_adjective = last.starts_with(|c: char| c.is_lowercase())
        && last.ends_with("em")
        && !crate::text::lexicon::contains(ADVERBIAL_DATIVES, last);
    if dative_adjective && prev.is_some_and(|p| contains_lower(NEVER_FINAL, p) || contains_lower(VERB_PARTICLES, p)) {
        return true;
    }
    // A modal in the last clause, and the clause ends on a noun or name
    // instead of an infinitive ("… könnte den Schlaf").
    let Some(sentence) = tgt.sentences.last() else { return false };
    let clause_start = tgt.tokens[sentence.tokens.clone()]
        .iter()
        .rposition(|t| matches!(t.text(tgt.text), "," | ":" | ";" | "–" | "-"))
        .map_or(sentence.tokens.start, |i| sentence.tokens.start + i + 1);
    let has_modal = tgt.tokens[clause_start..sentence.tokens.end]
        .iter()
        .any(|t| t.is_word() && crate::text::lexicon::contains(MODALS, t.text(tgt.text)));
    has_modal && starts_uppercase(last)
}

pub struct TruncatedSentence;

impl Detector for TruncatedSentence {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(&self, pair: &PairView<'_>, out: &mut Vec<Finding>) {
        let (src, tgt) = (pair.source, pair.target);
        if tgt.is_empty() {
            return;
        }
        check_sentence_ends(tgt, out);
        if !src.is_empty() && !source_is_cut(src) {
            check_text_end(src, tgt, out);
            check_unclosed_marks(src, tgt, out);
        }
    }
}

/// The end of the German text, judged against the end of the source.
fn check_text_end(src: &Analysis<'_>, tgt: &Analysis<'_>, out: &mut Vec<Finding>) {
    let Some(last_word) = tgt.tokens.iter().rev().find(|t| t.kind != TokenKind::Punct) else { return };
    let ends_finished = german_ends_finished(tgt);
    let word = last_word.text(tgt.text);
    let is_last_token = tgt.tokens.last() == Some(last_word);
    let rarely_final = !ends_finished && contains_lower(RARELY_FINAL, word);
    let ending = Ending {
        never_final: !ends_finished && contains_lower(NEVER_FINAL, word),
        rarely_final,
        missing_terminal: !ends_finished && source_ends_finished(src),
        inside_name: is_last_token && stops_inside_a_name(src, tgt, word),
        // Looked up only when the verdict reads it (behind `rarely_final`).
        particle: rarely_final && contains_lower(VERB_PARTICLES, word),
        ends_finished,
        open_phrase: !ends_finished && ends_in_open_phrase(tgt),
        ratio: length_ratio(src.text, tgt.text),
    };
    let Some((severity, confidence)) = ending.verdict() else { return };
    let reason = if ending.never_final || ending.rarely_final || ending.open_phrase {
        format!("the German ends on \"{word}\", mid-clause")
    } else if ending.inside_name {
        format!("the German stops inside a name the source continues after \"{word}\"")
    } else {
        "the German ends without the sentence end the source has".to_string()
    };
    let mut finding = META.finding(
        confidence,
        Some(last_word.span),
        src.sentences.last().map(|s| s.span),
        format!("{reason}; the sentence looks cut off"),
    );
    finding.severity = severity;
    out.push(finding);
}

/// [`NEVER_FINAL`]'s screen: most sentence-final words are ruled out
/// without the binary search.
static NEVER_FINAL_SCREEN: WordScreen = WordScreen::of(NEVER_FINAL);

/// Sentences inside the German that end on an article, conjunction or
/// preposition before their period: "Er ging in die Stadt und. Dann …".
fn check_sentence_ends(tgt: &Analysis<'_>, out: &mut Vec<Finding>) {
    for sentence in &tgt.sentences {
        let toks = &tgt.tokens[sentence.tokens.clone()];
        let texts = sentence.tokens.clone().map(|i| tgt.token_text(i));
        let Some(end) = toks.iter().zip(texts).rposition(|(t, text)| t.kind == TokenKind::Punct && is_terminal(text))
        else {
            continue;
        };
        if end == 0
            || tgt.token_text(sentence.tokens.start + end) != "."
            || toks[end - 1].span.end != toks[end].span.start
        {
            continue;
        }
        let word = &toks[end - 1];
        // Lowercase only: "Die Partei DIE LINKE." or a sentence-initial word is no evidence.
        let w = word.text(tgt.text);
        // "das eine", "mit dem" and "dessen" can close a clause as pronouns.
        let pronoun_like = w.starts_with("ein") || w.starts_with("de");
        if word.is_word()
            && w.starts_with(|c: char| c.is_lowercase())
            && !pronoun_like
            && NEVER_FINAL_SCREEN.may_contain(w)
            && crate::text::lexicon::contains(NEVER_FINAL, w)
        {
            out.push(META.finding(0.7, Some(word.span), None, format!("the sentence ends on \"{w}\", mid-clause")));
        }
    }
}

/// Counts of `(` `)` `“` `”` `"` `„` in one pass over the text.
fn count_marks(text: &str) -> [usize; 6] {
    let mut counts = [0; 6];
    for c in text.chars() {
        let slot = match c {
            '(' => 0,
            ')' => 1,
            '“' => 2,
            '”' => 3,
            '"' => 4,
            '„' => 5,
            _ => continue,
        };
        counts[slot] += 1;
    }
    counts
}

/// A quote or bracket the German opens and never closes in a German text
/// shorter than its source, where the source closes all of its own (English news leaves quotes open across
/// paragraphs, so an unbalanced source says nothing).
fn check_unclosed_marks(src: &Analysis<'_>, tgt: &Analysis<'_>, out: &mut Vec<Finding>) {
    let t = tgt.text;
    // An open quote in a German text of normal length is a punctuation
    // slip, not a cut: only report it when the German is also short.
    if length_ratio(src.text, t) >= 0.95 {
        return;
    }
    // Most texts open neither: skip the counting passes.
    if memchr::memchr(b'(', t.as_bytes()).is_none() && !t.contains('„') {
        return;
    }
    let [s_open, s_close, s_left, s_right, s_straight, _] = count_marks(src.text);
    let source_balanced = s_open == s_close && s_left == s_right && s_straight % 2 == 0;
    if !source_balanced {
        return;
    }
    let [t_open, t_close, t_left, t_right, t_straight, t_low] = count_marks(t);
    let unclosed = if t_open > t_close {
        t.rfind('(')
    } else if t_low > t_left + t_right + t_straight {
        t.rfind('„')
    } else {
        None
    };
    let Some(at) = unclosed else { return };
    let width = t[at..].chars().next().map_or(1, char::len_utf8);
    // Alone this is weak evidence (quotes often run on into the next
    // segment), so it is a note, not an error.
    let mut finding = META.finding(
        0.4,
        Some(Span::new(at, at + width)),
        None,
        "this quote or bracket is never closed; the sentence may be cut off".to_string(),
    );
    finding.severity = Severity::Minor;
    out.push(finding);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_never_final_screen_passes_every_listed_word() {
        for w in NEVER_FINAL {
            assert!(NEVER_FINAL_SCREEN.may_contain(w), "{w}");
        }
    }

    #[test]
    fn the_verdict_reads_particle_only_behind_rarely_final() {
        // Why `particle` is looked up only for a rarely final word: every
        // combination of the facts gives the same verdict either way.
        for bits in 0u32..128 {
            for ratio in [0.5, 0.71, 0.75, 0.9, 1.0, 1.3] {
                let bit = |k: u32| bits & (1 << k) != 0;
                let ending = |particle| Ending {
                    never_final: bit(0),
                    rarely_final: bit(1),
                    missing_terminal: bit(2),
                    inside_name: bit(3),
                    ends_finished: bit(4),
                    particle,
                    open_phrase: bit(6),
                    ratio,
                };
                assert_eq!(ending(bit(5)).verdict(), ending(bit(5) && bit(1)).verdict(), "{bits:b} {ratio}");
            }
        }
    }
    use crate::detect::testing::{flagged, run};

    fn check<'t>(en: &str, de: &'t str) -> Vec<&'t str> {
        flagged(de, &run(&TruncatedSentence, en, de))
    }

    #[test]
    fn catches_text_ending_on_article_or_conjunction() {
        let en = "The meeting is the first sign of the town council wanting a say in the argument over the new bridge.";
        assert_eq!(
            check(en, "Die Sitzung ist das erste Zeichen dafür, dass der Stadtrat ein Wort im Streit über die"),
            ["die"]
        );
        assert_eq!(check("Goat escapes from farm while farmer sleeps", "Ziege flieht vom Hof und"), ["und"]);
    }

    #[test]
    fn catches_missing_period_when_german_is_short() {
        let en = "The new harbour bridge is still the longest in the region by far, engineers say.";
        assert_eq!(check(en, "Die neue Hafenbrücke ist mit drei Kilometern nach"), ["nach"]);
        let en = "He said the bid to take over Henry Blake had been accepted.";
        assert_eq!(check(en, "Er sagte, das Angebot zur Übernahme von Henry"), ["Henry"]);
    }

    #[test]
    fn catches_open_phrases_in_headlines() {
        let en = "Bakers Back To Work On Second Wedding Cake";
        assert_eq!(check(en, "Bäcker arbeiten wieder am zweiten"), ["zweiten"]);
        assert_eq!(check("Barn damaged in heavy storm", "Scheune beschädigt bei schwerem"), ["schwerem"]);
        let en = "Eating Late At Night Could Ruin Your Sleep";
        assert_eq!(check(en, "Spätes Essen am Abend könnte den Schlaf"), ["Schlaf"]);
    }

    #[test]
    fn catches_sentence_ending_on_conjunction_inside_text() {
        assert_eq!(check("He went to town. Then he left.", "Er ging in die Stadt und. Dann ging er."), ["und"]);
    }

    #[test]
    fn catches_unclosed_quote() {
        let en = "He said: \"We will come back tomorrow, and we will stay for a week.\" Then he left.";
        assert_eq!(check(en, "Er sagte: „Wir kommen morgen wieder. Dann ging er."), ["„"]);
        // Of normal length, the open quote is a punctuation slip, not a cut.
        let en = "He said: \"We will come.\" Then he left.";
        assert!(check(en, "Er sagte: „Wir kommen morgen wieder. Dann ging er fort.").is_empty());
    }

    #[test]
    fn quiet_on_complete_sentences_and_headlines() {
        for (en, de) in [
            ("The meeting takes place on Monday.", "Das Treffen findet am Montag statt."),
            ("The chancellor agrees to the plan", "Kanzlerin stimmt dem Plan zu"),
            ("Town's water supply still uncertain", "Wasserversorgung in der Stadt weiter unsicher"),
            ("He said: \"We are coming.\"", "Er sagte: „Wir kommen.“"),
            (
                "On January 12 it cost 1,000 euros, e.g. 3.5 percent.",
                "Am 12. Januar kostete es 1.000 Euro, z. B. 3,5 Prozent.",
            ),
            ("The US President arrived in Kiev.", "Der US-Präsident traf in Kiew ein."),
            ("He brought it in.", "Er brachte es mit."),
            ("It starts on Monday.", "Es geht am Montag los, und die Sitzung fängt um zehn an."),
            ("\"We will fight on", "„Wir werden weiterkämpfen"),
            ("Both sides met in the", "Beide Seiten trafen sich in der"),
            ("What did they know?", "Was wussten die?"),
            ("Both said so", "Das sagten die beiden"),
            ("Government should save money", "Regierung soll Geld sparen"),
            ("Brexit: what happens next:", "Brexit: Wie es jetzt weitergeht:"),
            ("I have just created this page and I will add the sources tomorrow!", "Seite erstellt!"),
            ("City council introduces parking fee", "Stadtrat führt Parkgebühr ein"),
            ("Prices rose recently", "Die Preise stiegen vor kurzem"),
            ("Coaches must explain what led to defeat", "Trainer müssen erklären, was zur Niederlage geführt hat"),
            ("On one hand, that is one thing. On the other", "Das ist das eine. Das andere ist etwas anderes."),
        ] {
            assert!(check(en, de).is_empty(), "{de}: {:?}", check(en, de));
        }
    }
}
