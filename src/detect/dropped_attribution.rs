//! `dropped-attribution`: the English says who said it, the German does not.
//!
//! News copy ends claims with their source (", the agency reported.",
//! ", a new survey has found."), and MT sometimes drops these short closing
//! clauses: the German then states as fact what the English only reports
//! (6 of the 14,180 MQM-2020 translations, see the README). The omission
//! leaves the German fluent and barely shorter, so in a long sentence the
//! length-based `omitted-content` and `length-ratio` miss it; but a German
//! rendering of an attribution nearly always has a reporting word (sagte,
//! berichtete, laut, zufolge, wie … mitteilte, so der …), and a German text
//! with none of them has lost it.

use super::{Detector, PairView, RuleMeta};
use crate::model::{Category, Finding, Severity, Span};
use crate::text::lexicon::contains;
use crate::text::segment::{is_closing, is_terminal, period_is_not_a_boundary, Sentence};
use crate::text::{Analysis, Lang, TokenKind};
use std::sync::LazyLock;

crate::rule_meta! {
    /// A closing "…, the ministry said." whose German says nowhere who said it.
    ///
    /// **What it catches.** An English sentence that ends with an
    /// attribution clause (", officials said.", ", the statement added.",
    /// "…,” she told reporters.", ", said Mr. Smith.", ", a new survey has
    /// found.", ", it has been claimed.") while the German has no reporting
    /// word at all: no sagte, berichtete, erklärte, fügte … hinzu, teilte
    /// … mit, laut, zufolge, so der …, heißt es, nach Angaben, Sprecher,
    /// Studie. The finding marks the end of the German sentence, where the
    /// attribution went missing, and the English clause.
    ///
    /// **Why it matters.** Without its source a claim reads as the
    /// publisher's own statement of fact. When MT drops such a short
    /// closing clause, the German stays fluent and almost as long: a reader
    /// does not notice, and in a long sentence neither does a length check.
    ///
    /// **Not flagged.** Any German that keeps a reporting word, wherever it
    /// put it (attributions move to the front in German: "Laut dem Stadtrat
    /// …", "Wie die Polizei mitteilte, …"); reporting verbs inside the
    /// English sentence ("he said that …", "which she said was wrong");
    /// "found", "showed" and "concluded" unless a study, survey or report is
    /// their subject; closing clauses that state something themselves ("…,
    /// and the decline continued.", "…, said the plan was wrong.").
    ///
    /// **Example.** `The bridge will stay closed until the end of March,
    /// the city council said.` → `Die Brücke bleibt bis Ende März
    /// gesperrt.`: nothing says that the council said so; flagged before
    /// the final period.
    META {
        id: "dropped-attribution",
        category: Category::Omission,
        severity: Severity::Major,
    }
}

/// English verb forms that attribute what came before them. Sorted.
const REPORTING_VERBS: &[&str] = &[
    "acknowledged",
    "added",
    "adds",
    "admitted",
    "alleged",
    "announced",
    "argued",
    "asserted",
    "claimed",
    "commented",
    "confirmed",
    "declared",
    "explained",
    "insisted",
    "noted",
    "recalled",
    "replied",
    "reported",
    "reports",
    "responded",
    "said",
    "says",
    "stated",
    "stressed",
    "tells",
    "told",
    "tweeted",
    "warned",
    "writes",
    "wrote",
];

/// Verbs that attribute only when a study or a report is their subject
/// ("a study found", but "the body was found"; "the review concluded",
/// but "the meeting concluded"). Sorted.
const FINDING_VERBS: &[&str] =
    &["concluded", "concludes", "finds", "found", "revealed", "reveals", "showed", "shows", "suggested", "suggests"];

/// Reporting verbs that may come before their subject ("…, said Mr. Smith."). Sorted.
const INVERTING_VERBS: &[&str] = &["added", "said", "says", "wrote"];

/// Words that make what follows an inverted verb a clause of its own
/// ("said the plan was wrong"). Sorted.
const AUXILIARIES: &[&str] = &[
    "are", "can", "could", "did", "does", "had", "has", "have", "is", "may", "might", "must", "should", "was", "were",
    "will", "would",
];

/// Subjects that make a finding verb an attribution. Sorted.
const STUDY_NOUNS: &[&str] = &[
    "analysis",
    "data",
    "figures",
    "investigation",
    "poll",
    "report",
    "research",
    "researchers",
    "review",
    "scientists",
    "studies",
    "study",
    "survey",
];

/// Words that make the clause before the verb something other than a
/// subject ("…, which he said was wrong", "…, and she said"). Sorted.
const NOT_A_SUBJECT: &[&str] = &[
    "after", "and", "as", "because", "before", "but", "if", "since", "than", "that", "what", "when", "where",
    "whether", "which", "while", "who", "whom", "why",
];

/// Words that may open what follows the verb of an attribution: a
/// preposition or a time ("said in a statement", "announced Thursday").
/// Anything else there (an object, a clause: "declared the emergency",
/// "said he would go") makes the tail a statement of its own. Sorted.
const ADJUNCT_OPENERS: &[&str] = &[
    "after",
    "at",
    "during",
    "earlier",
    "friday",
    "in",
    "last",
    "late",
    "later",
    "monday",
    "on",
    "saturday",
    "sunday",
    "this",
    "thursday",
    "today",
    "tuesday",
    "wednesday",
    "yesterday",
];

/// Verbs that take the person told as an object ("told reporters on
/// Friday", "told a press conference").
const TELLING_VERBS: &[&str] = &["tells", "told"];

/// Most words of the object of a telling verb ("the BBC", "the local
/// radio", "a press conference").
const MAX_OBJECT_WORDS: usize = 4;

/// German words that carry an attribution on their own, matched whole.
/// Sorted. ("fort": "fuhr er fort"; "hinzu": "fügte er hinzu"; "soll":
/// the reported-claim modal, "er soll … haben".)
const GERMAN_REPORTING_WORDS: &[&str] = &[
    "fand", "fort", "gab", "heißt", "hervor", "hieß", "hinzu", "kam", "laut", "schloss", "soll", "sollen", "sprach",
    "stellte", "wies", "zufolge",
];

/// Beginnings of German reporting verbs and nouns in all their forms
/// ("sag" → sagte, sagten, sagt; "erklär" → erklärte, Erklärung).
const GERMAN_REPORTING_STEMS: &[&str] = &[
    "angaben",
    "angegeben",
    "angekündigt",
    "angemerkt",
    "antwort",
    "argumentier",
    "ausgeführt",
    "aussag",
    "beharr",
    "behaupt",
    "bekannt",
    "beklagt",
    "bekräftig",
    "bemerk",
    "bericht",
    "beschreib",
    "beschrieb",
    "bestätig",
    "beteuer",
    "beton",
    "eingeräumt",
    "entgegne",
    "enthüll",
    "ergab",
    "ergeben",
    "ergänz",
    "erinner",
    "erklär",
    "erzähl",
    "festgestellt",
    "fragt",
    "fügt",
    "führt",
    "gefragt",
    "gemeint",
    "gemeldet",
    "gepostet",
    "gesagt",
    "geschrieben",
    "gestand",
    "gewarnt",
    "gezeigt",
    "geäußert",
    "herausgefunden",
    "hinzugefügt",
    "informier",
    "klagt",
    "kommentier",
    "konstatier",
    "kritisier",
    "kündigt",
    "mahnt",
    "meint",
    "meld",
    "merkt",
    "mitgeteilt",
    "mitteil",
    "notier",
    "postet",
    "resümier",
    "rief",
    "ruft",
    "räumt",
    "sag",
    "scherz",
    "schilder",
    "schreib",
    "schrieb",
    "schätz",
    "sprecher",
    "studie",
    "teilt",
    "titel",
    "twitter",
    "unterstrich",
    "verkünd",
    "verraten",
    "verriet",
    "versicher",
    "versprach",
    "versproch",
    "veröffentlich",
    "warnt",
    "widersprach",
    "zeigt",
    "zitat",
    "zitier",
    "äußer",
];

/// Reporting nouns that also end compounds ("Pressemitteilung",
/// "Polizeibericht", "Regierungssprecherin").
const GERMAN_REPORTING_SUFFIXES: &[&str] =
    &["angaben", "aussage", "bericht", "erklärung", "mitteilung", "sprecher", "sprecherin", "studie"];

/// Longest attribution clause we accept, in words: longer tails are
/// content, not a source.
const MAX_TAIL_WORDS: usize = 12;
/// Words the attributed statement needs before the clause.
const MIN_STATEMENT_WORDS: usize = 4;
/// Longest subject before the verb ("the head of the national weather service").
const MAX_SUBJECT_WORDS: usize = 7;
/// Longest adjunct after the verb ("told a press conference on Friday").
const MAX_ADJUNCT_WORDS: usize = 6;

pub struct DroppedAttribution;

impl Detector for DroppedAttribution {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(&self, pair: &PairView<'_>, out: &mut Vec<Finding>) {
        let (source, target) = (pair.source, pair.target);
        if target.is_empty() {
            return;
        }
        let Some((index, clause)) =
            source.sentences.iter().enumerate().find_map(|(i, s)| attribution_clause(source, s).map(|c| (i, c)))
        else {
            return;
        };
        // Last, as the dearest test: every German word against the lists.
        if german_reports(target) {
            return;
        }
        let Some(sentence) = counterpart_sentence(source, target, index) else {
            return;
        };
        let missing = source.slice(clause);
        out.push(META.finding(
            0.6,
            Some(Span::point(sentence_end_point(target, sentence))),
            Some(clause),
            format!("the English says who said it (\"{missing}\"); the German has no reporting word anywhere"),
        ));
    }
}

/// The German names a source somewhere: a reporting verb, "laut",
/// "zufolge", ", so der …", a "Sprecher" or a "Mitteilung", or a quote
/// introduced by a colon ("Auf seiner Seite steht: „…“").
fn german_reports(target: &Analysis<'_>) -> bool {
    introduces_a_quote(target)
        || target.word_indices().any(|i| {
            let w = target.lower(i);
            // A German reporting word, or an English reporting verb: the
            // text is untranslated, and the `untranslated` rule says so.
            REPORTING_WORDS_OF_BOTH.contains(w)
                || has_reporting_stem(w)
                || GERMAN_REPORTING_SUFFIXES.iter().any(|s| w.ends_with(s))
                || (w == "so" && follows_comma(target, i))
        })
}

/// [`GERMAN_REPORTING_WORDS`] and [`REPORTING_VERBS`] in one hash set:
/// every word of the German is looked up, and one hash cost less than the
/// two binary searches (the lists are sorted, so those found exactly the
/// members: the same answer).
static REPORTING_WORDS_OF_BOTH: std::sync::LazyLock<rustc_hash::FxHashSet<&'static str>> =
    std::sync::LazyLock::new(|| GERMAN_REPORTING_WORDS.iter().chain(REPORTING_VERBS).copied().collect());

/// `word` begins with one of [`GERMAN_REPORTING_STEMS`]. Only the stems
/// with the word's first byte are tried: they stand together in the sorted
/// list, and a table gives where (a search for them cost more than trying
/// them; every German word of a pair with an attribution asks).
fn has_reporting_stem(word: &str) -> bool {
    let Some(&first) = word.as_bytes().first() else {
        return false;
    };
    let (from, to) = STEMS_BY_FIRST_BYTE[usize::from(first)];
    GERMAN_REPORTING_STEMS[usize::from(from)..usize::from(to)].iter().any(|s| word.starts_with(s))
}

/// The range of [`GERMAN_REPORTING_STEMS`] starting with each byte (empty
/// for most).
static STEMS_BY_FIRST_BYTE: LazyLock<[(u16, u16); 256]> = LazyLock::new(|| {
    const { assert!(GERMAN_REPORTING_STEMS.len() < u16::MAX as usize) };
    let mut ranges = [(0u16, 0u16); 256];
    for (i, stem) in (0u16..).zip(GERMAN_REPORTING_STEMS) {
        let Some(&first) = stem.as_bytes().first() else { continue };
        let range = &mut ranges[usize::from(first)];
        *range = if range.1 == 0 { (i, i + 1) } else { (range.0, i + 1) };
    }
    ranges
});

/// A colon followed by an opening quote: German often moves the speaker
/// to the front in words no list can hold ("Auf ihrer Webseite steht:
/// „…“").
fn introduces_a_quote(target: &Analysis<'_>) -> bool {
    // The analysis' token texts: sliced once, not again here.
    (1..target.tokens.len()).any(|i| {
        target.tokens[i - 1].kind == TokenKind::Punct
            && target.token_text(i - 1) == ":"
            && matches!(target.token_text(i), "„" | "\"" | "“" | "»" | "‚")
    })
}

/// Token `i` comes right after a comma (", so der Sender").
fn follows_comma(a: &Analysis<'_>, i: usize) -> bool {
    i > 0 && a.token_text(i - 1) == ","
}

/// The closing attribution clause of an English sentence, if it has one:
/// the words after the last comma, dash or closing quote, when they are a
/// short subject + reporting verb (+ a short adjunct: "in a statement",
/// "on 12 January") or a reporting verb + its subject ("said Mr. Smith"),
/// after a statement of some length.
fn attribution_clause(source: &Analysis<'_>, sentence: &Sentence) -> Option<Span> {
    let words_end = last_word_before_final_punctuation(source, sentence)?;
    let mut buf = [0; MAX_TAIL_WORDS];
    let (break_at, tail) = closing_tail(source, sentence, words_end, &mut buf)?;
    let statement_words = (sentence.tokens.start..break_at).filter(|&i| source.tokens[i].is_word());
    if statement_words.take(MIN_STATEMENT_WORDS).count() < MIN_STATEMENT_WORDS {
        return None;
    }
    let verb = (0..tail.len()).find(|&k| is_attributing_verb(source, &tail[..k], tail[k]))?;
    let (subject, after) = (&tail[..verb], &tail[verb + 1..]);
    let verb_word = source.lower(tail[verb]);
    let attributes = if subject.is_empty() && is_inverted_subject(source, verb_word, after) {
        true // "…, said Mr. Smith."
    } else {
        let subject_ok =
            subject.len() <= MAX_SUBJECT_WORDS && !subject.iter().any(|&i| contains(NOT_A_SUBJECT, source.lower(i)));
        subject_ok && after.len() <= MAX_ADJUNCT_WORDS && is_adjunct(source, verb_word, after)
    };
    attributes.then(|| Span::new(source.tokens[tail[0]].span.start, source.tokens[words_end - 1].span.end))
}

/// The word and number tokens of a sentence's closing clause, back from
/// `words_end` to the comma, dash or closing quote that opens it (returned
/// too), reading over the periods of abbreviations ("U.S.", "Mr.") and
/// possessive apostrophes ("the workers' union"). `None` when no such
/// break lies within MAX_TAIL_WORDS words, or other punctuation does.
fn closing_tail<'b>(
    a: &Analysis<'_>,
    sentence: &Sentence,
    words_end: usize,
    buf: &'b mut [usize; MAX_TAIL_WORDS],
) -> Option<(usize, &'b [usize])> {
    // Collected in `buf` (every sentence's tail is read: a vector per
    // sentence was an allocation and several regrowths each).
    let mut len = 0;
    for i in (sentence.tokens.start..words_end).rev() {
        let tok = a.tokens[i];
        if tok.kind != TokenKind::Punct {
            if len == MAX_TAIL_WORDS {
                return None;
            }
            buf[len] = i;
            len += 1;
            continue;
        }
        let p = a.token_text(i);
        if (p == "." && period_is_not_a_boundary(a.text, &a.tokens, i, Lang::English)) || is_possessive(a, i) {
            continue;
        }
        if !matches!(p, "," | "–" | "—" | "\"" | "”" | "’" | "'") || len == 0 {
            return None;
        }
        let tail = &mut buf[..len];
        tail.reverse();
        return Some((i, tail));
    }
    None
}

/// An apostrophe that closes a plural possessive ("workers' union"):
/// glued to a word, not to punctuation as a closing quote is (",' he said").
fn is_possessive(a: &Analysis<'_>, i: usize) -> bool {
    matches!(a.token_text(i), "'" | "’")
        && i > 0
        && a.tokens[i - 1].is_word()
        && a.tokens[i - 1].span.end == a.tokens[i].span.start
}

/// One past the last word token of the sentence, skipping the final
/// punctuation and closing quotes; `None` when the sentence does not end
/// like a statement (a question or a headline without a period).
fn last_word_before_final_punctuation(a: &Analysis<'_>, sentence: &Sentence) -> Option<usize> {
    let mut end = sentence.tokens.end;
    let mut saw_period = false;
    while end > sentence.tokens.start {
        let tok = a.tokens[end - 1];
        if tok.kind != TokenKind::Punct {
            break;
        }
        let p = a.token_text(end - 1);
        if p == "." {
            saw_period = true;
        } else if !is_closing(p) {
            return None;
        }
        end -= 1;
    }
    (saw_period && end > sentence.tokens.start).then_some(end)
}

/// What follows the verb is a circumstance, not content: nothing, a
/// phrase opened by a preposition or a time, or for "told" a short object
/// before one.
fn is_adjunct(a: &Analysis<'_>, verb: &str, after: &[usize]) -> bool {
    let rest = if contains(TELLING_VERBS, verb) {
        let object_len = after.iter().position(|&i| contains(ADJUNCT_OPENERS, a.lower(i))).unwrap_or(after.len());
        if object_len > MAX_OBJECT_WORDS {
            return false;
        }
        &after[object_len..]
    } else {
        after
    };
    rest.first().is_none_or(|&i| contains(ADJUNCT_OPENERS, a.lower(i)))
}

/// After a clause-opening "said", the words are its subject ("said Mr.
/// Smith", "said the ministry"), not a new statement ("said he would go",
/// "said the plan was wrong").
fn is_inverted_subject(a: &Analysis<'_>, verb: &str, after: &[usize]) -> bool {
    let Some(&first) = after.first() else {
        return false;
    };
    let opens_a_name = a.has_uppercase(first) || matches!(a.lower(first), "the" | "a" | "an");
    contains(INVERTING_VERBS, verb)
        && opens_a_name
        && after.len() <= MAX_SUBJECT_WORDS
        && !after.iter().any(|&i| contains(NOT_A_SUBJECT, a.lower(i)) || contains(AUXILIARIES, a.lower(i)))
}

/// Token `i` is a verb that attributes the statement; `before` are the
/// tail's words before it (a finding verb needs a study among them).
fn is_attributing_verb(a: &Analysis<'_>, before: &[usize], i: usize) -> bool {
    let w = a.lower(i);
    // Every reporting and finding verb form ends in "d", "s" or "e" (a
    // test pins it): most words of a tail stop here, before the searches.
    if !ends_like_a_reporting_verb(w) {
        return false;
    }
    match ATTRIBUTING_VERBS.get(w) {
        Some(VerbKind::Reporting) => true,
        Some(VerbKind::Finding) => before.iter().any(|&j| contains(STUDY_NOUNS, a.lower(j))),
        None => false,
    }
}

/// Which list an attributing verb form is on.
#[derive(Clone, Copy)]
enum VerbKind {
    Reporting,
    Finding,
}

/// [`REPORTING_VERBS`] and [`FINDING_VERBS`] in one hash map: one hash
/// cost less than the two binary searches, and they found exactly the
/// members (the lists are sorted). A form on both lists reports.
static ATTRIBUTING_VERBS: LazyLock<rustc_hash::FxHashMap<&'static str, VerbKind>> = LazyLock::new(|| {
    let finding = FINDING_VERBS.iter().map(|&w| (w, VerbKind::Finding));
    finding.chain(REPORTING_VERBS.iter().map(|&w| (w, VerbKind::Reporting))).collect()
});

/// The last letter of every [`REPORTING_VERBS`] and [`FINDING_VERBS`] form.
fn ends_like_a_reporting_verb(w: &str) -> bool {
    matches!(w.as_bytes().last(), Some(b'd' | b's' | b'e'))
}

/// The German sentence that renders English sentence `index`: the same
/// index when both sides have as many sentences, the last sentence for the
/// last, else the one at the same relative position.
fn counterpart_sentence<'a>(source: &Analysis<'_>, target: &'a Analysis<'_>, index: usize) -> Option<&'a Sentence> {
    let (n, m) = (source.sentences.len(), target.sentences.len());
    let at = if n == m {
        index
    } else if index + 1 == n {
        m.checked_sub(1)?
    } else {
        (index * m) / n.max(1)
    };
    target.sentences.get(at)
}

/// Where a closing attribution would stand in a German sentence: before
/// its final punctuation ("… dauern‸." / "… Land“‸.").
fn sentence_end_point(target: &Analysis<'_>, sentence: &Sentence) -> usize {
    let mut at = sentence.span.end;
    for tok in target.tokens[sentence.tokens.clone()].iter().rev() {
        let p = tok.text(target.text);
        if tok.kind != TokenKind::Punct || !(is_terminal(p) || is_closing(p)) {
            break;
        }
        // Before the period, also when a quote closes after it ("…“." and ".“").
        if is_terminal(p) {
            at = tok.span.start;
        }
    }
    at
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::detect::testing::run;

    fn point(en: &str, de: &str) -> Option<usize> {
        run(&DroppedAttribution, en, de).iter().find_map(|f| f.target.map(|s| s.start))
    }

    #[test]
    fn every_reporting_and_finding_verb_passes_the_ending_screen() {
        for w in REPORTING_VERBS.iter().chain(FINDING_VERBS) {
            assert!(ends_like_a_reporting_verb(w), "{w}");
        }
    }

    #[test]
    fn lists_are_sorted_for_binary_search() {
        let lists = [
            REPORTING_VERBS,
            FINDING_VERBS,
            STUDY_NOUNS,
            NOT_A_SUBJECT,
            ADJUNCT_OPENERS,
            TELLING_VERBS,
            INVERTING_VERBS,
            AUXILIARIES,
            GERMAN_REPORTING_WORDS,
            GERMAN_REPORTING_STEMS,
        ];
        for list in lists {
            assert!(list.windows(2).all(|w| w[0] < w[1]), "{list:?}");
        }
    }

    #[test]
    fn stem_lookup_agrees_with_trying_every_stem() {
        let mut words: Vec<String> =
            ["sagte", "erklärung", "äußerte", "der", "zufolge", "", "ß", "mitteilte", "studien"]
                .map(String::from)
                .to_vec();
        for stem in GERMAN_REPORTING_STEMS {
            words.extend([
                stem.to_string(),
                format!("{stem}e"),
                stem[..stem.len() - 1].to_string(),
                format!("x{stem}"),
            ]);
        }
        for b in 0..=255u8 {
            words.push(String::from_utf8_lossy(&[b, b'a', b'g']).into_owned());
        }
        for w in &words {
            let every = GERMAN_REPORTING_STEMS.iter().any(|s| w.starts_with(s));
            assert_eq!(has_reporting_stem(w), every, "{w}");
        }
    }

    #[test]
    fn verb_map_answers_as_the_two_lists() {
        let mut words: Vec<&str> = REPORTING_VERBS.iter().chain(FINDING_VERBS).chain(STUDY_NOUNS).copied().collect();
        words.extend(["", "said", "Said", "says", "saidd", "found", "finds", "shows", "the", "study"]);
        for w in words {
            let kind = ATTRIBUTING_VERBS.get(w).map(|k| matches!(k, VerbKind::Reporting));
            let by_lists =
                if contains(REPORTING_VERBS, w) { Some(true) } else { contains(FINDING_VERBS, w).then_some(false) };
            assert_eq!(kind, by_lists, "{w}");
        }
    }

    #[test]
    fn catches_a_dropped_closing_attribution() {
        let de = "Die Brücke bleibt bis Ende März gesperrt.";
        let at = point("The bridge will stay closed until the end of March, the city council said.", de);
        assert_eq!(at, Some(de.len() - 1));
    }

    #[test]
    fn catches_a_dropped_attribution_after_a_quote() {
        let de = "„Das ist ein großer Tag für unsere Stadt“.";
        let at = point("\"This is a great day for our city,\" the mayor said in a statement.", de);
        assert_eq!(at, Some(de.len() - 1));
    }

    #[test]
    fn catches_a_dropped_study_and_a_passive_claim() {
        let en = "Children who sleep longer do better at school, a large survey has found.";
        assert!(point(en, "Kinder, die länger schlafen, sind in der Schule besser.").is_some());
        let en = "The club paid the referee before the final, it has been claimed.";
        assert!(point(en, "Der Verein bezahlte den Schiedsrichter vor dem Finale.").is_some());
    }

    #[test]
    fn points_at_the_sentence_that_lost_it() {
        let en = "The museum will reopen in May, its director said. Tickets go on sale next week.";
        let de = "Das Museum wird im Mai wieder öffnen. Karten gibt es ab nächster Woche.";
        assert_eq!(point(en, de), Some(de.find(". Karten").unwrap()));
    }

    #[test]
    fn reads_abbreviations_numbers_possessives_and_an_inverted_subject() {
        let de = "Die Brücke bleibt bis Ende März gesperrt.";
        for en in [
            "The bridge will stay closed until the end of March, Mr. Johnson said.",
            "The bridge will stay closed until the end of March, the U.N. agency said.",
            "The bridge will stay closed until the end of March, the ministry said on 12 January.",
            "The bridge will stay closed until the end of March, said Mr. Smith.",
            "The bridge will stay closed until the end of March, the workers' union said.",
        ] {
            assert_eq!(point(en, de), Some(de.len() - 1), "{en}");
        }
        let clause = |en: &str| {
            run(&DroppedAttribution, en, de).iter().find_map(|f| f.source.map(|s| en[s.start..s.end].to_string()))
        };
        let en = "The bridge will stay closed until the end of March, the workers' union said.";
        assert_eq!(clause(en).as_deref(), Some("the workers' union said"));
    }

    #[test]
    fn quiet_on_clauses_that_are_no_attribution() {
        let de = "Die Preise fielen im März weiter.";
        assert_eq!(point("Prices fell again in March, and the decline continued.", de), None);
        assert_eq!(point("Prices fell again in March, the decline continued.", de), None);
        assert_eq!(point("Prices fell again in March, said the plan was wrong.", de), None);
        assert_eq!(point("Prices fell again in March, the meeting concluded.", de), None);
    }

    #[test]
    fn points_before_the_period_inside_a_closing_quote() {
        let de = "„Die Brücke bleibt bis Ende März gesperrt.“";
        let at = point("\"The bridge will stay closed until the end of March,\" the mayor said.", de);
        assert_eq!(at, Some(de.find(".“").unwrap()));
    }

    #[test]
    fn quiet_when_the_german_keeps_any_reporting_word() {
        let en = "The bridge will stay closed until the end of March, the city council said.";
        for de in [
            "Die Brücke bleibt bis Ende März gesperrt, sagte der Stadtrat.",
            "Laut dem Stadtrat bleibt die Brücke bis Ende März gesperrt.",
            "Dem Stadtrat zufolge bleibt die Brücke bis Ende März gesperrt.",
            "Die Brücke bleibt bis Ende März gesperrt, so der Stadtrat.",
            "Wie der Stadtrat mitteilte, bleibt die Brücke bis Ende März gesperrt.",
            "Die Brücke bleibt nach Angaben der Stadt bis Ende März gesperrt.",
            "Die Brücke bleibt bis Ende März gesperrt, heißt es in der Pressemitteilung.",
            "„Die Brücke bleibt bis Ende März gesperrt“, fuhr er fort.",
            "Auf der Seite der Stadt steht: „Die Brücke bleibt bis Ende März gesperrt.“",
        ] {
            assert_eq!(point(en, de), None, "{de}");
        }
    }

    #[test]
    fn quiet_on_reporting_verbs_that_do_not_close_the_sentence() {
        let de = "Er kündigte an, im Mai zurückzutreten.";
        assert_eq!(point("He said that he would resign in May.", de), None);
        assert_eq!(
            point("Costs rose, which the minister said was expected.", "Die Kosten stiegen wie erwartet."),
            None
        );
        assert_eq!(point("The car was in the river, and the body was found.", "Das Auto lag im Fluss."), None);
        assert_eq!(point("Is that true, she asked?", "Stimmt das?"), None);
    }

    #[test]
    fn quiet_on_german_traps() {
        let en = "Prices rose by 3.5 percent to 1,000 euros on 12 January, the U.S. office said.";
        let de = "Die Preise stiegen am 12. Januar um 3,5 Prozent auf 1.000 Euro, teilte das US-Büro mit.";
        assert_eq!(point(en, de), None);
        let dropped = "Die Preise stiegen am 12. Januar um 3,5 Prozent auf 1.000 Euro.";
        assert_eq!(point(en, dropped), Some(dropped.len() - 1));
        let en = "\"Those who came, came to Kyiv,\" the US president said.";
        let de = "„Die, die kamen, kamen nach Kiew“, sagte der US-Präsident.";
        assert_eq!(point(en, de), None);
    }
}
