//! `garbled-acronym`: an acronym in the German that is a scrambled or
//! mistyped copy of an acronym in the English.

use super::{Detector, PairView, RuleMeta};
use crate::model::{Category, Finding, Severity, Span};
use crate::text::lexicon::{contains_lower, GERMAN_FUNCTION_WORDS};
use crate::text::tokens::is_all_caps;
use crate::text::{compound_parts, Analysis};

crate::rule_meta! {
    /// An acronym in the German that garbles one of the source's acronyms.
    ///
    /// **What it catches.** Acronyms the translation got wrong letter by
    /// letter: the letters of a source acronym scrambled ("NSC" became
    /// "CNS") or one letter changed ("FBI" became "FBO"), also inside
    /// hyphenated compounds ("CNS-Sprechern") and with German case endings
    /// ("des FBOs").
    ///
    /// **Why it matters.** An acronym names an institution; a garbled one
    /// names a different institution, or none, and readers cannot tell.
    ///
    /// **Not flagged.** Acronyms that occur in the source (in any case:
    /// "Nato" and "NATO"), the usual German renderings of English acronyms
    /// (OSCE → OSZE, UN → UNO/VN, US → USA, AI → KI, NGO → NRO, IMF → IWF,
    /// ECB → EZB, …), acronyms that resemble no source acronym, a changed
    /// letter in two-letter acronyms ("EU" / "EG"), capitalised function
    /// words ("UND") and shouted all-caps text. When the German has the
    /// source's acronym as well ("CDU/CSU" for "CDU"), the sibling is only
    /// a minor hint.
    ///
    /// **Example.** Source "an NSC spokesperson", German "mit beiden
    /// CNS-Sprechern": "CNS" is flagged and points at "NSC".
    META {
        id: "garbled-acronym",
        category: Category::Mistranslation,
        severity: Severity::Major,
    }
}

/// English acronym → its usual German rendering, where the two differ.
/// Many of them are one letter apart, which would otherwise look garbled.
const GERMAN_RENDERINGS: &[(&str, &str)] = &[
    ("ADHD", "ADHS"),
    ("AI", "KI"),
    ("CET", "MEZ"),
    ("CFC", "FCKW"),
    ("CIS", "GUS"),
    ("CPI", "VPI"),
    ("DNA", "DNS"),
    ("EC", "EG"),
    ("ECB", "EZB"),
    ("ECHR", "EGMR"),
    ("ECHR", "EMRK"),
    ("ECJ", "EUGH"),
    ("ECR", "EKR"),
    ("EEA", "EWR"),
    ("EEC", "EWG"),
    ("EMU", "WWU"),
    ("EPO", "EPA"),
    ("EPP", "EVP"),
    ("EU", "EG"),
    ("FDI", "ADI"),
    ("FRG", "BRD"),
    ("GDP", "BIP"),
    ("GDR", "DDR"),
    ("IAEA", "IAEO"),
    ("ICC", "ISTGH"),
    ("ICJ", "IGH"),
    ("ICRC", "IKRK"),
    ("ILO", "IAO"),
    ("IMF", "IWF"),
    ("IS", "IS"),
    ("ISIL", "IS"),
    ("ISIS", "IS"),
    ("MEP", "MDEP"),
    ("MRI", "MRT"),
    ("NGO", "NGO"),
    ("NGO", "NRO"),
    ("NPT", "NVV"),
    ("OSCE", "OSZE"),
    ("PRC", "VR"),
    ("PTSD", "PTBS"),
    ("SCO", "SOZ"),
    ("SDF", "SDK"),
    ("SME", "KMU"),
    ("STD", "STI"),
    ("UAE", "VAE"),
    ("UK", "GB"),
    ("UK", "VK"),
    ("UN", "UNO"),
    ("UN", "VN"),
    ("UNSC", "UNSR"),
    ("US", "USA"),
    ("USA", "US"),
    ("USSR", "UDSSR"),
    ("VAT", "MWST"),
    ("WWI", "WKI"),
    ("WWII", "WKII"),
];

/// An acronym occurrence: the span of its capital letters (case ending
/// and the rest of a compound excluded) and those letters.
struct Acronym<'t> {
    span: Span,
    letters: &'t str,
}

/// The acronyms of one side: all-caps parts of words, split at hyphens,
/// with a plural or genitive "-s" ("NGOs", "des FBIs", "CEO's") removed.
fn acronyms<'t>(a: &Analysis<'t>) -> Vec<Acronym<'t>> {
    let mut out = Vec::new();
    // Most words have no capital at all: known from the shared analysis.
    for &i in a.uppercase_words() {
        let token = &a.tokens[i];
        let word = a.token_text(i);
        // Cheapest reject, for most capitalised words ("Preise"): without
        // a hyphen the word is the only part, and a small ASCII letter
        // second stays in its core, so the part is not all caps.
        if !a.may_have_hyphen(i) && word.as_bytes().get(1).is_some_and(u8::is_ascii_lowercase) {
            continue;
        }
        // Cheap reject: an acronym needs two capitals ("anti-LGBTQ" has
        // them late). Counted on bytes: every acronym we can match has two
        // ASCII capitals, and this runs on every word.
        if word.bytes().filter(u8::is_ascii_uppercase).nth(1).is_none() {
            continue;
        }
        // Without a hyphen (nor the lead byte of U+2011) the word is its
        // only part: no splitter.
        if !a.may_have_hyphen(i) {
            let core = strip_case_ending(word);
            if is_all_caps(core) {
                out.push(Acronym { span: Span::new(token.span.start, token.span.start + core.len()), letters: core });
            }
            continue;
        }
        for (at, part) in compound_parts(word) {
            let core = strip_case_ending(part);
            if is_all_caps(core) {
                let start = token.span.start + at;
                out.push(Acronym { span: Span::new(start, start + core.len()), letters: core });
            }
        }
    }
    out
}

/// Three all-caps words in a row with no punctuation between them: shouted
/// text. Lists of acronyms ("NATO, EU and UN") are separated by punctuation
/// or lowercase words, so they do not count.
fn is_shouting(a: &Analysis<'_>) -> bool {
    // An all-caps word has a capital: only the words with one (known from
    // the analysis) are read. A run goes on only from the token just before.
    let (mut run, mut last) = (0, None);
    for &i in a.uppercase_words() {
        if is_all_caps(a.token_text(i)) {
            run = if last.is_some_and(|l: usize| l + 1 == i) { run + 1 } else { 1 };
            last = Some(i);
            if run >= 3 {
                return true;
            }
        }
    }
    false
}

/// "NGOs" → "NGO", "CEO's" → "CEO"; anything else unchanged.
fn strip_case_ending(part: &str) -> &str {
    for ending in ["'s", "’s", "s"] {
        if let Some(core) = part.strip_suffix(ending) {
            if core.chars().count() >= 2 && core.chars().all(|c| !c.is_lowercase()) {
                return core;
            }
        }
    }
    part
}

/// True when `word` occurs in `text` as a whole word or compound part,
/// ignoring case: "NATO" is in "Nato-Gipfel".
fn occurs_as_word(text: &str, word: &str) -> bool {
    if text.is_ascii() && word.is_ascii() && !word.is_empty() {
        return occurs_as_ascii_word(text.as_bytes(), word.as_bytes());
    }
    occurs_as_word_lowercased(text, word)
}

/// [`occurs_as_word`] of ASCII texts (most sources), without a lowercase
/// copy of the text: ASCII lowercases byte for byte, so the matches are
/// found in place, leftmost first and without overlapping, as
/// `match_indices` finds them in the copy, and a byte is alphanumeric
/// exactly when it is as a character.
fn occurs_as_ascii_word(text: &[u8], word: &[u8]) -> bool {
    let boundary = |b: Option<&u8>| b.is_none_or(|b| !b.is_ascii_alphanumeric());
    // Candidates start with the word's first letter in either case.
    let (lower, upper) = (word[0].to_ascii_lowercase(), word[0].to_ascii_uppercase());
    let mut from = 0;
    while let Some(k) = text.get(from..).and_then(|rest| memchr::memchr2(lower, upper, rest)) {
        let at = from + k;
        let end = at + word.len();
        let Some(candidate) = text.get(at..end) else { return false };
        if !candidate.eq_ignore_ascii_case(word) {
            from = at + 1;
            continue;
        }
        let before = at.checked_sub(1).and_then(|k| text.get(k));
        // A trailing "s" is a case ending ("NGOs"), still the same acronym.
        let after = text.get(end);
        let after_ok =
            boundary(after) || (after.is_some_and(|b| b.eq_ignore_ascii_case(&b's')) && boundary(text.get(end + 1)));
        if boundary(before) && after_ok {
            return true;
        }
        from = end;
    }
    false
}

/// [`occurs_as_word`] on lowercase copies of the text and the word.
fn occurs_as_word_lowercased(text: &str, word: &str) -> bool {
    let lower_text = text.to_lowercase();
    let lower_word = word.to_lowercase();
    let bytes = lower_text.as_bytes();
    for (at, _) in lower_text.match_indices(&lower_word) {
        let before = lower_text[..at].chars().next_back();
        let after = lower_text[at + lower_word.len()..].chars().next();
        let boundary = |c: Option<char>| c.is_none_or(|c| !c.is_alphanumeric());
        // A trailing "s" is a case ending ("NGOs"), still the same acronym.
        let after_ok = boundary(after)
            || (after == Some('s') && boundary(bytes.get(at + lower_word.len() + 1).map(|&b| b as char)));
        if boundary(before) && after_ok {
            return true;
        }
    }
    false
}

#[cfg(test)]
fn is_known_rendering(source_acronym: &str, german: &str) -> bool {
    let german = german.to_uppercase();
    GERMAN_RENDERINGS.iter().any(|&(en, de)| en == source_acronym && de == german)
}

/// [`is_known_rendering`] of `german` already in uppercase
/// (`german_upper`): the list is sorted by its English side, so only the
/// entries of `source_acronym` are read.
fn is_known_rendering_upper(source_acronym: &str, german_upper: &str) -> bool {
    let from = GERMAN_RENDERINGS.partition_point(|&(en, _)| en < source_acronym);
    GERMAN_RENDERINGS[from..].iter().take_while(|&&(en, _)| en == source_acronym).any(|&(_, de)| de == german_upper)
}

/// `word.to_uppercase()`, without an allocation for an ASCII word.
fn uppercase(word: &str) -> std::borrow::Cow<'_, str> {
    if word.is_ascii() && !word.bytes().any(|b| b.is_ascii_lowercase()) {
        std::borrow::Cow::Borrowed(word)
    } else {
        std::borrow::Cow::Owned(word.to_uppercase())
    }
}

/// How `german` garbles `source`, if it does: the same letters in another
/// order, or one letter changed (three letters or more, so "EU" and "EG"
/// are not called garbled).
fn garbling(source: &str, german: &str) -> Option<&'static str> {
    // Different byte lengths of ASCII acronyms (nearly all) are different
    // letter counts, known without counting.
    let both_ascii = source.is_ascii() && german.is_ascii();
    if both_ascii && source.len() != german.len() {
        return None;
    }
    if source == german || (!both_ascii && source.chars().count() != german.chars().count()) {
        return None;
    }
    let mut a: Vec<char> = source.chars().collect();
    let mut b: Vec<char> = german.chars().collect();
    a.sort_unstable();
    b.sort_unstable();
    if a == b {
        return Some("has the letters of");
    }
    if source.chars().count() >= 3 && strsim::hamming(source, german).is_ok_and(|d| d == 1) {
        return Some("is one letter off");
    }
    None
}

pub struct GarbledAcronym;

impl Detector for GarbledAcronym {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(&self, pair: &PairView<'_>, out: &mut Vec<Finding>) {
        let (src, tgt) = (pair.source, pair.target);
        let target_acronyms = acronyms(tgt);
        if target_acronyms.is_empty() {
            return;
        }
        let source_acronyms = acronyms(src);
        // Shouted text ("GO AWAY, WE ARE ANGRY") makes every word all caps:
        // its words are not acronyms, and the pair gets no finding. Asked
        // only once a finding is due (rarely): the answer is the same as
        // asking first, without reading every capitalised word of each pair.
        let mut shouting = None;
        for german in &target_acronyms {
            if source_acronyms.iter().any(|s| s.letters == german.letters)
                || contains_lower(GERMAN_FUNCTION_WORDS, german.letters)
            {
                continue;
            }
            let Some((source, how)) =
                source_acronyms.iter().find_map(|s| garbling(s.letters, german.letters).map(|how| (s, how)))
            else {
                continue;
            };
            let german_upper = uppercase(german.letters);
            if source_acronyms.iter().any(|s| is_known_rendering_upper(s.letters, &german_upper))
                || occurs_as_word(src.text, german.letters)
            {
                continue;
            }
            if *shouting.get_or_insert_with(|| is_shouting(src) || is_shouting(tgt)) {
                return;
            }
            // When the German also has the source's acronym, the other one may
            // be a real sibling ("CDU/CSU"): report it, but as a hint.
            let also_correct = target_acronyms.iter().any(|t| t.letters == source.letters);
            let mut finding = META.finding(
                if also_correct { 0.5 } else { 0.9 },
                Some(german.span),
                Some(source.span),
                format!(
                    "acronym {} does not occur in the source and {how} the source's {}",
                    german.letters, source.letters
                ),
            );
            if also_correct {
                finding.severity = Severity::Minor;
            }
            out.push(finding);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::detect::testing::{flagged, run};

    fn check<'t>(en: &str, de: &'t str) -> Vec<&'t str> {
        flagged(de, &run(&GarbledAcronym, en, de))
    }

    #[test]
    fn ascii_word_search_agrees_with_the_lowercase_copies() {
        // Every text of up to six characters over a small alphabet with
        // letters, an "s", a digit and separators, against short words.
        let alphabet = ['a', 'A', 's', 'S', 'b', '1', '-', ' '];
        let mut texts = vec![String::new()];
        let mut last = vec![String::new()];
        for _ in 0..6 {
            last = last.iter().flat_map(|t| alphabet.iter().map(move |c| format!("{t}{c}"))).collect();
            texts.extend(last.iter().cloned());
        }
        let words = ["a", "A", "as", "AS", "aa", "sa", "asa", "AaA", "ab", "S", "1a", "a-"];
        for text in &texts {
            for word in words {
                assert_eq!(occurs_as_word(text, word), occurs_as_word_lowercased(text, word), "{text:?} {word}");
            }
        }
        assert!(occurs_as_word("The NATO summit", "Nato"));
        assert!(occurs_as_word("The NGOs said", "NGO"));
        assert!(!occurs_as_word("The NGOss said", "NGO"));
    }

    #[test]
    fn renderings_are_sorted_and_found_by_their_english_side() {
        assert!(GERMAN_RENDERINGS.windows(2).all(|w| w[0].0 <= w[1].0));
        let words: Vec<&str> = GERMAN_RENDERINGS
            .iter()
            .flat_map(|&(en, de)| [en, de])
            .chain(["Nato", "usa", "ſ", "ÄB", "", "Osze"])
            .collect();
        for source in &words {
            for german in &words {
                assert_eq!(
                    is_known_rendering_upper(source, &uppercase(german)),
                    is_known_rendering(source, german),
                    "{source} {german}"
                );
            }
        }
    }

    #[test]
    fn garbling_agrees_with_counting_letters() {
        let plain = |source: &str, german: &str| -> Option<&'static str> {
            if source == german || source.chars().count() != german.chars().count() {
                return None;
            }
            let mut a: Vec<char> = source.chars().collect();
            let mut b: Vec<char> = german.chars().collect();
            a.sort_unstable();
            b.sort_unstable();
            if a == b {
                return Some("has the letters of");
            }
            if source.chars().count() >= 3 && strsim::hamming(source, german).is_ok_and(|d| d == 1) {
                return Some("is one letter off");
            }
            None
        };
        let words =
            ["NSC", "CNS", "FBI", "FBO", "EU", "EG", "ÄÖÜ", "ÄÖ", "AÖÜ", "ABCD", "ÉU", "UÉ", "", "A", "NATO", "OTAN"];
        for s in words {
            for g in words {
                assert_eq!(garbling(s, g), plain(s, g), "{s} {g}");
            }
        }
    }

    #[test]
    fn acronyms_equal_the_all_caps_cores_of_every_part() {
        let text = "NGOs des FBIs CEO's US-Präsident anti-LGBTQ EU\u{2011}Gipfel NATO Nato ÄÖÜ G7 COVID-19 Preise ABs";
        let a = Analysis::new(text, crate::text::Lang::German);
        let found: Vec<(Span, &str)> = acronyms(&a).iter().map(|x| (x.span, x.letters)).collect();
        // The plain definition: every part of every word with two ASCII capitals.
        let mut plain = Vec::new();
        for &i in a.uppercase_words() {
            let word = a.token_text(i);
            if word.bytes().filter(u8::is_ascii_uppercase).count() < 2 {
                continue;
            }
            for (at, part) in compound_parts(word) {
                let core = strip_case_ending(part);
                if is_all_caps(core) {
                    let start = a.tokens[i].span.start + at;
                    plain.push((Span::new(start, start + core.len()), core));
                }
            }
        }
        assert_eq!(found, plain);
        assert!(found.iter().any(|(_, l)| *l == "NGO"));
    }

    #[test]
    fn the_second_letter_screen_keeps_every_acronym() {
        let text = "NGOs NGO's NGO’s Preise Xs XYs Ys McDonald MdB ÄÖs ÄÖÜ NATO-Gipfel Nato-CEO EU\u{2011}Gipfel aNGO NgO Mr. PKWs";
        let a = Analysis::new(text, crate::text::Lang::German);
        let found: Vec<&str> = acronyms(&a).iter().map(|x| x.letters).collect();
        // The plain definition: all-caps cores of the compound parts of
        // words with two ASCII capitals.
        let plain: Vec<&str> = a
            .uppercase_words()
            .iter()
            .map(|&i| a.token_text(i))
            .filter(|w| w.bytes().filter(u8::is_ascii_uppercase).nth(1).is_some())
            .flat_map(|w| compound_parts(w).map(|(_, p)| strip_case_ending(p)).filter(|c| is_all_caps(c)))
            .collect();
        assert_eq!(found, plain);
        assert_eq!(found, ["NGO", "NGO", "NGO", "XY", "NATO", "CEO", "EU", "PKW"]);
    }

    #[test]
    fn shouting_needs_three_all_caps_words_in_a_row() {
        let shouting = |text: &str| is_shouting(&Analysis::new(text, crate::text::Lang::German));
        assert!(shouting("WIR SIND WÜTEND heute"));
        assert!(!shouting("NATO, EU und UN"));
        assert!(!shouting("NATO EU Uno UN OSZE"));
        assert!(shouting("die NATO EU UN OSZE"));
    }

    #[test]
    fn catches_scrambled_acronym_in_a_compound() {
        let en = "Russia and NATO plan a meeting, an NSC spokesperson confirmed to CNN.";
        let de = "Russland und die NATO planen ein Treffen mit beiden CNS-Sprechern, bestätigte CNN.";
        assert_eq!(check(en, de), ["CNS"]);
        let found = run(&GarbledAcronym, en, de);
        assert_eq!(&en[found[0].source.unwrap().start..found[0].source.unwrap().end], "NSC");
    }

    #[test]
    fn catches_one_changed_letter_and_case_endings() {
        assert_eq!(check("The FBI said so.", "Das sagte ein Sprecher des FBOs."), ["FBO"]);
        assert_eq!(check("He works for the WHO and the EU.", "Er arbeitet für die UE und die WHO."), ["UE"]);
        assert_eq!(check("the famously anti-LGBTQ school", "die Anti-LBGTQ-Schule"), ["LBGTQ"]);
    }

    #[test]
    fn quiet_on_usual_german_renderings() {
        for (en, de) in [
            ("The OSCE meets in Vienna.", "Die OSZE tagt in Wien."),
            ("The UN and the US agreed.", "Die UNO und die USA einigten sich."),
            ("The IMF and the ECB warned.", "Der IWF und die EZB warnten."),
            ("NGOs criticised AI.", "NROs kritisierten KI."),
            ("The UAE said.", "Die VAE sagten."),
            ("The U.S. President spoke in Kiev.", "Der US-Präsident sprach in Kiew."),
            ("Nato allies met.", "Die NATO-Verbündeten trafen sich."),
            ("The NGOs' report.", "Der Bericht der NGOs."),
        ] {
            assert!(check(en, de).is_empty(), "{de}: {:?}", check(en, de));
        }
    }

    #[test]
    fn quiet_on_shouted_text() {
        let en = "READ THIS GUIDE ABOUT WHAT TO PACK FOR THE TRIP";
        let de = "LEST DIESEN RATGEBER DARÜBER, WAS FÜR DIE REISE EINZUPACKEN IST";
        assert!(check(en, de).is_empty());
        assert!(check("They SAID AND did it.", "Sie SAGTEN UND taten es.").is_empty());
    }

    #[test]
    fn quiet_on_acronyms_unrelated_to_the_source() {
        assert!(check("The BBC reported it.", "Die ARD und die BBC berichteten.").is_empty());
        // Many acronyms are not shouting: the garbled one is still found.
        assert_eq!(check("NATO, EU, US and NSC met.", "NATO, EU, USA und CNS trafen sich."), ["CNS"]);
        assert!(check("The party won.", "Die SPD gewann.").is_empty());
    }

    #[test]
    fn sibling_acronym_present_in_both_is_only_a_hint() {
        let found = run(&GarbledAcronym, "The CDU won.", "Die CDU/CSU gewann.");
        assert!(found.iter().all(|f| f.severity == Severity::Minor));
    }
}
