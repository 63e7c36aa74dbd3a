//! Every tab as an `insta` snapshot on the seed-7 demo, on 2026-11-23, at 100x30, and the
//! app driven by key presses as a person would use it.

mod common;

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use repdesk::store::{self, Store};
use repdesk::tui::app::App;
use repdesk::tui::{Tab, headless};
use strum::IntoEnumIterator;

fn app() -> App {
    App::new(common::demo_store(), common::ctx()).unwrap()
}

fn screen(app: &App) -> String {
    headless::render(app, 100, 30).unwrap()
}

fn press(app: &mut App, code: KeyCode) {
    app.on_key(KeyEvent::new(code, KeyModifiers::NONE));
}

fn type_text(app: &mut App, text: &str) {
    for c in text.chars() {
        press(app, KeyCode::Char(c));
    }
}

/// The name and the owner of the lead the leads tab stands on, read off its detail pane.
fn selected_lead(screen: &str) -> (String, String) {
    let title = screen.lines().find(|l| l.starts_with("┌ ") && !l.contains("review")).unwrap();
    let name = title.trim_start_matches("┌ ").split(" · ").next().unwrap().to_string();
    let facts: String = screen.lines().skip_while(|l| *l != title).skip(1).take(2).collect();
    let owner = facts.split("owner ").nth(1).and_then(|o| o.split(" since").next()).unwrap_or_default();
    (name, owner.to_string())
}

#[test]
fn every_tab() {
    let mut app = app();
    for tab in Tab::iter() {
        app.select(tab);
        let name: &'static str = tab.into();
        insta::assert_snapshot!(name, screen(&app));
    }
}

#[test]
fn welcome_on_an_empty_database() {
    let app = App::new(Store::open_in_memory(common::clock()).unwrap(), common::ctx()).unwrap();
    insta::assert_snapshot!("welcome", headless::render(&app, 80, 24).unwrap());
}

#[test]
fn welcome_loads_the_demo_on_d() {
    let mut app = App::new(Store::open_in_memory(common::clock()).unwrap(), common::ctx()).unwrap();
    press(&mut app, KeyCode::Char('d'));
    let s = screen(&app);
    assert!(s.contains("Today's review"), "{s}");
    assert!(app.message().unwrap().contains("8 reps"));
}

#[test]
fn number_keys_and_tab_move_between_tabs() {
    let mut app = app();
    press(&mut app, KeyCode::Char('3'));
    assert_eq!(app.active_tab(), Tab::Goals);
    press(&mut app, KeyCode::Tab);
    assert_eq!(app.active_tab(), Tab::Leaderboard);
    press(&mut app, KeyCode::BackTab);
    press(&mut app, KeyCode::BackTab);
    press(&mut app, KeyCode::BackTab);
    assert_eq!(app.active_tab(), Tab::Leads);
    press(&mut app, KeyCode::BackTab);
    assert_eq!(app.active_tab(), Tab::Reps);
}

#[test]
fn help_lists_the_keys_of_the_screen() {
    let mut app = app();
    press(&mut app, KeyCode::Char('7'));
    press(&mut app, KeyCode::Char('?'));
    let s = screen(&app);
    for text in ["new rep", "deactivate / reactivate", "filter", "next tab", "quit"] {
        assert!(s.contains(text), "help lacks {text}:\n{s}");
    }
    press(&mut app, KeyCode::Esc);
    assert!(!screen(&app).contains("next tab"));
}

#[test]
fn add_a_rep_through_the_form() {
    let mut app = app();
    press(&mut app, KeyCode::Char('7'));
    press(&mut app, KeyCode::Char('n'));
    type_text(&mut app, "周敏");
    press(&mut app, KeyCode::Tab);
    type_text(&mut app, "138 0000 1111");
    press(&mut app, KeyCode::Enter);
    let s = screen(&app);
    assert!(s.contains("Saved 周敏"), "{s}");
    assert!(s.contains("9 active reps"), "{s}");
}

#[test]
fn the_form_names_a_bad_field_and_keeps_what_was_typed() {
    let mut app = app();
    press(&mut app, KeyCode::Char('7'));
    press(&mut app, KeyCode::Char('n'));
    type_text(&mut app, "Zoe Quinn");
    press(&mut app, KeyCode::Tab);
    press(&mut app, KeyCode::Tab);
    type_text(&mut app, "zoe-at-example");
    press(&mut app, KeyCode::Enter);
    let s = screen(&app);
    assert!(s.contains("is not an e-mail address"), "{s}");
    assert!(s.contains("Zoe Quinn"));
    insta::assert_snapshot!("rep_form_error", s);
    press(&mut app, KeyCode::Esc);
    assert!(screen(&app).contains("8 active reps"));
}

#[test]
fn a_duplicate_name_is_refused_in_the_form() {
    let mut app = app();
    press(&mut app, KeyCode::Char('7'));
    let existing = {
        let store = common::demo_store();
        store::reps::list(store.conn(), false).unwrap()[0].name.clone()
    };
    press(&mut app, KeyCode::Char('n'));
    type_text(&mut app, &existing);
    press(&mut app, KeyCode::Enter);
    assert!(screen(&app).contains("already exists"));
}

#[test]
fn deactivate_asks_first_then_keeps_history() {
    let mut app = app();
    press(&mut app, KeyCode::Char('7'));
    press(&mut app, KeyCode::Char('x'));
    assert!(screen(&app).contains("Are you sure?"));
    press(&mut app, KeyCode::Char('n'));
    assert!(screen(&app).contains("8 active reps"));
    press(&mut app, KeyCode::Char('x'));
    press(&mut app, KeyCode::Char('y'));
    let s = screen(&app);
    assert!(s.contains("7 active reps"), "{s}");
    assert!(s.contains("history is kept"));
    press(&mut app, KeyCode::Char('i'));
    assert!(screen(&app).contains("inactive"));
}

#[test]
fn edit_changes_the_rep() {
    let mut app = app();
    press(&mut app, KeyCode::Char('7'));
    press(&mut app, KeyCode::Char('e'));
    for _ in 0..5 {
        press(&mut app, KeyCode::Tab);
    }
    type_text(&mut app, "X");
    press(&mut app, KeyCode::Enter);
    assert!(screen(&app).contains("Saved"));
}

/// Availability and time off are edited from the Reps tab too, which stays in view and shows
/// them in the selected rep's detail.
#[test]
fn availability_and_time_off_from_the_reps_tab() {
    let mut app = app();
    press(&mut app, KeyCode::Char('7'));
    let name = screen(&app)
        .lines()
        .nth(3)
        .unwrap()
        .trim_start_matches(['│', '▶', ' '])
        .split("  ")
        .next()
        .unwrap()
        .to_string();
    press(&mut app, KeyCode::Char('v'));
    assert!(screen(&app).contains(&format!("Availability · {name}")), "{}", screen(&app));
    // Monday, the first field, is empty for the first rep.
    type_text(&mut app, "08:30-12:00, 18:00-21:00");
    press(&mut app, KeyCode::Enter);
    let saved = screen(&app);
    assert!(saved.contains("active reps"), "stays on the Reps tab: {saved}");
    assert!(saved.contains("Mon 08:30–12:00, 18:00–21:00 · Wed"), "{saved}");
    press(&mut app, KeyCode::Char('o'));
    assert!(screen(&app).contains(&format!("Time off · {name}")));
    press(&mut app, KeyCode::Tab);
    press(&mut app, KeyCode::Tab);
    type_text(&mut app, "看病");
    press(&mut app, KeyCode::Enter);
    let off = screen(&app);
    assert!(off.contains("active reps") && off.contains("Time off: 23 Nov 看病"), "{off}");
    // O removes the next time off, after asking.
    press(&mut app, KeyCode::Char('O'));
    assert!(screen(&app).contains(&format!("Remove {name}'s time off 23 Nov 看病?")), "{}", screen(&app));
    press(&mut app, KeyCode::Char('y'));
    assert_eq!(app.message(), Some(format!("Removed {name}'s time off 2026-11-23 to 2026-11-23.").as_str()));
    assert!(screen(&app).contains("Time off: none ahead"));
    press(&mut app, KeyCode::Char('O'));
    assert_eq!(app.message(), Some(format!("{name} has no time off ahead.").as_str()));
}

#[test]
fn filter_narrows_the_list_and_esc_clears_it() {
    let mut app = app();
    press(&mut app, KeyCode::Char('7'));
    press(&mut app, KeyCode::Char('/'));
    type_text(&mut app, "part");
    let narrowed = screen(&app);
    assert!(!narrowed.contains("full-time"), "{narrowed}");
    press(&mut app, KeyCode::Enter);
    assert!(!screen(&app).contains("full-time"));
    press(&mut app, KeyCode::Char('/'));
    press(&mut app, KeyCode::Esc);
    assert!(screen(&app).contains("full-time"));
}

#[test]
fn the_lead_filter_searches_every_lead_in_the_queue_chinese_too() {
    let mut app = app();
    press(&mut app, KeyCode::Char('/'));
    type_text(&mut app, "记");
    // The search runs when the typing pauses, or at Enter.
    press(&mut app, KeyCode::Enter);
    let s = screen(&app);
    assert!(s.contains("matching '记'"), "{s}");
    assert!(s.lines().filter(|l| l.contains("记")).count() > 3, "{s}");
    // Closed leads are found too: the search answers "is this customer ours already?"
    let won = {
        let store = common::demo_store();
        let q = store::leads::LeadQuery {
            stage: Some(repdesk::domain::model::Stage::Won),
            include_closed: true,
            limit: 1,
            ..Default::default()
        };
        store::leads::list(store.conn(), &q).unwrap()[0].0.name.clone()
    };
    press(&mut app, KeyCode::Esc);
    press(&mut app, KeyCode::Char('/'));
    type_text(&mut app, &won);
    std::thread::sleep(std::time::Duration::from_millis(200));
    assert!(app.tick(), "the search ran after the pause");
    let s = screen(&app);
    assert!(s.lines().any(|l| l.contains(&won) && l.contains(" won ")), "{s}");
}

#[test]
fn period_keys_move_the_schedule_and_the_board() {
    let mut app = app();
    press(&mut app, KeyCode::Char('2'));
    assert!(screen(&app).contains("Week 48"));
    press(&mut app, KeyCode::Char(']'));
    assert!(screen(&app).contains("Week 49"));
    press(&mut app, KeyCode::Char('t'));
    assert!(screen(&app).contains("Week 48"));
    press(&mut app, KeyCode::Char('4'));
    press(&mut app, KeyCode::Char('['));
    assert!(screen(&app).contains("October 2026"));
    press(&mut app, KeyCode::Char('m'));
    assert!(screen(&app).contains("by deals"));
}

#[test]
fn moving_down_the_queue_changes_the_detail() {
    let mut app = app();
    let first = screen(&app);
    press(&mut app, KeyCode::Down);
    let second = screen(&app);
    assert_ne!(first, second);
    press(&mut app, KeyCode::Char('q'));
    assert!(app.should_quit());
}

#[test]
fn every_tab_fits_small_and_large_screens() {
    let mut app = app();
    for tab in Tab::iter() {
        app.select(tab);
        for (w, h) in [(80u16, 24u16), (200, 50), (40, 12)] {
            let text = headless::render(&app, w, h).unwrap();
            let lines: Vec<&str> = text.lines().collect();
            assert_eq!(lines.len(), h as usize, "{tab:?} {w}x{h}");
            for line in lines {
                assert_eq!(unicode_width::UnicodeWidthStr::width(line), w as usize, "{tab:?} {w}x{h}: {line}");
            }
            // Whole key hints only, and the key to help always among them.
            let footer = text.lines().last().unwrap();
            assert!(footer.contains("? help"), "{tab:?} {w}x{h}: {footer}");
        }
    }
}

/// A morning review as the owner does it: every step two keys or fewer plus typing.
#[test]
fn a_morning_review_of_the_queue() {
    let mut app = app();
    let first = screen(&app);
    assert!(first.contains("c log a call") || first.contains(" c "), "the footer offers the review keys:\n{first}");

    // Log a call on the first lead: c, type the outcome, Enter.
    press(&mut app, KeyCode::Char('c'));
    assert!(screen(&app).contains("Log for"));
    press(&mut app, KeyCode::Tab);
    type_text(&mut app, "wants delivery dates");
    press(&mut app, KeyCode::Enter);
    assert!(app.message().unwrap().starts_with("Logged a call"), "{:?}", app.message());

    // The detail shows what just happened, in the activities and in the history.
    press(&mut app, KeyCode::Enter);
    let detail = screen(&app);
    let name = selected_lead(&first).0;
    assert!(detail.contains("wants delivery dates"), "{detail}");
    // The history comes after the activities: End goes there.
    press(&mut app, KeyCode::End);
    let end = screen(&app);
    assert!(end.contains(&format!("logged a call on {name}")), "{end}");
    press(&mut app, KeyCode::Home);
    // Today's writes carry the real time of day; the snapshot hides it.
    let detail =
        detail.replace(&format!("{} {}", common::TODAY, app_time(&detail)), &format!("{} --:--", common::TODAY));
    insta::assert_snapshot!("lead_detail", detail);
    press(&mut app, KeyCode::Esc);

    // Plan the next follow-up: f, Enter (tomorrow). The lead leaves today's queue.
    let before = screen(&app);
    press(&mut app, KeyCode::Char('f'));
    press(&mut app, KeyCode::Enter);
    assert!(app.message().unwrap().contains("Tue 24 Nov"), "{:?}", app.message());
    assert_ne!(before, screen(&app));

    // Win the next lead: w, type the amount, Enter.
    press(&mut app, KeyCode::Down);
    press(&mut app, KeyCode::Char('w'));
    press(&mut app, KeyCode::Char('u')); // typed into the amount field after what is there
    for _ in 0..20 {
        press(&mut app, KeyCode::Backspace);
    }
    type_text(&mut app, "4800");
    press(&mut app, KeyCode::Enter);
    assert!(app.message().unwrap().contains("is now won"), "{:?}", app.message());

    // Lost needs a reason: an empty one is refused in the form.
    press(&mut app, KeyCode::Char('l'));
    press(&mut app, KeyCode::Enter);
    assert!(screen(&app).contains("say why the lead was lost"));
    type_text(&mut app, "price");
    press(&mut app, KeyCode::Enter);
    assert!(app.message().unwrap().contains("is now lost"), "{:?}", app.message());
}

#[test]
fn a_new_lead_that_is_a_duplicate_is_named_in_the_form() {
    let mut app = app();
    let existing = {
        let store = common::demo_store();
        store::leads::get(store.conn(), 1).unwrap()
    };
    press(&mut app, KeyCode::Char('n'));
    type_text(&mut app, "Someone New");
    press(&mut app, KeyCode::Tab);
    press(&mut app, KeyCode::Tab);
    type_text(&mut app, existing.phone.as_deref().unwrap());
    press(&mut app, KeyCode::Enter);
    let s = screen(&app);
    assert!(s.contains("this looks like lead 1"), "{s}");
}

#[test]
fn assigning_a_pool_lead_proposes_a_rep() {
    let mut app = app();
    // The unassigned leads follow the due ones; find the first "new" row.
    for _ in 0..60 {
        if screen(&app).lines().any(|l| l.contains("▶ ○ new")) {
            break;
        }
        press(&mut app, KeyCode::Down);
    }
    press(&mut app, KeyCode::Char('a'));
    let form = screen(&app);
    assert!(form.contains("Assign"), "{form}");
    press(&mut app, KeyCode::Enter);
    assert!(app.message().unwrap().contains("assigned to"), "{:?}", app.message());
}

/// The time of day written after today's date on a screen, if any.
fn app_time(screen: &str) -> String {
    screen.split(&format!("{} ", common::TODAY)).nth(1).map(|rest| rest.chars().take(5).collect()).unwrap_or_default()
}

#[test]
fn the_leads_tab_has_other_views() {
    let mut app = app();
    press(&mut app, KeyCode::Char('v'));
    let all = screen(&app);
    assert!(all.contains("All open leads"));
    assert!(all.contains("follow-up") && all.contains("· planned – nothing planned"), "{all}");
    press(&mut app, KeyCode::Char('v'));
    let by_rep = screen(&app);
    insta::assert_snapshot!("leads_by_rep", by_rep);
    // The first row under the title and the column names is the first rep's heading; the
    // cursor stands on their first lead, not on it.
    let first = by_rep.lines().nth(3).unwrap();
    assert!(first.starts_with("│") && first.contains(" · ") && !first.contains('▶'), "{by_rep}");
    assert!(by_rep.lines().nth(4).unwrap().contains('▶'), "{by_rep}");
    press(&mut app, KeyCode::Char('G'));
    let last = screen(&app);
    let bottom = last.lines().find(|l| l.contains('▶')).unwrap();
    assert!(bottom.contains(" pool "), "the pool comes last:\n{last}");
    press(&mut app, KeyCode::Char('v'));
    let by_stage = screen(&app);
    assert!(by_stage.contains("Open leads by stage"), "{by_stage}");
    assert!(by_stage.lines().nth(3).unwrap().contains("new · "), "new leads first:\n{by_stage}");
    assert!(by_stage.lines().nth(4).unwrap().contains('▶'), "a new view opens at its top:\n{by_stage}");
    press(&mut app, KeyCode::Char('v'));
    assert!(screen(&app).contains("Today's review"));
}

#[test]
fn a_wide_terminal_shows_the_phone_and_the_value_and_a_larger_detail() {
    let app = app();
    let wide = headless::render(&app, 160, 45).unwrap();
    insta::assert_snapshot!("leads_160x45", wide);
    let header = wide.lines().nth(2).unwrap();
    assert!(header.contains("phone") && header.contains("value"), "{header}");
    assert!(!screen(&app).lines().nth(2).unwrap().contains("phone"), "100 columns keep the narrow list");
}

#[test]
fn merge_finds_the_lead_to_keep_by_searching() {
    let mut app = app();
    press(&mut app, KeyCode::Char('m'));
    let opened = screen(&app);
    assert!(opened.contains("to find the lead to keep"), "{opened}");
    let gone: i64 = opened.split("(#").nth(1).and_then(|r| r.split(')').next()).unwrap().parse().unwrap();
    let (kept, kept_name, phone): (i64, String, String) = common::demo_store()
        .conn()
        .query_row(
            "SELECT id, name, phone FROM leads WHERE id <> ?1 AND phone IS NOT NULL ORDER BY id DESC LIMIT 1",
            [gone],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
        )
        .unwrap();
    // The phone as a person reads it off a card: its last eight digits, spaced.
    let digits: String = phone.chars().filter(char::is_ascii_digit).collect();
    let tail = &digits[digits.len() - 8..];
    type_text(&mut app, &format!("{} {}", &tail[..4], &tail[4..]));
    // The search waits for a pause in the typing, so no key waits on it.
    assert!(screen(&app).contains("Searching…"), "{}", screen(&app));
    std::thread::sleep(std::time::Duration::from_millis(200));
    assert!(app.tick());
    let found = screen(&app);
    assert!(found.contains(&format!("#{kept} {kept_name}")), "{found}");
    assert!(!found.contains(&format!("#{gone} ")), "the lead being merged is not offered:\n{found}");
    // Down to the choice, then along it to the lead to keep.
    press(&mut app, KeyCode::Down);
    for _ in 0..6 {
        if screen(&app).contains(&format!("▶ #{kept} ")) {
            break;
        }
        press(&mut app, KeyCode::Right);
    }
    press(&mut app, KeyCode::Enter);
    let merged = screen(&app);
    assert!(merged.contains(&format!("Merged into {kept_name} (#{kept})")), "{merged}");
}

/// The seed-7 week with a conflict of every rep kind: an overlap, a shift outside the rep's
/// windows, one in their time off, too little rest, and a rep over their hours.
fn schedule_with_conflicts() -> App {
    use repdesk::domain::model::{Location, Shift, ShiftStatus, TimeOff};
    use repdesk::service::schedule;
    let mut store = common::demo_store();
    let id = |store: &Store, name: &str| store::reps::by_name(store.conn(), name).unwrap().id;
    let day = |d: u32| chrono::NaiveDate::from_ymd_opt(2026, 11, d).unwrap();
    let shift = |rep_id: i64, date, start: u32, end: u32| Shift {
        id: 0,
        rep_id,
        date,
        start_min: start * 60,
        end_min: end * 60,
        location: Location::Store,
        status: ShiftStatus::Scheduled,
    };
    let (ben, david, tang, he) =
        (id(&store, "Ben Carter"), id(&store, "David Green"), id(&store, "唐艳"), id(&store, "何欣怡"));
    let off = TimeOff { rep_id: david, from: day(27), to: day(28), reason: Some("exams".into()) };
    schedule::add_time_off(&mut store, &off).unwrap();
    for s in [
        shift(ben, day(25), 19, 22),
        shift(david, day(27), 10, 14),
        shift(tang, day(23), 5, 8),
        shift(tang, day(22), 20, 23),
        shift(he, day(26), 9, 14),
    ] {
        schedule::save_shift(&mut store, &s).unwrap();
    }
    let mut app = App::new(store, common::ctx()).unwrap();
    app.select(Tab::Schedule);
    app
}

#[test]
fn the_week_grid_shows_conflicts_at_small_and_large_sizes() {
    let app = schedule_with_conflicts();
    let small = headless::render(&app, 80, 24).unwrap();
    assert!(small.contains("⚠"), "{small}");
    insta::assert_snapshot!("schedule_conflicts_80x24", small);
    let large = headless::render(&app, 160, 45).unwrap();
    for text in ["overlaps", "outside their availability", "time off", "of rest", "over their 12 h"] {
        assert!(large.contains(text), "{text}:\n{large}");
    }
    insta::assert_snapshot!("schedule_conflicts_160x45", large);
}

/// The days' headers carry their dates, and each day's coverage stands under its column.
#[test]
fn the_days_carry_their_dates_and_the_needs_line_up_with_them() {
    let mut app = app();
    press(&mut app, KeyCode::Char('2'));
    for (w, h) in [(80u16, 24u16), (160, 45)] {
        let text = headless::render(&app, w, h).unwrap();
        let header = text.lines().nth(2).unwrap();
        let needs = text.lines().find(|l| l.contains("needs")).unwrap();
        let column = |line: &str, at: usize| unicode_width::UnicodeWidthStr::width(&line[..at]);
        for (day, date) in ["Mon 23", "Tue 24", "Wed 25", "Thu 26", "Fri 27", "Sat 28", "Sun 29"].iter().enumerate() {
            let x = column(header, header.find(date).unwrap_or_else(|| panic!("{date}:\n{text}")));
            // The needs line at that column: a figure (`2/3`, `3/3⚠`) or a dash, not a space.
            let below: String = needs
                .chars()
                .scan(0, |w, c| {
                    let at = *w;
                    *w += unicode_width::UnicodeWidthChar::width(c).unwrap_or(0);
                    Some((at, c))
                })
                .filter(|(at, _)| *at >= x)
                .map(|(_, c)| c)
                .take(3)
                .collect();
            assert!(
                below.starts_with(|c: char| c.is_ascii_digit() || c == '—'),
                "day {day} {w}x{h}: '{below}'\n{text}"
            );
        }
    }
}

/// The list under a small grid counts the conflicts it leaves out, and `c` shows them all.
#[test]
fn c_shows_every_conflict_the_grid_leaves_out() {
    let mut app = schedule_with_conflicts();
    let last = "Sat 28 Nov store 13:00–18:00: 0 of 2 covered";
    let small = headless::render(&app, 80, 24).unwrap();
    assert!(small.contains("… and 11 more: c lists them all"), "{small}");
    assert!(!small.contains(last), "{small}");
    press(&mut app, KeyCode::Char('c'));
    let popup = screen(&app);
    assert!(popup.contains("Conflicts · week 48"), "{popup}");
    for text in ["over their 12 h", "falls in their time off", last] {
        assert!(popup.contains(text), "{text}:\n{popup}");
    }
    press(&mut app, KeyCode::Esc);
    assert!(!screen(&app).contains("Conflicts · week 48"));
}

/// A proposal longer than the screen keeps its keys in sight and says what it leaves out.
#[test]
fn a_long_proposal_keeps_its_keys_on_a_small_screen() {
    let mut app = app();
    press(&mut app, KeyCode::Char('2'));
    press(&mut app, KeyCode::Char(']'));
    press(&mut app, KeyCode::Char(']'));
    press(&mut app, KeyCode::Char('a'));
    let small = headless::render(&app, 80, 14).unwrap();
    assert!(small.contains("Add these"), "{small}");
    assert!(small.contains("y yes") && small.contains("n no"), "{small}");
    assert!(small.contains("more"), "{small}");
    press(&mut app, KeyCode::Char('y'));
    assert!(app.message().unwrap().starts_with("Added "), "{:?}", app.message());
}

/// A second shift the same day: `n` adds it after the first, `s` picks it, `d` deletes it.
#[test]
fn two_shifts_in_one_cell_are_each_reachable() {
    let mut app = app();
    press(&mut app, KeyCode::Char('2'));
    press(&mut app, KeyCode::Down);
    press(&mut app, KeyCode::Down);
    press(&mut app, KeyCode::Char('n'));
    let form = screen(&app);
    assert!(form.contains("New shift · Frank Davis · Mon 23 Nov") && form.contains("18:00"), "{form}");
    press(&mut app, KeyCode::Enter);
    assert!(app.message().unwrap().starts_with("Saved the shift on Mon 23 Nov"), "{:?}", app.message());
    // At 100 columns the cell keeps the first shift and counts the other; at 160 both show.
    assert!(screen(&app).contains("9–18⚠+1"), "{}", screen(&app));
    let wide = headless::render(&app, 160, 45).unwrap();
    assert!(wide.contains("09–18·S 18–22⚠S"), "{wide}");
    press(&mut app, KeyCode::Char('s'));
    assert_eq!(app.message(), Some("Shift 2 of 2 that day: 18:00–22:00 store. Enter edits it, d deletes, x marks."));
    assert!(screen(&app).contains("18⚠+1"), "the picked one is the one shown:\n{}", screen(&app));
    // Side by side, the shift s picked keeps the cursor's look and the other loses it.
    let buf = headless::buffer(&app, 160, 45).unwrap();
    let text = headless::to_text(&buf);
    let (y, line) = text.lines().enumerate().find(|(_, l)| l.contains("09–18·S 18–22⚠S")).unwrap();
    let x = unicode_width::UnicodeWidthStr::width(&line[..line.find("09–18·S").unwrap()]) as u16;
    let reversed = |x: u16| buf[(x, y as u16)].modifier.contains(ratatui::style::Modifier::REVERSED);
    assert!(!reversed(x) && reversed(x + 8), "the second shift is the one under the cursor");
    press(&mut app, KeyCode::Char('d'));
    press(&mut app, KeyCode::Char('y'));
    press(&mut app, KeyCode::Char('s'));
    assert_eq!(app.message(), Some("Shift 1 of 1 that day: 09:00–18:00 store. Enter edits it, d deletes, x marks."));
}

/// Next week planned from the keyboard: a shift added on a cell, deleted again, last week
/// copied, short slots filled, a past shift marked, availability and time off opened.
#[test]
fn planning_a_week_from_the_keyboard() {
    let mut app = app();
    press(&mut app, KeyCode::Char('2'));
    // Tuesday of the first rep (Ben Carter has no Tuesday shift this week).
    press(&mut app, KeyCode::Right);
    press(&mut app, KeyCode::Char('n'));
    assert!(screen(&app).contains("New shift · Ben Carter · Tue 24 Nov"), "{}", screen(&app));
    press(&mut app, KeyCode::Enter);
    assert!(app.message().unwrap().starts_with("Saved the shift on Tue 24 Nov"), "{:?}", app.message());
    press(&mut app, KeyCode::Char('d'));
    assert!(screen(&app).contains("Delete Ben Carter's shift on Tue 24 Nov?"));
    press(&mut app, KeyCode::Char('y'));
    assert_eq!(app.message(), Some("Deleted the shift on Tue 24 Nov."));
    // An empty cell has nothing to delete.
    press(&mut app, KeyCode::Char('d'));
    assert!(app.message().unwrap().starts_with("No shift here"));

    // Next week: copy this week into it, then fill what is still short.
    press(&mut app, KeyCode::Char(']'));
    assert!(screen(&app).contains("Week 49"));
    press(&mut app, KeyCode::Char('y'));
    // Up front, how many shifts the week holds already.
    let asked = screen(&app);
    assert!(asked.contains("It has 23 shift(s)"), "{asked}");
    press(&mut app, KeyCode::Char('y'));
    assert!(app.message().unwrap().starts_with("Copied "), "{:?}", app.message());
    // What was left out is listed with why; Esc goes back to the grid.
    let skipped = screen(&app);
    assert!(skipped.contains("not copied") && skipped.contains("over their"), "{skipped}");
    press(&mut app, KeyCode::Esc);
    press(&mut app, KeyCode::Char('a'));
    let proposal = screen(&app);
    if proposal.contains("Add these") {
        press(&mut app, KeyCode::Char('y'));
        assert!(app.message().unwrap().starts_with("Added "), "{:?}", app.message());
    } else {
        let said = app.message().map(str::to_string).unwrap_or_else(|| screen(&app));
        assert!(said.contains("Nothing to fill"), "{proposal}");
        press(&mut app, KeyCode::Esc);
    }
    // A second fill finds nothing to add, and says why each slot still short stays open.
    press(&mut app, KeyCode::Char('a'));
    let open = screen(&app);
    assert!(open.contains("Nothing to fill: no rep can take these slots"), "{open}");
    assert!(open.contains("more needed — ") && open.contains("not available then"), "{open}");
    press(&mut app, KeyCode::Esc);

    // Back to this week: Monday of Frank Davis (09–18) has happened, so it can be marked.
    press(&mut app, KeyCode::Char('t'));
    for _ in 0..7 {
        press(&mut app, KeyCode::Left);
    }
    press(&mut app, KeyCode::Down);
    press(&mut app, KeyCode::Down);
    press(&mut app, KeyCode::Char('x'));
    assert_eq!(app.message(), Some("The shift on Mon 23 Nov is worked."));
    press(&mut app, KeyCode::Char('x'));
    assert_eq!(app.message(), Some("The shift on Mon 23 Nov is no-show."));
    assert!(screen(&app).contains("✗9–18·S"), "{}", screen(&app));
    press(&mut app, KeyCode::Char('x'));
    assert_eq!(app.message(), Some("The shift on Mon 23 Nov is worked."));

    press(&mut app, KeyCode::Char('v'));
    assert!(screen(&app).contains("Availability · Frank Davis"));
    press(&mut app, KeyCode::Esc);
    press(&mut app, KeyCode::Char('o'));
    assert!(screen(&app).contains("Time off · Frank Davis"));
    press(&mut app, KeyCode::Tab);
    press(&mut app, KeyCode::Tab);
    type_text(&mut app, "dentist");
    press(&mut app, KeyCode::Enter);
    assert_eq!(app.message(), Some("Frank Davis is off 2026-11-23 to 2026-11-23."));
    assert!(screen(&app).contains("falls in their time off"), "{}", screen(&app));
}

/// `u` undoes the last change made in the app, `u` again redoes it, and `H` lists both.
#[test]
fn u_undoes_the_last_change_and_again_redoes_it() {
    let mut app = app();
    press(&mut app, KeyCode::Char('u'));
    assert!(app.message().unwrap().contains("Nothing to undo"), "{:?}", app.message());
    press(&mut app, KeyCode::Char('7'));
    let before = screen(&app);
    press(&mut app, KeyCode::Char('x'));
    press(&mut app, KeyCode::Char('y'));
    let deactivated = screen(&app);
    assert!(deactivated.contains("7 active reps"), "{deactivated}");
    press(&mut app, KeyCode::Char('u'));
    let undone = screen(&app);
    assert!(app.message().unwrap().starts_with("Undid #"), "{:?}", app.message());
    insta::assert_snapshot!("undo_after_u", undone);
    // The screen is as it was before the change, but for the status line.
    let body = |s: &str| s.lines().take(s.lines().count() - 1).collect::<Vec<_>>().join("\n");
    assert_eq!(body(&undone), body(&before));
    press(&mut app, KeyCode::Char('u'));
    assert!(app.message().unwrap().starts_with("Redid #"), "{:?}", app.message());
    assert_eq!(body(&screen(&app)), body(&deactivated));
    press(&mut app, KeyCode::Char('H'));
    let listed = screen(&app);
    assert!(listed.contains("History of changes") && listed.contains("deactivated"), "{listed}");
    assert!(listed.contains("undid #"), "{listed}");
    // From the history, any change: the oldest here is the deactivation, which the redo put
    // back, so it may be undone again from there; the app asks first.
    press(&mut app, KeyCode::Down);
    press(&mut app, KeyCode::Down);
    press(&mut app, KeyCode::Enter);
    assert!(screen(&app).contains("Undo #2: deactivated Ben Carter?"), "{}", screen(&app));
    press(&mut app, KeyCode::Char('y'));
    assert!(app.message().unwrap().starts_with("Undid #2"), "{:?}", app.message());
    assert!(screen(&app).contains("8 active reps"));
    // The first undo (#3) cannot be undone now: the newest change to that row (#5) comes first.
    press(&mut app, KeyCode::Char('H'));
    press(&mut app, KeyCode::Down);
    press(&mut app, KeyCode::Down);
    press(&mut app, KeyCode::Enter);
    assert!(screen(&app).contains("Undo #3"), "{}", screen(&app));
    press(&mut app, KeyCode::Char('y'));
    assert!(app.message().unwrap().contains("undo #5 first"), "{:?}", app.message());
}

/// `p` puts the selected lead back in the pool after asking, and `u` gives it back.
#[test]
fn p_puts_a_lead_back_in_the_pool_and_u_gives_it_back() {
    let mut app = app();
    let (name, owner) = selected_lead(&screen(&app));
    press(&mut app, KeyCode::Char('p'));
    let asked = screen(&app);
    assert!(asked.contains(&format!("Put {name} back in the pool? {owner} loses it")), "{asked}");
    press(&mut app, KeyCode::Char('y'));
    assert!(app.message().unwrap().ends_with("is back in the pool."), "{:?}", app.message());
    press(&mut app, KeyCode::Char('u'));
    assert!(app.message().unwrap().starts_with("Undid #"), "{:?}", app.message());
    assert!(app.message().unwrap().contains("back in the pool"), "{:?}", app.message());
}

/// At 80x24 the help still shows every key of the screen, the last ones too (two columns).
#[test]
fn help_fits_every_key_on_a_small_screen() {
    let mut app = app();
    press(&mut app, KeyCode::Char('7'));
    press(&mut app, KeyCode::Char('?'));
    let small = headless::render(&app, 80, 24).unwrap();
    for text in ["new rep", "undo the last", "history of", "quit"] {
        assert!(small.contains(text), "help lacks {text}:\n{small}");
    }
}

/// A search of the leads that finds nothing says so, rather than that there is nothing to review.
#[test]
fn a_search_that_finds_nothing_says_so() {
    let mut app = app();
    press(&mut app, KeyCode::Char('/'));
    type_text(&mut app, "zzzq");
    press(&mut app, KeyCode::Enter);
    let s = screen(&app);
    assert!(s.contains("No lead matches 'zzzq'"), "{s}");
    assert!(!s.contains("Nothing to review today"), "{s}");
}

/// Ctrl-C leaves from anywhere: at once from a list or an untouched form, after asking when a
/// form holds what was typed.
#[test]
fn ctrl_c_quits_from_anywhere_asking_when_a_form_holds_input() {
    let ctrl_c = KeyEvent::new(KeyCode::Char('c'), KeyModifiers::CONTROL);
    let mut untouched = app();
    press(&mut untouched, KeyCode::Char('n'));
    untouched.on_key(ctrl_c);
    assert!(untouched.should_quit());
    let mut typed = app();
    press(&mut typed, KeyCode::Char('n'));
    type_text(&mut typed, "王芳");
    typed.on_key(ctrl_c);
    assert!(!typed.should_quit(), "it asks first");
    assert!(screen(&typed).contains("Quit and lose what this form holds?"));
    press(&mut typed, KeyCode::Char('n'));
    assert!(!typed.should_quit() && screen(&typed).contains("王芳"), "no keeps the form as it was");
    typed.on_key(ctrl_c);
    press(&mut typed, KeyCode::Char('y'));
    assert!(typed.should_quit());
    let mut filtering = app();
    press(&mut filtering, KeyCode::Char('/'));
    filtering.on_key(ctrl_c);
    assert!(filtering.should_quit(), "from the filter prompt too");
}

/// A follow-up on a day gone by is asked about first; the log form offers the same presets as f.
#[test]
fn a_follow_up_in_the_past_is_asked_about_and_the_log_form_has_the_presets() {
    let mut app = app();
    press(&mut app, KeyCode::Char('f'));
    press(&mut app, KeyCode::Tab);
    type_text(&mut app, "2026-11-20");
    press(&mut app, KeyCode::Enter);
    let s = screen(&app);
    assert!(app.popup_open() && s.contains("has passed"), "{s}");
    press(&mut app, KeyCode::Enter);
    assert!(!app.popup_open(), "the second Enter keeps the day");
    assert!(app.message().is_some_and(|m| m.contains("Fri 20 Nov")), "{:?}", app.message());
    // The log form: tomorrow, in 3 days, in a week, none.
    press(&mut app, KeyCode::Char('c'));
    for _ in 0..3 {
        press(&mut app, KeyCode::Tab);
    }
    press(&mut app, KeyCode::Right);
    let s = screen(&app);
    assert!(s.contains("tomorrow (Tue 24 Nov)"), "{s}");
    press(&mut app, KeyCode::Enter);
    assert!(!app.popup_open());
    assert!(app.message().is_some_and(|m| m.starts_with("Logged")), "{:?}", app.message());
}

/// Won on a lead nobody owns: the form asks who won it, and the hand-over and the sale are one
/// change, which u takes back whole.
#[test]
fn won_on_a_pool_lead_asks_who_won_it_in_the_same_form() {
    let store = common::demo_store();
    let name: String = store
        .conn()
        .query_row(
            "SELECT name FROM leads WHERE owner_id IS NULL AND stage NOT IN ('won', 'lost') ORDER BY id LIMIT 1",
            [],
            |r| r.get(0),
        )
        .unwrap();
    let mut app = App::new(store, common::ctx()).unwrap();
    press(&mut app, KeyCode::Char('/'));
    type_text(&mut app, &name);
    press(&mut app, KeyCode::Enter);
    press(&mut app, KeyCode::Char('w'));
    let s = screen(&app);
    assert!(s.contains("Won by"), "{s}");
    press(&mut app, KeyCode::Tab);
    type_text(&mut app, "1250");
    press(&mut app, KeyCode::Enter);
    assert!(!app.popup_open(), "{}", screen(&app));
    assert!(app.message().is_some_and(|m| m.contains("won")), "{:?}", app.message());
    let s = screen(&app);
    let row_of =
        |s: &str| s.lines().find(|l| l.contains('▶') && l.contains(name.as_str())).unwrap_or_default().to_string();
    let row = row_of(&s);
    assert!(row.contains("won") && s.contains("· owner "), "owned and won: {s}");
    press(&mut app, KeyCode::Char('u'));
    let s = screen(&app);
    let row = row_of(&s);
    assert!(!row.contains("won") && s.contains("in the pool"), "back in the pool, open: {s}");
}

/// Lost offers the common reasons, or the owner's own list from the settings, and words of
/// one's own; what is picked is the reason stored.
#[test]
fn lost_offers_the_common_reasons_and_the_owners_own_list() {
    let mut app = app();
    press(&mut app, KeyCode::Char('l'));
    press(&mut app, KeyCode::Right);
    let s = screen(&app);
    assert!(s.contains("‹ price ›"), "{s}");
    press(&mut app, KeyCode::Enter);
    assert!(!app.popup_open(), "{}", screen(&app));
    assert!(screen(&app).contains("lost"), "{}", screen(&app));
    // The owner's own list.
    let mut store = common::demo_store();
    repdesk::service::set_text(&mut store, repdesk::store::settings::LOST_REASONS, "太贵;去了别家").unwrap();
    let mut app = App::new(store, common::ctx()).unwrap();
    press(&mut app, KeyCode::Char('l'));
    press(&mut app, KeyCode::Right);
    press(&mut app, KeyCode::Right);
    let s = screen(&app);
    assert!(s.contains("‹ 去了别家 ›"), "{s}");
}

/// A lead's detail scrolls with PgDn/End and Home, stops when its last line shows, and its
/// footer lists its keys.
#[test]
fn the_detail_scrolls_and_stops_at_its_end() {
    let mut app = app();
    press(&mut app, KeyCode::Enter);
    let small = |app: &App| headless::render(app, 80, 14).unwrap();
    let top = small(&app);
    assert!(top.contains("PgDn"), "the footer lists the detail's keys: {top}");
    press(&mut app, KeyCode::End);
    let end = small(&app);
    assert_ne!(top, end);
    press(&mut app, KeyCode::PageDown);
    press(&mut app, KeyCode::Down);
    assert_eq!(small(&app), end, "nothing scrolls past the last line");
    press(&mut app, KeyCode::Home);
    assert_eq!(small(&app), top);
}

/// A message longer than the line wraps into the footer's next lines, so its end is read; the
/// next key clears it and the key hints come back.
#[test]
fn a_long_message_is_read_whole_and_the_next_key_clears_it() {
    let mut app = app();
    let long = "a sentence long enough to need more than one line of an eighty column terminal, ending with THE END";
    app.notify(long.to_string());
    let s = headless::render(&app, 80, 24).unwrap();
    assert!(s.contains("THE END"), "{s}");
    let tail: String = s.lines().rev().take(2).collect::<Vec<_>>().join(" ");
    assert!(tail.contains("eighty") && tail.contains("THE END"), "{s}");
    press(&mut app, KeyCode::Down);
    let s = headless::render(&app, 80, 24).unwrap();
    assert!(!s.contains("THE END") && s.lines().last().unwrap_or_default().contains("log a call"), "{s}");
}

/// A long line in a lead's detail wraps, and the detail still scrolls to its last row.
#[test]
fn a_wrapped_detail_still_scrolls_to_its_end() {
    let mut app = app();
    // A note on the first lead of the queue, long enough to wrap in a narrow terminal.
    press(&mut app, KeyCode::Char('c'));
    press(&mut app, KeyCode::Tab);
    press(&mut app, KeyCode::Tab);
    app.on_paste(&("a note long enough to wrap over several rows of a narrow terminal ".repeat(6) + "LAST WORDS"));
    press(&mut app, KeyCode::Enter);
    assert!(!app.popup_open(), "{}", screen(&app));
    press(&mut app, KeyCode::Enter);
    // The detail's last row, as a screen tall enough for all of it shows it.
    let tall = headless::render(&app, 60, 120).unwrap();
    assert!(tall.contains("LAST WORDS"), "{tall}");
    let last = tall
        .lines()
        .filter(|l| l.starts_with("│ │") || l.starts_with(" │"))
        .filter_map(|l| l.split('│').nth(2).map(str::trim).filter(|t| !t.is_empty()).map(str::to_string))
        .next_back()
        .unwrap_or_default();
    assert!(!last.is_empty(), "{tall}");
    press(&mut app, KeyCode::End);
    let small = headless::render(&app, 60, 16).unwrap();
    assert!(small.contains(&last), "End shows the detail's last row '{last}':\n{small}");
}

/// Help that does not fit scrolls to its last keys; a key that closes it is not also acted on.
#[test]
fn help_scrolls_when_it_does_not_fit_and_its_closing_key_does_nothing_else() {
    let mut app = app();
    press(&mut app, KeyCode::Char('?'));
    let short = |app: &App| headless::render(app, 80, 12).unwrap();
    let top = short(&app);
    assert!(!top.contains("history of changes"), "at 80x12 the last keys are below: {top}");
    for _ in 0..20 {
        press(&mut app, KeyCode::Down);
    }
    let bottom = short(&app);
    assert!(bottom.contains("history of changes"), "{bottom}");
    assert!(app.popup_open());
    press(&mut app, KeyCode::Char('n'));
    assert!(!app.popup_open(), "n closes help, and opens no new-lead form");
}

/// A new lead refused as one already there offers to open that lead; a new lead saved is the
/// row the list then stands on.
#[test]
fn a_duplicate_offers_the_lead_there_and_a_new_lead_is_selected() {
    let mut app = app();
    // The first lead of the queue, by its phone: the new one is the same customer.
    let s = screen(&app);
    let first = s.lines().nth(3).unwrap_or_default().split_whitespace().nth(3).unwrap_or_default().to_string();
    press(&mut app, KeyCode::Enter);
    let detail = screen(&app);
    press(&mut app, KeyCode::Esc);
    let phone = detail
        .lines()
        .find_map(|l| l.split("Phone").nth(1))
        .map(|p| p.trim_end_matches(['│', ' ']).trim().to_string())
        .unwrap_or_default();
    assert!(!phone.is_empty(), "{detail}");
    press(&mut app, KeyCode::Char('n'));
    type_text(&mut app, "Someone Else");
    press(&mut app, KeyCode::Tab);
    press(&mut app, KeyCode::Tab);
    type_text(&mut app, &phone);
    press(&mut app, KeyCode::Enter);
    let asked = screen(&app);
    assert!(asked.contains("already. Open it?"), "{asked}");
    press(&mut app, KeyCode::Char('y'));
    let opened = screen(&app);
    assert!(
        opened.contains(first.as_str()) && opened.contains(phone.as_str()) && opened.contains("Esc close"),
        "{opened}"
    );
    press(&mut app, KeyCode::Esc);
    press(&mut app, KeyCode::Esc);
    // A new customer, in the pool: saved, and the list stands on it.
    press(&mut app, KeyCode::Char('n'));
    type_text(&mut app, "全新客户");
    press(&mut app, KeyCode::Enter);
    assert!(!app.popup_open(), "{}", screen(&app));
    let s = screen(&app);
    let selected = s.lines().find(|l| l.contains('▶')).unwrap_or_default();
    assert!(selected.contains("全新客户"), "{s}");
}

/// Assign says why it proposes its rep and who holds the lead, and asks before taking a lead
/// its owner still protects.
#[test]
fn assign_says_why_and_asks_before_taking_a_protected_lead() {
    let mut app = app();
    press(&mut app, KeyCode::Char('a'));
    let s = screen(&app);
    assert!(s.contains("Proposed: "), "{s}");
    assert!(s.contains("protected to"), "the first lead is its owner's: {s}");
    // Another rep than its owner (Frank Garcia): the first Enter asks, the second hands it over.
    press(&mut app, KeyCode::Char('B'));
    press(&mut app, KeyCode::Enter);
    let asked = screen(&app);
    assert!(app.popup_open() && asked.contains("press Enter again"), "{asked}");
    press(&mut app, KeyCode::Enter);
    assert!(!app.popup_open(), "{}", screen(&app));
    assert!(app.message().is_some_and(|m| m.contains("assigned to Ben Carter")), "{:?}", app.message());
}

/// A target set from the Goals tab: `n`, who and what, the goal, Enter; `e` changes its goal,
/// `d` removes it after asking, and `u` gives it back.
#[test]
fn a_target_is_set_changed_and_removed_from_the_goals_tab() {
    let mut app = app();
    press(&mut app, KeyCode::Char('3'));
    press(&mut app, KeyCode::Char('n'));
    assert!(screen(&app).contains("New target · November 2026"), "{}", screen(&app));
    // The business's calls for the month.
    press(&mut app, KeyCode::Tab);
    for _ in 0..4 {
        press(&mut app, KeyCode::Right);
    }
    assert!(screen(&app).contains("‹ calls ›"), "{}", screen(&app));
    press(&mut app, KeyCode::Tab);
    type_text(&mut app, "400");
    press(&mut app, KeyCode::Enter);
    assert_eq!(app.message(), Some("Whole business: calls 400 in November 2026 (0 part(s) split off)."));
    let listed = screen(&app);
    // The business's targets are the gauges over the reps, each named by its metric.
    let row = listed.lines().find(|l| l.contains(" Calls ")).unwrap_or_else(|| panic!("{listed}"));
    assert!(row.contains("/ 400"), "{row}");
    // Up from the first rep onto the gauges, to stand on it and change the goal.
    for _ in 0..10 {
        if screen(&app).lines().any(|l| l.contains('▶') && l.contains(" Calls ")) {
            break;
        }
        press(&mut app, KeyCode::Up);
    }
    assert!(screen(&app).lines().any(|l| l.contains('▶') && l.contains(" Calls ")), "{}", screen(&app));
    press(&mut app, KeyCode::Char('e'));
    assert!(screen(&app).contains("Whole business · calls · November 2026"), "{}", screen(&app));
    press(&mut app, KeyCode::Backspace);
    press(&mut app, KeyCode::Backspace);
    press(&mut app, KeyCode::Backspace);
    type_text(&mut app, "abc");
    press(&mut app, KeyCode::Enter);
    assert!(screen(&app).contains("'abc' is not a whole number"), "{}", screen(&app));
    for _ in 0..3 {
        press(&mut app, KeyCode::Backspace);
    }
    type_text(&mut app, "500");
    press(&mut app, KeyCode::Enter);
    assert!(screen(&app).lines().any(|l| l.contains(" Calls ") && l.contains("/ 500")), "{}", screen(&app));
    press(&mut app, KeyCode::Char('d'));
    assert!(screen(&app).contains("Remove the calls target of Whole business for November 2026?"));
    press(&mut app, KeyCode::Char('y'));
    assert!(!screen(&app).lines().any(|l| l.contains(" Calls ") && l.contains(" / ")), "{}", screen(&app));
    assert_eq!(app.message(), Some("Removed the calls target for November 2026."));
    press(&mut app, KeyCode::Char('u'));
    assert!(screen(&app).lines().any(|l| l.contains(" Calls ") && l.contains("/ 500")), "{}", screen(&app));
}

/// `v` on the Leaderboard ranks teams, then channels, each its reps added up, then reps again.
#[test]
fn the_board_ranks_teams_and_channels_on_v() {
    let mut app = app();
    press(&mut app, KeyCode::Char('4'));
    press(&mut app, KeyCode::Char('v'));
    let teams = screen(&app);
    assert!(teams.contains("teams by revenue") && teams.lines().nth(2).unwrap().contains(" team "), "{teams}");
    press(&mut app, KeyCode::Char('v'));
    assert!(screen(&app).contains("channels by revenue"), "{}", screen(&app));
    press(&mut app, KeyCode::Char('v'));
    let places = screen(&app);
    assert!(places.contains("locations by revenue") && places.contains(" location "), "{places}");
    press(&mut app, KeyCode::Char('v'));
    assert!(screen(&app).contains("November 2026 · by revenue"), "{}", screen(&app));
}

/// Enter on the Leaderboard opens the rep's figures for the period with the deals behind them;
/// a wide, tall board adds the sparkline column and the bar chart of the metric.
#[test]
fn the_board_opens_a_reps_figures_and_draws_trends_and_a_chart_with_room() {
    let mut app = app();
    press(&mut app, KeyCode::Char('4'));
    let board = screen(&app);
    let first = board.lines().find(|l| l.contains('▶')).unwrap().to_string();
    press(&mut app, KeyCode::Enter);
    let opened = screen(&app);
    assert!(app.popup_open(), "{opened}");
    assert!(opened.contains("#1 by revenue") && opened.contains("Conversion"), "{opened}");
    assert!(opened.contains("Deals closed in the period:"), "{opened}");
    assert!(opened.contains("✓ won"), "{opened}");
    press(&mut app, KeyCode::Esc);
    assert!(!app.popup_open());
    let wide = headless::render(&app, 160, 45).unwrap();
    assert!(wide.contains("last 8 months") && wide.contains("├ revenue"), "{wide}");
    let row = wide.lines().find(|l| l.contains('▶')).unwrap();
    assert!(row.chars().any(|c| ('▁'..='█').contains(&c)), "a sparkline: {row}");
    assert!(first.contains('1'), "{first}");
    // `p` ranks quarters, each trend over eight of them.
    press(&mut app, KeyCode::Char('p'));
    let quarters = headless::render(&app, 160, 45).unwrap();
    assert!(quarters.contains("last 8 quarters") && quarters.contains("2026-Q4 · by revenue"), "{quarters}");
}

/// At 80 columns the board keeps every figure whole: the revenue and commission read as at 100.
#[test]
fn the_board_keeps_its_figures_whole_at_80_columns() {
    let mut app = app();
    press(&mut app, KeyCode::Char('4'));
    let amounts = |w: u16, h: u16| -> Vec<String> {
        let text = headless::render(&app, w, h).unwrap();
        let row = text.lines().find(|l| l.contains('▶')).unwrap().to_string();
        row.split_whitespace().filter(|t| t.starts_with('¥')).map(str::to_string).collect()
    };
    let (narrow, wide) = (amounts(80, 24), amounts(100, 30));
    assert_eq!(narrow.first(), wide.first(), "revenue");
    assert_eq!(narrow.last(), wide.last(), "commission");
}

/// A rep's record on the Reps tab lists their honours once the sweep has recorded them.
#[test]
fn the_reps_tab_shows_a_reps_honours() {
    let mut store = common::demo_store();
    let done = repdesk::service::honours::record_due(&mut store).unwrap();
    assert!(done.is_some_and(|d| d.value > 0));
    let honoured: String = store
        .conn()
        .query_row(
            "SELECT r.name FROM honours h JOIN reps r ON r.id = h.rep_id ORDER BY h.period_start DESC, h.id LIMIT 1",
            [],
            |r| r.get(0),
        )
        .unwrap();
    let mut app = App::new(store, common::ctx()).unwrap();
    press(&mut app, KeyCode::Char('7'));
    for _ in 0..20 {
        let s = screen(&app);
        if s.lines().any(|l| l.contains('▶') && l.contains(honoured.as_str())) {
            break;
        }
        press(&mut app, KeyCode::Down);
    }
    let s = screen(&app);
    let line = s.lines().find(|l| l.contains("Honours:")).unwrap_or_else(|| panic!("{s}"));
    assert!(line.contains("top "), "{s}");
}

/// On the Risks tab `Enter` goes to a flag's subject (a lead's detail, a slot's week) and `Esc`
/// comes back; `x` acknowledges the selected flag, `v` lists the acknowledged ones.
#[test]
fn a_risk_is_opened_acknowledged_and_listed_apart() {
    let mut app = app();
    press(&mut app, KeyCode::Char('5'));
    let first = screen(&app);
    let total: usize = first.lines().nth(1).unwrap().split_whitespace().nth(1).unwrap().parse().unwrap();
    assert!(first.contains(&format!("⚑ {total}")), "the top bar counts the list: {first}");
    // To an overdue lead: its detail, and Esc back to the list.
    while !screen(&app).lines().any(|l| l.contains('▶') && l.contains("overdue")) {
        press(&mut app, KeyCode::Down);
    }
    press(&mut app, KeyCode::Enter);
    assert!(app.popup_open() && screen(&app).contains("Company"), "{}", screen(&app));
    press(&mut app, KeyCode::Esc);
    assert!(!app.popup_open());
    // Acknowledged: one fewer open, one put aside.
    press(&mut app, KeyCode::Char('x'));
    assert!(screen(&app).contains("Put aside:"), "{}", screen(&app));
    press(&mut app, KeyCode::Enter);
    let after = screen(&app);
    assert!(after.contains(&format!("{} open · 1 acknowledged", total - 1)), "{after}");
    assert!(after.contains(&format!("⚑ {}", total - 1)), "{after}");
    press(&mut app, KeyCode::Char('v'));
    let hidden = screen(&app);
    assert!(hidden.contains("overdue") && hidden.contains("acknowledged"), "{hidden}");
    press(&mut app, KeyCode::Char('v'));
    // A short slot goes to the week's schedule; Esc comes back to the Risks tab.
    press(&mut app, KeyCode::Home);
    while !screen(&app).lines().any(|l| l.contains('▶') && l.contains("coverage")) {
        press(&mut app, KeyCode::Down);
    }
    // The slot's day, as its row names it: `Wed 25 store 09:00–13:00`.
    let row = screen(&app).lines().find(|l| l.contains('▶')).unwrap().to_string();
    let words: Vec<&str> = row.split_whitespace().collect();
    let at = words.iter().position(|w| *w == "coverage").unwrap();
    let (weekday, date) = (words[at + 1].to_string(), words[at + 2].to_string());
    press(&mut app, KeyCode::Enter);
    assert!(screen(&app).contains("Week 48"), "{}", screen(&app));
    // The cursor stands on that day: a new shift there is on it.
    press(&mut app, KeyCode::Char('n'));
    let form = screen(&app);
    assert!(form.contains(&format!("{weekday} {date} Nov")), "{weekday} {date}: {form}");
    press(&mut app, KeyCode::Esc);
    press(&mut app, KeyCode::Esc);
    assert!(screen(&app).contains(" open · "), "{}", screen(&app));
    // A rep behind pace goes to the Goals tab, standing on that rep.
    press(&mut app, KeyCode::Home);
    while !screen(&app).lines().any(|l| l.contains('▶') && l.contains(" pace ")) {
        press(&mut app, KeyCode::Down);
    }
    let row = screen(&app).lines().find(|l| l.contains('▶')).unwrap().to_string();
    let rep = row.split(" pace ").nth(1).unwrap().trim().split("  ").next().unwrap().to_string();
    press(&mut app, KeyCode::Enter);
    let goals = screen(&app);
    assert!(goals.contains("working day"), "{goals}");
    assert!(goals.lines().any(|l| l.contains('▶') && l.contains(rep.as_str())), "{rep}: {goals}");
    press(&mut app, KeyCode::Esc);
    assert!(screen(&app).contains(" open · "), "{}", screen(&app));
    // And `u` gives the acknowledgement back.
    press(&mut app, KeyCode::Char('u'));
    assert!(screen(&app).contains(&format!("{total} open · 0 acknowledged")), "{}", screen(&app));
}

/// `Enter` on a flag of each kind of subject the demo has, and on a rep who left and a shift
/// outside availability made here: each lands where its fix is, and `Esc` comes back.
#[test]
fn enter_takes_each_kind_of_flag_to_its_fix() {
    use repdesk::domain::model::{Location, Shift, ShiftStatus};
    let mut store = common::demo_store();
    // A rep who leaves with open leads, and a shift at night, outside anyone's availability.
    let leaving: i64 = store
        .conn()
        .query_row(
            "SELECT owner_id FROM leads WHERE owner_id IS NOT NULL AND stage NOT IN ('won', 'lost')
             GROUP BY owner_id ORDER BY owner_id LIMIT 1",
            [],
            |r| r.get(0),
        )
        .unwrap();
    let name: String = store.conn().query_row("SELECT name FROM reps WHERE id = ?1", [leaving], |r| r.get(0)).unwrap();
    store
        .change(|w| -> Result<((), store::changes::Summary), store::StoreError> {
            store::reps::set_active(w, leaving, false)?;
            Ok(((), store::changes::Summary::new("change.rep_deactivate")))
        })
        .unwrap();
    let other: i64 = store.conn().query_row("SELECT MIN(id) FROM reps WHERE active = 1", [], |r| r.get(0)).unwrap();
    let night = Shift {
        id: 0,
        rep_id: other,
        date: common::today() + chrono::Duration::days(3),
        start_min: 22 * 60,
        end_min: 23 * 60,
        location: Location::Store,
        status: ShiftStatus::Scheduled,
    };
    repdesk::service::schedule::save_shift(&mut store, &night).unwrap();
    let mut app = App::new(store, common::ctx()).unwrap();
    press(&mut app, KeyCode::Char('5'));
    let to = |app: &mut App, kind: &str| -> String {
        press(app, KeyCode::Home);
        for _ in 0..400 {
            if screen(app).lines().any(|l| l.contains('▶') && l.contains(kind)) {
                let row = screen(app).lines().find(|l| l.contains('▶')).unwrap().to_string();
                press(app, KeyCode::Enter);
                return row;
            }
            press(app, KeyCode::Down);
        }
        panic!("no {kind} flag: {}", screen(app));
    };
    let back = |app: &mut App| {
        press(app, KeyCode::Esc);
        assert!(screen(app).contains(" open · "), "{}", screen(app));
    };
    // A poacher: the rep's record on the Reps tab, standing on them.
    let row = to(&mut app, " poacher ");
    let rep = row.split(" poacher ").nth(1).unwrap().trim().split("  ").next().unwrap().to_string();
    let reps = screen(&app);
    assert!(reps.contains(" active reps "), "{reps}");
    assert!(reps.lines().any(|l| l.contains('▶') && l.contains(rep.as_str())), "{rep}: {reps}");
    back(&mut app);
    // A poaching attempt: the lead's detail.
    to(&mut app, " poaching ");
    assert!(app.popup_open() && screen(&app).contains("Company"), "{}", screen(&app));
    press(&mut app, KeyCode::Esc);
    // A review overdue: the Reviews tab, standing on that rep, who is marked due.
    let row = to(&mut app, " review ");
    let rep = row.split(" review ").nth(1).unwrap().trim().split("  ").next().unwrap().to_string();
    let reviews = screen(&app);
    assert!(reviews.contains(" due for a review "), "{reviews}");
    let at = reviews.lines().find(|l| l.contains('▶')).unwrap_or_default();
    assert!(at.contains(rep.as_str()) && at.contains('‼'), "{rep}: {reviews}");
    back(&mut app);
    // The rep who left: the Reps tab, inactive reps shown, standing on them.
    to(&mut app, " left ");
    let reps = screen(&app);
    assert!(reps.lines().any(|l| l.contains('▶') && l.contains(name.as_str())), "{name}: {reps}");
    back(&mut app);
    // The night shift: its week in the Schedule, standing on its day.
    to(&mut app, " availability ");
    assert!(screen(&app).contains("Week 48"), "{}", screen(&app));
    press(&mut app, KeyCode::Char('n'));
    let form = screen(&app);
    assert!(form.contains(&night.date.format("%a %-d %b").to_string()), "{}: {form}", night.date);
    press(&mut app, KeyCode::Esc);
    back(&mut app);
}

fn key(app: &mut App, code: KeyCode, modifiers: KeyModifiers) {
    app.on_key(KeyEvent::new(code, modifiers));
}

/// A review written in the app: the form opens on the period's figures, the texts take several
/// lines of Chinese (Enter starts a line, a wide character is one step of the cursor, a long
/// text scrolls inside its field), Ctrl+S saves, Enter opens it, `e` edits it and `u` undoes
/// the edit.
#[test]
fn a_review_written_in_the_app_with_lines_of_chinese() {
    let mut app = app();
    press(&mut app, KeyCode::Char('6'));
    press(&mut app, KeyCode::Char('n'));
    let s = screen(&app);
    assert!(s.contains("New review: Ben Carter"), "{s}");
    // Proposed: the quarter after Ben's last, not over on 23 Nov, so the form says so.
    assert!(s.contains("2026-Q4") && s.contains("is not over yet"), "{s}");
    assert!(s.contains("Enter save") && !s.contains("new line"), "a one-line field: {s}");
    for _ in 0.."2026-Q4".len() {
        press(&mut app, KeyCode::Backspace);
    }
    type_text(&mut app, "2026-10");
    std::thread::sleep(std::time::Duration::from_millis(200));
    assert!(app.tick(), "the figures are read again once the typing paused");
    press(&mut app, KeyCode::Tab);
    press(&mut app, KeyCode::Right); // results 4
    for _ in 0..4 {
        press(&mut app, KeyCode::Tab);
    }
    let s = screen(&app);
    assert!(s.contains("October 2026, as measured"), "the figures follow the period typed: {s}");
    assert!(s.contains("Enter new line") && s.contains("C-s save"), "the footer of a text of lines: {s}");
    // Strengths: two lines, the second edited across a wide character.
    type_text(&mut app, "沟通清楚");
    press(&mut app, KeyCode::Enter);
    type_text(&mut app, "客户回访芳及时");
    for _ in 0..2 {
        press(&mut app, KeyCode::Left);
    }
    press(&mut app, KeyCode::Backspace);
    // Improvements: more lines than the field shows; the last stays in view.
    press(&mut app, KeyCode::Tab);
    for i in 1..=6 {
        type_text(&mut app, &format!("第{i}条：每周拜访老客户"));
        if i < 6 {
            press(&mut app, KeyCode::Enter);
        }
    }
    let s = headless::render(&app, 80, 24).unwrap();
    insta::assert_snapshot!("review_form_lines", s);
    assert!(s.contains("第6条") && !s.contains("第1条"), "scrolled to the last line: {s}");
    for line in s.lines() {
        assert_eq!(unicode_width::UnicodeWidthStr::width(line), 80, "borders stay put: {line}");
    }
    key(&mut app, KeyCode::Char('s'), KeyModifiers::CONTROL);
    let s = screen(&app);
    assert!(s.contains("Saved the review of Ben Carter, October 2026"), "{s}");
    assert!(s.contains("2026-10"), "the latest period now: {s}");
    press(&mut app, KeyCode::Enter);
    let page = headless::render(&app, 100, 60).unwrap();
    assert!(page.contains("  沟通清楚 "), "{page}");
    assert!(page.contains("  客户回访及时 ") && !page.contains("回访芳"), "{page}");
    assert!(page.contains("第1条：每周拜访老客户") && page.contains("Results               ★★★★☆ 4"), "{page}");
    assert!(page.contains("next review 14 Dec 2026"), "the next date followed the period: {page}");
    press(&mut app, KeyCode::Esc);
    // An edit, then undone: the text is back as written.
    press(&mut app, KeyCode::Char('e'));
    for _ in 0..4 {
        press(&mut app, KeyCode::Tab);
    }
    type_text(&mut app, "！");
    key(&mut app, KeyCode::Char('s'), KeyModifiers::CONTROL);
    assert!(screen(&app).contains("Saved the review of Ben Carter."), "{}", screen(&app));
    press(&mut app, KeyCode::Enter);
    let page = headless::render(&app, 100, 60).unwrap();
    assert!(page.contains("客户回访及时！") && page.contains("Earlier versions"), "{page}");
    press(&mut app, KeyCode::Esc);
    press(&mut app, KeyCode::Char('u'));
    press(&mut app, KeyCode::Enter);
    let page = headless::render(&app, 100, 60).unwrap();
    let strengths: Vec<&str> = page
        .lines()
        .skip_while(|l| !l.contains("│Strengths "))
        .skip(1)
        .take(2)
        .map(|l| l.trim_end_matches([' ', '│']))
        .collect();
    assert!(strengths[1].ends_with("│  客户回访及时"), "the text as it was before the edit: {page}");
}

/// Ticking an item of the checklist and recording a training, each one change `u` undoes.
#[test]
fn the_checklist_and_a_training_from_the_reviews_tab() {
    let mut app = app();
    press(&mut app, KeyCode::Char('6'));
    press(&mut app, KeyCode::Char('t'));
    assert!(screen(&app).contains("Training attended by Ben Carter"), "{}", screen(&app));
    press(&mut app, KeyCode::Tab);
    type_text(&mut app, "产品培训");
    press(&mut app, KeyCode::Tab);
    type_text(&mut app, "30");
    press(&mut app, KeyCode::Enter);
    assert!(screen(&app).contains("at most 24 hours"), "{}", screen(&app));
    press(&mut app, KeyCode::Backspace);
    press(&mut app, KeyCode::Backspace);
    type_text(&mut app, "1.5");
    press(&mut app, KeyCode::Enter);
    assert!(screen(&app).contains("Ben Carter: 产品培训, 1.5 h on 23 Nov"), "{}", screen(&app));
    // The owner's own item, then ticked.
    press(&mut app, KeyCode::Char('o'));
    press(&mut app, KeyCode::Tab);
    press(&mut app, KeyCode::Tab);
    type_text(&mut app, "门店钥匙");
    press(&mut app, KeyCode::Enter);
    assert!(screen(&app).contains("Added 门店钥匙 to Ben Carter's onboarding"), "{}", screen(&app));
    let s = screen(&app);
    assert!(s.contains("Onboarding: 4 of 5 done, open: 门店钥匙 · training: 1, latest 23 Nov 产品培训 (1.5 h)"), "{s}");
    press(&mut app, KeyCode::Char('o'));
    assert!(screen(&app).contains("[ ] 门店钥匙"), "the open item comes first: {}", screen(&app));
    // Another item chosen shows its own day; back on the open one, today.
    press(&mut app, KeyCode::Left);
    assert!(screen(&app).contains("2025-09-07"), "{}", screen(&app));
    press(&mut app, KeyCode::Right);
    assert!(screen(&app).contains("2026-11-23") && !screen(&app).contains("2025-09-07"), "{}", screen(&app));
    press(&mut app, KeyCode::Enter);
    assert!(screen(&app).contains("Ben Carter: 门店钥匙 done on 23 Nov"), "{}", screen(&app));
    assert!(screen(&app).contains("Onboarding: 5 of 5 done"), "{}", screen(&app));
    press(&mut app, KeyCode::Char('u'));
    assert!(screen(&app).contains("Onboarding: 4 of 5 done"), "{}", screen(&app));
}

/// The auto-fill's key says the solver is at work before it runs (the screen is drawn with
/// that line first), and the proposal then replaces the line; no other key does.
#[test]
fn the_fill_says_it_is_working_until_its_plan_is_shown() {
    let mut app = app();
    let a = KeyEvent::new(KeyCode::Char('a'), KeyModifiers::NONE);
    assert!(!app.working(&a), "not on the leads tab");
    press(&mut app, KeyCode::Char('2'));
    assert!(app.working(&a));
    assert!(screen(&app).contains("Finding the best week… (up to 2 s)"), "{}", screen(&app));
    assert!(!app.working(&KeyEvent::new(KeyCode::Char('n'), KeyModifiers::NONE)));
    app.on_key(a);
    let after = screen(&app);
    assert!(!after.contains("Finding the best week"), "{after}");
    // With the proposal open, the key is the popup's, and starts nothing.
    assert!(!app.working(&a));
}
