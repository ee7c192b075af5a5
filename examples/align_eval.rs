//! Measures the aligner on the shared evaluation data (not shipped data):
//! paragraph bead F1 on `docs-dev.jsonl` for mtlint's model and for a
//! length-only Gale–Church baseline, and alignment throughput.
//!
//! `cargo run --release --example align_eval [-- path/to/docs-dev.jsonl]`

use mtlint::align::{self, paragraph, Bead, Params};
use serde::Deserialize;
use std::collections::HashSet;
use std::time::Instant;

#[derive(Deserialize)]
struct Record {
    id: String,
    source: Vec<String>,
    target: Vec<String>,
    beads: Vec<Bead>,
}

#[derive(Default)]
struct Score {
    gold: usize,
    predicted: usize,
    correct: usize,
}

impl Score {
    fn f1(&self) -> f64 {
        let p = self.correct as f64 / self.predicted.max(1) as f64;
        let r = self.correct as f64 / self.gold.max(1) as f64;
        if p + r == 0.0 { 0.0 } else { 2.0 * p * r / (p + r) }
    }
}

fn key(b: &Bead) -> (Vec<usize>, Vec<usize>) {
    (b.source.clone(), b.target.clone())
}

fn score(records: &[Record], params: &Params, verbose: bool) -> (Score, Score) {
    let (mut all, mut irregular) = (Score::default(), Score::default());
    for r in records {
        let predicted = paragraph::align_texts(&r.source, &r.target, params);
        let gold: HashSet<_> = r.beads.iter().map(key).collect();
        for b in &predicted {
            let hit = gold.contains(&key(b));
            all.predicted += 1;
            all.correct += hit as usize;
            if b.is_irregular() {
                irregular.predicted += 1;
                irregular.correct += hit as usize;
            }
            if verbose && !hit {
                println!("{}: wrong {:?} -> {:?}", r.id, b.source, b.target);
            }
        }
        all.gold += r.beads.len();
        irregular.gold += r.beads.iter().filter(|b| b.is_irregular()).count();
        if verbose {
            let pset: HashSet<_> = predicted.iter().map(key).collect();
            for b in r.beads.iter().filter(|b| !pset.contains(&key(b))) {
                let s: Vec<String> = b.source.iter().map(|&i| r.source[i].chars().take(70).collect()).collect();
                let t: Vec<String> = b.target.iter().map(|&j| r.target[j].chars().take(70).collect()).collect();
                println!("   missed gold {:?} -> {:?}  {:?} || {:?}", b.source, b.target, s, t);
            }
        }
    }
    (all, irregular)
}

fn main() {
    let path = std::env::args().nth(1).unwrap_or_else(|| "../shared/eval/docs-dev.jsonl".to_string());
    let verbose = std::env::var_os("VERBOSE").is_some();
    let Ok(text) = std::fs::read_to_string(&path) else {
        eprintln!("skipped: {path} not found (the shared eval data is not in a fresh clone)");
        return;
    };
    let records: Vec<Record> = text.lines().filter_map(|l| serde_json::from_str(l).ok()).collect();
    println!("{} article pairs from {path}", records.len());
    for (name, params) in [("mtlint (length + anchors)", tuned(Params::PARAGRAPHS)), ("Gale-Church, length only", Params::LENGTH_ONLY)] {
        let (all, irregular) = score(&records, &params, verbose && name.starts_with("mtlint"));
        println!(
            "{name:28} bead F1 {:.3} ({}/{} gold, {} predicted)   non-1-1 F1 {:.3} ({}/{} gold, {} predicted)",
            all.f1(), all.correct, all.gold, all.predicted, irregular.f1(), irregular.correct, irregular.gold, irregular.predicted
        );
    }
    throughput(&records);
}

/// `ALIGN_PARAMS="anchor_bonus=1.5,orphan_penalty=2"` overrides the
/// paragraph parameters, for exploring the cost model.
fn tuned(mut p: Params) -> Params {
    let spec = std::env::var("ALIGN_PARAMS").unwrap_or_default();
    for item in spec.split(',').filter(|s| !s.is_empty()) {
        let (name, value) = item.split_once('=').expect("name=value");
        let v: f64 = value.parse().expect("a number");
        match name {
            "ratio" => p.ratio = v,
            "variance" => p.variance = v,
            "p_one_one" => p.p_one_one = v,
            "p_merge" => p.p_merge = v,
            "p_indel" => p.p_indel = v,
            "indel_per_char" => p.indel_per_char = v,
            "anchor_bonus" => p.anchor_bonus = v,
            "shape_penalty" => p.shape_penalty = v,
            "max_length_cost" => p.max_length_cost = v,
            "orphan_penalty" => p.orphan_penalty = v,
            _ => panic!("unknown parameter {name}"),
        }
    }
    p
}

/// Paragraph alignment, then sentence alignment inside every paragraph
/// bead, repeated until a second has passed.
fn throughput(records: &[Record]) {
    let start = Instant::now();
    let (mut rounds, mut sentence_beads) = (0usize, 0usize);
    while start.elapsed().as_secs_f64() < 1.0 {
        for r in records {
            for bead in align::align_paragraphs(&r.source, &r.target) {
                let s: Vec<&str> = bead.source.iter().map(|&i| r.source[i].as_str()).collect();
                let t: Vec<&str> = bead.target.iter().map(|&j| r.target[j].as_str()).collect();
                sentence_beads += align::align_sentences(&s.join("\n"), &t.join("\n")).beads.len();
            }
        }
        rounds += 1;
    }
    let secs = start.elapsed().as_secs_f64();
    println!(
        "throughput: {:.0} sentence pairs/s, {:.0} article pairs/s (paragraphs then sentences, one thread, {rounds} rounds)",
        sentence_beads as f64 / secs,
        (rounds * records.len()) as f64 / secs
    );
}
