//! Per-stage and per-detector cost: `cargo bench --bench detectors`.
//!
//! Runs over the sentence pairs in `sample_pairs/` so the numbers are
//! reproducible anywhere. Text analysis is measured separately from the
//! detectors because it is computed once per side and shared.

use mtlint::detect::{self, PairView};
use mtlint::text::{Analysis, Lang};
use mtlint::{Linter, Pair};
use std::fs;

fn main() {
    divan::main();
}

fn sample_pairs() -> Vec<Pair> {
    let en = fs::read_to_string("sample_pairs/seed.en.txt").unwrap();
    let de = fs::read_to_string("sample_pairs/seed.de.txt").unwrap();
    let mut pairs: Vec<Pair> =
        en.lines().zip(de.lines()).enumerate().map(|(i, (e, d))| Pair::new(i.to_string(), e, d)).collect();
    for line in fs::read_to_string("sample_pairs/traps.jsonl").unwrap().lines() {
        pairs.push(mtlint::input::jsonl::parse_line(line, "traps.jsonl", 0).unwrap());
    }
    pairs
}

#[divan::bench]
fn analysis_both_sides(bencher: divan::Bencher) {
    let pairs = sample_pairs();
    bencher.counter(divan::counter::ItemsCount::new(pairs.len())).bench(|| {
        for p in &pairs {
            divan::black_box(Analysis::new(&p.source, Lang::English));
            divan::black_box(Analysis::new(&p.target, Lang::German));
        }
    });
}

#[divan::bench]
fn all_detectors_end_to_end(bencher: divan::Bencher) {
    let pairs = sample_pairs();
    let linter = Linter::all();
    bencher.counter(divan::counter::ItemsCount::new(pairs.len())).bench(|| {
        for p in &pairs {
            divan::black_box(linter.check(p));
        }
    });
}

/// The per-pair rules (`consistency` compares pairs; it has its own bench).
fn rule_ids() -> Vec<&'static str> {
    detect::all().iter().map(|d| d.id()).collect()
}

#[divan::bench(args = rule_ids())]
fn detector(bencher: divan::Bencher, rule: &str) {
    let pairs = sample_pairs();
    let analyses: Vec<(Analysis, Analysis)> = pairs
        .iter()
        .map(|p| (Analysis::new(&p.source, Lang::English), Analysis::new(&p.target, Lang::German)))
        .collect();
    let detectors = detect::all();
    let detector = detectors.iter().find(|d| d.id() == rule).unwrap();
    bencher.counter(divan::counter::ItemsCount::new(pairs.len())).bench(|| {
        let mut out = Vec::new();
        for (s, t) in &analyses {
            detector.check(&PairView::new("bench", s, t), &mut out);
        }
        divan::black_box(out)
    });
}

/// The per-pair half of `consistency` (the name renderings it gathers from
/// every pair, in parallel); comparing them across pairs runs in input order.
#[divan::bench]
fn consistency_renderings(bencher: divan::Bencher) {
    let pairs = sample_pairs();
    let analyses: Vec<(Analysis, Analysis)> = pairs
        .iter()
        .map(|p| (Analysis::new(&p.source, Lang::English), Analysis::new(&p.target, Lang::German)))
        .collect();
    bencher.counter(divan::counter::ItemsCount::new(pairs.len())).bench(|| {
        for (s, t) in &analyses {
            divan::black_box(detect::consistency::renderings(&PairView::new("bench", s, t)));
        }
    });
}
