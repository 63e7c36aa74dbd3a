//! The demo's customers: leads with their activities, deals and sales, and the morning's queue
//! they make.

use super::*;

impl<S: DemoSink> Generator<'_, S> {
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
    pub(super) fn leads(&mut self) -> Result<ByMonth, S::Error> {
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
            if let (Some(rep), Some(until), Some(claimed_on)) = (owner, protected_until, claimed_on)
                && stage.is_open()
                && until > self.today
            {
                self.held.push(Held { lead_id, rep, until, claimed_on });
            }
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
}
