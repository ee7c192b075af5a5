//! `number-mismatch`: a quantity in the German that the English does not state.

use super::word_marks::NUMBER;
use super::{Detector, PairView, RuleMeta};
use crate::model::{Category, Finding, Severity, Span};
use crate::text::numbers::{extract_marked, match_mentions, NumberKind, NumberMention, Strength};
use crate::text::Analysis;

crate::rule_meta! {
    /// A number in the German differs from the English, or has no counterpart there.
    ///
    /// **What it catches.** Changed quantities: "2.400 Dollar" for "$2,400"
    /// written as "1.700", a wrong year, a wrong percentage, "Billion"
    /// (10^12) for English "billion" (10^9, German "Milliarde"). Numbers are
    /// compared as values, so each language may write them its own way.
    /// A source number with no German counterpart is a minor note.
    ///
    /// **Why it matters.** A wrong number reads as perfectly fluent German:
    /// nobody notices until the figure is quoted, and it changes the facts.
    ///
    /// **Not flagged.** Locale conventions ("1,000" ↔ "1.000", "2.5" ↔
    /// "2,5", "3.9%" ↔ "3,9 %"), magnitudes ("$5bn" ↔ "5 Mrd. Dollar",
    /// "2 million" ↔ "2 Millionen"), spelled-out numbers ("two" ↔ "zwei"),
    /// ordinals ("January 12" ↔ "12. Januar"), clock times ("3 p.m." ↔
    /// "15 Uhr", "10:00" ↔ "10.00 Uhr"), decades ("1990s" ↔ "1990er"),
    /// imperial units converted to metric, digits inside names ("G7",
    /// "Covid-19", "9/11") and a number the German repeats.
    ///
    /// **Example.** "About 100,000 security personnel …" → "Etwa 500.000
    /// Sicherheitskräfte …": 500.000 is flagged; the source has 100,000.
    META {
        id: "number-mismatch",
        category: Category::Mistranslation,
        severity: Severity::Critical,
    }
}

pub struct NumberMismatch;

impl Detector for NumberMismatch {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(&self, pair: &PairView<'_>, out: &mut Vec<Finding>) {
        let source = extract_marked(pair.source, pair.source_marks(), NUMBER);
        let target = extract_marked(pair.target, pair.target_marks(), NUMBER);
        if cannot_report(&source, &target) {
            return;
        }
        report(pair, &source, &target, out);
    }
}

/// No finding can come of these mentions, whatever matches what: every
/// report needs a spelled-out or digit mention ([`Strength::Word`] or
/// more) on one side, or digits in names on both sides. Most pairs with
/// mentions have only weak ones ("a" ↔ "ein"); a test compares.
fn cannot_report(source: &[NumberMention], target: &[NumberMention]) -> bool {
    let strong = |side: &[NumberMention]| side.iter().any(|m| m.strength >= Strength::Word);
    let named = |side: &[NumberMention]| side.iter().any(|m| m.strength == Strength::Name);
    let may_report = strong(source) || strong(target) || (named(source) && named(target));
    !may_report
}

/// The findings of the mentions of both sides.
fn report(pair: &PairView<'_>, source: &[NumberMention], target: &[NumberMention], out: &mut Vec<Finding>) {
    let matching = match_mentions(source, target);
    // A number that has a counterpart somewhere is repeated, not changed.
    let lost_source: Vec<usize> = (0..source.len())
        .filter(|&s| matching.source_to_target[s].is_none() && source[s].strength >= Strength::Word)
        .filter(|&s| !target.iter().any(|t| t.can_match(&source[s])))
        .collect();
    let new_target = (0..target.len())
        .filter(|&t| matching.target_to_source[t].is_none() && target[t].strength >= Strength::Word)
        .filter(|&t| !source.iter().any(|s| s.can_match(&target[t])));
    let mut partnered = vec![false; lost_source.len()];
    for t in new_target {
        let partner = nearest_unused(&lost_source, &partnered, source, pair.source, &target[t], pair.target)
            // A spelled-out German number is no rewrite of an English year.
            .filter(|&p| target[t].strength == Strength::Digits || source[lost_source[p]].kind != NumberKind::Year);
        if let Some(p) = partner {
            partnered[p] = true;
        }
        let partner = partner.map(|p| &source[lost_source[p]]);
        if let Some(f) = changed_number_finding(pair, &target[t], partner) {
            out.push(f);
        }
    }
    report_changed_name_digits(pair, source, target, &matching.target_to_source, out);
    for (k, &s) in lost_source.iter().enumerate() {
        if !partnered[k] && source[s].strength == Strength::Digits {
            out.push(missing_number_finding(pair, &source[s]));
        }
    }
}

/// The report for a German number without an English counterpart; `partner`
/// is the unmatched English number it most likely replaced.
fn changed_number_finding(pair: &PairView<'_>, t: &NumberMention, partner: Option<&NumberMention>) -> Option<Finding> {
    let de = pair.target.slice(t.span);
    match (partner, t.strength) {
        (Some(s), strength) => {
            let en = pair.source.slice(s.span);
            let confidence = if strength == Strength::Digits && s.strength == Strength::Digits { 0.9 } else { 0.7 };
            Some(META.finding(
                confidence,
                Some(t.span),
                Some(s.span),
                format!("{} \"{de}\" does not match the source, which has \"{en}\"", kind_name(t.kind)),
            ))
        }
        (None, Strength::Digits) => {
            let mut f = META.finding(
                0.5,
                Some(t.span),
                None,
                format!("{} \"{de}\" does not occur in the source", kind_name(t.kind)),
            );
            f.severity = Severity::Major;
            Some(f)
        }
        (None, _) => None,
    }
}

/// "CO5" for "CO2", "G8" for "G7": a name whose digits changed.
fn report_changed_name_digits(
    pair: &PairView<'_>,
    source: &[NumberMention],
    target: &[NumberMention],
    target_to_source: &[Option<usize>],
    out: &mut Vec<Finding>,
) {
    let names = |side: &[NumberMention]| side.iter().filter(|m| m.strength == Strength::Name).count();
    if names(source) == 0 || names(target) == 0 {
        return;
    }
    for (t, m) in target.iter().enumerate() {
        if m.strength != Strength::Name || target_to_source[t].is_some() {
            continue;
        }
        let prefix = name_prefix(pair.target.text, m.span);
        if prefix.is_empty() {
            continue;
        }
        let same_name = |s: &&NumberMention| {
            s.strength == Strength::Name && name_prefix(pair.source.text, s.span).eq_ignore_ascii_case(prefix)
        };
        if source.iter().filter(same_name).any(|s| s.values.shares(&m.values)) {
            continue;
        }
        if let Some(s) = source.iter().find(same_name) {
            out.push(META.finding(
                0.8,
                Some(m.span),
                Some(s.span),
                format!(
                    "\"{}{}\" does not match the source, which has \"{}{}\"",
                    prefix,
                    pair.target.slice(m.span),
                    prefix,
                    pair.source.slice(s.span)
                ),
            ));
        }
    }
}

/// The letters right before the digits of a name: "CO" of "CO2", "Covid" of "Covid-19".
fn name_prefix(text: &str, digits: Span) -> &str {
    let before = text[..digits.start].trim_end_matches(['-', '\u{2011}']);
    let start =
        before.char_indices().rev().take_while(|(_, c)| c.is_alphabetic()).last().map_or(before.len(), |(i, _)| i);
    &before[start..]
}

/// A minor note: an English number the German does not state.
fn missing_number_finding(pair: &PairView<'_>, s: &NumberMention) -> Finding {
    let at = pair.target.proportional_point(pair.source, s.span.start);
    let en = pair.source.slice(s.span);
    let mut f = META.finding(
        0.3,
        Some(Span::point(at)),
        Some(s.span),
        format!("the source {} \"{en}\" has no counterpart in the German", kind_name(s.kind)),
    );
    f.severity = Severity::Minor;
    f
}

fn kind_name(kind: NumberKind) -> &'static str {
    match kind {
        NumberKind::Cardinal => "number",
        NumberKind::Ordinal => "ordinal",
        NumberKind::Year => "year",
        NumberKind::Time => "time",
        NumberKind::Percent => "percentage",
        NumberKind::Decade => "decade",
    }
}

/// The unpartnered lost source number closest in relative position to `t`.
fn nearest_unused(
    lost: &[usize],
    used: &[bool],
    source: &[NumberMention],
    src: &Analysis<'_>,
    t: &NumberMention,
    tgt: &Analysis<'_>,
) -> Option<usize> {
    let at = tgt.relative_position(t.span.start);
    (0..lost.len()).filter(|&k| !used[k]).min_by(|&a, &b| {
        let da = (src.relative_position(source[lost[a]].span.start) - at).abs();
        let db = (src.relative_position(source[lost[b]].span.start) - at).abs();
        da.total_cmp(&db)
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::detect::testing::{flagged, run};

    fn serious(en: &str, de: &'static str) -> Vec<&'static str> {
        let findings: Vec<Finding> =
            run(&NumberMismatch, en, de).into_iter().filter(|f| f.severity >= Severity::Major).collect();
        flagged(de, &findings)
    }

    #[test]
    fn mentions_the_gate_skips_report_nothing() {
        use crate::text::{numbers::extract, Analysis, Lang};
        let texts = crate::detect::word_marks::tests::texts(2000);
        let mut skipped = 0;
        for (k, en) in texts.iter().enumerate() {
            for de in [&texts[(k * 7 + 3) % texts.len()], &texts[(k * 13 + 5) % texts.len()]] {
                let (src, tgt) = (Analysis::new(en, Lang::English), Analysis::new(de, Lang::German));
                let (source, target) = (extract(&src), extract(&tgt));
                if !cannot_report(&source, &target) {
                    continue;
                }
                skipped += 1;
                let mut out = Vec::new();
                report(&PairView::new("t", &src, &tgt), &source, &target, &mut out);
                assert!(out.is_empty(), "{en} / {de}: {out:?}");
            }
        }
        assert!(skipped > 50, "{skipped}");
        // Hand-made: weak mentions only, and names on one side only.
        for (en, de) in [("a man and a dog", "ein Mann und ein Hund"), ("the G7 met", "die Gruppe traf sich einmal")] {
            let (src, tgt) = (Analysis::new(en, Lang::English), Analysis::new(de, Lang::German));
            let (source, target) = (extract(&src), extract(&tgt));
            assert!(cannot_report(&source, &target), "{en}");
            let mut out = Vec::new();
            report(&PairView::new("t", &src, &tgt), &source, &target, &mut out);
            assert!(out.is_empty());
        }
        // Names on both sides are read even without a strong mention: the
        // only report the pseudo-random texts above never make.
        let (src, tgt) =
            (Analysis::new("to halve CO2 emissions", Lang::English), Analysis::new("die CO5-Emissionen", Lang::German));
        let (source, target) = (extract(&src), extract(&tgt));
        let mut out = Vec::new();
        report(&PairView::new("t", &src, &tgt), &source, &target, &mut out);
        assert!(!out.is_empty() && !cannot_report(&source, &target));
    }

    #[test]
    fn catches_changed_numbers() {
        assert_eq!(serious("Drivers face a $2,400 fine.", "Fahrern droht eine Strafe von 1.400 Dollar."), ["1.400"]);
        assert_eq!(serious("About 100,000 police officers.", "Etwa 500.000 Polizisten."), ["500.000"]);
        assert_eq!(serious("It grew 3.9% in 1992.", "Es wuchs 1992 um 3,8 %."), ["3,8"]);
        assert_eq!(serious("Eight women died on January 12.", "Acht Frauen starben am 13. Januar."), ["13"]);
        assert_eq!(serious("Three people were hurt.", "Vier Menschen wurden verletzt."), ["Vier"]);
    }

    #[test]
    fn catches_changed_digits_in_names() {
        assert_eq!(serious("to halve CO2 emissions", "die CO5-Emissionen zu halbieren"), ["5"]);
        assert!(serious("the G7 summit and CO2", "der G7-Gipfel und CO2").is_empty());
    }

    #[test]
    fn german_billion_is_a_thousand_times_larger() {
        assert_eq!(serious("a $5 billion deal", "ein Geschäft über 5 Billionen Dollar"), ["5 Billionen"]);
        assert!(serious("a $5 billion deal", "ein Geschäft über 5 Milliarden Dollar").is_empty());
    }

    #[test]
    fn quiet_on_locale_conventions_and_conversions() {
        for (en, de) in [
            ("The fine is $5bn.", "Die Strafe beträgt 5 Mrd. Dollar."),
            ("Inflation rose to 3.9%.", "Die Inflation stieg auf 3,9 %."),
            ("It costs 1,000 euros, up 3.5 percent.", "Es kostet 1.000 Euro, 3,5 Prozent mehr."),
            ("We met on January 12 at 3 p.m.", "Wir trafen uns am 12. Januar um 15 Uhr."),
            ("The meeting starts at 10:00.", "Das Treffen beginnt um 10.00 Uhr."),
            ("Two million people in the 1990s.", "2 Millionen Menschen in den 1990er Jahren."),
            (
                "After 9/11 the G7 and Covid-19 changed things.",
                "Nach dem 11. September änderten die G7 und Covid-19 vieles.",
            ),
            ("The US president met ten leaders in Kiev.", "Der US-Präsident traf in Kiew zehn Staatschefs."),
            ("A 16-year-old boy ran 5 miles.", "Ein 16-Jähriger lief 8 Kilometer."),
            ("It happened in 2019. In 2019, it grew.", "Es geschah 2019. Im Jahr 2019 wuchs es."),
            ("a dozen eggs", "ein Dutzend Eier"),
            ("One of them left.", "Einer von ihnen ging."),
            (
                "The three-million strong fleet and the US$45-billion plan.",
                "Die drei Millionen Mann starke Flotte und der 45 Milliarden US-Dollar teure Plan.",
            ),
            ("It was the first time.", "Es war das erste Mal."),
        ] {
            assert!(serious(en, de).is_empty(), "{de}: {:?}", serious(en, de));
        }
    }

    #[test]
    fn a_lost_source_number_is_only_a_minor_note() {
        let findings = run(&NumberMismatch, "He paid 500 dollars.", "Er bezahlte Dollar.");
        assert_eq!(findings.len(), 1);
        assert_eq!(findings[0].severity, Severity::Minor);
        assert!(findings[0].target.is_some_and(|s| s.is_empty()));
    }
}
