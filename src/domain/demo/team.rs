//! The demo's team: reps with their availability, the staffing needs, the shifts, the targets
//! set from what each sold, and last quarter's reviews.

use super::*;

impl<S: DemoSink> Generator<'_, S> {
    pub(super) fn reps(&mut self) -> Result<(), S::Error> {
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
            let hired_on = draft.hired_on.unwrap_or(self.today);
            let id = self.sink.rep(&draft)?;
            self.summary.reps += 1;
            // Onboarded in their first fortnight (not drawn from the stream, which the rest of
            // the team comes from); the last rep still has the tools to learn.
            let learnt = 3 + id % 11;
            let items: &[&str] = if i + 1 == self.size.reps {
                &["company", "products", "skills"]
            } else {
                &["company", "products", "skills", "tools"]
            };
            self.sink.onboarded(id, items, hired_on + Duration::days(learnt))?;
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

    pub(super) fn needs(&mut self) -> Result<(), S::Error> {
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

    pub(super) fn shifts(&mut self) -> Result<(), S::Error> {
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

    /// Each month's goals are last month's results stretched a little, as owners set them.
    pub(super) fn targets(&mut self, by_month: &ByMonth) -> Result<(), S::Error> {
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

    pub(super) fn reviews(&mut self) -> Result<(), S::Error> {
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
                    id: 0,
                    rep_id,
                    period: quarter.to_string(),
                    reviewed_on,
                    rating_results: self.rng.random_range(2..=5),
                    rating_customer: self.rng.random_range(3..=5),
                    // Not drawn from the stream, so the reviews read as they did before attitude
                    // was rated.
                    rating_attitude: Some(3 + ((rep_id + reviewed_on.day() as i64) % 3) as u8),
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
