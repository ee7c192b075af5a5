//! The statistics `mtlint eval` reports, as small pure functions.
//!
//! Kept apart from reading and checking so that every formula can be
//! verified against numbers computed by hand (see the tests at the end).
//! A figure that cannot be computed (nothing to divide by, no variance) is
//! `None`, printed as "–" and serialised as JSON `null`, never a fake 0.

use rayon::prelude::*;
use serde::Serialize;

/// `num / den`, or `None` when there is nothing to divide by.
pub fn ratio(num: usize, den: usize) -> Option<f64> {
    (den > 0).then(|| num as f64 / den as f64)
}

/// How many of `n` items were found (recall) or were right (precision).
#[derive(Debug, Clone, Copy, Default, PartialEq, Serialize)]
pub struct Count {
    pub found: usize,
    pub n: usize,
}

impl Count {
    pub fn add(&mut self, found: bool) {
        self.n += 1;
        self.found += usize::from(found);
    }
    pub fn rate(&self) -> Option<f64> {
        ratio(self.found, self.n)
    }
}

/// A recall as reports show it: how many of how many, and the rate.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Recalled {
    pub found: usize,
    pub n: usize,
    pub recall: Option<f64>,
}

impl From<Count> for Recalled {
    fn from(c: Count) -> Self {
        Recalled { found: c.found, n: c.n, recall: c.rate() }
    }
}

/// 1-based ranks; tied values share the average of the ranks they span,
/// which is what Spearman's coefficient with ties needs.
pub fn average_ranks(values: &[f64]) -> Vec<f64> {
    let mut order: Vec<usize> = (0..values.len()).collect();
    order.sort_by(|&a, &b| values[a].total_cmp(&values[b]));
    let mut ranks = vec![0.0; values.len()];
    let mut first = 0;
    while first < order.len() {
        let mut last = first;
        while last + 1 < order.len() && values[order[last + 1]] == values[order[first]] {
            last += 1;
        }
        let shared = (first + last) as f64 / 2.0 + 1.0;
        for &i in &order[first..=last] {
            ranks[i] = shared;
        }
        first = last + 1;
    }
    ranks
}

/// Pearson's correlation; `None` for fewer than two points or a constant side.
pub fn pearson(x: &[f64], y: &[f64]) -> Option<f64> {
    let n = x.len().min(y.len());
    if n < 2 {
        return None;
    }
    let mean = |v: &[f64]| v[..n].iter().sum::<f64>() / n as f64;
    let (mx, my) = (mean(x), mean(y));
    let (mut cov, mut vx, mut vy) = (0.0, 0.0, 0.0);
    for i in 0..n {
        let (dx, dy) = (x[i] - mx, y[i] - my);
        cov += dx * dy;
        vx += dx * dx;
        vy += dy * dy;
    }
    (vx > 0.0 && vy > 0.0).then(|| cov / (vx * vy).sqrt())
}

/// Spearman's rank correlation with ties handled by average ranks (the
/// Pearson correlation of the ranks).
pub fn spearman(x: &[f64], y: &[f64]) -> Option<f64> {
    pearson(&average_ranks(x), &average_ranks(y))
}

/// Pair counts behind Kendall's tau-b.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
struct PairCounts {
    concordant: u64,
    discordant: u64,
    tied_x: u64,
    tied_y: u64,
}

impl PairCounts {
    fn merge(self, o: PairCounts) -> PairCounts {
        PairCounts {
            concordant: self.concordant + o.concordant,
            discordant: self.discordant + o.discordant,
            tied_x: self.tied_x + o.tied_x,
            tied_y: self.tied_y + o.tied_y,
        }
    }
}

/// Kendall's tau-b: (C − D) / √((n₀ − n₁)(n₀ − n₂)), where n₁ and n₂ count
/// the pairs tied in x and in y. Quadratic, but parallel: 14k points take
/// a fraction of a second in a release build, and the code stays obvious.
pub fn kendall_tau_b(x: &[f64], y: &[f64]) -> Option<f64> {
    let n = x.len().min(y.len());
    let counts = (0..n)
        .into_par_iter()
        .map(|i| {
            let mut c = PairCounts::default();
            for j in i + 1..n {
                let dx = x[i].total_cmp(&x[j]);
                let dy = y[i].total_cmp(&y[j]);
                match (dx.is_eq(), dy.is_eq()) {
                    (true, true) => {
                        c.tied_x += 1;
                        c.tied_y += 1;
                    }
                    (true, false) => c.tied_x += 1,
                    (false, true) => c.tied_y += 1,
                    (false, false) if dx == dy => c.concordant += 1,
                    (false, false) => c.discordant += 1,
                }
            }
            c
        })
        .reduce(PairCounts::default, PairCounts::merge);
    let all_pairs = (n as u64) * (n as u64).saturating_sub(1) / 2;
    let denominator = ((all_pairs - counts.tied_x) as f64 * (all_pairs - counts.tied_y) as f64).sqrt();
    (denominator > 0.0).then(|| (counts.concordant as f64 - counts.discordant as f64) / denominator)
}

/// A 2×2 confusion matrix of a binary prediction against a binary label.
#[derive(Debug, Clone, Copy, Default, PartialEq, Serialize)]
pub struct Confusion {
    pub tp: usize,
    pub fp: usize,
    #[serde(rename = "fn")]
    pub fn_: usize,
    pub tn: usize,
}

impl Confusion {
    pub fn add(&mut self, predicted: bool, actual: bool) {
        match (predicted, actual) {
            (true, true) => self.tp += 1,
            (true, false) => self.fp += 1,
            (false, true) => self.fn_ += 1,
            (false, false) => self.tn += 1,
        }
    }
    pub fn precision(&self) -> Option<f64> {
        ratio(self.tp, self.tp + self.fp)
    }
    pub fn recall(&self) -> Option<f64> {
        ratio(self.tp, self.tp + self.fn_)
    }
    /// Matthews correlation coefficient; 0 when a margin is empty (the
    /// usual convention: a constant prediction carries no information).
    pub fn mcc(&self) -> f64 {
        let (tp, fp, fn_, tn) = (self.tp as f64, self.fp as f64, self.fn_ as f64, self.tn as f64);
        let denominator = ((tp + fp) * (tp + fn_) * (tn + fp) * (tn + fn_)).sqrt();
        if denominator == 0.0 {
            0.0
        } else {
            (tp * tn - fp * fn_) / denominator
        }
    }
}

/// Precision among the `k` highest-scoring items, or `None` when there are
/// fewer than `k`. `items` are (score, correct); ties keep their order, so
/// callers pass items in input order for a deterministic cut.
pub fn precision_at(items: &[(f32, bool)], k: usize) -> Option<f64> {
    if items.len() < k || k == 0 {
        return None;
    }
    let mut ranked: Vec<&(f32, bool)> = items.iter().collect();
    ranked.sort_by(|a, b| b.0.total_cmp(&a.0));
    ratio(ranked[..k].iter().filter(|i| i.1).count(), k)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn close(a: Option<f64>, b: f64) -> bool {
        a.is_some_and(|a| (a - b).abs() < 1e-9)
    }

    #[test]
    fn tied_values_share_the_average_rank() {
        assert_eq!(average_ranks(&[10.0, 20.0, 20.0, 5.0]), [2.0, 3.5, 3.5, 1.0]);
        assert_eq!(average_ranks(&[0.0, 0.0, 0.0]), [2.0, 2.0, 2.0]);
    }

    #[test]
    fn spearman_with_ties_by_hand() {
        // ranks x = 1, 2.5, 2.5, 4; ranks y = 1, 3, 2, 4 (both mean 2.5)
        // cov = 2.25 + 0 + 0 + 2.25 = 4.5; var x = 4.5; var y = 5
        // rho = 4.5 / sqrt(22.5) = sqrt(0.9)
        let rho = spearman(&[1.0, 2.0, 2.0, 3.0], &[1.0, 3.0, 2.0, 4.0]);
        assert!(close(rho, 0.9f64.sqrt()), "{rho:?}");
    }

    #[test]
    fn spearman_is_one_for_any_monotone_relation_and_none_without_variance() {
        assert!(close(spearman(&[1.0, 2.0, 3.0], &[1.0, 8.0, 27.0]), 1.0));
        assert!(close(spearman(&[1.0, 2.0, 3.0], &[3.0, 2.0, 1.0]), -1.0));
        assert_eq!(spearman(&[0.0, 0.0, 0.0], &[1.0, 2.0, 3.0]), None);
        assert_eq!(spearman(&[1.0], &[1.0]), None);
    }

    #[test]
    fn kendall_tau_b_with_ties_by_hand() {
        // 6 pairs: 5 concordant, 0 discordant, 1 tied in x (the two 2s).
        // tau-b = 5 / sqrt((6 - 1) * (6 - 0)) = 5 / sqrt(30)
        let tau = kendall_tau_b(&[1.0, 2.0, 2.0, 3.0], &[1.0, 3.0, 2.0, 4.0]);
        assert!(close(tau, 5.0 / 30f64.sqrt()), "{tau:?}");
        // 3 points reversed: all 3 pairs discordant.
        assert!(close(kendall_tau_b(&[1.0, 2.0, 3.0], &[3.0, 2.0, 1.0]), -1.0));
        assert_eq!(kendall_tau_b(&[1.0, 1.0], &[1.0, 2.0]), None);
    }

    #[test]
    fn confusion_metrics_by_hand() {
        let mut c = Confusion::default();
        for (p, a, times) in [(true, true, 3), (true, false, 1), (false, true, 2), (false, false, 4)] {
            for _ in 0..times {
                c.add(p, a);
            }
        }
        assert_eq!(c, Confusion { tp: 3, fp: 1, fn_: 2, tn: 4 });
        assert!(close(c.precision(), 0.75));
        assert!(close(c.recall(), 0.6));
        // (3*4 - 1*2) / sqrt(4 * 5 * 5 * 6) = 10 / sqrt(600)
        assert!((c.mcc() - 10.0 / 600f64.sqrt()).abs() < 1e-12);
    }

    #[test]
    fn confusion_without_predictions_has_no_precision_and_zero_mcc() {
        let c = Confusion { tp: 0, fp: 0, fn_: 5, tn: 5 };
        assert_eq!(c.precision(), None);
        assert_eq!(c.recall(), Some(0.0));
        assert_eq!(c.mcc(), 0.0);
    }

    #[test]
    fn precision_at_k_takes_the_best_scores_and_keeps_order_among_ties() {
        let items = [(1.0, false), (5.0, true), (2.0, true), (2.0, false), (0.5, true)];
        assert_eq!(precision_at(&items, 1), Some(1.0));
        // top 3: 5.0 (hit), then the two 2.0s in input order (hit, miss)
        assert!(close(precision_at(&items, 3), 2.0 / 3.0));
        assert_eq!(precision_at(&items, 2), Some(1.0));
        assert_eq!(precision_at(&items, 6), None);
    }

    #[test]
    fn counts_and_ratios() {
        let mut c = Count::default();
        c.add(true);
        c.add(false);
        assert_eq!((c.found, c.n, c.rate()), (1, 2, Some(0.5)));
        assert_eq!(ratio(1, 0), None);
    }
}
