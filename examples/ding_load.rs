//! Measures how long loading the optional Ding lexicon takes and how big it
//! is: `cargo run --release --example ding_load [PATH]`.

fn main() {
    let path = std::env::args().nth(1).unwrap_or_else(|| mtlint::text::ding::DEFAULT_PATH.to_string());
    let started = std::time::Instant::now();
    match mtlint::text::ding::load(std::path::Path::new(&path)) {
        Some(lexicon) => {
            println!("{path}: {} English words in {:.0} ms", lexicon.len(), started.elapsed().as_secs_f64() * 1e3);
            for word in std::env::args().skip(2) {
                println!("{word}: {:?}", lexicon.stems(&word).collect::<Vec<_>>());
            }
        }
        None => println!("{path}: not installed or unreadable"),
    }
}
