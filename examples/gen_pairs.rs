//! Generates a deterministic batch of realistic English/German pairs for
//! benchmarks: `cargo run --release --example gen_pairs -- N [SEED] > batch.jsonl`.
//!
//! Pairs are built from the sentence pairs in `sample_pairs/` (the seed
//! article and the German-trap pairs), combined one to three per record,
//! and about one in five gets a glitch of the kinds MT makes (a scrambled
//! acronym, a spurious period, a changed number, a truncated or duplicated
//! clause), so every detector does real work. No randomness crate: a
//! fixed xorshift generator keeps the output identical across machines.

use std::fs;
use std::io::{self, BufWriter, Write};

struct XorShift(u64);

impl XorShift {
    fn next(&mut self) -> u64 {
        let mut x = self.0;
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        self.0 = x;
        x
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
}

/// English/German sentence pairs from the sample files.
fn material() -> Vec<(String, String)> {
    let mut pairs = Vec::new();
    let en = fs::read_to_string("sample_pairs/seed.en.txt").expect("run from the repository root");
    let de = fs::read_to_string("sample_pairs/seed.de.txt").expect("run from the repository root");
    for (e, d) in en.lines().zip(de.lines()) {
        pairs.push((e.to_string(), d.to_string()));
    }
    let traps = fs::read_to_string("sample_pairs/traps.jsonl").expect("run from the repository root");
    for line in traps.lines() {
        let v: serde_json::Value = serde_json::from_str(line).expect("valid sample JSONL");
        pairs.push((v["source"].as_str().unwrap().to_string(), v["target"].as_str().unwrap().to_string()));
    }
    pairs
}

/// Applies one MT-style glitch to the German text.
fn glitch(de: &str, rng: &mut XorShift) -> String {
    let words: Vec<&str> = de.split(' ').collect();
    match rng.below(5) {
        0 => de.replacen("NATO", "NOTA", 1).replacen("OSZE", "OZSE", 1),
        1 if words.len() > 6 => {
            let at = 2 + rng.below(words.len() - 4);
            let mut w: Vec<String> = words.iter().map(|w| w.to_string()).collect();
            w[at].push('.');
            w[at + 1] = w[at + 1].to_lowercase();
            w.join(" ")
        }
        2 => de.replacen('1', "7", 1).replacen('2', "9", 1),
        3 if words.len() > 6 => words[..words.len() / 2].join(" "),
        _ if words.len() > 8 => format!("{} {}", de.trim_end_matches('.'), words[1..6].join(" ")),
        _ => de.to_string(),
    }
}

fn main() -> io::Result<()> {
    let mut args = std::env::args().skip(1);
    let n: usize = args.next().and_then(|a| a.parse().ok()).unwrap_or(100_000);
    let seed: u64 = args.next().and_then(|a| a.parse().ok()).unwrap_or(0x5eed_2026);
    let material = material();
    let mut rng = XorShift(seed | 1);
    let stdout = io::stdout();
    let mut out = BufWriter::with_capacity(1 << 20, stdout.lock());
    for i in 0..n {
        let parts = 1 + rng.below(3);
        let (mut en, mut de) = (String::new(), String::new());
        for _ in 0..parts {
            let (e, d) = &material[rng.below(material.len())];
            if !en.is_empty() {
                en.push(' ');
                de.push(' ');
            }
            en.push_str(e);
            de.push_str(d);
        }
        if rng.below(5) == 0 {
            de = glitch(&de, &mut rng);
        }
        let record = serde_json::json!({"id": format!("gen-{i}"), "source": en, "target": de});
        serde_json::to_writer(&mut out, &record)?;
        out.write_all(b"\n")?;
    }
    out.flush()
}
