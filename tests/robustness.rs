//! Robustness properties: whatever text a pair holds, checking it never
//! panics and every finding points inside its own text on character
//! boundaries, with a confidence in 0..=1; the aligner places every
//! paragraph in exactly one bead. Inputs mix the characters that trip
//! byte-offset code: multibyte letters, combining marks, German and French
//! quotes, non-breaking hyphens, emoji, numbers with separators, control
//! characters, very long words.

use mtlint::{align, Finding, Linter, Pair};
use proptest::prelude::*;

/// Pieces that exercise tokenising, sentence splitting and number parsing.
const FRAGMENTS: &[&str] = &[
    "Größe",
    "Straße",
    "Ärger",
    "über",
    "e\u{301}",
    "a\u{308}",
    "\u{301}",
    "US\u{2011}Präsident",
    "\u{2011}",
    "„",
    "“",
    "‚",
    "‘",
    "»",
    "«",
    "\"",
    "'",
    "(",
    ")",
    "[",
    "]",
    "…",
    "–",
    "—",
    "-",
    "--",
    ".",
    "..",
    "...",
    ",",
    ":",
    ";",
    "!",
    "?",
    "😀",
    "👩\u{200d}👩\u{200d}👧",
    "🇩🇪",
    "1.000",
    "3,5",
    "12:30",
    "12.",
    "1,000.5",
    "2020",
    "0",
    "9.9.9",
    "1.",
    "z. B.",
    "Dr.",
    "Mr.",
    "NSC",
    "CNS",
    "USA",
    "Januar",
    "January",
    "Montag",
    "Monday",
    "nicht",
    "not",
    "kein",
    "never",
    "die",
    "die die",
    "the",
    "und",
    "and",
    "Kiew",
    "Kyiv",
    " ",
    "  ",
    "\t",
    "\n",
    "\r\n",
    "\u{0}",
    "\u{a0}",
    "\u{200b}",
    "\u{feff}",
    "\u{fffd}",
    "ß",
    "ẞ",
    "İ",
    "ǅ",
    "ﬁ",
    "𝔘",
    "中文",
    "العربية",
];

/// One token of generated text: a fragment, a random character, or a long word.
fn piece() -> impl Strategy<Value = String> {
    prop_oneof![
        6 => prop::sample::select(FRAGMENTS).prop_map(str::to_string),
        3 => any::<char>().prop_map(|c| c.to_string()),
        2 => "[A-Za-zÄÖÜäöüß]{1,12}",
        1 => (prop::sample::select(&["ä", "a", "€", "😀"][..]), 200usize..2000).prop_map(|(c, n)| c.repeat(n)),
    ]
}

/// Text made of pieces joined by spaces or nothing; empty and blank included.
fn text() -> impl Strategy<Value = String> {
    prop_oneof![
        1 => Just(String::new()),
        1 => "[ \t\n]{1,5}",
        8 => prop::collection::vec((piece(), prop::bool::ANY), 0..40).prop_map(|parts| {
            parts.into_iter().map(|(p, space)| if space { p + " " } else { p }).collect::<String>()
        }),
    ]
}

fn assert_findings_well_formed(pair: &Pair, findings: &[Finding]) {
    for f in findings {
        assert!((0.0..=1.0).contains(&f.confidence), "{}: confidence {} on {pair:?}", f.rule, f.confidence);
        for (side, span, text) in [("target", f.target, &pair.target), ("source", f.source, &pair.source)] {
            let Some(span) = span else { continue };
            assert!(span.start <= span.end, "{}: {side} span {span:?} reversed on {pair:?}", f.rule);
            assert!(span.end <= text.len(), "{}: {side} span {span:?} beyond the text on {pair:?}", f.rule);
            assert!(
                text.is_char_boundary(span.start) && text.is_char_boundary(span.end),
                "{}: {side} span {span:?} splits a character on {pair:?}",
                f.rule
            );
        }
    }
}

fn cases() -> u32 {
    std::env::var("PROPTEST_CASES").ok().and_then(|v| v.parse().ok()).unwrap_or(256)
}

proptest! {
    // 256 cases keep the debug run near 20 s; PROPTEST_CASES=N searches deeper.
    #![proptest_config(ProptestConfig { cases: cases(), ..ProptestConfig::default() })]

    #[test]
    fn any_pair_checks_without_panic_and_with_spans_inside(source in text(), target in text()) {
        let linter = Linter::all();
        let pair = Pair::new("p", source, target);
        let raw = linter.check(&pair);
        assert_findings_well_formed(&pair, &raw);
        let report = linter.report(pair.clone());
        assert_findings_well_formed(&pair, &report.findings);
    }

    /// A translation that is mostly right with local damage: the detectors'
    /// interesting paths run (they compare the two sides), not only their
    /// early exits.
    #[test]
    fn near_translations_check_without_panic(
        prefix in text(),
        insert in text(),
        suffix in text(),
    ) {
        let source = format!("{prefix} The NSC met on Monday, January 12, and did not approve 1,000 dollars. {suffix}");
        let target = format!("{prefix} Der NSC traf sich am Montag, 12. Januar{insert}, und genehmigte 1.000 Dollar nicht. {suffix}");
        let linter = Linter::all();
        let pair = Pair::new("p", source, target);
        assert_findings_well_formed(&pair, &linter.check(&pair));
        // The third pair repeats the first one's German under other English:
        // the cross-pair rules fire on arbitrary text too.
        let reports = linter.report_all(vec![
            pair.clone(),
            Pair::new("p2", pair.target.clone(), pair.source.clone()),
            Pair::new("p3", "Something else entirely.", pair.target.clone()),
        ]);
        for r in &reports {
            assert_findings_well_formed(&r.pair, &r.findings);
        }
    }

    #[test]
    fn every_paragraph_is_in_exactly_one_bead(
        source in prop::collection::vec(text(), 0..12),
        target in prop::collection::vec(text(), 0..12),
    ) {
        let beads = align::align_paragraphs(&source, &target);
        for (side, len, pick) in [
            ("source", source.len(), (|b: &align::Bead| b.source.clone()) as fn(&align::Bead) -> Vec<usize>),
            ("target", target.len(), |b: &align::Bead| b.target.clone()),
        ] {
            let mut seen = vec![0usize; len];
            for bead in &beads {
                prop_assert!(!(bead.source.is_empty() && bead.target.is_empty()), "empty bead in {beads:?}");
                for i in pick(bead) {
                    prop_assert!(i < len, "{side} index {i} out of range in {beads:?}");
                    seen[i] += 1;
                }
            }
            prop_assert!(seen.iter().all(|&n| n == 1), "{side} paragraphs not each in one bead: {seen:?} in {beads:?}");
        }
        // Beads keep document order on both sides.
        let flat = |pick: fn(&align::Bead) -> &Vec<usize>| beads.iter().flat_map(pick).copied().collect::<Vec<_>>();
        let s = flat(|b| &b.source);
        let t = flat(|b| &b.target);
        prop_assert!(s.windows(2).all(|w| w[0] < w[1]) && t.windows(2).all(|w| w[0] < w[1]));
    }
}

/// Regression (found by the properties above): a number glued to a hyphen
/// and a capital sharp s ("0‑ẞ") panicked in the number reader, which
/// sliced the original text with a length taken from its lowercase form
/// ("ẞ" is three bytes, "ß" two).
#[test]
fn number_hyphen_capital_sharp_s_does_not_panic() {
    let linter = Linter::all();
    for target in ["Größe 0‑ẞ", "Es waren 5-ẞÖ mehr.", "1-ẞ"] {
        let pair = Pair::new("p", "The size was 0.", target);
        assert_findings_well_formed(&pair, &linter.check(&pair));
    }
}
