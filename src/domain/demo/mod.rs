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
    };
    g.reps()?;
    g.needs()?;
    g.shifts()?;
    let revenue_by_month = g.leads()?;
    g.targets(&revenue_by_month)?;
    g.reviews()?;
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

    fn reps(&mut self) -> Result<(), S::Error> {
        let mut used = HashSet::new();
        let channels = [Channel::Store, Channel::Phone, Channel::Field, Channel::Store, Channel::Online];
        let teams = ["North", "South", "Online"];
        for i in 0..self.size.reps {
            let chinese = i % 2 == 1;
            let mut name = self.person_name(chinese);
            while !used.insert(name.clone()) {
                name = self.person_name(chinese);
            }
            // About one rep in four is full-time; the rest have other lives.
            let employment = if i % 4 == 0 { Employment::FullTime } else { Employment::PartTime };
            let channel = channels[i % channels.len()];
            let max_weekly_hours = match employment {
                Employment::FullTime => 40,
                Employment::PartTime => [12, 16, 20, 24].choose(&mut self.rng).copied().unwrap_or(20),
            };
            let email = if chinese {
                format!("rep{}@example.cn", i + 1)
            } else {
                format!("{}@example.com", name.to_lowercase().replace(' ', "."))
            };
            let draft = RepDraft {
                phone: Some(self.phone(chinese)),
                email: Some(email),
                channel,
                employment,
                team: Some(teams[i % teams.len()].to_string()),
                hourly_rate: Money(
                    self.rng.random_range(18..=32) * 100 + [0, 50].choose(&mut self.rng).copied().unwrap_or(0),
                ),
                commission_bp: [300, 400, 500, 600].choose(&mut self.rng).copied().unwrap_or(500),
                max_weekly_hours: Some(max_weekly_hours),
                hired_on: Some(self.today - Duration::days(self.rng.random_range(60..900))),
                name,
            };
            let id = self.sink.rep(&draft)?;
            self.summary.reps += 1;
            let windows = self.availability(id, employment);
            for w in &windows {
                self.sink.availability(w)?;
            }
            let time_off = if i % 5 == 2 {
                let from = self.today + Duration::days(self.rng.random_range(3..10));
                let off = TimeOff { rep_id: id, from, to: from + Duration::days(2), reason: Some("exams".into()) };
                self.sink.time_off(&off)?;
                Some((off.from, off.to))
            } else {
                None
            };
            self.reps.push(GeneratedRep { id, channel, windows, max_minutes: max_weekly_hours * 60, time_off });
        }
        Ok(())
    }

    fn availability(&mut self, rep_id: i64, employment: Employment) -> Vec<Availability> {
        match employment {
            Employment::FullTime => {
                (1..=5).map(|weekday| Availability { rep_id, weekday, start_min: 9 * 60, end_min: 18 * 60 }).collect()
            }
            Employment::PartTime => {
                let mut days: Vec<u32> = (1..=7).collect();
                let count = self.rng.random_range(3..=4);
                let mut windows = Vec::new();
                for _ in 0..count {
                    let pick = self.rng.random_range(0..days.len());
                    let weekday = days.swap_remove(pick);
                    let start = [9, 10, 13, 14, 17].choose(&mut self.rng).copied().unwrap_or(9);
                    let len = self.rng.random_range(4..=5);
                    windows.push(Availability {
                        rep_id,
                        weekday,
                        start_min: start * 60,
                        end_min: (start + len).min(22) * 60,
                    });
                }
                windows.sort_by_key(|w| w.weekday);
                windows
            }
        }
    }

    fn needs(&mut self) -> Result<(), S::Error> {
        for weekday in 1..=6 {
            let afternoon = if weekday == 6 { 2 } else { 1 };
            for (start, end, location, reps_needed) in
                [(9, 13, Location::Store, 1), (13, 18, Location::Store, afternoon)]
            {
                self.sink.need(&StaffingNeed {
                    weekday,
                    start_min: start * 60,
                    end_min: end * 60,
                    location,
                    reps_needed,
                })?;
            }
            if weekday <= 5 {
                self.sink.need(&StaffingNeed {
                    weekday,
                    start_min: 10 * 60,
                    end_min: 16 * 60,
                    location: Location::Phone,
                    reps_needed: 1,
                })?;
            }
        }
        Ok(())
    }

    fn shifts(&mut self) -> Result<(), S::Error> {
        let this_week = week_start(self.today);
        let first = this_week - Duration::weeks(self.size.shift_weeks_back);
        let weeks = self.size.shift_weeks_back + self.size.shift_weeks_ahead;
        for r in 0..self.reps.len() {
            for w in 0..weeks {
                let monday = first + Duration::weeks(w);
                let mut minutes = 0;
                for i in 0..self.reps[r].windows.len() {
                    let window = self.reps[r].windows[i];
                    let rep = &self.reps[r];
                    let date = monday + Duration::days(window.weekday as i64 - 1);
                    let off = rep.time_off.is_some_and(|(a, b)| a <= date && date <= b);
                    let len = window.end_min - window.start_min;
                    if off || minutes + len > rep.max_minutes || !self.rng.random_bool(0.85) {
                        continue;
                    }
                    minutes += len;
                    let status = if date >= self.today {
                        ShiftStatus::Scheduled
                    } else if self.rng.random_bool(0.04) {
                        ShiftStatus::NoShow
                    } else {
                        ShiftStatus::Worked
                    };
                    let location = match rep.channel {
                        Channel::Store => Location::Store,
                        Channel::Phone => Location::Phone,
                        Channel::Field => Location::Field,
                        Channel::Online => Location::Online,
                    };
                    let shift = Shift {
                        id: 0,
                        rep_id: rep.id,
                        date,
                        start_min: window.start_min,
                        end_min: window.end_min,
                        location,
                        status,
                    };
                    self.sink.shift(&shift)?;
                    self.summary.shifts += 1;
                }
            }
        }
        Ok(())
    }

    /// A customer no other lead already is: a name and company met before becomes another
    /// branch, and every phone is new, so the demo holds no duplicate leads.
    fn customer(&mut self) -> (String, String, String, Option<String>) {
        let chinese = self.rng.random_bool(0.5);
        let name = self.person_name(chinese);
        let mut phone = self.phone(chinese);
        while !self.phones.insert(phone.clone()) {
            phone = self.phone(chinese);
        }
        let (company, family) = if chinese {
            let family: String = name.chars().take(1).collect();
            let trade = self.names.trades_zh.choose(&mut self.rng).copied().unwrap_or("商行");
            (format!("{family}记{trade}"), family)
        } else {
            let family = name.split(' ').nth(1).unwrap_or("Acme").to_string();
            let trade = self.names.trades_en.choose(&mut self.rng).copied().unwrap_or("Trading");
            (format!("{family} {trade}"), family)
        };
        let seen = self.customers.entry(name_company_key(&name, Some(&company))).or_insert(0);
        *seen += 1;
        let branch = *seen;
        let company = match (branch, chinese) {
            (1, _) => company,
            (n, true) => format!("{company}{n}号店"),
            (n, false) => format!("{company} #{n}"),
        };
        let email = (!chinese).then(|| {
            let local = name.to_lowercase().replace(' ', ".");
            let domain = family.to_lowercase();
            let mut n = 1;
            let mut email = format!("{local}@{domain}.example");
            while !self.emails.insert(email.clone()) {
                n += 1;
                email = format!("{local}{n}@{domain}.example");
            }
            email
        });
        (name, company, phone, email)
    }

    /// Leads with their activities and sales; returns revenue (cents) and customers won per
    /// month, which the targets are set from.
    fn leads(&mut self) -> Result<ByMonth, S::Error> {
        let mut revenue_by_month = BTreeMap::new();
        let won_share = 0.25;
        let sales_per_won = (self.size.sales as f64 / (self.size.leads as f64 * won_share)).max(1.0);
        // The morning's queue is a share of the leads, whatever the seed: so many new ones in
        // the pool, so many gone quiet, overdue, due today, about to lapse. Each is given to
        // leads as they come, at random, until its share is reached.
        let share = |s: f64| (self.size.leads as f64 * s).round() as usize;
        let (mut pool, mut quiet, mut overdue, mut due, mut stuck_left) =
            (share(0.025), share(0.02), share(0.025), share(0.017), share(0.01));
        let take = |left: &mut usize, rng: &mut ChaCha8Rng| {
            let taken = *left > 0 && rng.random_bool(0.3);
            *left -= usize::from(taken);
            taken
        };
        for _ in 0..self.size.leads {
            let (name, company, phone, email) = self.customer();
            // Everything the demo holds happened before this morning: no activity is later
            // than now, whatever the time the demo is loaded at.
            let created_on = self.today - Duration::days(self.rng.random_range(1..self.size.history_days.max(2)));
            let roll: f64 = self.rng.random();
            let stage = match roll {
                r if r < 0.15 => Stage::New,
                r if r < 0.35 => Stage::Contacted,
                r if r < 0.50 => Stage::Qualified,
                r if r < 0.60 => Stage::Proposal,
                r if r < 0.60 + won_share => Stage::Won,
                _ => Stage::Lost,
            };
            // The pool holds a morning's handful of new leads to hand out.
            let owner = if stage == Stage::New && take(&mut pool, &mut self.rng) {
                None
            } else {
                let r = self.rng.random_range(0..self.reps.len());
                Some(r)
            };
            let age = (self.today - created_on).num_days();
            let closed_on = (!stage.is_open()).then(|| created_on + Duration::days(self.rng.random_range(0..age)));
            let yesterday = self.today - Duration::days(1);
            let active_until = closed_on.unwrap_or(yesterday);
            let span = (active_until - created_on).num_days();
            // A few open leads have been worked but not moved for six weeks: their protection
            // is about to reach its 45-day end.
            let stuck = owner.is_some() && stage.is_open() && age > 50 && take(&mut stuck_left, &mut self.rng);
            // A team that works its leads: most open ones were touched in the last six days,
            // a few have gone quiet for a week or more (the stale of the morning's queue).
            let last_touch = match owner {
                None => None,
                Some(_) if stuck => Some(self.today - Duration::days(self.rng.random_range(1..=5))),
                Some(_) if stage.is_open() => {
                    let days = if take(&mut quiet, &mut self.rng) { 7..=20 } else { 1..=6 };
                    let ago = self.rng.random_range(days).min(span + 1);
                    Some((self.today - Duration::days(ago)).max(created_on))
                }
                Some(_) => Some(active_until),
            };
            let activity_count = match (owner, stage) {
                (None, _) => 0,
                (_, Stage::New) => 1,
                // Owned, worked leads: enough that the whole set averages `activities_per_lead`.
                _ => self.rng.random_range(1..=self.size.activities_per_lead * 2 + 3),
            };
            // Follow-ups are mostly ahead; a few have slipped, a few fall today.
            let next_follow_up = (stage.is_open() && owner.is_some() && self.rng.random_bool(0.6)).then(|| {
                let days = if take(&mut overdue, &mut self.rng) {
                    -self.rng.random_range(1..=4)
                } else if take(&mut due, &mut self.rng) {
                    0
                } else {
                    self.rng.random_range(1..=14)
                };
                self.today + Duration::days(days)
            });
            // An open lead's current claim is recent (older ones were renewed by progress), so
            // the demo starts with no lapsed protection for the daily sweep to find; a closed
            // lead keeps the claim it was worked under.
            let claimed_on = owner.map(|_| {
                if stuck {
                    self.today - Duration::days(self.rng.random_range(42..=44))
                } else if stage.is_open() && age > 13 {
                    self.today - Duration::days(self.rng.random_range(0..=13))
                } else {
                    created_on
                }
            });
            let protected_until = claimed_on.map(|c| {
                let extended = last_touch.unwrap_or(c).max(c) + Duration::days(14);
                extended.min(c + Duration::days(45))
            });
            let estimated = Money::from_major(
                [800, 1_500, 3_000, 5_000, 12_000, 50_000].choose(&mut self.rng).copied().unwrap_or(1_000),
            );
            let category = match stage {
                Stage::Won if self.rng.random_bool(0.15) => Category::Vip,
                Stage::Won if self.rng.random_bool(0.4) => Category::Loyal,
                Stage::Won => Category::New,
                Stage::Lost if self.rng.random_bool(0.3) => Category::Dormant,
                _ => Category::Prospect,
            };
            let owner_id = owner.map(|r| self.reps[r].id);
            let channel = owner.map(|r| self.reps[r].channel);
            let mut lead = Lead {
                id: 0,
                name,
                company: Some(company),
                phone: Some(phone),
                email,
                source: SOURCES.choose(&mut self.rng).map(|s| s.to_string()),
                channel,
                category,
                stage,
                lost_reason: (stage == Stage::Lost)
                    .then(|| LOST_REASONS.choose(&mut self.rng).copied().unwrap_or("price").to_string()),
                owner_id,
                claimed_on,
                protected_until,
                next_follow_up,
                estimated_value: estimated,
                external_id: None,
                note: None,
                created_on,
                stage_changed_on: match (closed_on, stuck) {
                    (Some(closed), _) => closed,
                    (None, true) => created_on,
                    (None, false) => created_on + Duration::days(span / 2),
                },
                closed_on,
                last_activity_at: None,
            };
            let mut times = Vec::with_capacity(activity_count);
            if let Some(last) = last_touch {
                let first_span = (last - created_on).num_days().max(0);
                for i in 0..activity_count {
                    let day =
                        if i == 0 { last } else { created_on + Duration::days(self.rng.random_range(0..=first_span)) };
                    times.push(at(day, self.rng.random_range(9..18), self.rng.random_range(0..4) * 15));
                }
                times.sort();
            }
            lead.last_activity_at = times.last().copied();
            let lead_id = self.sink.lead(&lead)?;
            self.summary.leads += 1;
            for t in times {
                let kind = [
                    ActivityKind::Call,
                    ActivityKind::Call,
                    ActivityKind::Visit,
                    ActivityKind::Message,
                    ActivityKind::Email,
                    ActivityKind::Meeting,
                    ActivityKind::Note,
                ]
                .choose(&mut self.rng)
                .copied()
                .unwrap_or(ActivityKind::Call);
                let activity = Activity {
                    lead_id,
                    rep_id: owner_id,
                    kind,
                    at: t,
                    outcome: OUTCOMES.choose(&mut self.rng).map(|s| s.to_string()),
                    note: None,
                };
                self.sink.activity(&activity)?;
                self.summary.activities += 1;
            }
            if let (Stage::Won, Some(closed), Some(r)) = (stage, closed_on, owner) {
                revenue_by_month.entry((closed.year(), closed.month())).or_insert((0, 0)).1 += 1;
                // Re-orders come every few weeks after the first sale, as long as the customer stays.
                let repeats = self.rng.random_range(1..=((sales_per_won * 2.0) as usize).max(1));
                let left = (self.today - closed).num_days();
                let gap = (left / repeats as i64).clamp(7, 60);
                for n in 0..repeats {
                    let day = closed + Duration::days(gap * n as i64 + self.rng.random_range(0..7));
                    if day > self.today {
                        break;
                    }
                    let share = if n == 0 { self.rng.random_range(60..=120) } else { self.rng.random_range(10..=40) };
                    let amount = Money(estimated.cents() * share / 100);
                    let sale = Sale {
                        lead_id: Some(lead_id),
                        rep_id: self.reps[r].id,
                        amount,
                        closed_on: day,
                        product: PRODUCTS.choose(&mut self.rng).map(|s| s.to_string()),
                    };
                    revenue_by_month.entry((day.year(), day.month())).or_insert((0, 0)).0 += amount.cents();
                    *self.rep_revenue.entry((sale.rep_id, day.year(), day.month())).or_default() += amount.cents();
                    self.sink.sale(&sale)?;
                    self.summary.sales += 1;
                }
            }
        }
        Ok(revenue_by_month)
    }

    /// Each month's goals are last month's results stretched a little, as owners set them.
    fn targets(&mut self, by_month: &ByMonth) -> Result<(), S::Error> {
        let round = |cents: i64| (cents / 100_000).max(1) * 100_000;
        let mut month = Period::containing(PeriodKind::Month, self.today);
        let this_month = month.first_day();
        let mut current_goal = 0;
        for _ in 0..6 {
            let last = month.previous().first_day();
            let (revenue, customers) = by_month.get(&(last.year(), last.month())).copied().unwrap_or((1_000_000, 5));
            let goal = round(revenue * self.rng.random_range(100..=120) / 100);
            if month.first_day() == this_month {
                current_goal = goal;
            }
            self.target(None, PeriodKind::Month, month.first_day(), Metric::Revenue, goal)?;
            self.target(
                None,
                PeriodKind::Month,
                month.first_day(),
                Metric::NewCustomers,
                (customers * 11 / 10).max(3),
            )?;
            month = month.previous();
        }
        // A rep's goal is their own last three months' average, stretched a little; a rep
        // with no sales yet gets an even share of the business's goal.
        let per_rep = current_goal / self.reps.len().max(1) as i64;
        let ids: Vec<i64> = self.reps.iter().map(|r| r.id).collect();
        let mut months = Vec::new();
        let mut month = Period::containing(PeriodKind::Month, self.today);
        for _ in 0..3 {
            month = month.previous();
            months.push((month.first_day().year(), month.first_day().month()));
        }
        for id in ids {
            let own: i64 = months.iter().map(|(y, m)| self.rep_revenue.get(&(id, *y, *m)).copied().unwrap_or(0)).sum();
            let base = if own > 0 { own / 3 } else { per_rep };
            let goal = round(base * self.rng.random_range(95..=125) / 100);
            self.target(Some(id), PeriodKind::Month, this_month, Metric::Revenue, goal)?;
        }
        let week = week_start(self.today);
        self.target(None, PeriodKind::Week, week, Metric::Visits, (self.size.reps as i64) * 6)?;
        Ok(())
    }

    fn target(
        &mut self,
        rep_id: Option<i64>,
        period_kind: PeriodKind,
        period_start: NaiveDate,
        metric: Metric,
        goal: i64,
    ) -> Result<(), S::Error> {
        self.sink.target(&Target { rep_id, team: None, period_kind, period_start, metric, goal })?;
        self.summary.targets += 1;
        Ok(())
    }

    fn reviews(&mut self) -> Result<(), S::Error> {
        let last_quarter = Period::containing(PeriodKind::Quarter, self.today).previous();
        let reps: Vec<(i64, usize)> = self.reps.iter().enumerate().map(|(i, r)| (r.id, i)).collect();
        for (rep_id, i) in reps {
            if i % 3 == 2 {
                continue;
            }
            let mut quarter = last_quarter;
            for _ in 0..(1 + i % 2) {
                let reviewed_on = quarter.last_day() + Duration::days(self.rng.random_range(5..20));
                let review = Review {
                    rep_id,
                    period: quarter.to_string(),
                    reviewed_on,
                    rating_results: self.rng.random_range(2..=5),
                    rating_customer: self.rng.random_range(3..=5),
                    rating_teamwork: self.rng.random_range(2..=5),
                    strengths: STRENGTHS.choose(&mut self.rng).copied().unwrap_or_default().to_string(),
                    improvements: IMPROVEMENTS.choose(&mut self.rng).copied().unwrap_or_default().to_string(),
                    plan: PLANS.choose(&mut self.rng).copied().unwrap_or_default().to_string(),
                    next_review_on: Some(quarter.next().last_day() + Duration::days(14)),
                };
                self.sink.review(&review)?;
                self.summary.reviews += 1;
                quarter = quarter.previous();
            }
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests;
