//! Commission tiered by how far a rep got to their revenue target: the rep's own rate is the
//! base tier; reaching a tier (a share of the target) pays its rate on all the revenue.

use super::message::Message;
use super::money::Money;
use serde::Serialize;

/// From `from_percent` of the revenue target on, `rate_bp` (basis points) on all revenue.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Tier {
    pub from_percent: u32,
    pub rate_bp: i64,
}

/// The setting `commission.tiers`: `100:8, 150:10` (from 100% of the target 8%, from 150%
/// 10%); `%` signs and `;` between tiers are read too. Empty is no tiers.
pub fn parse_tiers(text: &str) -> Result<Vec<Tier>, Message> {
    let mut tiers = Vec::new();
    for part in text.split([',', ';', '，', '；']).map(str::trim).filter(|p| !p.is_empty()) {
        let bad = || Message::new("invalid.commission_tier").arg("value", part);
        let (from, rate) = part.split_once([':', '=']).ok_or_else(bad)?;
        let from: u32 = from.trim().trim_end_matches('%').trim().parse().map_err(|_| bad())?;
        let rate: f64 = rate.trim().trim_end_matches('%').trim().parse().map_err(|_| bad())?;
        if !(0.0..=100.0).contains(&rate) {
            return Err(bad());
        }
        tiers.push(Tier { from_percent: from, rate_bp: (rate * 100.0).round() as i64 });
    }
    tiers.sort_by_key(|t| t.from_percent);
    // Each tier up pays more: a tier from the same share, or paying less, is a mistake.
    if tiers.windows(2).any(|w| w[0].from_percent == w[1].from_percent || w[1].rate_bp <= w[0].rate_bp) {
        return Err(Message::new("invalid.commission_tiers_rising").arg("value", text));
    }
    Ok(tiers)
}

/// What a rep earns, and at which tier.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Commission {
    pub amount: Money,
    pub rate_bp: i64,
    /// The tier reached, 1 for the first above the base; 0 is the rep's own rate.
    pub tier: usize,
    /// The next tier: the share of the target it starts at, its rate, and what it would pay
    /// on the revenue it takes to reach it.
    pub next: Option<(u32, i64, Money)>,
}

/// The commission on `revenue` for a rep of `base_bp` whose revenue target (cents) is
/// `target`: without a target or tiers, the base rate; else the best tier reached (never
/// below the base).
pub fn commission(revenue: Money, target: Option<i64>, base_bp: i64, tiers: &[Tier]) -> Commission {
    let base = Commission { amount: revenue.times_basis_points(base_bp), rate_bp: base_bp, tier: 0, next: None };
    let Some(target) = target.filter(|t| *t > 0) else { return base };
    if tiers.is_empty() {
        return base;
    }
    // Attainment in hundredths of a percent, exactly.
    let attained = (revenue.cents() as i128 * 10_000 / target as i128) as i64;
    let reached = tiers.iter().enumerate().rev().find(|(_, t)| i64::from(t.from_percent) * 100 <= attained);
    let (tier, rate_bp) = match reached {
        Some((i, t)) if t.rate_bp > base_bp => (i + 1, t.rate_bp),
        _ => (0, base_bp),
    };
    let next = tiers.iter().find(|t| i64::from(t.from_percent) * 100 > attained && t.rate_bp > rate_bp).map(|t| {
        // Rounded up, so the revenue named does reach the share.
        let needed = Money(((target as i128 * i128::from(t.from_percent) + 99) / 100) as i64);
        (t.from_percent, t.rate_bp, needed.times_basis_points(t.rate_bp))
    });
    Commission { amount: revenue.times_basis_points(rate_bp), rate_bp, tier, next }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tiers() -> Vec<Tier> {
        parse_tiers("100:8%, 150:10").unwrap()
    }

    #[test]
    fn tiers_read_as_the_owner_writes_them() {
        assert_eq!(tiers(), [Tier { from_percent: 100, rate_bp: 800 }, Tier { from_percent: 150, rate_bp: 1000 }]);
        assert_eq!(parse_tiers("150=10；100=8").unwrap(), tiers(), "any order, full-width separators");
        assert_eq!(parse_tiers("").unwrap(), []);
        assert!(parse_tiers("100").is_err());
        assert!(parse_tiers("100:eight").is_err());
        assert!(parse_tiers("100:8,100:9").is_err(), "two tiers from the same share");
        assert!(parse_tiers("100:8,150:6").is_err(), "a tier up that pays less");
        assert!(parse_tiers("100:180").is_err());
    }

    #[test]
    fn commission_across_the_tier_boundaries() {
        let target = Some(1_000_000);
        let at = |revenue: i64| commission(Money(revenue), target, 500, &tiers());
        // Just under the target: the rep's own 5%, and what reaching 100% would pay.
        let under = at(999_999);
        assert_eq!((under.tier, under.rate_bp, under.amount), (0, 500, Money(50_000)));
        assert_eq!(under.next, Some((100, 800, Money(80_000))));
        // Exactly the target: 8% on all of it.
        let exactly = at(1_000_000);
        assert_eq!((exactly.tier, exactly.rate_bp, exactly.amount), (1, 800, Money(80_000)));
        assert_eq!(exactly.next, Some((150, 1000, Money(150_000))));
        // 150% and beyond: the top tier, nothing next.
        let top = at(2_000_000);
        assert_eq!((top.tier, top.rate_bp, top.amount, top.next), (2, 1000, Money(200_000), None));
        // No target, or a base above the tiers: the rep's own rate.
        assert_eq!(commission(Money(2_000_000), None, 500, &tiers()).rate_bp, 500);
        assert_eq!(commission(Money(2_000_000), target, 1200, &tiers()).rate_bp, 1200);
        assert_eq!(commission(Money(0), target, 500, &tiers()).amount, Money(0));
    }
}
