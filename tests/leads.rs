//! The lead use cases on a real store: ownership, the pool, conflicts, the lifecycle, merges.

mod common;

use chrono::{Duration, NaiveDate};
use repdesk::domain::clock::Clock;
use repdesk::domain::lead_form::{LeadFields, fresh};
use repdesk::domain::model::{Activity, ActivityKind, Stage};
use repdesk::domain::money::Money;
use repdesk::domain::rep::RepFields;
use repdesk::service::error::{Error, Kind};
use repdesk::service::{self, leads};
use repdesk::store::{self, Store};

struct Shop {
    store: Store,
    bob: i64,
    li_na: i64,
}

/// Bob and 李娜 on the roster of `store`.
fn staffed(mut store: Store) -> Shop {
    let mut rep = |name: &str| {
        service::add_rep(&mut store, &RepFields { name: name.into(), ..RepFields::default() }.validate().unwrap())
            .unwrap()
            .value
            .id
    };
    let bob = rep("Bob Smith");
    let li_na = rep("李娜");
    Shop { store, bob, li_na }
}

fn shop_on(day: NaiveDate) -> Shop {
    staffed(Store::open_in_memory(Clock::fixed(day)).unwrap())
}

fn shop() -> Shop {
    shop_on(common::today())
}

/// The same database seen on another day.
fn later(shop: Shop, days: i64) -> Shop {
    let day = shop.store.today() + Duration::days(days);
    let path = shop.store.path().to_path_buf();
    assert_ne!(path.to_str(), Some(":memory:"), "use a file for multi-day tests");
    drop(shop.store);
    Shop { store: Store::open(&path, Clock::fixed(day)).unwrap(), ..shop }
}

fn customer(name: &str, phone: &str) -> repdesk::domain::model::Lead {
    LeadFields { name: name.into(), company: "王记五金".into(), phone: phone.into(), ..LeadFields::default() }
        .apply(fresh(common::today()))
        .unwrap()
}

fn file_shop(dir: &tempfile::TempDir) -> Shop {
    staffed(Store::open(&dir.path().join("shop.db"), common::clock()).unwrap())
}

#[test]
fn a_duplicate_is_flagged_never_silently_doubled() {
    let mut s = shop();
    let first = leads::add(&mut s.store, customer("王伟", "+86 139 1234 5678"), Some(s.li_na), false).unwrap().value;
    let err = leads::add(&mut s.store, customer("Wang Wei", "139-1234-5678"), None, false).unwrap_err();
    let text = err.to_string();
    assert!(
        text.contains(&format!("lead {}", first.id)) && text.contains("same phone") && text.contains("李娜"),
        "{text}"
    );
    // A typed refusal: about the name field, a usage error (exit 2).
    assert!(matches!(err, Error::Conflict { field: Some("name"), .. }) && err.kind() == Kind::Usage, "{err:?}");
    let by_name = LeadFields { name: "王伟".into(), company: "王记五金".into(), ..LeadFields::default() }
        .apply(fresh(common::today()))
        .unwrap();
    assert!(
        leads::add(&mut s.store, by_name.clone(), None, false)
            .unwrap_err()
            .to_string()
            .contains("same name and company")
    );
    leads::add(&mut s.store, by_name, None, true).unwrap();
}

#[test]
fn a_claim_on_a_protected_lead_is_refused_and_recorded() {
    let mut s = shop();
    let lead = leads::add(&mut s.store, customer("王伟", "13900000001"), Some(s.li_na), false).unwrap().value;
    assert_eq!(lead.protected_until, Some(common::today() + Duration::days(14)));
    let err = leads::assign(&mut s.store, lead.id, s.bob, false).unwrap_err();
    assert!(err.to_string().contains("protected by its owner until Mon 7 Dec"), "{err}");
    let history = store::audit::history(s.store.conn(), "lead", lead.id).unwrap();
    assert_eq!(history.last().unwrap().action, "claim-refused");
    assert_eq!(store::leads::get(s.store.conn(), lead.id).unwrap().owner_id, Some(s.li_na));
    // The owner of the business can hand it over.
    let moved = leads::assign(&mut s.store, lead.id, s.bob, true).unwrap().value;
    assert_eq!(moved.owner_id, Some(s.bob));
    // And the conflict shows on the Risks tab, as a poaching event of its own.
    let list = service::risks::open(s.store.conn(), common::today(), 100).unwrap();
    let key = format!("lead:{}", lead.id);
    assert!(list.flags.iter().any(|f| f.rule == repdesk::domain::risk::RiskRule::Poaching && f.subject.key == key));
}

#[test]
fn logging_contacts_a_new_lead_and_extends_protection() {
    let mut s = shop();
    let lead = leads::add(&mut s.store, customer("陈小姐", "13900000002"), Some(s.bob), false).unwrap().value;
    let at = (common::today() + Duration::days(5)).and_hms_opt(10, 0, 0).unwrap();
    let after = leads::log(
        &mut s.store,
        Activity {
            lead_id: lead.id,
            rep_id: None,
            kind: ActivityKind::Call,
            at,
            outcome: Some("wants a quote".into()),
            note: None,
        },
        Some(common::today() + Duration::days(8)),
    )
    .unwrap()
    .value;
    assert_eq!(after.next_follow_up, Some(common::today() + Duration::days(8)), "logged with its follow-up");
    assert_eq!(after.stage, Stage::Contacted);
    assert_eq!(after.last_activity_at, Some(at));
    assert_eq!(after.protected_until, Some(at.date() + Duration::days(14)));
    let acts = store::leads::recent_activities(s.store.conn(), lead.id, 5).unwrap();
    assert_eq!(acts[0].rep.as_deref(), Some("Bob Smith"));
    // A call counts on the leaderboard the same day, as a call: visits are in person.
    let month = repdesk::domain::period::Period::containing(repdesk::domain::period::PeriodKind::Month, at.date());
    let m = store::metrics::rep_metrics(s.store.conn(), &month, at.date()).unwrap();
    let bob = m.iter().find(|m| m.rep_id == s.bob).unwrap();
    assert_eq!((bob.calls, bob.visits), (1, 0));
}

#[test]
fn winning_records_the_sale_and_losing_needs_a_reason() {
    let mut s = shop();
    let lead = leads::add(&mut s.store, customer("王伟", "13900000003"), Some(s.li_na), false).unwrap().value;
    let err = leads::set_stage(&mut s.store, lead.id, Stage::Won, None, None, None).unwrap_err();
    assert!(err.to_string().contains("amount"), "{err}");
    let won =
        leads::set_stage(&mut s.store, lead.id, Stage::Won, None, Some(Money(1_234_500)), Some("kit")).unwrap().value;
    assert_eq!((won.stage, won.closed_on), (Stage::Won, Some(common::today())));
    let day = repdesk::domain::period::Period::range(common::today(), common::today());
    let m = store::metrics::rep_metrics(s.store.conn(), &day, common::today()).unwrap();
    let li = m.iter().find(|m| m.rep_id == s.li_na).unwrap();
    assert_eq!((li.revenue, li.deals_won, li.closed_won), (Money(1_234_500), 1, 1));

    let other = leads::add(&mut s.store, customer("Tom Baker", "13900000004"), None, false).unwrap().value;
    assert!(leads::set_stage(&mut s.store, other.id, Stage::Lost, None, None, None).is_err());
    let lost = leads::set_stage(&mut s.store, other.id, Stage::Lost, Some("price"), None, None).unwrap().value;
    assert_eq!(lost.lost_reason.as_deref(), Some("price"));
    // A customer with no deal gets the deal it was won or lost in, and conversion counts it.
    let deals = |id| store::deals::of_lead(s.store.conn(), id).unwrap();
    let won_deal = &deals(lead.id)[0];
    assert_eq!((won_deal.stage, won_deal.value, won_deal.rep_id), (Stage::Won, Money(1_234_500), Some(s.li_na)));
    assert!(won_deal.sale_id.is_some());
    let lost_deal = &deals(other.id)[0];
    assert_eq!((lost_deal.stage, lost_deal.lost_reason.as_deref()), (Stage::Lost, Some("price")));
    // A pool lead cannot be won: nobody to credit.
    let pool = leads::add(&mut s.store, customer("Ana Lopez", "13900000005"), None, false).unwrap().value;
    assert!(leads::set_stage(&mut s.store, pool.id, Stage::Won, None, Some(Money(100)), None).is_err());
}

#[test]
fn winning_closes_the_open_deal_instead_of_adding_one() {
    let mut s = shop();
    let lead = leads::add(&mut s.store, customer("周敏", "13900000010"), Some(s.li_na), false).unwrap().value;
    let open = s
        .store
        .change(|w| -> store::Result<_> {
            let deal = repdesk::domain::model::Deal {
                lead_id: lead.id,
                rep_id: Some(s.li_na),
                stage: Stage::Proposal,
                value: Money(500_000),
                title: Some("spring order".into()),
                ..Default::default()
            };
            Ok((store::deals::add(w, &deal)?, store::changes::Summary::new("change.deal_add")))
        })
        .unwrap()
        .value;
    leads::set_stage(&mut s.store, lead.id, Stage::Won, None, Some(Money(480_000)), None).unwrap();
    let deals = store::deals::of_lead(s.store.conn(), lead.id).unwrap();
    assert_eq!(deals.len(), 1, "{deals:?}");
    assert_eq!(deals[0].id, open.id);
    assert_eq!(
        (deals[0].stage, deals[0].value, deals[0].closed_on),
        (Stage::Won, Money(480_000), Some(common::today()))
    );
    // A repeat order is a won deal of its own.
    let sale = repdesk::domain::model::Sale {
        lead_id: Some(lead.id),
        rep_id: s.li_na,
        amount: Money(120_000),
        closed_on: common::today(),
        product: None,
    };
    leads::add_sale(&mut s.store, sale).unwrap();
    assert_eq!(store::deals::of_lead(s.store.conn(), lead.id).unwrap().len(), 2);
    // A won customer's next open deal is closed by winning it again.
    s.store
        .change(|w| -> store::Result<_> {
            let next = repdesk::domain::model::Deal {
                lead_id: lead.id,
                rep_id: Some(s.li_na),
                stage: Stage::Qualified,
                ..Default::default()
            };
            Ok((store::deals::add(w, &next)?, store::changes::Summary::new("change.deal_add")))
        })
        .unwrap();
    leads::set_stage(&mut s.store, lead.id, Stage::Won, None, Some(Money(300_000)), None).unwrap();
    let deals = store::deals::of_lead(s.store.conn(), lead.id).unwrap();
    assert!(deals.iter().all(|d| d.stage == Stage::Won) && deals.len() == 3, "{deals:?}");
    assert!(
        leads::set_stage(&mut s.store, lead.id, Stage::Won, None, Some(Money(1)), None).is_err(),
        "no open deal left"
    );
}

#[test]
fn every_sale_and_every_lead_past_new_has_its_deal_as_old_files_get_them() {
    let store = common::demo_store();
    let n = |sql: &str| store.conn().query_row(sql, [], |r| r.get::<_, i64>(0)).unwrap();
    assert_eq!(
        n(
            "SELECT COUNT(*) FROM sales s WHERE lead_id IS NOT NULL AND NOT EXISTS (SELECT 1 FROM deals d WHERE d.sale_id = s.id)"
        ),
        0
    );
    assert_eq!(
        n("SELECT COUNT(*) FROM deals WHERE stage = 'won'"),
        n("SELECT COUNT(*) FROM sales WHERE lead_id IS NOT NULL")
            + n(
                "SELECT COUNT(*) FROM leads l WHERE stage = 'won' AND NOT EXISTS (SELECT 1 FROM sales s WHERE s.lead_id = l.id)"
            )
    );
    assert_eq!(
        n(
            "SELECT COUNT(*) FROM leads l WHERE (stage <> 'new' OR estimated_value_cents > 0) AND NOT EXISTS (SELECT 1 FROM deals d WHERE d.lead_id = l.id)"
        ),
        0
    );
    assert_eq!(
        n(
            "SELECT COUNT(*) FROM leads l WHERE stage = 'new' AND estimated_value_cents = 0 AND EXISTS (SELECT 1 FROM deals d WHERE d.lead_id = l.id)"
        ),
        0
    );
    // Running it again on a file that has its deals adds none.
    let before = n("SELECT COUNT(*) FROM deals");
    store.conn().execute_batch(store::deals::BACKFILL).unwrap();
    assert_eq!(n("SELECT COUNT(*) FROM deals"), before);
}

/// Every deal's customer, stage and value, in one order.
fn deals_of(store: &Store) -> Vec<(i64, String, i64)> {
    store
        .conn()
        .prepare("SELECT lead_id, stage, value_cents FROM deals ORDER BY lead_id, stage, value_cents")
        .unwrap()
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap()
}

#[test]
fn a_file_from_before_deals_opens_with_its_deals() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("old.db");
    let month =
        repdesk::domain::period::Period::containing(repdesk::domain::period::PeriodKind::Month, common::today());
    let conversions = |store: &Store| -> Vec<Option<f64>> {
        let m = store::metrics::rep_metrics(store.conn(), &month, common::today()).unwrap();
        m.iter().map(|m| m.conversion()).collect()
    };
    let (deals, converted) = {
        let mut store = Store::open(&path, common::clock()).unwrap();
        repdesk::service::load_demo(&mut store, repdesk::domain::demo::DemoSize::SMALL, 7, false).unwrap();
        let converted = conversions(&store);
        let deals = deals_of(&store);
        // As a file of schema 3 was: no deals, no lead phones, no changes.
        store
            .conn()
            .execute_batch(
                "DROP TRIGGER rep_days_drop_empty; DROP TRIGGER reps_start_onboarding; DROP TABLE change_open; ALTER TABLE audit_log DROP COLUMN change_id;
                 DROP TABLE changes; DROP INDEX activities_rep; DROP INDEX sales_rep; DROP INDEX deals_rep;
                 DROP INDEX deals_sale; DROP INDEX leads_released_by; DROP INDEX rep_days_rep; DROP INDEX targets_rep;
                 DROP INDEX audit_refused; DROP INDEX leads_owner_due;
                 DROP TRIGGER activities_add_to_rep_days; DROP TRIGGER activities_remove_from_rep_days;
                 DROP TRIGGER activities_leave_rep_days; DROP TRIGGER activities_enter_rep_days;
                 ALTER TABLE rep_days DROP COLUMN calls;
                 CREATE INDEX audit_action ON audit_log (action, at);",
            )
            .unwrap();
        store
            .conn()
            .execute_batch(
                "DROP TABLE deals; DROP TABLE lead_phones; ALTER TABLE rep_days DROP COLUMN closed_won;
                 ALTER TABLE rep_days DROP COLUMN closed_lost; PRAGMA user_version = 3;",
            )
            .unwrap();
        (deals, converted)
    };
    let store = Store::open(&path, common::clock()).unwrap();
    assert_eq!(conversions(&store), converted, "conversion reads the same after the migration");
    assert!(converted.iter().any(Option::is_some));
    let after = deals_of(&store);
    assert!(!after.is_empty());
    assert_eq!(after, deals);
}

#[test]
fn lapsed_protection_without_progress_returns_to_the_pool_with_a_cool_down() {
    let dir = tempfile::tempdir().unwrap();
    let mut s = file_shop(&dir);
    let idle = leads::add(&mut s.store, customer("Idle", "13900000006"), Some(s.bob), false).unwrap().value;
    let moving = leads::add(&mut s.store, customer("Moving", "13900000007"), Some(s.bob), false).unwrap().value;
    let mut s = later(s, 3);
    leads::set_stage(&mut s.store, moving.id, Stage::Qualified, None, None, None).unwrap();
    let mut s = later(s, 12); // 15 days after the claim: both windows have ended.
    let done = leads::sweep(&mut s.store).unwrap().unwrap().value;
    assert_eq!((done.to_pool, done.renewed), (1, 1));
    let idle_now = store::leads::get(s.store.conn(), idle.id).unwrap();
    assert_eq!(idle_now.owner_id, None);
    let last = store::changes::touches(s.store.conn(), "leads", idle.id, 10).unwrap().pop().unwrap();
    assert_eq!(last.summary.key, "change.sweep");
    assert!(last.fields.iter().any(|(f, _, to)| f == "owner_id" && to.is_empty()), "{last:?}");
    assert_eq!(store::leads::get(s.store.conn(), moving.id).unwrap().owner_id, Some(s.bob));
    // Bob cools down; 李娜 may take it at once.
    assert!(
        leads::assign(&mut s.store, idle.id, s.bob, false).unwrap_err().to_string().contains("claim it again from")
    );
    leads::assign(&mut s.store, idle.id, s.li_na, false).unwrap();
    // Nothing left to sweep.
    assert!(leads::sweep(&mut s.store).unwrap().is_none());
}

#[test]
fn merge_keeps_every_activity_and_the_earlier_owner() {
    let dir = tempfile::tempdir().unwrap();
    let mut s = file_shop(&dir);
    let a = leads::add(&mut s.store, customer("王伟", "13900000008"), Some(s.li_na), false).unwrap().value;
    let mut s = later(s, 2);
    let b = leads::add(&mut s.store, customer("Wang Wei", "13900000009"), Some(s.bob), false).unwrap().value;
    for id in [a.id, b.id] {
        let at = s.store.today().and_hms_opt(9, 0, 0).unwrap();
        leads::log(
            &mut s.store,
            Activity { lead_id: id, rep_id: None, kind: ActivityKind::Visit, at, outcome: None, note: None },
            None,
        )
        .unwrap();
    }
    leads::set_stage(&mut s.store, a.id, Stage::Won, None, Some(Money(5_000)), None).unwrap();
    let kept = leads::merge(&mut s.store, b.id, a.id).unwrap().value;
    assert_eq!(kept.owner_id, Some(s.li_na), "the earlier claim wins");
    assert_eq!(kept.stage, Stage::Won, "a win on either lead is a win");
    let sales: i64 =
        s.store.conn().query_row("SELECT COUNT(*) FROM sales WHERE lead_id = ?1", [b.id], |r| r.get(0)).unwrap();
    assert_eq!(sales, 1, "the sale moved with the merge");
    assert_eq!(store::deals::of_lead(s.store.conn(), b.id).unwrap().len(), 1, "and its deal");
    // The other lead's phone stays a way to find the customer.
    assert_eq!(store::lead_writes::find(s.store.conn(), "13900000008", 5).unwrap()[0].id, b.id);
    assert_eq!(store::leads::recent_activities(s.store.conn(), b.id, 10).unwrap().len(), 2);
    assert!(store::leads::get(s.store.conn(), a.id).is_err());
    assert!(leads::merge(&mut s.store, b.id, b.id).is_err());
}

#[test]
fn find_says_who_has_the_customer() {
    let mut s = shop();
    leads::add(&mut s.store, customer("王伟", "+86 139 1234 5678"), Some(s.li_na), false).unwrap();
    for query in ["13912345678", "139 1234 5678", "王伟", "王记"] {
        let found = store::lead_writes::find(s.store.conn(), query, 10).unwrap();
        assert_eq!(found.len(), 1, "{query}");
        assert_eq!(found[0].owner.as_deref(), Some("李娜"));
    }
    assert!(store::lead_writes::find(s.store.conn(), "nobody", 10).unwrap().is_empty());
}

#[test]
fn fair_assignment_goes_round_the_reps_on_shift() {
    let mut s = shop();
    let first = leads::proposed_assignee(&s.store).unwrap().unwrap();
    let lead = leads::add(&mut s.store, customer("A", "13900000010"), None, false).unwrap().value;
    leads::assign(&mut s.store, lead.id, first, true).unwrap();
    let second = leads::proposed_assignee(&s.store).unwrap().unwrap();
    assert_ne!(first, second, "the turn moves on");
}

#[test]
fn a_first_call_on_the_day_of_the_claim_is_progress() {
    let dir = tempfile::tempdir().unwrap();
    let mut s = file_shop(&dir);
    let lead = leads::add(&mut s.store, customer("当天", "13900000011"), Some(s.bob), false).unwrap().value;
    let at = common::today().and_hms_opt(11, 0, 0).unwrap();
    let activity = Activity { lead_id: lead.id, rep_id: None, kind: ActivityKind::Call, at, outcome: None, note: None };
    leads::log(&mut s.store, activity, None).unwrap();
    let mut s = later(s, 30);
    let done = leads::sweep(&mut s.store).unwrap().unwrap().value;
    assert_eq!((done.to_pool, done.renewed), (0, 1));
    assert_eq!(store::leads::get(s.store.conn(), lead.id).unwrap().owner_id, Some(s.bob));
}

#[test]
fn an_edit_cannot_turn_a_lead_into_a_duplicate() {
    let mut s = shop();
    let first = leads::add(&mut s.store, customer("王伟", "13900000012"), None, false).unwrap().value;
    let second = leads::add(&mut s.store, customer("李强", "13900000013"), None, false).unwrap().value;
    let mut changed = second.clone();
    changed.phone = first.phone.clone();
    let err = leads::edit(&mut s.store, &changed).unwrap_err();
    assert!(err.to_string().contains(&format!("lead {}", first.id)), "{err}");
    // Editing a lead's own fields, keeping its own phone, is fine.
    let mut renamed = second.clone();
    renamed.note = Some("call after 6pm".into());
    leads::edit(&mut s.store, &renamed).unwrap();
}

#[test]
fn every_phone_of_an_imported_customer_finds_it_in_the_app() {
    use repdesk::interchange::{columns::Mapping, csv_in, leads as lead_files, vocab::Vocabulary};
    let mut store = Store::open_in_memory(common::clock()).unwrap();
    let table =
        csv_in::parse("Name,Phone,Mobile,Work Phone\n王伟,,139 1234 5678,021-6234 0001 / 021-6234 0002\n").unwrap();
    let rows = Mapping::of(&table, lead_files::LEAD_ALIASES, &[], "leads", true, None).unwrap().rows(&table);
    service::import::leads(&mut store, &rows, &Vocabulary::with_values(&[]).unwrap(), false).unwrap();
    let day = service::queue_day(&store).unwrap();
    for text in ["13912345678", "021-6234 0001", "62340002", "+86 139 1234 5678"] {
        let seen = store::leads::browse(store.conn(), store::leads::Browse::Everyone, &day, text, 10).unwrap();
        assert_eq!(seen.iter().map(|r| r.name.as_str()).collect::<Vec<_>>(), ["王伟"], "/{text}");
        let found = store::lead_writes::find(store.conn(), text, 10).unwrap();
        if text != "62340002" {
            assert_eq!(found.len(), 1, "lead find {text}");
        }
    }
    // A new lead with any of them is a duplicate.
    let mut twin = fresh(common::today());
    twin.name = "Wang Wei".into();
    twin.phone = Some("021 6234 0002".into());
    assert!(!store::lead_writes::duplicates(store.conn(), &twin, None).unwrap().is_empty());
}

/// One matcher: whatever finds a lead in the app's `/` finds it with `repdesk lead find`, and
/// the other way round: any way its phone is written, a run of its digits, its name in
/// Chinese, its company, its e-mail.
#[test]
fn the_app_and_lead_find_match_the_same_leads() {
    let mut s = shop();
    let mut lead = |name: &str, company: &str, phone: &str, email: &str| {
        let mut l = customer(name, phone);
        l.company = Some(company.into());
        l.email = Some(email.into());
        leads::add(&mut s.store, l, Some(s.li_na), false).unwrap().value.id
    };
    let zhang = lead("张伟", "张记茶行", "+86 138 3226 8945", "zhang@tea.example");
    let amy = lead("Amy Lee", "Lee Dental", "+1 (555) 010-2233", "amy@lee.example");
    let day = service::queue_day(&s.store).unwrap();
    let in_app = |q: &str| -> Vec<i64> {
        store::leads::browse(s.store.conn(), store::leads::Browse::Everyone, &day, q, 500)
            .unwrap()
            .into_iter()
            .map(|r| r.id)
            .collect()
    };
    let found = |q: &str| -> Vec<i64> {
        store::lead_writes::find(s.store.conn(), q, 50).unwrap().into_iter().map(|f| f.id).collect()
    };
    for (q, id) in [
        ("+86 138 3226 8945", zhang),
        ("+8613832268945", zhang),
        ("13832268945", zhang),
        ("138-3226-8945", zhang),
        ("3226", zhang),
        ("138", zhang),
        ("张伟", zhang),
        ("茶行", zhang),
        ("zhang@tea.example", zhang),
        ("1-555-010-2233", amy),
        ("(555) 010-2233", amy),
        ("010-2233", amy),
        ("lee dental", amy),
    ] {
        let (app, cli) = (in_app(q), found(q));
        assert!(app.contains(&id), "/{q} finds nothing in the app");
        assert!(cli.contains(&id), "lead find {q} finds nothing");
        let (mut a, mut c) = (app, cli);
        a.sort();
        c.sort();
        assert_eq!(a, c, "the app and lead find disagree on {q}");
    }
    assert!(found("nobody-here").is_empty() && in_app("nobody-here").is_empty());
    // The same number written another way is the same customer.
    let again = customer("Amy L.", "1-555-010-2233");
    let err = leads::add(&mut s.store, again, None, false).unwrap_err();
    assert!(err.to_string().contains("same phone"), "{err}");
}

/// The grouped views: a heading per rep (by name, the pool last), each rep's leads the
/// soonest follow-up first and none planned last (the pool as its leads came in); the stages from new to proposal. A group
/// the limit cuts short still says how many leads it has.
#[test]
fn the_by_rep_view_groups_by_rep_and_sorts_by_due() {
    use store::leads::{Browse, Heading};
    let store = common::demo_store();
    let day = service::queue_day(&store).unwrap();
    let open: i64 = store
        .conn()
        .query_row("SELECT COUNT(*) FROM leads WHERE stage NOT IN ('won', 'lost')", [], |r| r.get(0))
        .unwrap();
    let groups = store::leads::browse_groups(store.conn(), Browse::ByRep, &day, "", 0).unwrap();
    assert_eq!(groups.iter().map(|g| g.total.unwrap()).sum::<i64>(), open, "every open lead, the pool's too");
    assert_eq!(groups.last().unwrap().heading, Heading::Pool);
    let names: Vec<&str> = groups
        .iter()
        .filter_map(|g| match &g.heading {
            Heading::Rep { name, .. } => Some(name.as_str()),
            _ => None,
        })
        .collect();
    assert!(names.windows(2).all(|w| w[0] <= w[1]), "reps by name: {names:?}");
    for group in &groups {
        let owner = match &group.heading {
            Heading::Rep { id, .. } => Some(*id),
            _ => None,
        };
        assert!(group.rows.iter().all(|r| r.owner_id == owner));
        let due: Vec<NaiveDate> = group.rows.iter().map(|r| r.next_follow_up.unwrap_or(NaiveDate::MAX)).collect();
        if owner.is_some() {
            assert!(due.windows(2).all(|w| w[0] <= w[1]), "soonest first, none planned last: {due:?}");
        } else {
            let came: Vec<NaiveDate> = group.rows.iter().map(|r| r.created_on).collect();
            assert!(came.windows(2).all(|w| w[0] <= w[1]), "the pool as it came in: {came:?}");
        }
        assert_eq!(group.total, Some(group.rows.len() as i64));
    }
    // A small limit still shows every rep and the pool, each its first ten by due; a group
    // with more says so rather than counting them all.
    let cut = store::leads::browse_groups(store.conn(), Browse::ByRep, &day, "", 10).unwrap();
    assert_eq!(
        cut.iter().map(|g| &g.heading).collect::<Vec<_>>(),
        groups.iter().map(|g| &g.heading).collect::<Vec<_>>()
    );
    for (short, whole) in cut.iter().zip(&groups) {
        assert_eq!(short.rows[..], whole.rows[..short.rows.len()]);
        assert!(short.rows.len() <= 10);
        let more = whole.rows.len() > 10;
        assert_eq!(short.total.is_none(), more, "{:?}", short.heading);
    }
    assert!(cut.iter().any(|g| g.total.is_none()), "some rep of the demo has more than ten open leads");
    // A search inside a grouped view (by the one matcher) keeps its groups.
    let found = store::leads::browse_groups(store.conn(), Browse::ByRep, &day, "a", 10).unwrap();
    assert!(!found.is_empty());
    let stages: Vec<Heading> = store::leads::browse_groups(store.conn(), Browse::ByStage, &day, "", 0)
        .unwrap()
        .into_iter()
        .map(|g| g.heading)
        .collect();
    assert_eq!(stages, [Stage::New, Stage::Contacted, Stage::Qualified, Stage::Proposal].map(Heading::Stage).to_vec());
}
