//! The week's incidents an owner is there to act on (抢单): one rep reaching for colleagues'
//! protected customers, two claims refused and a visit logged on a third. Drawn from a stream
//! of their own, so the rest of the demo is the same as without them.

use super::*;

impl<S: DemoSink> Generator<'_, S> {
    pub(super) fn incidents(&mut self) -> Result<(), S::Error> {
        let mut rng = ChaCha8Rng::seed_from_u64(self.seed ^ 0x0005_eed0_f1ea_d000);
        if self.reps.len() < 3 {
            return Ok(());
        }
        let poacher = rng.random_range(0..self.reps.len());
        // Leads colleagues claimed before the first reach (nine days ago) and still protect a
        // week from now, in the order they came.
        let before = self.today - Duration::days(9);
        let theirs: Vec<Held> = self
            .held
            .iter()
            .filter(|h| h.rep != poacher && h.until > self.today + Duration::days(7))
            .filter(|h| h.claimed_on < before)
            .cloned()
            .collect();
        let picked: Vec<Held> = theirs.choose_multiple(&mut rng, 3).cloned().collect();
        if picked.len() < 3 {
            return Ok(());
        }
        let rep_id = self.reps[poacher].id;
        for (i, held) in picked.iter().enumerate() {
            let on = self.today - Duration::days(1 + 4 * i as i64);
            // The second a visit logged on a colleague's customer (the sink writes it, as the
            // lead's latest touch); the others claims refused.
            let (kind, visit) = if i == 1 {
                let visit = Activity {
                    lead_id: held.lead_id,
                    rep_id: Some(rep_id),
                    kind: ActivityKind::Visit,
                    at: at(on, 15, 30),
                    outcome: Some("dropped by".into()),
                    note: None,
                };
                self.summary.activities += 1;
                (crate::domain::risk::poaching::Reach::Activity, Some(visit))
            } else {
                (crate::domain::risk::poaching::Reach::Claim, None)
            };
            let owner_id = self.reps[held.rep].id;
            let reach =
                Reach { kind, lead_id: held.lead_id, rep_id, owner_id, protected_until: Some(held.until), on, visit };
            self.sink.reach(&reach)?;
        }
        Ok(())
    }
}
