//! A deterministic generator of a believable team, streamed into a sink so that the large
//! size (a million activities) never sits in memory at once.

use super::contact::name_company_key;
use super::model::*;
use super::money::Money;
use super::period::{Period, PeriodKind, week_start};
use super::rep::RepDraft;
use chrono::{Datelike, Duration, NaiveDate, NaiveTime};
use rand::{Rng, SeedableRng, seq::IndexedRandom};
use rand_chacha::ChaCha8Rng;
use std::collections::{BTreeMap, HashMap, HashSet};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DemoSize {
    pub reps: usize,
    pub leads: usize,
    pub activities_per_lead: usize,
    pub sales: usize,
    /// How far back leads and sales go.
    pub history_days: i64,
    pub shift_weeks_back: i64,
    pub shift_weeks_ahead: i64,
}

impl DemoSize {
    pub const SMALL: DemoSize = DemoSize {
        reps: 8,
        leads: 300,
        activities_per_lead: 4,
        sales: 150,
        history_days: 183,
        shift_weeks_back: 8,
        shift_weeks_ahead: 2,
    };
    pub const LARGE: DemoSize = DemoSize {
        reps: 50,
        leads: 100_000,
        activities_per_lead: 10,
        sales: 200_000,
        history_days: 730,
        shift_weeks_back: 104,
        shift_weeks_ahead: 2,
    };
}

/// Where generated rows go: the store in the product, a vector in tests. Ids come back from
/// the sink so later rows can point at earlier ones.
pub trait DemoSink {
    type Error;
    fn rep(&mut self, rep: &RepDraft) -> Result<i64, Self::Error>;
    fn availability(&mut self, window: &Availability) -> Result<(), Self::Error>;
    fn time_off(&mut self, off: &TimeOff) -> Result<(), Self::Error>;
    fn need(&mut self, need: &StaffingNeed) -> Result<(), Self::Error>;
    fn shift(&mut self, shift: &Shift) -> Result<(), Self::Error>;
    fn lead(&mut self, lead: &Lead) -> Result<i64, Self::Error>;
    fn activity(&mut self, activity: &Activity) -> Result<(), Self::Error>;
    fn sale(&mut self, sale: &Sale) -> Result<(), Self::Error>;
    fn target(&mut self, target: &Target) -> Result<(), Self::Error>;
    fn review(&mut self, review: &Review) -> Result<(), Self::Error>;
    /// Items of a rep's onboarding checklist done on a day (`items` by their words).
    fn onboarded(&mut self, rep_id: i64, items: &[&str], on: NaiveDate) -> Result<(), Self::Error>;
    /// A rep reaching for a colleague's protected lead (a claim refused, an activity logged:
    /// written with it, as the lead's latest touch).
    fn reach(&mut self, reach: &Reach) -> Result<(), Self::Error>;
}

/// A reach for a colleague's protected lead, as the risk engine records one.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Reach {
    pub kind: super::risk::poaching::Reach,
    pub lead_id: i64,
    pub rep_id: i64,
    pub owner_id: i64,
    pub protected_until: Option<NaiveDate>,
    pub on: NaiveDate,
    /// The activity logged, for a reach by activity.
    pub visit: Option<Activity>,
}

/// Counts of what a run generated.
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Serialize)]
pub struct DemoSummary {
    pub reps: usize,
    pub leads: usize,
    pub activities: usize,
    pub sales: usize,
    pub shifts: usize,
    pub targets: usize,
    pub reviews: usize,
}

fn lines(text: &'static str) -> Vec<&'static str> {
    text.lines().map(str::trim).filter(|l| !l.is_empty()).collect()
}

struct Names {
    en_given: Vec<&'static str>,
    en_family: Vec<&'static str>,
    zh_family: Vec<&'static str>,
    zh_given: Vec<&'static str>,
    trades_en: Vec<&'static str>,
    trades_zh: Vec<&'static str>,
}

impl Names {
    fn load() -> Names {
        Names {
            en_given: lines(include_str!("../../../assets/names/en_given.txt")),
            en_family: lines(include_str!("../../../assets/names/en_family.txt")),
            zh_family: lines(include_str!("../../../assets/names/zh_family.txt")),
            zh_given: lines(include_str!("../../../assets/names/zh_given.txt")),
            trades_en: lines(include_str!("../../../assets/names/trades_en.txt")),
            trades_zh: lines(include_str!("../../../assets/names/trades_zh.txt")),
        }
    }
}

const SOURCES: [&str; 7] = ["referral", "walk-in", "website", "partner", "trade show", "cold call", "wechat"];
const PRODUCTS: [&str; 6] = ["starter pack", "standard kit", "premium kit", "service plan", "refill", "installation"];
const OUTCOMES: [&str; 8] = [
    "interested, wants a quote",
    "no answer, will try again",
    "sent the price list",
    "asked for delivery dates",
    "met the buyer",
    "needs the manager's approval",
    "compared us with a competitor",
    "agreed on next steps",
];
const LOST_REASONS: [&str; 4] = ["price", "chose a competitor", "no budget", "no response"];
const STRENGTHS: [&str; 4] = [
    "Follows up reliably and customers trust them.",
    "Strong at first visits; converts walk-ins well.",
    "Keeps notes tidy; hand-overs are easy.",
    "Calm with difficult customers.",
];
const IMPROVEMENTS: [&str; 4] = [
    "Log every call the same day.",
    "Ask for the order earlier in the conversation.",
    "Plan follow-ups instead of waiting for the customer.",
    "Spend less time on leads that have gone quiet.",
];
const PLANS: [&str; 4] = [
    "Shadow a senior rep on two visits; weekly check-in.",
    "Aim for five proposals a month; review on the 15th.",
    "Clear overdue follow-ups every morning before noon.",
    "Role-play closing with the owner every Friday.",
];

struct Generator<'a, S: DemoSink> {
    rng: ChaCha8Rng,
    size: DemoSize,
    today: NaiveDate,
    sink: &'a mut S,
    names: Names,
    summary: DemoSummary,
    reps: Vec<GeneratedRep>,
    /// How often each customer (name and company) has come up, and every phone used.
    customers: HashMap<String, u32>,
    phones: HashSet<String>,
    emails: HashSet<String>,
    /// Each rep's revenue (cents) per (year, month): what their own targets are set from.
    rep_revenue: HashMap<(i64, i32, u32), i64>,
    /// Open leads held under protection: what the week's incidents are about.
    held: Vec<Held>,
    seed: u64,
}

/// An open lead a rep holds, protected until a day.
#[derive(Debug, Clone)]
struct Held {
    lead_id: i64,
    rep: usize,
    until: NaiveDate,
    claimed_on: NaiveDate,
}

/// Revenue (cents) and customers won, per (year, month).
type ByMonth = BTreeMap<(i32, u32), (i64, i64)>;

struct GeneratedRep {
    id: i64,
    channel: Channel,
    windows: Vec<Availability>,
    max_minutes: u32,
    time_off: Option<(NaiveDate, NaiveDate)>,
}

/// Fills the sink with a team of `size`, the same for the same seed and day.
pub fn generate<S: DemoSink>(
    size: DemoSize,
    seed: u64,
    today: NaiveDate,
    sink: &mut S,
) -> Result<DemoSummary, S::Error> {
    let mut g = Generator {
        rng: ChaCha8Rng::seed_from_u64(seed),
        size,
        today,
        sink,
        names: Names::load(),
        summary: DemoSummary::default(),
        reps: Vec::new(),
        customers: HashMap::new(),
        phones: HashSet::new(),
        emails: HashSet::new(),
        rep_revenue: HashMap::new(),
        held: Vec::new(),
        seed,
    };
    g.reps()?;
    g.needs()?;
    g.shifts()?;
    let revenue_by_month = g.leads()?;
    g.targets(&revenue_by_month)?;
    g.reviews()?;
    g.incidents()?;
    Ok(g.summary)
}

fn at(day: NaiveDate, hour: u32, minute: u32) -> chrono::NaiveDateTime {
    day.and_time(NaiveTime::from_hms_opt(hour, minute, 0).unwrap_or(NaiveTime::MIN))
}

impl<S: DemoSink> Generator<'_, S> {
    fn person_name(&mut self, chinese: bool) -> String {
        if chinese {
            let f = self.names.zh_family.choose(&mut self.rng).copied().unwrap_or("王");
            let g = self.names.zh_given.choose(&mut self.rng).copied().unwrap_or("伟");
            format!("{f}{g}")
        } else {
            let g = self.names.en_given.choose(&mut self.rng).copied().unwrap_or("Sam");
            let f = self.names.en_family.choose(&mut self.rng).copied().unwrap_or("Smith");
            format!("{g} {f}")
        }
    }

    fn phone(&mut self, chinese: bool) -> String {
        if chinese {
            let prefix = [135, 136, 137, 138, 139, 186, 158].choose(&mut self.rng).copied().unwrap_or(139);
            format!("{prefix} {:04} {:04}", self.rng.random_range(0..10_000), self.rng.random_range(0..10_000))
        } else {
            format!("+1 555-{:03}-{:04}", self.rng.random_range(100..1000), self.rng.random_range(0..10_000))
        }
    }
}

mod incidents;
mod leads;
mod team;

#[cfg(test)]
mod tests;
