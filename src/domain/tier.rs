//! 量级 (tiers): the size class of a project from its CNY amount; the thresholds are settings.

use super::money::YI;

/// Ascending thresholds in whole 亿元. Default 1, 5, 10, 30, 50, 100 亿.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Tiers {
    thresholds_yi: Vec<i64>,
}

impl Default for Tiers {
    fn default() -> Self {
        Tiers {
            thresholds_yi: vec![1, 5, 10, 30, 50, 100],
        }
    }
}

/// One tier: amounts in `[min_units, max_units)`; the top tier has no upper bound.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TierBand {
    /// 0 is "below the first threshold", 1 the first threshold's tier, and so on.
    pub index: usize,
    pub min_units: i64,
    pub max_units: Option<i64>,
}

impl Tiers {
    /// Keeps positive thresholds, sorted and without repeats; `None` if none are left.
    pub fn new(mut thresholds_yi: Vec<i64>) -> Option<Tiers> {
        thresholds_yi.retain(|t| *t > 0);
        thresholds_yi.sort_unstable();
        thresholds_yi.dedup();
        (!thresholds_yi.is_empty()).then_some(Tiers { thresholds_yi })
    }

    pub fn thresholds_yi(&self) -> &[i64] {
        &self.thresholds_yi
    }

    /// All bands, lowest first, starting with "below the first threshold".
    pub fn bands(&self) -> Vec<TierBand> {
        let mut bands = Vec::with_capacity(self.thresholds_yi.len() + 1);
        let mut lower = 0;
        for (i, t) in self.thresholds_yi.iter().enumerate() {
            bands.push(TierBand {
                index: i,
                min_units: lower,
                max_units: Some(t * YI),
            });
            lower = t * YI;
        }
        bands.push(TierBand {
            index: self.thresholds_yi.len(),
            min_units: lower,
            max_units: None,
        });
        bands
    }

    pub fn band_of(&self, cny_units: i64) -> TierBand {
        let bands = self.bands();
        let index = self
            .thresholds_yi
            .iter()
            .take_while(|t| cny_units >= **t * YI)
            .count();
        bands[index]
    }

    /// Chinese label: 亿元以下, 亿元以上, 5亿元以上 … and 百亿级 for 100亿.
    pub fn label_zh(&self, band: TierBand) -> String {
        if band.index == 0 {
            return format!("{}亿元以下", yi_word(self.thresholds_yi[0]));
        }
        let t = self.thresholds_yi[band.index - 1];
        if t == 100 {
            "百亿级".to_string()
        } else {
            format!("{}亿元以上", yi_word(t))
        }
    }

    pub fn label_en(&self, band: TierBand) -> String {
        if band.index == 0 {
            return format!("< {} yi", self.thresholds_yi[0]);
        }
        format!("≥ {} yi", self.thresholds_yi[band.index - 1])
    }
}

/// "1亿元以上" is written "亿元以上" by everyone.
fn yi_word(t: i64) -> String {
    if t == 1 { String::new() } else { t.to_string() }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn classifies_by_threshold() {
        let tiers = Tiers::default();
        assert_eq!(tiers.band_of(50_000_000).index, 0);
        assert_eq!(tiers.band_of(YI).index, 1);
        assert_eq!(tiers.band_of(50 * YI).index, 5);
        assert_eq!(tiers.band_of(200 * YI).index, 6);
        assert_eq!(tiers.label_zh(tiers.band_of(3 * YI)), "亿元以上");
        assert_eq!(tiers.label_zh(tiers.band_of(12 * YI)), "10亿元以上");
        assert_eq!(tiers.label_zh(tiers.band_of(150 * YI)), "百亿级");
        assert_eq!(tiers.label_zh(tiers.band_of(1)), "亿元以下");
        assert_eq!(Tiers::new(vec![0, -3]), None);
        assert_eq!(
            Tiers::new(vec![10, 1, 10]).unwrap().thresholds_yi(),
            &[1, 10]
        );
    }
}
