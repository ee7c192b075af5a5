//! Measures fetching, extraction and alignment on the shared evaluation
//! data (never shipped with mtlint):
//! - paragraph bead F1 on `docs-dev.jsonl`, for mtlint's model and for a
//!   length-only Gale–Church baseline, overall and on the non-1-1 beads;
//! - alignment throughput (sentence pairs per second, one thread);
//! - `pages-dev/` served on 127.0.0.1: how many page pairs extract to
//!   exactly the gold paragraphs, and the end-to-end bead F1;
//! - 1,000 generated page pairs fetched, extracted and aligned from a
//!   loopback server, timed.
//!
//! `cargo run --release --example align_eval [-- path/to/shared]`

#[path = "../tests/support/server.rs"]
mod server;

use mtlint::align::{self, paragraph, Bead, Params};
use mtlint::fetch::{self, FetchOptions, PairSpec};
use serde::Deserialize;
use server::{serve, Reply};
use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::Instant;

#[derive(Deserialize, Clone)]
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
        if p + r == 0.0 {
            0.0
        } else {
            2.0 * p * r / (p + r)
        }
    }
}

fn key(b: &Bead) -> (Vec<usize>, Vec<usize>) {
    (b.source.clone(), b.target.clone())
}

fn score(records: &[Record], params: &Params, verbose: bool) -> (Score, Score) {
    let predictions: Vec<Vec<Bead>> =
        records.iter().map(|r| paragraph::align_texts(&r.source, &r.target, params)).collect();
    score_predictions(records, &predictions, verbose)
}

fn score_predictions(records: &[Record], predictions: &[Vec<Bead>], verbose: bool) -> (Score, Score) {
    let (mut all, mut irregular) = (Score::default(), Score::default());
    for (r, predicted) in records.iter().zip(predictions) {
        let gold: HashSet<_> = r.beads.iter().map(key).collect();
        for b in predicted {
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
    let Some(shared) = std::env::args().nth(1).map(PathBuf::from).or_else(server::shared_dir) else {
        eprintln!("skipped: no shared/eval folder found (the eval data is not in a fresh clone)");
        return;
    };
    let path = shared.join("eval/docs-dev.jsonl");
    let verbose = std::env::var_os("VERBOSE").is_some();
    let Ok(text) = std::fs::read_to_string(&path) else {
        eprintln!("skipped: {} not found", path.display());
        return;
    };
    let records: Vec<Record> = text.lines().filter_map(|l| serde_json::from_str(l).ok()).collect();
    println!("{} article pairs from {}", records.len(), path.display());
    for (name, params) in
        [("mtlint (length + anchors)", tuned(Params::PARAGRAPHS)), ("Gale-Church, length only", Params::LENGTH_ONLY)]
    {
        let (all, irregular) = score(&records, &params, verbose && name.starts_with("mtlint"));
        println!(
            "{name:28} bead F1 {:.3} ({}/{} gold, {} predicted)   non-1-1 F1 {:.3} ({}/{} gold, {} predicted)",
            all.f1(),
            all.correct,
            all.gold,
            all.predicted,
            irregular.f1(),
            irregular.correct,
            irregular.gold,
            irregular.predicted
        );
    }
    throughput(&records);
    pages_over_http(&shared, &records);
    batch_speed(&records, 1000);
}

/// Serves `pages-dev/` on 127.0.0.1 and runs the whole pipeline on it:
/// fetch, charset, extraction, alignment.
fn pages_over_http(shared: &Path, records: &[Record]) {
    let Some((_server, specs)) = server::serve_pages_dev(shared) else {
        println!("pages-dev: skipped, no pages-dev/index.jsonl");
        return;
    };
    let by_id: HashMap<&str, &Record> = records.iter().map(|r| (r.id.as_str(), r)).collect();
    let started = Instant::now();
    let results = fetch::load_pairs(specs.clone(), &FetchOptions::default(), || {});
    let elapsed = started.elapsed();
    let (mut exact, mut gold_records, mut predictions) = (0, Vec::new(), Vec::new());
    for (spec, result) in specs.iter().zip(results) {
        let (Ok(docs), Some(gold)) = (result, by_id.get(spec.id.as_str())) else {
            println!("pages-dev: {} failed to load or has no gold record", spec.id);
            continue;
        };
        let same_source = docs.source.texts() == gold.source.iter().map(String::as_str).collect::<Vec<_>>();
        let same_target = docs.target.texts() == gold.target.iter().map(String::as_str).collect::<Vec<_>>();
        if same_source && same_target {
            exact += 1;
        } else {
            println!(
                "pages-dev: {} extracted differently (source ok: {same_source}, target ok: {same_target})",
                spec.id
            );
        }
        // Score against the gold beads only where the paragraph lists match.
        gold_records.push(Record {
            id: gold.id.clone(),
            source: gold.source.clone(),
            target: gold.target.clone(),
            beads: gold.beads.clone(),
        });
        predictions.push(if same_source && same_target { docs.beads } else { Vec::new() });
    }
    let (all, irregular) = score_predictions(&gold_records, &predictions, false);
    println!(
        "pages-dev over HTTP: {exact}/{} page pairs extracted exactly; end-to-end bead F1 {:.3}, non-1-1 F1 {:.3} ({:.0} ms)",
        specs.len(),
        all.f1(),
        irregular.f1(),
        elapsed.as_secs_f64() * 1000.0
    );
}

/// `pairs` page pairs generated from the docs-dev articles, wrapped in
/// site chrome, served on 127.0.0.1, then fetched, extracted and aligned
/// with the default options (8 pages in flight).
fn batch_speed(records: &[Record], pairs: usize) {
    let page = |lang: &str, paragraphs: &[String]| {
        let body: String = paragraphs[1..].iter().map(|p| format!("<p>{}</p>\n", escape(p))).collect();
        format!(
            "<!DOCTYPE html><html lang='{lang}'><head><meta charset='utf-8'><title>{title}</title><style>p{{margin:0}}</style>\
             <script>var x = '<p>not text</p>';</script></head><body><header><nav><a href='/'>Home</a> <a href='/w'>World</a></nav></header>\
             <main><article><h1>{title}</h1>\n{body}<div class='ad'>Advertisement</div></article></main>\
             <aside><h3>Related</h3><ul><li><a href='/a/1'>Another story</a></li><li><a href='/a/2'>More news</a></li></ul></aside>\
             <footer><p>© 2024 News</p></footer></body></html>",
            title = escape(&paragraphs[0])
        )
    };
    let pages: Arc<Vec<(String, String)>> =
        Arc::new(records.iter().map(|r| (page("en", &r.source), page("de", &r.target))).collect());
    let served = pages.clone();
    let server = serve(move |path, _| {
        let (lang, n) = path.trim_start_matches('/').split_once('/').unwrap_or(("", ""));
        let n: usize = n.parse().unwrap_or(0) % served.len();
        match lang {
            "en" => Reply::html(served[n].0.clone()),
            "de" => Reply::html(served[n].1.clone()),
            _ => Reply::new(404, "text/plain", "no"),
        }
    });
    let specs: Vec<PairSpec> = (0..pairs)
        .map(|n| PairSpec::new(n.to_string(), server.url(&format!("/en/{n}")), server.url(&format!("/de/{n}"))))
        .collect();
    let started = Instant::now();
    let results = fetch::load_pairs(specs, &FetchOptions::default(), || {});
    let elapsed = started.elapsed();
    let ok = results.iter().filter(|r| r.is_ok()).count();
    let beads: usize = results.iter().flatten().map(|d| d.beads.len()).sum();
    println!(
        "batch: {ok}/{pairs} page pairs fetched, extracted and aligned ({beads} paragraph beads) in {:.2} s from a loopback server",
        elapsed.as_secs_f64()
    );
}

fn escape(text: &str) -> String {
    text.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;")
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
